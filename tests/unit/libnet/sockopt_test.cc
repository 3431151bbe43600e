#include <net/if.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>
#include <string>

#include "libnet/rtnl.h"
#include "libnet/socket.h"
#include "libnet/sockopt.h"

#include "netns.h"
#include "tap.h"
#include "skip.h"

#include <CppUTest/TestHarness.h>

namespace {

// lo up, and able to carry multicast (it is not by default).
bool
loopback_multicast()
{
	auto nl = net::netlink_socket::open();
	if (!nl || !net::set_link_up(*nl, 1, true).ok())
		return false;
	int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	ifreq ifr{};
	std::strcpy(ifr.ifr_name, "lo");
	bool ok = ioctl(s, SIOCGIFFLAGS, &ifr) == 0;
	ifr.ifr_flags |= IFF_MULTICAST;
	ok = ok && ioctl(s, SIOCSIFFLAGS, &ifr) == 0;
	close(s);
	return ok;
}

net::unique_fd
udp(int family)
{
	return net::unique_fd(socket(family, SOCK_DGRAM | SOCK_CLOEXEC, 0));
}

// True when fd has a datagram within ms.
bool
readable(int fd, int ms)
{
	pollfd p{fd, POLLIN, 0};
	return poll(&p, 1, ms) == 1;
}

int
int_opt(int fd, int level, int name)
{
	int v = -1;
	socklen_t len = sizeof v;
	getsockopt(fd, level, name, &v, &len);
	return v;
}

// Sends "x" to group:port from a socket set up with the options under
// test, and says whether rx got it.
bool
multicast_reaches(int family, const char *group, int rx, int ifindex = 1)
{
	auto tx = udp(family);
	CHECK(net::set_multicast_interface(tx.get(), family, ifindex).ok());
	CHECK(net::set_multicast_hops(tx.get(), family, 1).ok());
	CHECK(net::set_multicast_loop(tx.get(), family, true).ok());
	auto to = net::endpoint::parse(std::string(family == AF_INET6 ? "[" : "") +
	    group + (family == AF_INET6 ? "]" : "") + ":5209");
	CHECK(to.has_value());
	sockaddr_storage ss;
	socklen_t len = to->to_sockaddr(ss);
	CHECK(sendto(tx.get(), "x", 1, 0, reinterpret_cast<sockaddr *>(&ss),
	    len) == 1);
	if (!readable(rx, 200))
		return false;
	char c;
	return recv(rx, &c, 1, 0) == 1 && c == 'x';
}

} // namespace

TEST_GROUP(sockopt){};

TEST(sockopt, ipv4_multicast_join_send_leave)
{
	private_netns ns;
	if (!ns.entered())
		NET_SKIP("needs root and a network namespace");
	CHECK(loopback_multicast());
	auto group = net::address::parse("224.0.0.9");
	auto rx = net::udp_bind(*net::endpoint::parse("0.0.0.0:5209"));
	CHECK(rx.ok());
	CHECK(net::join_group(rx->get(), *group, 1).ok());
	CHECK(multicast_reaches(AF_INET, "224.0.0.9", rx->get()));
	CHECK(net::leave_group(rx->get(), *group, 1).ok());
	CHECK_FALSE(multicast_reaches(AF_INET, "224.0.0.9", rx->get()));
	// Leaving twice, or a unicast "group", is an error.
	CHECK_FALSE(net::leave_group(rx->get(), *group, 1).ok());
	auto r = net::join_group(rx->get(), *net::address::parse("10.0.0.1"));
	CHECK_FALSE(r.ok());
	LONGS_EQUAL(EINVAL, r.err().code);
}

TEST(sockopt, ipv6_multicast_join_send_leave)
{
	private_netns ns;
	if (!ns.entered())
		NET_SKIP("needs root and a network namespace");
	// lo carries no IPv6 multicast: a TAP interface with a link-local
	// address, whose sockets get their own multicasts back (loop on).
	CHECK(private_netns::sysctl("net/ipv6/conf/default/accept_dad", "0"));
	auto nl = net::netlink_socket::open();
	CHECK(nl.ok());
	auto tap = tap_link::create(*nl, net::tun_mode::tap, "fe80::1", 64);
	CHECK(tap.has_value());
	std::string where = "ff02::9%" + std::to_string(tap->index);
	auto group = net::address::parse("ff02::9");
	auto rx = net::udp_bind(*net::endpoint::parse("[::]:5209"));
	CHECK(rx.ok());
	CHECK(net::join_group(rx->get(), *group, tap->index).ok());
	CHECK(multicast_reaches(AF_INET6, where.c_str(), rx->get(),
	    tap->index));
	CHECK(net::leave_group(rx->get(), *group, tap->index).ok());
	CHECK_FALSE(multicast_reaches(AF_INET6, where.c_str(), rx->get(),
	    tap->index));
}

TEST(sockopt, hop_limits_read_back)
{
	auto s4 = udp(AF_INET), s6 = udp(AF_INET6);
	CHECK(net::set_multicast_hops(s4.get(), AF_INET, 1).ok());
	LONGS_EQUAL(1, int_opt(s4.get(), IPPROTO_IP, IP_MULTICAST_TTL));
	CHECK(net::set_unicast_hops(s4.get(), AF_INET, 7).ok());
	LONGS_EQUAL(7, int_opt(s4.get(), IPPROTO_IP, IP_TTL));
	CHECK(net::set_multicast_hops(s6.get(), AF_INET6, 2).ok());
	LONGS_EQUAL(2, int_opt(s6.get(), IPPROTO_IPV6, IPV6_MULTICAST_HOPS));
	CHECK(net::set_unicast_hops(s6.get(), AF_INET6, 9).ok());
	LONGS_EQUAL(9, int_opt(s6.get(), IPPROTO_IPV6, IPV6_UNICAST_HOPS));
	CHECK_FALSE(net::set_unicast_hops(s4.get(), AF_INET, 300).ok());
	CHECK(net::set_multicast_loop(s6.get(), AF_INET6, false).ok());
	LONGS_EQUAL(0, int_opt(s6.get(), IPPROTO_IPV6, IPV6_MULTICAST_LOOP));
}

TEST(sockopt, broadcast_needs_so_broadcast)
{
	private_netns ns;
	if (!ns.entered())
		NET_SKIP("needs root and a network namespace");
	auto nl = net::netlink_socket::open();
	CHECK(nl && net::set_link_up(*nl, 1, true).ok());
	auto s = udp(AF_INET);
	auto to = net::endpoint::parse("127.255.255.255:5209");
	sockaddr_storage ss;
	socklen_t len = to->to_sockaddr(ss);
	auto *sa = reinterpret_cast<sockaddr *>(&ss);
	CHECK(sendto(s.get(), "x", 1, 0, sa, len) < 0 && errno == EACCES);
	CHECK(net::set_broadcast(s.get(), true).ok());
	LONGS_EQUAL(1, int_opt(s.get(), SOL_SOCKET, SO_BROADCAST));
	CHECK(sendto(s.get(), "x", 1, 0, sa, len) == 1);
}

TEST(sockopt, bind_to_device)
{
	private_netns ns;
	if (!ns.entered())
		NET_SKIP("needs root and a network namespace");
	auto s = udp(AF_INET);
	CHECK(net::bind_to_device(s.get(), "lo").ok());
	auto r = net::bind_to_device(s.get(), "nosuchif0");
	CHECK_FALSE(r.ok());
	LONGS_EQUAL(ENODEV, r.err().code);
	CHECK_FALSE(net::bind_to_device(s.get(), std::string(40, 'x')).ok());
	CHECK(net::bind_to_device(s.get(), "").ok());
}

TEST(sockopt, raise_buffer_never_lowers)
{
	auto s = udp(AF_INET);
	std::size_t before = net::raise_buffer(s.get(), true, 0);
	CHECK(before > 0);
	LONGS_EQUAL(before, net::raise_buffer(s.get(), true, 1));
	std::size_t got = net::raise_buffer(s.get(), false, 1 << 20);
	if (geteuid() == 0)
		CHECK(got >= (1u << 20));
	else
		CHECK(got > 0);
}
