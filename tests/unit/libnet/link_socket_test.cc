#include <linux/if_packet.h>
#include <sys/wait.h>
#include <unistd.h>

#include <vector>

#include "libnet/arp.h"
#include "libnet/ether.h"
#include "libnet/link_socket.h"
#include "libnet/raw_socket.h"
#include "libnet/rtnl.h"

#include "netns.h"
#include "tap.h"

#include <CppUTest/TestHarness.h>

#include "skip.h"

namespace {

std::vector<std::uint8_t>
arp_frame(std::uint16_t op, const net::mac_address &from_mac,
    const char *from_ip, const net::mac_address &to_mac, const char *to_ip)
{
	std::vector<std::uint8_t> f;
	net::wire_writer w(f);
	net::ether_header eh{op == net::arp_op::request
		? net::mac_address::broadcast()
		: to_mac,
	    from_mac, net::ethertype::arp, {}};
	net::encode_ether(w, eh);
	net::arp_packet p;
	p.op = op;
	p.sender_mac = from_mac;
	p.sender_ip = *net::address::parse(from_ip);
	p.target_mac = op == net::arp_op::request ? net::mac_address()
						  : to_mac;
	p.target_ip = *net::address::parse(to_ip);
	net::encode_arp(w, p);
	f.resize(net::ether_min_frame, 0);
	return f;
}

bool
is_arp(net::bytes_view f, std::uint16_t op)
{
	auto e = net::decode_ether(f);
	if (!e || e->hdr.type != net::ethertype::arp)
		return false;
	auto a = net::decode_arp(e->payload);
	return a && a->op == op;
}

} // namespace

TEST_GROUP(link_socket){};

TEST(link_socket, sees_frames_both_ways_and_sends_its_own)
{
	private_netns ns;
	if (!ns.entered())
		NET_SKIP("needs root and network namespaces");
	auto nl = net::netlink_socket::open();
	auto tap = tap_link::create(*nl, net::tun_mode::tap, "10.1.0.1", 24);
	CHECK(tap.has_value());
	auto s = net::open_link_socket(tap->index, net::ethertype::arp);
	CHECK_TEXT(s.ok(), s.ok() ? "" : s.err().message().c_str());
	// Outgoing frames reach only sockets of every protocol.
	auto any = net::open_link_socket(tap->index, net::ethertype_all);
	CHECK(any.ok());
	auto peer = *net::mac_address::parse("02:00:00:00:00:02");

	// A request from the wire for our address: the socket sees it come
	// in, and the kernel's reply go out.
	auto req = arp_frame(net::arp_op::request, peer, "10.1.0.2",
	    net::mac_address(), "10.1.0.1");
	CHECK(write(tap->dev.fd.get(), req.data(), req.size()) ==
	    static_cast<ssize_t>(req.size()));
	auto out = read_until(tap->dev.fd.get(), [](net::bytes_view f) {
		return is_arp(f, net::arp_op::reply);
	});
	CHECK(out.has_value());
	auto reply = net::decode_arp(net::decode_ether(*out)->payload);
	CHECK(reply->sender_mac == tap->mac);
	STRCMP_EQUAL("10.1.0.1", reply->sender_ip.str().c_str());
	CHECK(reply->target_mac == peer);

	bool in = false, outgoing = false, arp_out = false;
	std::uint8_t buf[2048];
	for (int i = 0; i < 200 && !(in && outgoing); i++) {
		wait_readable(s->get(), 10);
		for (int fd : {s->get(), any->get()}) {
			auto f = net::recv_frame(fd, buf);
			if (!f)
				continue;
			LONGS_EQUAL(tap->index, f->ifindex);
			CHECK(f->stamp_ns.has_value());
			net::bytes_view frame(buf, f->size);
			if (fd == s->get()) {
				LONGS_EQUAL(net::ethertype::arp, f->protocol);
				arp_out |= f->outgoing();
				in |= is_arp(frame, net::arp_op::request) &&
				    f->pkttype == PACKET_BROADCAST;
			} else if (f->outgoing()) {
				outgoing |= is_arp(frame, net::arp_op::reply);
			}
		}
	}
	CHECK(in);
	CHECK(outgoing);
	CHECK_FALSE(arp_out);

	// A frame we send leaves through the interface.
	auto ours = arp_frame(net::arp_op::request, tap->mac, "10.1.0.1",
	    net::mac_address(), "10.1.0.77");
	auto sent = net::send_frame(s->get(), ours, tap->index);
	CHECK(sent.ok());
	LONGS_EQUAL(net::ether_min_frame, *sent);
	auto seen = read_until(tap->dev.fd.get(), [](net::bytes_view f) {
		auto e = net::decode_ether(f);
		if (!e || e->hdr.type != net::ethertype::arp)
			return false;
		auto a = net::decode_arp(e->payload);
		return a && a->target_ip.str() == "10.1.0.77";
	});
	CHECK(seen.has_value());
}

TEST(link_socket, refused_without_privilege)
{
	if (geteuid() != 0)
		NET_SKIP("needs root");
	pid_t pid = fork();
	if (pid == 0) {
		if (setresuid(65534, 65534, 65534) != 0)
			_exit(10);
		auto s = net::open_link_socket(1, net::ethertype::arp);
		_exit(!s.ok() && s.err().code == EPERM ? 0 : 11);
	}
	int st = 0;
	waitpid(pid, &st, 0);
	CHECK(WIFEXITED(st));
	LONGS_EQUAL(0, WEXITSTATUS(st));
}
