#include "libnet/sockopt.h"

#include <net/if.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>

namespace net {

namespace {

result<void>
membership(int fd, const address &group, int ifindex, bool join)
{
	if (!group.is_multicast())
		return fail(EINVAL, group.str() + ": not a multicast group");
	if (group.is_v4()) {
		ip_mreqn mr{};
		std::memcpy(&mr.imr_multiaddr, group.bytes(), 4);
		mr.imr_ifindex = ifindex;
		if (setsockopt(fd, IPPROTO_IP,
			join ? IP_ADD_MEMBERSHIP : IP_DROP_MEMBERSHIP, &mr,
			sizeof mr) != 0)
			return fail((join ? "join " : "leave ") + group.str());
		return {};
	}
	ipv6_mreq mr{};
	std::memcpy(&mr.ipv6mr_multiaddr, group.bytes(), 16);
	mr.ipv6mr_interface = static_cast<unsigned>(ifindex);
	if (setsockopt(fd, IPPROTO_IPV6,
		join ? IPV6_ADD_MEMBERSHIP : IPV6_DROP_MEMBERSHIP, &mr,
		sizeof mr) != 0)
		return fail((join ? "join " : "leave ") + group.str());
	return {};
}

} // namespace

result<void>
set_int_option(int fd, int level, int name, int value, const char *what)
{
	if (setsockopt(fd, level, name, &value, sizeof value) != 0)
		return fail(what);
	return {};
}

result<void>
set_broadcast(int fd, bool on)
{
	return set_int_option(fd, SOL_SOCKET, SO_BROADCAST, on, "SO_BROADCAST");
}

result<void>
join_group(int fd, const address &group, int ifindex)
{
	return membership(fd, group, ifindex, true);
}

result<void>
leave_group(int fd, const address &group, int ifindex)
{
	return membership(fd, group, ifindex, false);
}

result<void>
set_multicast_interface(int fd, int family, int ifindex)
{
	if (family == AF_INET) {
		ip_mreqn mr{};
		mr.imr_ifindex = ifindex;
		if (setsockopt(fd, IPPROTO_IP, IP_MULTICAST_IF, &mr,
			sizeof mr) != 0)
			return fail("IP_MULTICAST_IF");
		return {};
	}
	return set_int_option(fd, IPPROTO_IPV6, IPV6_MULTICAST_IF, ifindex,
	    "IPV6_MULTICAST_IF");
}

result<void>
set_multicast_hops(int fd, int family, int hops)
{
	if (family == AF_INET)
		return set_int_option(fd, IPPROTO_IP, IP_MULTICAST_TTL, hops,
		    "IP_MULTICAST_TTL");
	return set_int_option(fd, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, hops,
	    "IPV6_MULTICAST_HOPS");
}

result<void>
set_multicast_loop(int fd, int family, bool on)
{
	if (family == AF_INET)
		return set_int_option(fd, IPPROTO_IP, IP_MULTICAST_LOOP, on,
		    "IP_MULTICAST_LOOP");
	return set_int_option(fd, IPPROTO_IPV6, IPV6_MULTICAST_LOOP, on,
	    "IPV6_MULTICAST_LOOP");
}

result<void>
set_unicast_hops(int fd, int family, int hops)
{
	if (family == AF_INET)
		return set_int_option(fd, IPPROTO_IP, IP_TTL, hops, "IP_TTL");
	return set_int_option(fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS, hops,
	    "IPV6_UNICAST_HOPS");
}

result<void>
bind_to_device(int fd, const std::string &ifname)
{
	if (ifname.size() >= IFNAMSIZ)
		return fail(EINVAL, ifname + ": interface name too long");
	if (setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, ifname.c_str(),
		static_cast<socklen_t>(ifname.size())) != 0)
		return fail("SO_BINDTODEVICE " + ifname);
	return {};
}

std::size_t
raise_buffer(int fd, bool rcv, std::size_t want)
{
	int name = rcv ? SO_RCVBUF : SO_SNDBUF;
	auto current = [fd, name] {
		int v = 0;
		socklen_t len = sizeof v;
		if (getsockopt(fd, SOL_SOCKET, name, &v, &len) != 0 || v < 0)
			return std::size_t{0};
		return static_cast<std::size_t>(v);
	};
	if (current() >= want)
		return current();
	// The kernel doubles what it is given (the half it keeps for its
	// own overhead); want already counts that overhead.
	int v = static_cast<int>(std::min<std::size_t>((want + 1) / 2,
	    INT_MAX / 2));
	if (setsockopt(fd, SOL_SOCKET, rcv ? SO_RCVBUFFORCE : SO_SNDBUFFORCE,
		&v, sizeof v) != 0)
		(void)setsockopt(fd, SOL_SOCKET, name, &v, sizeof v);
	return current();
}

} // namespace net
