#include <time.h>
#include <linux/errqueue.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <vector>

#include "libnet/bpf.h"
#include "libnet/ether.h"
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

std::vector<std::uint8_t>
echo_request(int family, std::uint16_t id, std::uint16_t seq)
{
	std::vector<std::uint8_t> m;
	net::wire_writer w(m);
	std::vector<std::uint8_t> data(24, 0x5a);
	if (family == AF_INET)
		net::encode_icmp_echo(w, net::icmp_type::echo_request, id, seq,
		    data);
	else
		net::encode_icmp6_echo(w, net::icmp6_type::echo_request, id,
		    seq, data);
	return m;
}

// Brings lo up in a private namespace.
bool
loopback_up()
{
	auto nl = net::netlink_socket::open();
	return nl && net::set_link_up(*nl, 1, true).ok();
}

std::uint16_t
kernel_id(int fd)
{
	auto ep = net::local_endpoint(fd);
	return ep ? ep->port : 0;
}

} // namespace

TEST_GROUP(raw_socket){};

TEST(raw_socket, raw_echo_on_loopback_with_ttl_stamp_and_filter)
{
	private_netns ns;
	if (!ns.entered())
		NET_SKIP("needs root and network namespaces");
	CHECK(loopback_up());
	for (int family : {AF_INET, AF_INET6}) {
		auto mine = net::open_icmp_socket(family,
		    net::icmp_socket_kind::raw);
		auto other = net::open_icmp_socket(family,
		    net::icmp_socket_kind::raw);
		CHECK(mine.ok() && other.ok());
		CHECK(net::attach_filter(mine->get(),
		    net::icmp_echo_filter(family, 0x1111, false)).ok());
		CHECK(net::attach_filter(other->get(),
		    net::icmp_echo_filter(family, 0x2222, false)).ok());
		net::receive_options ro;
		ro.ttl = ro.timestamp = ro.destination = true;
		CHECK(net::enable_receive_info(mine->get(), family, ro).ok());
		net::address to = family == AF_INET
		    ? net::address::loopback4()
		    : net::address::loopback6();
		auto req = echo_request(family, 0x1111, 1);
		std::int64_t sent = net::realtime_ns();
		CHECK(net::send_packet(mine->get(), req, to).ok());
		CHECK(wait_readable(mine->get(), 2000));
		std::uint8_t buf[2048];
		auto p = net::recv_packet(mine->get(), buf);
		CHECK_TEXT(p.ok(), p.ok() ? "" : p.err().message().c_str());
		CHECK(p->from && *p->from == to);
		CHECK(p->to && *p->to == to);
		CHECK(p->ttl.has_value());
		LONGS_EQUAL(64, *p->ttl);
		CHECK(p->stamp_ns && *p->stamp_ns >= sent - 1000000);
		net::bytes_view icmp(buf, p->size);
		if (family == AF_INET) {
			auto ip = net::decode_ipv4(icmp);
			CHECK(ip.ok());
			icmp = ip->payload;
			auto m = net::decode_icmp(icmp);
			CHECK(m.ok());
			LONGS_EQUAL(net::icmp_type::echo_reply, m->type);
			LONGS_EQUAL(0x1111, m->echo->id);
		} else {
			net::pseudo_header ph{*p->from, *p->to};
			auto m = net::decode_icmp6(icmp, &ph);
			CHECK(m.ok());
			CHECK(m->checksum_ok);
			LONGS_EQUAL(net::icmp6_type::echo_reply, m->type);
			LONGS_EQUAL(0x1111, m->echo->id);
		}
		// The filter kept our request and the reply to 0x1111 away
		// from the other socket.
		CHECK_FALSE(wait_readable(other->get(), 50));
		auto none = net::recv_packet(mine->get(), buf);
		CHECK_FALSE(none.ok());
		LONGS_EQUAL(EAGAIN, none.err().code);
	}
}

TEST(raw_socket, replies_come_in_batches)
{
	private_netns ns;
	if (!ns.entered())
		NET_SKIP("needs root and network namespaces");
	CHECK(loopback_up());
	auto s = net::open_icmp_socket(AF_INET, net::icmp_socket_kind::raw);
	CHECK(s.ok());
	CHECK(net::attach_filter(s->get(),
	    net::icmp_echo_filter(AF_INET, 0x3333, false)).ok());
	net::receive_options ro;
	ro.timestamp = true;
	CHECK(net::enable_receive_info(s->get(), AF_INET, ro).ok());
	for (std::uint16_t seq = 1; seq <= 3; seq++)
		CHECK(net::send_packet(s->get(), echo_request(AF_INET, 0x3333,
		    seq), net::address::loopback4()).ok());
	std::vector<std::vector<std::uint8_t>> bufs(8,
	    std::vector<std::uint8_t>(512));
	std::vector<net::packet_slot> slots(8);
	for (std::size_t i = 0; i < 8; i++)
		slots[i].buf = bufs[i];
	std::size_t got = 0;
	for (int i = 0; i < 100 && got < 3; i++) {
		wait_readable(s->get(), 20);
		auto n = net::recv_packets(s->get(), slots);
		if (!n)
			continue;
		for (std::size_t k = 0; k < *n; k++) {
			auto ip = net::decode_ipv4(net::bytes_view(bufs[k]).first(
			    slots[k].info.size), net::ipv4_decode::delivered);
			CHECK(ip.ok());
			auto m = net::decode_icmp(ip->payload);
			CHECK(m.ok());
			LONGS_EQUAL(got + k + 1, m->echo->seq);
			CHECK(slots[k].info.stamp_ns.has_value());
		}
		got += *n;
	}
	LONGS_EQUAL(3, got);
	auto none = net::recv_packets(s->get(), slots);
	CHECK_FALSE(none.ok());
	LONGS_EQUAL(EAGAIN, none.err().code);
}

TEST(raw_socket, datagram_ping_sockets_within_ping_group_range)
{
	private_netns ns;
	if (!ns.entered())
		NET_SKIP("needs root and network namespaces");
	CHECK(loopback_up());
	CHECK(private_netns::sysctl("net/ipv4/ping_group_range", "0 0"));
	for (int family : {AF_INET, AF_INET6}) {
		auto s = net::open_ping_socket(family);
		CHECK(s.ok());
		CHECK(s->kind == net::icmp_socket_kind::datagram);
		net::receive_options ro;
		ro.ttl = true;
		CHECK(net::enable_receive_info(s->fd.get(), family, ro).ok());
		net::address to = family == AF_INET
		    ? net::address::loopback4()
		    : net::address::loopback6();
		CHECK(net::send_packet(s->fd.get(),
		    echo_request(family, 7, 9), to).ok());
		CHECK(wait_readable(s->fd.get(), 2000));
		std::uint8_t buf[512];
		auto p = net::recv_packet(s->fd.get(), buf);
		CHECK(p.ok());
		// A datagram socket hands over the ICMP message alone, with
		// the id the kernel chose (its "port").
		net::bytes_view got(buf, p->size);
		if (family == AF_INET) {
			auto m = net::decode_icmp(got);
			CHECK(m.ok());
			LONGS_EQUAL(net::icmp_type::echo_reply, m->type);
			LONGS_EQUAL(kernel_id(s->fd.get()), m->echo->id);
			LONGS_EQUAL(9, m->echo->seq);
		} else {
			auto m = net::decode_icmp6(got);
			CHECK(m.ok());
			LONGS_EQUAL(net::icmp6_type::echo_reply, m->type);
			LONGS_EQUAL(kernel_id(s->fd.get()), m->echo->id);
			LONGS_EQUAL(9, m->echo->seq);
		}
		CHECK(p->ttl && *p->ttl == 64);
	}
	// IP options of what arrives, for a datagram socket that cannot see
	// the IP header: a record route filled in on the way.
	auto rr = net::open_ping_socket(AF_INET);
	CHECK(rr.ok());
	auto opt = net::record_route_option(9);
	CHECK(setsockopt(rr->fd.get(), IPPROTO_IP, IP_OPTIONS, opt.data(),
	    static_cast<socklen_t>(opt.size())) == 0);
	net::receive_options ro;
	ro.ip_options = true;
	CHECK(net::enable_receive_info(rr->fd.get(), AF_INET, ro).ok());
	CHECK(net::send_packet(rr->fd.get(), echo_request(AF_INET, 1, 1),
	    net::address::loopback4()).ok());
	CHECK(wait_readable(rr->fd.get(), 2000));
	std::uint8_t buf[512];
	auto p = net::recv_packet(rr->fd.get(), buf);
	CHECK(p.ok());
	auto o = net::decode_ipv4_options(p->options());
	CHECK_TEXT(o.ok(), o.ok() ? "" : o.err().message().c_str());
	CHECK(o->record_route.has_value());
	CHECK(o->record_route->addresses.size() >= 2);

	// Outside the range, only a raw socket is possible (root here).
	CHECK(private_netns::sysctl("net/ipv4/ping_group_range", "1 0"));
	auto raw = net::open_ping_socket(AF_INET);
	CHECK(raw.ok());
	CHECK(raw->kind == net::icmp_socket_kind::raw);
}

TEST(raw_socket, icmp_errors_reach_the_error_queue_and_raw_sockets)
{
	private_netns ns;
	if (!ns.entered())
		NET_SKIP("needs root and network namespaces");
	auto nl = net::netlink_socket::open();
	CHECK(nl.ok());
	auto tap = tap_link::create(*nl, net::tun_mode::tap, "10.1.0.1", 24);
	CHECK(tap.has_value());
	CHECK(private_netns::sysctl("net/ipv4/ping_group_range", "0 0"));
	// The far host's MAC is known: no ARP exchange needed here.
	net::neighbour n;
	n.ifindex = tap->index;
	n.addr = *net::address::parse("10.1.0.2");
	n.lladdr = *net::mac_address::parse("02:00:00:00:00:02");
	n.state = net::nud::permanent;
	CHECK(net::set_neighbour(*nl, n).ok());

	auto dg = net::open_ping_socket(AF_INET);
	CHECK(dg.ok() && dg->kind == net::icmp_socket_kind::datagram);
	net::receive_options ro;
	ro.errors = true;
	CHECK(net::enable_receive_info(dg->fd.get(), AF_INET, ro).ok());
	auto raw = net::open_icmp_socket(AF_INET, net::icmp_socket_kind::raw);
	CHECK(raw.ok());
	CHECK(net::send_packet(dg->fd.get(), echo_request(AF_INET, 1, 5),
	    n.addr).ok());
	// Take the request off the wire.
	auto frame = read_until(tap->dev.fd.get(), [](net::bytes_view f) {
		auto e = net::decode_ether(f);
		return e && e->hdr.type == net::ethertype::ipv4;
	});
	CHECK(frame.has_value());
	auto eth = net::decode_ether(*frame);
	CHECK(eth->hdr.dst == *n.lladdr);
	CHECK(eth->hdr.src == tap->mac);
	auto ip = net::decode_ipv4(eth->payload);
	CHECK(ip.ok());
	auto req = net::decode_icmp(ip->payload);
	CHECK(req.ok());
	LONGS_EQUAL(net::icmp_type::echo_request, req->type);
	LONGS_EQUAL(5, req->echo->seq);

	// Answer as a router would: host unreachable, quoting it.
	std::vector<std::uint8_t> out;
	net::wire_writer w(out);
	net::ether_header eh{tap->mac, *n.lladdr, net::ethertype::ipv4, {}};
	net::encode_ether(w, eh);
	std::vector<std::uint8_t> icmp;
	net::wire_writer iw(icmp);
	net::encode_icmp_error(iw, net::icmp_type::dest_unreach,
	    net::icmp_unreach::host, 0,
	    net::bytes_view(eth->payload).first(ip->hdr.header_length() + 8));
	net::ipv4_header h;
	h.protocol = net::ip_proto::icmp;
	h.src = n.addr;
	h.dst = *net::address::parse("10.1.0.1");
	net::encode_ipv4(w, h, icmp.size());
	w.bytes(icmp);
	CHECK(write(tap->dev.fd.get(), out.data(), out.size()) ==
	    static_cast<ssize_t>(out.size()));

	CHECK(wait_readable(dg->fd.get(), 2000, POLLERR));
	std::uint8_t buf[512];
	auto e = net::recv_packet(dg->fd.get(), buf, true);
	CHECK_TEXT(e.ok(), e.ok() ? "" : e.err().message().c_str());
	CHECK(e->error.has_value());
	LONGS_EQUAL(SO_EE_ORIGIN_ICMP, e->error->origin);
	LONGS_EQUAL(net::icmp_type::dest_unreach, e->error->type);
	LONGS_EQUAL(net::icmp_unreach::host, e->error->code);
	LONGS_EQUAL(EHOSTUNREACH, e->error->err);
	CHECK(e->error->offender && *e->error->offender == n.addr);
	auto quoted = net::decode_icmp(net::bytes_view(buf, e->size),
	    net::checksum_check::report);
	CHECK(quoted.ok());
	LONGS_EQUAL(5, quoted->echo->seq);

	// The raw socket saw the error itself, quoted datagram and all.
	CHECK(wait_readable(raw->get(), 2000));
	bool seen = false;
	for (;;) {
		auto p = net::recv_packet(raw->get(), buf);
		if (!p)
			break;
		auto rip = net::decode_ipv4(net::bytes_view(buf, p->size));
		CHECK(rip.ok());
		auto m = net::decode_icmp(rip->payload);
		CHECK(m.ok());
		if (m->type != net::icmp_type::dest_unreach)
			continue;
		seen = true;
		STRCMP_EQUAL("10.1.0.2",
		    m->error->original.hdr.dst.str().c_str());
	}
	CHECK(seen);
}
