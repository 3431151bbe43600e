// accept.cc: the way in for stream nowait services and every internal
// stream service: the spawn rate, accept, the access rules decided here,
// the per-source limits, then a server started (spawn, also the way every
// other server starts) or an internal connection served in the loop.
#include "server.h"

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

#include "env.h"
#include "libnet/log.h"
#include "libnet/socket.h"
#include "spawn.h"

namespace inetd {

namespace {

constexpr int accepts_per_round = 16;

} // namespace

void
server::on_stream_nowait(const service_ptr &svc, listener &l)
{
	bool builtin = svc->spec.builtin.has_value();
	for (int i = 0; i < accepts_per_round; i++) {
		if (svc->removed || !l.fd.valid())
			return;
		if (at_capacity(*svc)) {
			update_watch(*svc);
			return;
		}
		if (!builtin && !rate_allows(svc))
			return;
		net::endpoint peer;
		auto conn = net::accept_connection(l.fd.get(), &peer, builtin);
		if (!conn) {
			int e = conn.err().code;
			if (e == EAGAIN || e == EWOULDBLOCK)
				return;
			if (e == ECONNABORTED || e == EINTR || e == EPROTO)
				continue;
			// Out of descriptors or memory: back off briefly
			// rather than spin on a readable socket.
			net::log_err("%s: %s", svc->spec.name.c_str(),
			    conn.err().message().c_str());
			resume_at(svc, svc->pacer.hold(loop_.now(),
					   std::chrono::milliseconds(100)));
			update_watch(*svc);
			return;
		}
		svc->count.connections++;
		if (l.bind.is_unix()) {
			// Who may connect is up to the socket file's
			// permissions: there is no address to check or count.
			if (builtin)
				start_builtin(svc, std::move(*conn),
				    std::nullopt);
			else
				spawn_connection(svc, std::move(*conn), {});
			continue;
		}
		start_info si;
		si.remote = peer;
		if (auto local = net::local_endpoint(conn->get()))
			si.local = *local;
		std::optional<net::address> server_addr;
		if (si.local)
			server_addr = si.local->addr;
		// Numeric rules are decided here, before anything is spent
		// on the client; internal services look a name up here too,
		// external ones leave that to the child, which may block.
		std::optional<net::access_decision> d = builtin
		    ? std::optional(check_access(access_,
			  svc->spec.daemon_name, peer.addr, server_addr))
		    : check_access_by_address(access_, svc->spec.daemon_name,
			  peer.addr, server_addr);
		if (d && !d->granted) {
			svc->count.refused_access++;
			net::endpoint shown{peer.addr.unmapped(), peer.port};
			refuse(*svc, shown.str(), "", d->where(),
			    refusal_level(*d));
			continue;
		}
		si.check_in_child = !d;
		if (!admit_source(*svc, peer.addr))
			continue;
		if (builtin) {
			start_builtin(svc, std::move(*conn), peer.addr);
			continue;
		}
		spawn_connection(svc, std::move(*conn), si);
	}
}

void
server::start_builtin(const service_ptr &svc, net::unique_fd conn,
    const std::optional<net::address> &source)
{
	svc->conns++;
	auto c = std::make_unique<builtin_conn>(loop_, std::move(conn),
	    *svc->spec.builtin, opts_.builtin_idle, [this](builtin_conn *bc) {
		    // Deleting a connection from inside its own callback is
		    // not safe: it is parked and freed from a timer.
		    auto it = conns_.find(bc);
		    if (it == conns_.end())
			    return;
		    auto &[owner, info] = it->second;
		    auto &[s, src] = info;
		    s->conns--;
		    if (src)
			    s->sources.release(*src, loop_.now());
		    update_watch(*s);
		    std::shared_ptr<builtin_conn> dead(std::move(owner));
		    conns_.erase(it);
		    loop_.defer([dead] {});
	    });
	builtin_conn *raw = c.get();
	conns_.emplace(raw, std::pair{std::move(c), std::pair{svc, source}});
	raw->start();
	if (conn_logged())
		net::log_msg(conn_level(), "%s: internal connection from %s",
		    svc->spec.name.c_str(),
		    source ? source->unmapped().str().c_str()
			   : svc->spec.binds.front().str().c_str());
}

spawn_request
server::request_for(const service_ptr &svc, int sock,
    const start_info &info)
{
	const service_spec &spec = svc->spec;
	spawn_request req;
	req.program = spec.program;
	req.argv = spec.argv;
	std::optional<peer_info> peer;
	if (info.remote && info.local)
		peer = peer_info{*info.remote, *info.local, !spec.is_stream()};
	req.env = child_environment(spec.user, peer, tz_);
	req.sock = sock;
	req.user = &spec.user;
	req.group = spec.group;
	req.switch_user = geteuid() == 0;
	req.open_files = child_open_files_;
	if (info.check_in_child && info.remote) {
		child_context cc;
		cc.service = spec.name;
		cc.daemon = spec.daemon_name;
		cc.remote = *info.remote;
		cc.local = info.local;
		cc.sock = sock;
		cc.connection = spec.is_stream() && !spec.wait;
		cc.user = &spec.user;
		cc.group = spec.group;
		cc.switch_user = req.switch_user;
		cc.env = req.env;
		req.check = [this, cc](child_changes &ch) {
			return check_in_child(access_, cc, ch);
		};
	}
	return req;
}

pid_t
server::started(const service_ptr &svc, const start_info &info,
    net::result<net::spawn_result> &r)
{
	const service_spec &spec = svc->spec;
	if (!r) {
		svc->count.failed++;
		net::log_err("%s: %s", spec.name.c_str(),
		    r.err().message().c_str());
		return 0;
	}
	if (!r->failure.empty()) {
		// The child exists (and has exited): it is reaped as usual.
		svc->count.failed++;
		net::log_err("%s: %s", spec.name.c_str(), r->failure.c_str());
	}
	child_rec rec;
	rec.svc = svc;
	rec.start = loop_.now();
	if (info.remote) {
		rec.source = info.remote->addr;
		rec.peer = net::endpoint{info.remote->addr.unmapped(),
		    info.remote->port}
			       .str();
	}
	rec.listener = info.listener;
	rec.datagram = info.datagram;
	std::string peer_text = rec.peer;
	children_.emplace(r->pid, std::move(rec));
	svc->children++;
	svc->count.spawned++;
	svc->pacer.spawned(loop_.now());
	if (r->status.valid())
		watch_status(r->status.release(), spec.name);
	if (conn_logged()) {
		if (peer_text.empty())
			net::log_msg(conn_level(), "%s: pid %d",
			    spec.name.c_str(), static_cast<int>(r->pid));
		else
			net::log_msg(conn_level(), "%s: %s from %s pid %d",
			    spec.name.c_str(),
			    spec.is_stream() ? "connection" : "datagram",
			    peer_text.c_str(), static_cast<int>(r->pid));
	}
	return r->pid;
}

pid_t
server::spawn(const service_ptr &svc, int sock, const start_info &info)
{
	auto r = spawn_child(request_for(svc, sock, info));
	return started(svc, info, r);
}

void
server::spawn_connection(const service_ptr &svc, net::unique_fd conn,
    const start_info &info)
{
	// Counted as a child from now on, so the service's limits hold
	// while the spawner starts it; the connection stays open until then.
	svc->children++;
	auto sock = std::make_shared<net::unique_fd>(std::move(conn));
	spawner_.start(child_spec(request_for(svc, sock->get(), info)),
	    [this, svc, info, sock](net::result<net::spawn_result> r) {
		    svc->children--;
		    sock->reset();
		    pid_t pid = started(svc, info, r);
		    if (pid == 0 && info.remote)
			    svc->sources.release(info.remote->addr,
				loop_.now());
		    if (auto e = early_exits_.find(pid);
			e != early_exits_.end()) {
			    int status = e->second;
			    early_exits_.erase(e);
			    child_exited(pid, status);
		    }
		    if (spawner_.pending() == 0)
			    early_exits_.clear();
		    update_watch(*svc);
	    });
}

bool
server::rate_allows(const service_ptr &svc)
{
	net::time_point now = loop_.now();
	spawn_pacer::verdict v = svc->pacer.check(now);
	if (v.go)
		return true;
	if (!v.paused_now)
		return false;
	svc->count.pauses++;
	if (v.log) {
		std::string more = v.more > 0 ? " (paused " +
			std::to_string(v.more) +
			" more times since the last message)"
					      : "";
		net::log_warn("%s: more than %u spawns a minute, paused for "
			      "%.2fs%s",
		    svc->spec.name.c_str(), svc->pacer.per_minute(),
		    std::chrono::duration<double>(v.until - now).count(),
		    more.c_str());
	}
	resume_at(svc, v.until);
	update_watch(*svc);
	return false;
}

void
server::resume_at(const service_ptr &svc, net::time_point when)
{
	svc->resume_timer.start(when, [this, svc] { on_resume(svc); });
}

void
server::on_resume(const service_ptr &svc)
{
	if (svc->removed)
		return;
	spawn_pacer::resumption r = svc->pacer.resume(loop_.now());
	if (!r.resumed) {
		resume_at(svc, svc->pacer.paused_until());
		return;
	}
	if (r.log)
		log_resumed(*svc, r.more);
	// Make sure the pauses held back are told even if nothing else
	// happens.
	if (r.summary_at && !svc->pause_summary.pending())
		svc->pause_summary.start(*r.summary_at, [this, svc] {
			if (svc->removed)
				return;
			if (unsigned n = svc->pacer.summary(loop_.now()))
				log_resumed(*svc, n);
		});
	update_watch(*svc);
}

bool
server::admit_source(service &svc, const net::address &a)
{
	return source_admitted(svc, a,
	    inetd::admit_source(svc.sources, a, loop_.now(),
		limits_for(svc.spec, opts_.source_max, opts_.source_rate)));
}

// Counts and logs a refusal by the per-source limits.
bool
server::source_admitted(service &svc, const net::address &a,
    net::source_verdict v)
{
	if (v == net::source_verdict::admit)
		return true;
	svc.count.refused_limit++;
	refuse(svc, a.unmapped().str(), net::verdict_text(v), "");
	return false;
}

} // namespace inetd
