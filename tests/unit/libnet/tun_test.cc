#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <vector>

#include "libnet/checksum.h"
#include "libnet/icmp.h"
#include "libnet/ipv4.h"
#include "libnet/rtnl.h"
#include "libnet/socket.h"
#include "libnet/tun.h"
#include "libnet/udp.h"

#include "netns.h"
#include "tap.h"

#include <CppUTest/TestHarness.h>

#include "skip.h"

TEST_GROUP(tun){};

TEST(tun, packets_from_the_kernel_decode_and_ours_are_answered)
{
	private_netns ns;
	if (!ns.entered())
		NET_SKIP("needs root and network namespaces");
	auto nl = net::netlink_socket::open();
	auto tun = tap_link::create(*nl, net::tun_mode::tun, "10.2.0.1", 24);
	CHECK(tun.has_value());
	STRCMP_EQUAL("tun0", tun->dev.name.c_str());
	auto local = *net::address::parse("10.2.0.1");
	auto far = *net::address::parse("10.2.0.2");

	// A UDP datagram routed to the far end comes out of the device as
	// a bare IPv4 packet whose checksums hold.
	auto u = net::udp_connect(net::endpoint{far, 4242});
	CHECK(u.ok());
	CHECK(send(u->get(), "hello", 5, 0) == 5);
	auto pkt = read_until(tun->dev.fd.get(), [](net::bytes_view p) {
		auto ip = net::decode_ipv4(p);
		return ip && ip->hdr.protocol == net::ip_proto::udp;
	});
	CHECK(pkt.has_value());
	auto ip = net::decode_ipv4(*pkt);
	CHECK(ip->hdr.src == local);
	CHECK(ip->hdr.dst == far);
	net::pseudo_header ph{ip->hdr.src, ip->hdr.dst};
	auto d = net::decode_udp(ip->payload, &ph);
	CHECK(d.ok());
	CHECK(d->checksum_ok);
	LONGS_EQUAL(4242, d->hdr.dst_port);
	LONGS_EQUAL(5, d->payload.size());

	// An echo request we build is answered by the kernel.
	std::vector<std::uint8_t> icmp;
	net::wire_writer iw(icmp);
	net::encode_icmp_echo(iw, net::icmp_type::echo_request, 0x77, 3,
	    std::vector<std::uint8_t>(32, 0xa5));
	std::vector<std::uint8_t> out;
	net::wire_writer w(out);
	net::ipv4_header h;
	h.protocol = net::ip_proto::icmp;
	h.src = far;
	h.dst = local;
	net::encode_ipv4(w, h, icmp.size());
	w.bytes(icmp);
	CHECK(write(tun->dev.fd.get(), out.data(), out.size()) ==
	    static_cast<ssize_t>(out.size()));
	auto rep = read_until(tun->dev.fd.get(), [](net::bytes_view p) {
		auto r = net::decode_ipv4(p);
		return r && r->hdr.protocol == net::ip_proto::icmp;
	});
	CHECK(rep.has_value());
	auto rip = net::decode_ipv4(*rep);
	CHECK(rip->hdr.dst == far);
	auto m = net::decode_icmp(rip->payload);
	CHECK(m.ok());
	LONGS_EQUAL(net::icmp_type::echo_reply, m->type);
	LONGS_EQUAL(0x77, m->echo->id);
	LONGS_EQUAL(32, m->echo->data.size());
}

TEST(tun, names_and_permissions)
{
	private_netns ns;
	if (!ns.entered())
		NET_SKIP("needs root and network namespaces");
	auto a = net::open_tun("", net::tun_mode::tap);
	CHECK(a.ok());
	CHECK_FALSE(a->name.empty());
	auto nl = net::netlink_socket::open();
	CHECK(net::find_link(*nl, a->name).ok());
	auto big = net::open_tun("a-name-that-is-too-long", net::tun_mode::tun);
	CHECK_FALSE(big.ok());
	LONGS_EQUAL(ENAMETOOLONG, big.err().code);
	pid_t pid = fork();
	if (pid == 0) {
		if (setresuid(65534, 65534, 65534) != 0)
			_exit(10);
		auto t = net::open_tun("tun9", net::tun_mode::tun);
		// /dev/net/tun may be closed to others, or TUNSETIFF refused.
		_exit(!t.ok() && (t.err().code == EPERM ||
			  t.err().code == EACCES)
			? 0
			: 11);
	}
	int st = 0;
	waitpid(pid, &st, 0);
	CHECK(WIFEXITED(st));
	LONGS_EQUAL(0, WEXITSTATUS(st));
}
