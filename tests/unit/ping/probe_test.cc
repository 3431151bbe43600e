#include <time.h>
#include <linux/errqueue.h>
#include <netinet/in.h>

#include <algorithm>
#include <vector>

#include "libnet/icmp.h"
#include "libnet/icmp6.h"
#include "libnet/ipv4.h"

#include "../../../bin/ping/probe.h"

#include <CppUTest/TestHarness.h>

namespace {

const std::int64_t sent = 1700000000123456789;

net::address
a(const char *s)
{
	return *net::address::parse(s);
}

// The reply a host would send to request pkt, inside an IP datagram
// (raw IPv4) when with_ip.
std::vector<std::uint8_t>
reply_to(net::bytes_view request, bool with_ip,
    const std::vector<std::uint8_t> &opts = {})
{
	auto req = net::decode_icmp(request);
	std::vector<std::uint8_t> icmp;
	net::wire_writer iw(icmp);
	net::encode_icmp_echo(iw, net::icmp_type::echo_reply, req->echo->id,
	    req->echo->seq, req->echo->data);
	if (!with_ip)
		return icmp;
	std::vector<std::uint8_t> out;
	net::wire_writer w(out);
	net::ipv4_header h;
	h.protocol = net::ip_proto::icmp;
	h.ttl = 61;
	h.src = a("10.9.0.2");
	h.dst = a("10.9.0.1");
	h.options = opts;
	net::encode_ipv4(w, h, icmp.size());
	w.bytes(icmp);
	return out;
}

net::packet_info
from(const char *addr)
{
	net::packet_info i;
	i.from = a(addr);
	return i;
}

ping::match
raw4()
{
	ping::match m;
	m.family = AF_INET;
	m.kind = net::icmp_socket_kind::raw;
	m.id = 0x1234;
	m.target = a("10.9.0.2");
	return m;
}

} // namespace

TEST_GROUP(probe){};

TEST(probe, requests_carry_the_time_then_the_pattern)
{
	ping::probe_builder b(AF_INET, 0x1234, 56, {0xab, 0xcd});
	auto pkt = b.build(7, sent);
	LONGS_EQUAL(64, pkt.size());
	auto m = net::decode_icmp(pkt);
	CHECK(m.ok());
	LONGS_EQUAL(net::icmp_type::echo_request, m->type);
	LONGS_EQUAL(0x1234, m->echo->id);
	LONGS_EQUAL(7, m->echo->seq);
	net::wire_reader r(m->echo->data);
	LONGS_EQUAL(1700000000, r.u64());
	LONGS_EQUAL(123456, r.u64());
	LONGS_EQUAL(0xab, r.u8());
	LONGS_EQUAL(0xcd, r.u8());
	CHECK(!b.first_mismatch(m->echo->data, sent));
	// The same bytes do not match another request's time.
	CHECK(b.first_mismatch(m->echo->data, sent + 1000).has_value());
}

TEST(probe, late_stamping_keeps_the_checksum_right)
{
	for (int family : {AF_INET, AF_INET6}) {
		ping::probe_builder late(family, 0x1234, 56, {7});
		ping::probe_builder early(family, 0x1234, 56, {7});
		late.build(9, 0);
		auto a = late.restamp(sent);
		auto b = early.build(9, sent);
		CHECK(std::equal(a.begin(), a.end(), b.begin(), b.end()));
	}
	ping::probe_builder p(AF_INET, 1, 56, {});
	p.build(1, 0);
	for (std::int64_t t : {std::int64_t{0}, sent, sent + 999999999,
		 std::int64_t{1} << 62})
		CHECK(net::decode_icmp(p.restamp(t)).ok());
	// Too small for a stamp: nothing to change.
	ping::probe_builder small(AF_INET, 1, 8, {});
	auto s = small.build(1, 0);
	std::vector<std::uint8_t> before(s.begin(), s.end());
	auto after = small.restamp(sent);
	CHECK(std::equal(after.begin(), after.end(), before.begin(),
	    before.end()));
}

TEST(probe, small_and_patternless_requests)
{
	ping::probe_builder none(AF_INET, 1, 0, {});
	LONGS_EQUAL(8, none.build(1, sent).size());
	ping::probe_builder small(AF_INET, 1, 8, {});
	auto pkt = small.build(1, sent);
	auto m = net::decode_icmp(pkt);
	// Too small for the time: byte values counting up from 0.
	LONGS_EQUAL(0, m->echo->data[0]);
	LONGS_EQUAL(7, m->echo->data[7]);
	ping::probe_builder big(AF_INET, 1, 20, {});
	auto d = net::decode_icmp(big.build(1, sent))->echo->data;
	LONGS_EQUAL(16, d[16]);
	LONGS_EQUAL(19, d[19]);
}

TEST(probe, v6_requests_leave_the_checksum_to_the_kernel)
{
	ping::probe_builder b(AF_INET6, 9, 56, {});
	auto pkt = b.build(3, sent);
	LONGS_EQUAL(net::icmp6_type::echo_request, pkt[0]);
	LONGS_EQUAL(0, pkt[2]);
	LONGS_EQUAL(0, pkt[3]);
}

TEST(probe, raw_ipv4_reply_with_ttl_and_route)
{
	ping::probe_builder b(AF_INET, 0x1234, 56, {});
	auto req = b.build(5, sent);
	auto rr = net::record_route_option(9);
	rr[3] = 8;
	rr[4] = 10; rr[5] = 9; rr[6] = 0; rr[7] = 1;
	auto rep = reply_to(req, true, rr);
	auto e = ping::classify_packet(raw4(), rep, from("10.9.0.2"));
	CHECK(e.kind == ping::event_kind::reply);
	LONGS_EQUAL(5, e.seq);
	LONGS_EQUAL(61, *e.ttl);
	LONGS_EQUAL(64, e.icmp_size);
	CHECK(e.checksum_ok);
	CHECK(!b.first_mismatch(e.data, sent));
	CHECK(e.route.has_value());
	LONGS_EQUAL(1, e.route->addresses.size());
}

TEST(probe, replies_not_ours_are_set_aside)
{
	ping::probe_builder other(AF_INET, 0x9999, 56, {});
	auto rep = reply_to(other.build(1, sent), true);
	auto e = ping::classify_packet(raw4(), rep, from("10.9.0.2"));
	CHECK(e.kind == ping::event_kind::other);
	// Right id, wrong source.
	ping::probe_builder mine(AF_INET, 0x1234, 56, {});
	auto r2 = reply_to(mine.build(1, sent), true);
	r2[15] = 3;	// source 10.9.0.3 in the IP header is not checked...
	auto e2 = ping::classify_packet(raw4(), r2, from("10.9.0.3"));
	CHECK(e2.kind == ping::event_kind::other);	// ...the sender is
	auto m = raw4();
	m.any_source = true;
	CHECK(ping::classify_packet(m, r2, from("10.9.0.3")).kind ==
	    ping::event_kind::reply);
}

TEST(probe, echo_requests_are_neither_replies_nor_news)
{
	// A raw socket on loopback reads our own request as well as the
	// reply: it is not a packet from elsewhere for -v to list, and nor
	// is another host's request (iputils lists neither).
	ping::probe_builder mine(AF_INET, 0x1234, 56, {});
	ping::probe_builder other(AF_INET, 0x9999, 56, {});
	for (auto *b : {&mine, &other}) {
		auto req = b->build(2, sent);
		std::vector<std::uint8_t> dg;
		net::wire_writer w(dg);
		net::ipv4_header h;
		h.protocol = net::ip_proto::icmp;
		h.src = h.dst = a("10.9.0.2");
		net::encode_ipv4(w, h, req.size());
		w.bytes(req);
		CHECK(ping::classify_packet(raw4(), dg,
		    from("10.9.0.2")).kind == ping::event_kind::none);
	}
	ping::match m6;
	m6.family = AF_INET6;
	m6.kind = net::icmp_socket_kind::raw;
	m6.id = 0x1234;
	m6.target = a("::1");
	ping::probe_builder mine6(AF_INET6, 0x1234, 56, {});
	auto req6 = mine6.build(3, sent);
	net::packet_info i6 = from("::1");
	i6.to = a("::1");
	CHECK(ping::classify_packet(m6, req6, i6).kind ==
	    ping::event_kind::none);
	// Other ICMPv6 is still news: a router advertisement, say.
	std::vector<std::uint8_t> ra = {134, 0, 0, 0, 64, 0, 0, 0, 0, 0, 0,
	    0, 0, 0, 0, 0};
	i6.from = a("fe80::1");
	i6.to.reset();
	CHECK(ping::classify_packet(m6, ra, i6).kind ==
	    ping::event_kind::other);
}

TEST(probe, bad_checksums_are_reported_not_dropped)
{
	ping::probe_builder b(AF_INET, 0x1234, 56, {});
	auto rep = reply_to(b.build(1, sent), true);
	rep.back() ^= 0xff;
	auto e = ping::classify_packet(raw4(), rep, from("10.9.0.2"));
	CHECK(e.kind == ping::event_kind::reply);
	CHECK_FALSE(e.checksum_ok);
}

TEST(probe, datagram_replies_use_cmsg_ttl)
{
	ping::probe_builder b(AF_INET, 40000, 56, {});
	auto rep = reply_to(b.build(9, sent), false);
	auto m = raw4();
	m.kind = net::icmp_socket_kind::datagram;
	m.id = 40000;
	auto info = from("10.9.0.2");
	info.ttl = 63;
	auto e = ping::classify_packet(m, rep, info);
	CHECK(e.kind == ping::event_kind::reply);
	LONGS_EQUAL(63, *e.ttl);
	LONGS_EQUAL(9, e.seq);
}

TEST(probe, errors_quoting_our_request)
{
	ping::probe_builder b(AF_INET, 0x1234, 56, {});
	auto req = b.build(4, sent);
	std::vector<std::uint8_t> orig;
	net::wire_writer ow(orig);
	net::ipv4_header h;
	h.protocol = net::ip_proto::icmp;
	h.ttl = 1;
	h.src = a("10.9.0.1");
	h.dst = a("10.9.0.2");
	net::encode_ipv4(ow, h, req.size());
	ow.bytes(req);
	std::vector<std::uint8_t> err;
	net::wire_writer ew(err);
	net::encode_icmp_error(ew, net::icmp_type::time_exceeded, 0, 0,
	    net::bytes_view(orig).first(28));
	std::vector<std::uint8_t> dg;
	net::wire_writer w(dg);
	net::ipv4_header outer;
	outer.protocol = net::ip_proto::icmp;
	outer.src = a("10.9.1.254");
	outer.dst = a("10.9.0.1");
	net::encode_ipv4(w, outer, err.size());
	w.bytes(err);
	auto e = ping::classify_packet(raw4(), dg, from("10.9.1.254"));
	CHECK(e.kind == ping::event_kind::error);
	LONGS_EQUAL(4, e.seq);
	LONGS_EQUAL(net::icmp_type::time_exceeded, e.type);
	STRCMP_EQUAL("10.9.1.254", e.from.str().c_str());
	CHECK(ping::is_failure(AF_INET, e.type));
	// Another process's request (other id) is not ours.
	ping::probe_builder other(AF_INET, 0x5555, 56, {});
	auto oreq = other.build(4, sent);
	std::copy(oreq.begin(), oreq.begin() + 8, orig.begin() + 20);
	std::vector<std::uint8_t> err2;
	net::wire_writer ew2(err2);
	net::encode_icmp_error(ew2, net::icmp_type::time_exceeded, 0, 0,
	    net::bytes_view(orig).first(28));
	auto e2 = ping::classify_packet(raw4(),
	    net::bytes_view(err2), []{
		    net::packet_info i;
		    i.from = *net::address::parse("10.9.1.254");
		    return i;
	    }());
	CHECK(e2.kind != ping::event_kind::error);
}

TEST(probe, queued_errors_from_datagram_sockets)
{
	ping::probe_builder b(AF_INET, 40000, 56, {});
	auto req = b.build(12, sent);
	net::packet_info info;
	net::queued_error qe;
	qe.origin = SO_EE_ORIGIN_ICMP;
	qe.type = net::icmp_type::dest_unreach;
	qe.code = net::icmp_unreach::host;
	qe.offender = a("10.9.0.1");
	info.error = qe;
	auto m = raw4();
	m.kind = net::icmp_socket_kind::datagram;
	auto e = ping::classify_queued_error(m, req, info);
	CHECK(e.kind == ping::event_kind::error);
	LONGS_EQUAL(12, e.seq);
	STRCMP_EQUAL("10.9.0.1", e.from.str().c_str());
	// A local error (no offender) or a short packet is not shown.
	info.error->offender.reset();
	CHECK(ping::classify_queued_error(m, req, info).kind ==
	    ping::event_kind::none);
	info.error->offender = a("10.9.0.1");
	CHECK(ping::classify_queued_error(m, req.first(6), info).kind ==
	    ping::event_kind::none);
	info.error->origin = SO_EE_ORIGIN_LOCAL;
	CHECK(ping::classify_queued_error(m, req, info).kind ==
	    ping::event_kind::none);
}

TEST(probe, hostile_packets_are_ignored)
{
	auto m = raw4();
	auto info = from("10.9.0.2");
	const std::vector<std::uint8_t> junk[] = {
	    {}, {0x45}, std::vector<std::uint8_t>(20, 0x45),
	    std::vector<std::uint8_t>(100, 0xff)};
	for (const auto &j : junk)
		CHECK(ping::classify_packet(m, j, info).kind ==
		    ping::event_kind::none);
	net::packet_info nofrom;
	CHECK(ping::classify_packet(m, junk[3], nofrom).kind ==
	    ping::event_kind::none);
}
