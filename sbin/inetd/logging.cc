// logging.cc: what inetd tells the log about its services: refusals and
// pauses as policy.h throttles them, connections with -l, and the state
// on SIGUSR1.
#include "server.h"

#include <string>

#include "libnet/log.h"

namespace inetd {

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

// A datagram an internal service answers is logged as a connection is
// (-l, or -d as a debug line), through the throttle refusals have.
void
server::log_datagram(service &svc, const std::string &peer)
{
	if (!conn_logged())
		return;
	counted_log::note n = svc.datagram_log.on_event(loop_.now());
	if (n.summary_at)
		svc.datagram_summary.start(*n.summary_at, [this, &svc] {
			if (unsigned k = svc.datagram_log.summary())
				net::log_msg(conn_level(),
				    "%s: %u more datagrams",
				    svc.spec.name.c_str(), k);
		});
	if (!n.log)
		return;
	std::string more = n.more > 0
	    ? " (" + std::to_string(n.more) + " more datagrams)"
	    : "";
	net::log_msg(conn_level(), "%s: internal datagram from %s%s",
	    svc.spec.name.c_str(), peer.c_str(), more.c_str());
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
		    std::chrono::duration<double>(now - rec.start).count());
}

} // namespace inetd
