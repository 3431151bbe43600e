// ping: send ICMP ECHO_REQUEST packets to network hosts (PING(1M) of the
// System V/386 TCP/IP manual, with the options iputils ping users know).
//
// One process, one event loop.  Start-up order: parse the command line,
// look up the user to become, open the ICMP socket(s) while privileged (a
// datagram socket within net.ipv4.ping_group_range, raw otherwise), give
// up every privilege, then resolve the host, check the route, and run the
// session until the count, the deadline or SIGINT ends it.
#include <net/if.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>

#include "libnet/cmdline.h"
#include "libnet/log.h"
#include "libnet/numparse.h"
#include "libnet/privdrop.h"
#include "libnet/resolve.h"
#include "libnet/rtnl.h"

#include "report.h"
#include "session.h"
#include "settings.h"
#include "transport.h"

namespace {

const char usage_text[] =
    "usage: ping [-46fnqRrv] [-c count] [-I interface] [-i interval]\n"
    "            [-l preload] [-p pattern] [-s packetsize] [-t ttl]\n"
    "            [-W timeout] [-w deadline] host [packetsize [count]]\n";

std::int64_t
seconds(const char *what, const char *arg)
{
	auto v = ping::parse_seconds(arg);
	if (!v)
		net::fatal(std::string("invalid ") + what + ": " +
		    net::printable(arg, 64));
	return *v;
}

ping::settings
parse_args(int argc, char **argv)
{
	ping::settings s;
	bool size_given = false, count_given = false;
	int c;
	while ((c = getopt(argc, argv, "46c:fI:i:l:np:qRrs:t:vW:w:")) != -1) {
		switch (c) {
		case '4':
			s.family = AF_INET;
			break;
		case '6':
			s.family = AF_INET6;
			break;
		case 'c':
			s.count = net::number_arg("count", optarg, 1, UINT32_MAX);
			count_given = true;
			break;
		case 'f':
			s.flood = true;
			break;
		case 'I':
			s.iface = optarg;
			break;
		case 'i':
			s.interval_us = seconds("interval", optarg);
			s.interval_given = true;
			break;
		case 'l':
			s.preload = static_cast<unsigned>(
			    net::number_arg("preload", optarg, 1, 65536));
			break;
		case 'n':
			s.numeric = true;
			break;
		case 'p':
			if (auto p = ping::parse_pattern(optarg))
				s.pattern = *p;
			else
				net::fatal("invalid pattern: " +
				    net::printable(optarg, 64) +
				    " (1 to 32 hex digits)");
			break;
		case 'q':
			s.quiet = true;
			break;
		case 'R':
			s.record_route = true;
			break;
		case 'r':
			s.dont_route = true;
			break;
		case 's':
			s.size = net::number_arg("packet size", optarg, 0, 65527);
			size_given = true;
			break;
		case 't':
			s.ttl = static_cast<int>(net::number_arg("ttl", optarg, 1, 255));
			break;
		case 'v':
			s.verbose = true;
			break;
		case 'W':
			s.linger_us = seconds("timeout", optarg);
			break;
		case 'w':
			s.deadline_us = seconds("deadline", optarg);
			if (*s.deadline_us == 0)
				net::fatal("invalid deadline: 0");
			break;
		default:
			net::usage_error();
		}
	}
	// The manual's form: host [packetsize [count]].
	int rest = argc - optind;
	if (rest < 1 || rest > 3)
		net::usage_error();
	s.host = argv[optind];
	if (rest >= 2 && !size_given)
		s.size = net::number_arg("packet size", argv[optind + 1], 0, 65527);
	if (rest == 3 && !count_given)
		s.count = net::number_arg("count", argv[optind + 2], 1, UINT32_MAX);
	if (s.flood && s.interval_given)
		net::fatal("-f and -i are mutually exclusive");
	if (s.flood)
		s.interval_us = 0;
	return s;
}

} // namespace

int
main(int argc, char **argv)
{
	net::log_init({"ping", 0, true, false});
	// Every error is 2, as iputils has it: 1 means no reply.
	net::set_fatal_status(2);
	net::set_usage(usage_text);
	net::handle_help(argc, argv);
	ping::settings s = parse_args(argc, argv);
	if (getuid() != 0)
		if (auto why = ping::needs_root(s))
			net::fatal(*why);
	if (s.host.empty())
		net::usage_error();

	auto nobody = net::lookup_unprivileged("nobody");
	if (!nobody)
		net::fatal(nobody.err().message());

	// -I is a source address or an interface name.
	std::optional<net::address> source = net::address::parse(s.iface);
	std::string device = source ? "" : s.iface;
	if (!device.empty() && if_nametoindex(device.c_str()) == 0)
		net::fatal(net::printable(device, 32) + ": no such interface");
	int family = s.family;
	auto literal = net::address_literal(s.host);
	if (literal)
		family = literal->family();
	if (source)
		family = source->family();
	if (s.family != AF_UNSPEC && family != s.family)
		net::fatal(net::printable(s.host, 256) +
		    ": Address family for hostname not supported");

	// Sockets first, while privileged; for a name, one of each family.
	std::optional<ping::transport> v4, v6;
	std::optional<net::error> v4_err, v6_err;
	if (family != AF_INET6) {
		auto t = ping::transport::open(AF_INET, device);
		if (t)
			v4.emplace(std::move(*t));
		else
			v4_err = t.err();
	}
	if (family != AF_INET) {
		auto t = ping::transport::open(AF_INET6, device);
		if (t)
			v6.emplace(std::move(*t));
		else
			v6_err = t.err();
	}
	if (auto r = net::give_up_privileges(*nobody); !r)
		net::fatal(r.err().message());

	net::resolve_options how;
	how.family = family;
	how.canonical_name = true;
	auto host = net::resolve(s.host, how);
	if (!host)
		net::fatal(host.err().message());
	int oif = device.empty()
	    ? 0
	    : static_cast<int>(if_nametoindex(device.c_str()));
	auto nl = net::netlink_socket::open();

	// The first address there is a socket and a way to, as iputils
	// takes them: it goes on to the next when there is no route.
	ping::target_info ti;
	ping::transport *t = nullptr;
	for (std::size_t i = 0; i < host->addresses.size() && t == nullptr; i++) {
		net::address target = host->addresses[i];
		bool last = i + 1 == host->addresses.size();
		bool is_v6 = target.is_v6();
		std::optional<ping::transport> &tr = is_v6 ? v6 : v4;
		if (!tr) {
			if (!last)
				continue;
			const net::error &e = *(is_v6 ? v6_err : v4_err);
			net::fatal(e.message() + (e.code == EPERM || e.code == EACCES
				? " (not in net.ipv4.ping_group_range and "
				  "no CAP_NET_RAW)"
				: ""));
		}
		// IPv4's "0" is this host: the kernel's source for it, as
		// iputils has it (IPv6's "::" the kernel sends to ::1 itself).
		if (target.is_v4() && target.is_unspecified())
			if (auto src = ping::route_source(target, device,
				source, false))
				target = *src;
		// The route now, so "no route" is an error rather than
		// silence.  With -r the routing table is not asked: a
		// destination off every attached network is the error, as
		// the kernel would refuse each request (IPv4); Linux has no
		// SO_DONTROUTE for IPv6, where a route through a gateway is
		// what is refused.
		int why = 0;
		std::optional<net::route> rt;
		if (!target.is_unspecified()) {
			int via = oif != 0
			    ? oif
			    : static_cast<int>(target.scope_id());
			auto r = nl ? net::get_route(*nl, target, via)
				    : net::result<net::route>(nl.err());
			if (r)
				rt = *r;
			if (!s.dont_route) {
				why = r ? 0 : r.err().code;
			} else if (target.is_v6()) {
				if (!r || r->gateway)
					why = ENETUNREACH;
			} else if (auto d = ping::route_source(target, device,
				       source, true);
				   !d) {
				why = d.err().code;
			}
		}
		if ((why == ENETUNREACH || why == EHOSTUNREACH) && !last)
			continue;
		// What connect(2) would say: no route, or one that rejects.
		if (why == ENETUNREACH || why == EHOSTUNREACH ||
		    why == EACCES || why == EINVAL)
			net::fatal(std::string("connect: ") + std::strerror(why));
		if (rt && rt->type == net::rtn::broadcast)
			net::fatal(net::printable(s.host, 256) + ": a broadcast "
			    "address; broadcast pings are not supported");
		if (!s.iface.empty()) {
			if (source)
				ti.from = source->str() + " ";
			else if (rt && rt->prefsrc)
				ti.from = rt->prefsrc->str() + " " + device;
			else
				ti.from = device;
		}
		ti.addr = target;
		t = &*tr;
	}
	if (t == nullptr)
		net::fatal(net::printable(s.host, 256) + ": no usable address");
	bool is_v6 = ti.addr.is_v6();
	(is_v6 ? v4 : v6).reset();
	if (s.record_route && is_v6)
		net::fatal("-R: record route is IPv4 only");
	if (s.size > ping::max_size(ti.addr.family(), s.record_route))
		net::fatal("packet size " + std::to_string(s.size) +
		    " is too large, maximum is " +
		    std::to_string(ping::max_size(ti.addr.family(),
			s.record_route)));

	// iputils names an IPv4 target as the resolver does, an IPv6 one as
	// typed; a flood looks no names up.
	ti.display = is_v6 ? s.host : host->canonical;
	ti.names = !s.numeric && !s.flood && !host->literal;
	if (auto r = t->configure(s, source); !r)
		net::fatal(r.err().message());
	if (s.verbose)
		net::log_info("socket: %s, id %u",
		    t->kind() == net::icmp_socket_kind::datagram
			? "icmp datagram"
			: "raw",
		    t->id());

	if (!s.pattern.empty())
		std::printf("%s\n", ping::pattern_line(s.pattern).c_str());
	std::printf("%s\n", ping::header_line(ti.display, ti.addr,
	    ti.names ? ping::lookup_name(ti.addr) : "", s.size,
	    s.record_route ? 40 : 0, ti.from).c_str());
	ping::session run(s, *t, ti);
	return run.run();
}
