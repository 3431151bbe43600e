#include <netinet/in.h>
#include <sys/socket.h>

#include <vector>

#include "libnet/bpf.h"
#include "libnet/icmp.h"
#include "libnet/icmp6.h"
#include "libnet/ipv4.h"
#include "libnet/raw_socket.h"
#include "libnet/rtnl.h"
#include "libnet/socket.h"

#include "netns.h"
#include "tap.h"

#include <CppUTest/TestHarness.h>

#include "skip.h"

namespace {

// The ICMP types a socket can read now (IPv4 packets carry the IP header).
std::vector<int>
types_waiting(int fd, int family)
{
	std::vector<int> types;
	std::uint8_t buf[2048];
	for (;;) {
		auto p = net::recv_packet(fd, buf);
		if (!p)
			break;
		net::bytes_view b(buf, p->size);
		if (family == AF_INET) {
			auto ip = net::decode_ipv4(b);
			if (ip)
				b = ip->payload;
		}
		if (!b.empty())
			types.push_back(b[0]);
	}
	return types;
}

bool
contains(const std::vector<int> &v, int x)
{
	for (int y : v)
		if (y == x)
			return true;
	return false;
}

} // namespace

TEST_GROUP(bpf){};

TEST(bpf, echo_filter_is_well_formed)
{
	for (int family : {AF_INET, AF_INET6}) {
		auto p = net::icmp_echo_filter(family, 42, false);
		CHECK(p.size() > 4);
		// Every path ends in a return; jumps stay inside.
		for (std::size_t i = 0; i < p.size(); i++) {
			if (BPF_CLASS(p[i].code) != BPF_JMP)
				continue;
			CHECK(i + 1 + p[i].jt < p.size());
			CHECK(i + 1 + p[i].jf < p.size());
		}
		LONGS_EQUAL(BPF_RET | BPF_K, p.back().code);
	}
}

TEST(bpf, errors_pass_requests_and_foreign_replies_do_not)
{
	private_netns ns;
	if (!ns.entered())
		NET_SKIP("needs root and network namespaces");
	auto nl = net::netlink_socket::open();
	CHECK(net::set_link_up(*nl, 1, true).ok());
	for (int family : {AF_INET, AF_INET6}) {
		auto strict = net::open_icmp_socket(family,
		    net::icmp_socket_kind::raw);
		auto all = net::open_icmp_socket(family,
		    net::icmp_socket_kind::raw);
		CHECK(net::attach_filter(strict->get(),
		    net::icmp_echo_filter(family, 0x1111, false)).ok());
		CHECK(net::attach_filter(all->get(),
		    net::icmp_echo_filter(family, 0x1111, true)).ok());
		net::address lo = family == AF_INET
		    ? net::address::loopback4()
		    : net::address::loopback6();
		// An echo with another id, and a UDP datagram to a closed
		// port (the kernel answers port unreachable).
		std::vector<std::uint8_t> m;
		net::wire_writer w(m);
		if (family == AF_INET)
			net::encode_icmp_echo(w, net::icmp_type::echo_request,
			    0x2222, 1, {});
		else
			net::encode_icmp6_echo(w,
			    net::icmp6_type::echo_request, 0x2222, 1, {});
		CHECK(net::send_packet(all->get(), m, lo).ok());
		auto u = net::udp_connect(net::endpoint{lo, 9});
		CHECK(u.ok());
		CHECK(send(u->get(), "x", 1, 0) == 1);
		int unreach = family == AF_INET ? net::icmp_type::dest_unreach
						: net::icmp6_type::dest_unreach;
		int request = family == AF_INET ? net::icmp_type::echo_request
						: net::icmp6_type::echo_request;
		int reply = family == AF_INET ? net::icmp_type::echo_reply
					      : net::icmp6_type::echo_reply;
		CHECK(wait_readable(strict->get(), 2000));
		// Both replies and errors are in by the time "all" has three.
		std::vector<int> seen_all;
		for (int i = 0; i < 100 && seen_all.size() < 3; i++) {
			wait_readable(all->get(), 20);
			auto more = types_waiting(all->get(), family);
			seen_all.insert(seen_all.end(), more.begin(),
			    more.end());
		}
		auto seen = types_waiting(strict->get(), family);
		CHECK(contains(seen_all, request));
		CHECK(contains(seen_all, reply));
		CHECK(contains(seen_all, unreach));
		CHECK(contains(seen, unreach));
		CHECK_FALSE(contains(seen, request));
		CHECK_FALSE(contains(seen, reply));
	}
}
