#include "server.h"

#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cinttypes>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <random>

#include "env.h"
#include "libnet/log.h"
#include "libnet/socket.h"
#include "spawn.h"

namespace inetd {

namespace {

constexpr int accepts_per_round = 16;
constexpr int datagrams_per_round = 64;
// How often sockets that could not be opened (a port in use) are tried
// again; a SIGHUP tries them at once.
constexpr auto retry_interval = std::chrono::seconds(30);
// Descriptors left free beside the listening sockets: connections being
// handed over, internal services' connections, children's status pipes,
// inetd's own files.
constexpr rlim_t descriptor_reserve = 128;

double
seconds_since(net::time_point start, net::time_point now)
{
	return std::chrono::duration<double>(now - start).count();
}

// The datagram at the head of fd's queue, left there for the child.
std::optional<net::datagram_info>
peek_head(int fd)
{
	std::uint8_t b[1];
	auto d = net::recv_datagram(fd, b, MSG_PEEK | MSG_DONTWAIT);
	if (!d)
		return std::nullopt;
	return *d;
}

datagram_id
id_of(const net::datagram_info &d)
{
	return datagram_id{d.received.value_or(timespec{}), d.peer};
}

// True when the datagram id is still at the head of fd's queue.
bool
still_queued(int fd, const datagram_id &id)
{
	auto d = peek_head(fd);
	return d && id_of(*d) == id;
}

// Sockets handed to children must block (the flag is shared with the
// child's descriptor); the ones inetd alone reads must not.
bool
listener_nonblocking(const service_spec &s)
{
	if (s.builtin)
		return true;
	return s.is_stream() && !s.wait;
}

std::string
describe_exit(int status)
{
	if (WIFEXITED(status))
		return "exited " + std::to_string(WEXITSTATUS(status));
	if (WIFSIGNALED(status))
		return std::string("killed by signal ") +
		    std::to_string(WTERMSIG(status)) +
		    (WCOREDUMP(status) ? " (core dumped)" : "");
	return "stopped";
}

// IPv6 wildcard sockets of plain tcp/udp lines are a bonus: a host
// without IPv6 still serves the IPv4 side.  True when the socket failed
// for want of IPv6 and can go.
bool
optional_v6(const service_spec &s, const listener &l, int err)
{
	using net::inetd_proto;
	bool no_ipv6 = err == EAFNOSUPPORT || err == EADDRNOTAVAIL ||
	    err == EPROTONOSUPPORT;
	return no_ipv6 && !l.bind.is_unix() && l.bind.ep.addr.is_v6() &&
	    l.bind.ep.addr.is_unspecified() &&
	    (s.proto == inetd_proto::tcp || s.proto == inetd_proto::udp);
}

} // namespace

descriptor_plan
plan_descriptors(std::size_t n, rlim_t soft, rlim_t hard)
{
	descriptor_plan p;
	rlim_t want = static_cast<rlim_t>(n) + descriptor_reserve;
	p.soft = want > soft ? std::min(want, hard) : soft;
	// A small limit keeps half of itself free rather than all of it.
	rlim_t reserve = std::min(descriptor_reserve, p.soft / 2);
	p.sockets = static_cast<std::size_t>(
	    std::min(static_cast<rlim_t>(n), p.soft - reserve));
	return p;
}

bool
datagram_id::operator==(const datagram_id &o) const
{
	return received.tv_sec == o.received.tv_sec &&
	    received.tv_nsec == o.received.tv_nsec && peer == o.peer;
}


server::server(net::event_loop &loop, server_options opts)
    : loop_(loop), opts_(std::move(opts)), tz_(std::getenv("TZ"))
{
}

server::~server()
{
	stop();
}

// Connections and server exits are logged with -l, and with -d as debug
// lines.
bool
server::conn_logged() const
{
	return opts_.log_connections || net::log_debug_enabled();
}

net::log_level
server::conn_level() const
{
	return opts_.log_connections ? net::log_level::info
				     : net::log_level::debug;
}

server::service_ptr
server::make_service(service_spec spec)
{
	auto svc = std::make_shared<service>();
	svc->spec = std::move(spec);
	svc->pacer = spawn_pacer(opts_.spawn_rate);
	svc->resume_timer = net::timer(loop_);
	svc->pause_summary = net::timer(loop_);
	svc->refusal_summary = net::timer(loop_);
	for (const auto &b : svc->spec.binds) {
		listener l;
		l.bind = b;
		svc->listeners.push_back(std::move(l));
	}
	return svc;
}

void
server::apply_socket_options(const service &svc, int fd)
{
	if (svc.spec.sndbuf > 0)
		setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &svc.spec.sndbuf,
		    sizeof svc.spec.sndbuf);
	if (svc.spec.rcvbuf > 0)
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &svc.spec.rcvbuf,
		    sizeof svc.spec.rcvbuf);
	(void)net::set_nonblocking(fd, listener_nonblocking(svc.spec));
	if (!svc.spec.is_stream() && !svc.spec.builtin) {
		// The receive time tells the datagram a child was started
		// for from the ones queued behind it.
		int on = 1;
		setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof on);
	}
}

bool
server::open_listener(service &svc, listener &l, bool at_start, int *err)
{
	net::socket_options o;
	o.backlog = opts_.backlog;
	o.sndbuf = svc.spec.sndbuf;
	o.rcvbuf = svc.spec.rcvbuf;
	o.v6only = l.bind.v6only;
	o.nonblock = listener_nonblocking(svc.spec);
	o.protocol = svc.spec.is_stream() ? tcp_protocol_ : udp_protocol_;
	net::result<net::unique_fd> fd = net::error{};
	bool no_room = listeners_open_ >= listener_budget_;
	if (no_room)
		fd = net::fail(EMFILE, l.bind.str() + ": not opened");
	else if (l.bind.is_unix())
		fd = net::unix_listen(l.bind.path, 0666, o);
	else if (svc.spec.is_stream())
		fd = net::tcp_listen(l.bind.ep, o);
	else
		fd = net::udp_bind(l.bind.ep, o);
	if (!fd) {
		if (err != nullptr)
			*err = fd.err().code;
		// Sockets past the open-files limit were reported together
		// (fit_descriptors); one that can go is warned about by the
		// caller.
		bool quiet = no_room || optional_v6(svc.spec, l, fd.err().code);
		if (!l.failed || at_start)
			net::log_msg(quiet ? net::log_level::debug
					   : net::log_level::err,
			    "%s: %s (%s); tried again every %llds and on "
			    "SIGHUP",
			    svc.spec.name.c_str(), fd.err().message().c_str(),
			    svc.spec.where().c_str(),
			    static_cast<long long>(retry_interval.count()));
		l.failed = true;
		return false;
	}
	apply_socket_options(svc, fd->get());
	if (l.failed)
		net::log_notice("%s: now listening on %s",
		    svc.spec.name.c_str(), l.bind.str().c_str());
	else
		net::log_debug("%s: listening on %s (%s)",
		    svc.spec.name.c_str(), l.bind.str().c_str(),
		    svc.spec.where().c_str());
	l.fd = std::move(*fd);
	l.failed = false;
	listeners_open_++;
	return true;
}

void
server::close_listener(listener &l)
{
	if (l.pending_timer != 0) {
		loop_.cancel_timer(l.pending_timer);
		l.pending_timer = 0;
	}
	if (!l.fd.valid())
		return;
	loop_.unwatch(l.fd.get());
	l.fd.reset();
	listeners_open_--;
	if (l.bind.is_unix())
		unlink(l.bind.path.c_str());
}

void
server::watch_listener(const service_ptr &svc, std::size_t idx)
{
	int fd = svc->listeners[idx].fd.get();
	loop_.watch(fd, POLLIN, [this, svc, idx](short) { on_ready(svc, idx); });
}

bool
server::at_capacity(const service &svc) const
{
	return inetd::at_capacity(svc.spec, svc.children, svc.conns,
	    opts_.builtin_max);
}

void
server::update_watch(service &svc)
{
	bool on = !svc.removed && !svc.pacer.paused() && !at_capacity(svc);
	for (auto &l : svc.listeners)
		if (l.fd.valid())
			loop_.set_events(l.fd.get(),
			    on && l.owner == 0 && l.pending_child == 0 ? POLLIN
								       : 0);
}

// Opens a new service's sockets and watches those that opened; the others
// are tried again later.
void
server::open_service(const service_ptr &svc, bool at_start)
{
	bool failed = false;
	for (std::size_t i = 0; i < svc->listeners.size();) {
		listener &l = svc->listeners[i];
		int err = 0;
		if (open_listener(*svc, l, at_start, &err)) {
			i++;
			continue;
		}
		if (optional_v6(svc->spec, l, err)) {
			net::log_warn("%s: no IPv6 here, serving IPv4 only",
			    svc->spec.name.c_str());
			svc->listeners.erase(svc->listeners.begin() +
			    static_cast<std::ptrdiff_t>(i));
			continue;
		}
		failed = true;
		i++;
	}
	for (std::size_t i = 0; i < svc->listeners.size(); i++)
		if (svc->listeners[i].fd.valid())
			watch_listener(svc, i);
	update_watch(*svc);
	if (failed && retry_timer_ == 0)
		retry_timer_ = loop_.add_timer(retry_interval,
		    [this] { retry_failed(); });
}

// Raises the soft open-files limit to what the listening sockets need,
// as far as the hard limit allows; what does not fit is not opened, so
// that connections still find descriptors.
void
server::fit_descriptors(std::size_t sockets)
{
	rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
		return;
	descriptor_plan p = plan_descriptors(sockets, rl.rlim_cur,
	    rl.rlim_max);
	if (p.soft > rl.rlim_cur) {
		rlimit raised{p.soft, rl.rlim_max};
		if (setrlimit(RLIMIT_NOFILE, &raised) == 0) {
			if (!child_open_files_)
				child_open_files_ = rl.rlim_cur;
			net::log_debug("open-files limit raised from %llu to "
				       "%llu for %zu listening sockets",
			    static_cast<unsigned long long>(rl.rlim_cur),
			    static_cast<unsigned long long>(p.soft), sockets);
		} else {
			net::log_err("open-files limit: cannot raise it to "
				     "%llu: %s",
			    static_cast<unsigned long long>(p.soft),
			    std::strerror(errno));
			p = plan_descriptors(sockets, rl.rlim_cur,
			    rl.rlim_cur);
		}
	}
	listener_budget_ = p.sockets;
	if (p.sockets < sockets)
		net::log_err("open-files limit: the hard limit of %llu leaves "
			     "room for %zu of the %zu listening sockets, the "
			     "rest are not opened (raise the hard limit: "
			     "ulimit -Hn, LimitNOFILE=)",
		    static_cast<unsigned long long>(rl.rlim_max), p.sockets,
		    sockets);
}

void
server::start(config c)
{
	access_ = std::move(c.access);
	tcp_protocol_ = c.tcp_protocol;
	udp_protocol_ = c.udp_protocol;
	std::size_t sockets = 0;
	for (const auto &spec : c.services)
		sockets += spec.binds.size();
	fit_descriptors(sockets);
	for (auto &spec : c.services) {
		auto svc = make_service(std::move(spec));
		open_service(svc, true);
		services_.push_back(std::move(svc));
	}
	internal_udp_ports_ = internal_udp_ports();
	net::log_debug("started with %zu services", services_.size());
}

std::set<std::uint16_t>
server::internal_udp_ports() const
{
	std::set<std::uint16_t> ports;
	for (const auto &svc : services_)
		if (svc->spec.builtin && !svc->spec.is_stream())
			for (const auto &b : svc->spec.binds)
				ports.insert(b.ep.port);
	return ports;
}

void
server::on_ready(const service_ptr &svc, std::size_t idx)
{
	if (svc->removed || idx >= svc->listeners.size())
		return;
	listener &l = svc->listeners[idx];
	if (!l.fd.valid())
		return;
	if (svc->spec.builtin && !svc->spec.is_stream())
		on_builtin_dgram(svc, l);
	else if (svc->spec.builtin || (svc->spec.is_stream() && !svc->spec.wait))
		on_stream_nowait(svc, l);
	else
		on_socket_child(svc, idx);
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

void
server::log_resumed(const service &svc, unsigned more)
{
	if (more > 0)
		net::log_notice("%s: resumed (paused %u more times since the "
				"last message)",
		    svc.spec.name.c_str(), more);
	else
		net::log_notice("%s: resumed", svc.spec.name.c_str());
}

void
server::refuse(service &svc, const std::string &peer, const char *why,
    const std::string &where, net::log_level level)
{
	counted_log::note n = svc.refusal_log.on_event(loop_.now());
	if (n.summary_at)
		svc.refusal_summary.start(*n.summary_at, [&svc] {
			if (unsigned k = svc.refusal_log.summary())
				net::log_warn("%s: %u more refused",
				    svc.spec.name.c_str(), k);
		});
	if (!n.log)
		return;
	std::string more = n.more > 0
	    ? " (" + std::to_string(n.more) + " more refused)"
	    : "";
	if (!where.empty())
		net::log_msg(level, "%s: refused connect from %s (%s)%s",
		    svc.spec.name.c_str(), peer.c_str(), where.c_str(),
		    more.c_str());
	else
		net::log_warn("%s: refused %s: %s%s", svc.spec.name.c_str(),
		    peer.c_str(), why, more.c_str());
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
				(void)spawn(svc, conn->get(), {});
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
		if (spawn(svc, conn->get(), si) == 0)
			svc->sources.release(peer.addr, loop_.now());
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
		    loop_.add_timer(net::duration::zero(), [dead] {});
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

void
server::on_builtin_dgram(const service_ptr &svc, listener &l)
{
	static std::minstd_rand rng(static_cast<unsigned>(std::time(nullptr)));
	std::uint8_t buf[65536];
	builtin_kind kind = *svc->spec.builtin;
	for (int i = 0; i < datagrams_per_round && l.fd.valid(); i++) {
		auto d = net::recv_datagram(l.fd.get(), buf, MSG_DONTWAIT);
		if (!d) {
			if (d.err().code != EAGAIN && d.err().code != EWOULDBLOCK)
				net::log_debug("%s: %s", svc->spec.name.c_str(),
				    d.err().message().c_str());
			return;
		}
		svc->count.connections++;
		std::string peer_text = d->peer.str();
		if (kind != builtin_kind::discard &&
		    !udp_reply_allowed(d->peer.port, internal_udp_ports_)) {
			svc->count.refused_limit++;
			refuse(*svc, peer_text,
			    "source port could start a reply loop", "");
			continue;
		}
		auto decision = check_access(access_, svc->spec.daemon_name,
		    d->peer.addr, d->local);
		if (!decision.granted) {
			svc->count.refused_access++;
			refuse(*svc, peer_text, "", decision.where(),
			    refusal_level(decision));
			continue;
		}
		if (!source_admitted(*svc, d->peer.addr,
			admit_datagram(svc->sources, d->peer.addr, loop_.now(),
			    limits_for(svc->spec, opts_.source_max,
				opts_.source_rate))))
			continue;
		std::string reply;
		switch (kind) {
		case builtin_kind::echo:
			reply.assign(reinterpret_cast<char *>(buf), d->size);
			break;
		case builtin_kind::discard:
			continue;
		case builtin_kind::chargen: {
			// RFC 864: a datagram of 0 to 512 characters.
			std::uint64_t pos = rng() % 95 * 74;
			chargen_fill(reply, rng() % 513, &pos);
			break;
		}
		case builtin_kind::daytime:
			reply = daytime_text(std::time(nullptr));
			break;
		case builtin_kind::time:
			reply = time_bytes(std::time(nullptr));
			break;
		}
		auto sent = net::send_datagram(l.fd.get(),
		    {reinterpret_cast<const std::uint8_t *>(reply.data()),
			reply.size()},
		    d->peer, d->local, d->ifindex);
		if (!sent)
			net::log_debug("%s: %s", svc->spec.name.c_str(),
			    sent.err().message().c_str());
	}
}

void
server::on_socket_child(const service_ptr &svc, std::size_t idx)
{
	listener &l = svc->listeners[idx];
	if (at_capacity(*svc)) {
		update_watch(*svc);
		return;
	}
	if (!rate_allows(svc))
		return;
	start_info si;
	si.listener = idx;
	if (!svc->spec.is_stream()) {
		// Who sent the first datagram, without taking it: the child
		// must find it still queued.
		auto d = peek_head(l.fd.get());
		if (!d)
			return;
		svc->count.connections++;
		if (!dgram_admitted(svc, l, *d, &si.check_in_child))
			return;
		si.remote = d->peer;
		si.local = net::endpoint{d->local.value_or(l.bind.ep.addr),
		    l.bind.ep.port};
		si.datagram = id_of(*d);
	} else {
		svc->count.connections++;
	}
	pid_t pid = spawn(svc, l.fd.get(), si);
	if (pid == 0) {
		if (si.remote)
			svc->sources.release(si.remote->addr, loop_.now());
		return;
	}
	if (svc->spec.wait) {
		l.owner = pid;
	} else {
		l.pending_child = pid;
		l.pending = *si.datagram;
		poll_pending(svc, idx, 0);
	}
	update_watch(*svc);
}

// The access rules and the per-source limits for the datagram that would
// start a child; a refused one is taken off the queue, or it would be
// refused again and again.  A rule with options that act in the server's
// process leaves the decision to the child (*in_child).
bool
server::dgram_admitted(const service_ptr &svc, listener &l,
    const net::datagram_info &d, bool *in_child)
{
	auto decision = check_access(access_, svc->spec.daemon_name,
	    d.peer.addr, d.local);
	*in_child = needs_child(decision);
	bool ok = decision.granted || *in_child;
	if (!ok) {
		svc->count.refused_access++;
		refuse(*svc, net::endpoint{d.peer.addr.unmapped(), d.peer.port}
				 .str(),
		    "", decision.where(), refusal_level(decision));
	} else {
		ok = admit_source(*svc, d.peer.addr);
	}
	if (!ok) {
		std::uint8_t b;
		(void)recv(l.fd.get(), &b, 1, MSG_DONTWAIT);
	}
	return ok;
}

void
server::poll_pending(const service_ptr &svc, std::size_t idx, int attempt)
{
	listener &l = svc->listeners[idx];
	l.pending_timer = 0;
	if (l.pending_child == 0 || svc->removed || !l.fd.valid())
		return;
	// The child has its datagram once it is gone from the head of the
	// queue; there is no event for that, so look, often at first.
	if (attempt == 0 || still_queued(l.fd.get(), l.pending)) {
		l.pending_timer = loop_.add_timer(pending_check_delay(attempt),
		    [this, svc, idx, attempt] {
			    poll_pending(svc, idx, attempt + 1);
		    });
		return;
	}
	l.pending_child = 0;
	update_watch(*svc);
}

void
server::drop_unread(service &svc, listener &l, pid_t pid,
    const datagram_id &id)
{
	// A server that exits without reading the datagram it was started
	// for would leave it to start the next server, and the next.
	if (!l.fd.valid() || !still_queued(l.fd.get(), id))
		return;
	std::uint8_t b;
	if (recv(l.fd.get(), &b, 1, MSG_DONTWAIT) >= 0)
		net::log_warn("%s: pid %d exited without reading its "
			      "datagram; datagram dropped",
		    svc.spec.name.c_str(), static_cast<int>(pid));
}

pid_t
server::spawn(const service_ptr &svc, int sock, const start_info &info)
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
	auto r = spawn_child(req);
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

void
server::watch_status(int fd, std::string name)
{
	status_fds_[fd] = net::unique_fd(fd);
	loop_.watch(fd, POLLIN, [this, fd, name](short) {
		char buf[512];
		ssize_t n = read(fd, buf, sizeof buf);
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			return;
		if (n > 0)
			net::log_err("%s: %s", name.c_str(),
			    net::printable({buf, static_cast<std::size_t>(n)})
				.c_str());
		loop_.unwatch(fd);
		status_fds_.erase(fd);
	});
}

void
server::reap_children()
{
	int status;
	pid_t pid;
	while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
		child_exited(pid, status);
}

void
server::child_exited(pid_t pid, int status)
{
	auto it = children_.find(pid);
	if (it == children_.end())
		return;
	child_rec rec = std::move(it->second);
	children_.erase(it);
	service_ptr svc = rec.svc;
	svc->children--;
	if (rec.source)
		svc->sources.release(*rec.source, loop_.now());
	double took = seconds_since(rec.start, net::mono_clock::now());
	bool crashed = WIFSIGNALED(status) && WTERMSIG(status) != SIGPIPE &&
	    WTERMSIG(status) != SIGTERM && WTERMSIG(status) != SIGHUP;
	if (conn_logged() || crashed)
		net::log_msg(crashed ? net::log_level::warning : conn_level(),
		    "%s: pid %d %s after %.3fs", svc->spec.name.c_str(),
		    static_cast<int>(pid), describe_exit(status).c_str(), took);
	if (rec.listener < svc->listeners.size()) {
		listener &l = svc->listeners[rec.listener];
		if (l.owner == pid)
			l.owner = 0;
		if (l.pending_child == pid) {
			if (l.pending_timer != 0)
				loop_.cancel_timer(l.pending_timer);
			l.pending_timer = 0;
			l.pending_child = 0;
		}
		if (rec.datagram)
			drop_unread(*svc, l, pid, *rec.datagram);
	}
	if (!svc->removed) {
		update_watch(*svc);
		return;
	}
	if (svc->children == 0 && svc->conns == 0)
		std::erase(retired_, svc);
}

void
server::retry_failed()
{
	if (retry_timer_ != 0)
		loop_.cancel_timer(retry_timer_);
	retry_timer_ = 0;
	bool pending = false;
	for (auto &svc : services_)
		for (std::size_t i = 0; i < svc->listeners.size(); i++) {
			listener &l = svc->listeners[i];
			if (!l.failed)
				continue;
			if (open_listener(*svc, l, false)) {
				watch_listener(svc, i);
				update_watch(*svc);
			} else {
				pending = true;
			}
		}
	if (pending)
		retry_timer_ = loop_.add_timer(retry_interval,
		    [this] { retry_failed(); });
}

void
server::reload()
{
	std::vector<net::diagnostic> diags;
	auto c = load_config(opts_.paths, diags);
	for (const auto &d : diags)
		net::log_msg(d.level == net::severity::error
			? net::log_level::err
			: net::log_level::warning,
		    "%s", d.str().c_str());
	if (!c) {
		net::log_err("reload: errors in the configuration; the running "
			     "one stays");
		// A SIGHUP is also how an administrator says a port is free
		// again.
		retry_failed();
		return;
	}
	access_ = std::move(c->access);
	tcp_protocol_ = c->tcp_protocol;
	udp_protocol_ = c->udp_protocol;
	std::vector<const service_spec *> old;
	for (const auto &svc : services_)
		old.push_back(&svc->spec);
	reload_plan plan = plan_reload(old, c->services, c->unusable);

	// Removed first, so their ports are free for what is added.
	for (std::size_t i : plan.removed) {
		service_ptr svc = services_[i];
		svc->removed = true;
		for (auto &l : svc->listeners)
			close_listener(l);
		svc->resume_timer.cancel();
		svc->pause_summary.cancel();
		net::log_notice("%s: removed", svc->spec.name.c_str());
		if (svc->children > 0 || svc->conns > 0)
			retired_.push_back(svc);
	}
	std::size_t sockets = 0;
	for (const auto &spec : c->services)
		sockets += spec.binds.size();
	for (const auto &[i, where] : plan.unchanged)
		sockets += services_[i]->listeners.size();
	fit_descriptors(sockets);
	std::vector<service_ptr> next;
	unsigned changed = 0;
	for (auto [i, j] : plan.kept) {
		service_ptr svc = services_[i];
		if (compare_specs(svc->spec, c->services[j]).changed())
			changed++;
		apply_changes(*svc, std::move(c->services[j]));
		next.push_back(svc);
	}
	// A line that no longer works (a program uninstalled, a user
	// deleted, a typing mistake) does not take its running service
	// down with it.
	for (const auto &[i, where] : plan.unchanged) {
		service_ptr svc = services_[i];
		net::log_warn("%s: the line at %s cannot be used; the service "
			      "runs on as before (%s)",
		    svc->spec.name.c_str(), where.c_str(),
		    svc->spec.where().c_str());
		next.push_back(svc);
	}
	std::size_t first_added = next.size();
	for (std::size_t j : plan.added) {
		auto svc = make_service(std::move(c->services[j]));
		net::log_notice("%s: added (%s)", svc->spec.name.c_str(),
		    svc->spec.where().c_str());
		next.push_back(std::move(svc));
	}
	services_ = std::move(next);
	// Sockets that waited for their port first, then the new ones.
	retry_failed();
	for (std::size_t k = first_added; k < services_.size(); k++)
		open_service(services_[k], true);
	internal_udp_ports_ = internal_udp_ports();
	std::string more;
	if (std::size_t n = std::count_if(diags.begin(), diags.end(),
		[](const net::diagnostic &d) {
			return d.level == net::severity::error;
		}))
		more += ", " + std::to_string(n) +
		    (n == 1 ? " line" : " lines") + " left out";
	if (std::size_t n = plan.unchanged.size())
		more += ", " + std::to_string(n) +
		    (n == 1 ? " kept as it was" : " kept as they were");
	net::log_notice("reloaded %s: %zu services, %zu added, %zu removed, "
			"%u changed%s",
	    opts_.paths.config.c_str(), services_.size(), plan.added.size(),
	    plan.removed.size(), changed, more.c_str());
}

// A kept service takes its new entry in place: its sockets, pending
// connections and running children stay.
void
server::apply_changes(service &svc, service_spec next)
{
	spec_change c = compare_specs(svc.spec, next);
	svc.spec = std::move(next);
	if (c.changed()) {
		std::string what;
		for (const auto &f : c.fields)
			what += (what.empty() ? "" : ", ") + f;
		net::log_notice("%s: changed (%s: %s)", svc.spec.name.c_str(),
		    svc.spec.where().c_str(), what.c_str());
	}
	// A buffer size dropped from the line stays set on the open
	// socket (Linux has no "back to automatic"); a new socket, after
	// the service is removed and added again, has the default
	// (inetd.conf.5 says so).
	if (c.socket_options)
		for (auto &l : svc.listeners)
			if (l.fd.valid())
				apply_socket_options(svc, l.fd.get());
	update_watch(svc);
}

void
server::dump_state()
{
	net::time_point now = net::mono_clock::now();
	net::log_notice("state: %zu services, %zu children, %zu internal "
			"connections, %zu descriptors watched",
	    services_.size(), children_.size(), conns_.size(),
	    loop_.watch_count());
	auto one = [&](const service &svc) {
		const char *state = svc.removed ? "removed"
		    : svc.pacer.paused()	   ? "paused (rate)"
		    : at_capacity(svc)		   ? "paused (at max)"
						   : "listening";
		std::string socks;
		for (const auto &l : svc.listeners) {
			socks += (socks.empty() ? "" : " ") + l.bind.str();
			if (l.failed)
				socks += "(failed)";
			else if (l.owner != 0)
				socks += "(owned by pid " +
				    std::to_string(l.owner) + ")";
			else if (l.pending_child != 0)
				socks += "(datagram for pid " +
				    std::to_string(l.pending_child) + ")";
		}
		net::log_notice("service %s [%s] %s: %u children, %u "
				"connections open; %llu connections, %llu "
				"spawned, %llu refused by access, %llu refused "
				"by limits, %llu failed, %llu pauses; %s",
		    svc.spec.name.c_str(), svc.spec.where().c_str(), state,
		    svc.children, svc.conns, svc.count.connections,
		    svc.count.spawned, svc.count.refused_access,
		    svc.count.refused_limit, svc.count.failed,
		    svc.count.pauses, socks.c_str());
	};
	for (const auto &svc : services_)
		one(*svc);
	for (const auto &svc : retired_)
		one(*svc);
	for (const auto &[pid, rec] : children_)
		net::log_notice("child %d: %s%s%s, running %.1fs",
		    static_cast<int>(pid), rec.svc->spec.name.c_str(),
		    rec.peer.empty() ? "" : " from ", rec.peer.c_str(),
		    seconds_since(rec.start, now));
}

void
server::stop()
{
	for (auto &svc : services_) {
		svc->removed = true;
		for (auto &l : svc->listeners)
			close_listener(l);
		svc->resume_timer.cancel();
		svc->pause_summary.cancel();
	}
	conns_.clear();
	for (auto &[fd, owned] : status_fds_)
		loop_.unwatch(fd);
	status_fds_.clear();
	if (retry_timer_ != 0) {
		loop_.cancel_timer(retry_timer_);
		retry_timer_ = 0;
	}
}

} // namespace inetd
