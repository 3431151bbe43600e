#include <vector>

#include "libnet/checksum.h"
#include "libnet/ipv4.h"

#include "hex.h"

#include <CppUTest/TestHarness.h>

namespace {

// A datagram with the given option bytes and payload, checksum set.
std::vector<std::uint8_t>
datagram(const std::vector<std::uint8_t> &opts,
    const std::vector<std::uint8_t> &payload)
{
	net::ipv4_header h;
	h.ttl = 64;
	h.protocol = net::ip_proto::icmp;
	h.id = 0x1234;
	h.dont_fragment = true;
	h.src = *net::address::parse("10.9.0.1");
	h.dst = *net::address::parse("10.9.0.2");
	h.options = opts;
	std::vector<std::uint8_t> out;
	net::wire_writer w(out);
	net::encode_ipv4(w, h, payload.size());
	w.bytes(payload);
	return out;
}

// Rewrites the header checksum after a test changed a header byte.
void
fix_checksum(std::vector<std::uint8_t> &d)
{
	std::size_t hlen = (d[0] & 0x0f) * 4u;
	d[10] = d[11] = 0;
	std::uint16_t s = net::internet_checksum(
	    net::bytes_view(d).first(hlen));
	d[10] = static_cast<std::uint8_t>(s >> 8);
	d[11] = static_cast<std::uint8_t>(s);
}

} // namespace

TEST_GROUP(ipv4){};

TEST(ipv4, decodes_a_known_header)
{
	auto d = from_hex("45000073000040004011b861c0a80001c0a800c7");
	d.resize(0x73, 0xab);
	auto p = net::decode_ipv4(d);
	CHECK_TEXT(p.ok(), p.ok() ? "" : p.err().message().c_str());
	LONGS_EQUAL(0x73, p->hdr.total_length);
	CHECK(p->hdr.dont_fragment);
	CHECK_FALSE(p->hdr.more_fragments);
	LONGS_EQUAL(64, p->hdr.ttl);
	LONGS_EQUAL(net::ip_proto::udp, p->hdr.protocol);
	STRCMP_EQUAL("192.168.0.1", p->hdr.src.str().c_str());
	STRCMP_EQUAL("192.168.0.199", p->hdr.dst.str().c_str());
	LONGS_EQUAL(0x73 - 20, p->payload.size());
}

TEST(ipv4, link_padding_after_total_length_is_not_payload)
{
	auto d = datagram({}, {1, 2, 3});
	d.resize(d.size() + 20, 0);
	auto p = net::decode_ipv4(d);
	CHECK(p.ok());
	LONGS_EQUAL(3, p->payload.size());
}

TEST(ipv4, encode_round_trips_with_record_route)
{
	auto rr = net::record_route_option(9);
	LONGS_EQUAL(40, rr.size());
	LONGS_EQUAL(net::ipv4_opt::nop, rr[0]);
	LONGS_EQUAL(net::ipv4_opt::record_route, rr[1]);
	LONGS_EQUAL(39, rr[2]);
	// Two hops recorded: pointer moves 4 -> 12.
	rr[3] = 12;
	rr[4] = 10; rr[5] = 9; rr[6] = 0; rr[7] = 1;
	rr[8] = 10; rr[9] = 9; rr[10] = 0; rr[11] = 2;
	auto d = datagram(rr, {0xde, 0xad});
	LONGS_EQUAL(62, d.size());
	auto p = net::decode_ipv4(d);
	CHECK(p.ok());
	CHECK(p->opts.record_route.has_value());
	LONGS_EQUAL(9, p->opts.record_route->slots);
	LONGS_EQUAL(2, p->opts.record_route->addresses.size());
	STRCMP_EQUAL("10.9.0.2",
	    p->opts.record_route->addresses[1].str().c_str());
	LONGS_EQUAL(2, p->payload.size());
	LONGS_EQUAL(0x1234, p->hdr.id);
}

TEST(ipv4, timestamp_options_of_each_kind)
{
	auto only = net::timestamp_option(net::ipv4_ts::only, 9);
	LONGS_EQUAL(40, only.size());
	auto p = net::decode_ipv4_options(only);
	CHECK(p.ok());
	LONGS_EQUAL(9, p->timestamp->slots);
	LONGS_EQUAL(0, p->timestamp->entries.size());
	auto pairs = net::timestamp_option(net::ipv4_ts::with_addr, 9);
	LONGS_EQUAL(36, pairs.size());
	pairs[2] = 13;	// one entry filled
	pairs[4] = 10; pairs[7] = 1;
	pairs[11] = 99;
	auto q = net::decode_ipv4_options(pairs);
	CHECK(q.ok());
	LONGS_EQUAL(4, q->timestamp->slots);
	LONGS_EQUAL(1, q->timestamp->entries.size());
	STRCMP_EQUAL("10.0.0.1",
	    q->timestamp->entries[0].addr->str().c_str());
	LONGS_EQUAL(99, q->timestamp->entries[0].time);
	std::vector<net::address> pre = {*net::address::parse("10.9.0.2")};
	auto ps = net::timestamp_option(net::ipv4_ts::prespecified, 0, pre);
	auto r = net::decode_ipv4_options(ps);
	CHECK(r.ok());
	LONGS_EQUAL(net::ipv4_ts::prespecified, r->timestamp->flags);
	LONGS_EQUAL(1, r->timestamp->slots);
}

TEST(ipv4, unknown_options_skip_and_eol_ends)
{
	// NOP, security-like option 130 of length 4, EOL, garbage after EOL.
	auto o = from_hex("01 82 04 aabb 00 ff ff ff");
	CHECK(net::decode_ipv4_options(o).ok());
}

TEST(ipv4, rejects_hostile_headers)
{
	auto good = datagram({}, {1, 2, 3, 4});
	CHECK(net::decode_ipv4(good).ok());

	auto v6 = good;
	v6[0] = 0x65;
	fix_checksum(v6);
	CHECK_FALSE(net::decode_ipv4(v6).ok());

	auto short_ihl = good;
	short_ihl[0] = 0x44;
	CHECK_FALSE(net::decode_ipv4(short_ihl).ok());

	auto long_ihl = good;	// claims 60 bytes of header in 24
	long_ihl[0] = 0x4f;
	CHECK_FALSE(net::decode_ipv4(long_ihl).ok());

	auto total_small = good;	// total length inside the header
	total_small[2] = 0;
	total_small[3] = 19;
	fix_checksum(total_small);
	CHECK_FALSE(net::decode_ipv4(total_small).ok());

	auto total_big = good;	// says 200 bytes, has 24
	total_big[3] = 200;
	fix_checksum(total_big);
	auto r = net::decode_ipv4(total_big);
	CHECK_FALSE(r.ok());
	STRCMP_CONTAINS("shorter", r.err().message().c_str());

	auto bad_sum = good;
	bad_sum[8] = 1;
	r = net::decode_ipv4(bad_sum);
	CHECK_FALSE(r.ok());
	STRCMP_CONTAINS("checksum", r.err().message().c_str());
	// What a raw socket delivers is not judged by its checksum, but by
	// everything else.
	CHECK(net::decode_ipv4(bad_sum, net::ipv4_decode::delivered).ok());
	CHECK_FALSE(net::decode_ipv4(total_big,
	    net::ipv4_decode::delivered).ok());

	auto evil = good;	// reserved flag
	evil[6] |= 0x80;
	fix_checksum(evil);
	CHECK_FALSE(net::decode_ipv4(evil).ok());

	for (std::size_t n = 0; n < 20; n++)
		CHECK_FALSE(net::decode_ipv4(
		    net::bytes_view(good).first(n)).ok());
}

TEST(ipv4, rejects_option_overruns)
{
	const char *bad[] = {
	    "07",			// type without length
	    "07 01 04 00",		// length below 2
	    "07 0b 04 00000000 00",	// length beyond the bytes
	    "07 08 04 00000000 00",	// RR length not 3 + 4n
	    "07 07 03 00000000",	// RR pointer below 4
	    "07 07 05 00000000",	// RR pointer not on a slot
	    "07 07 0c 00000000",	// RR pointer beyond length + 1
	    "07 07 04 00000000 07 03 04", // repeated RR (and bad length)
	    "07 07 04 00000000 07 07 04 00000000",	// repeated RR
	    "44 08 05 02 00000000",	// timestamp flag 2 is undefined
	    "44 07 05 00 000000",	// timestamp length not 4 + 4n
	    "44 08 05 01 00000000",	// pairs need 8 bytes each
	    "44 08 04 00 00000000",	// timestamp pointer below 5
	    "44 03 05",			// timestamp shorter than its header
	    "83 03 03",			// LSRR pointer below 4
	    "83 07 04 00000000 89 07 04 00000000",	// two source routes
	};
	for (const char *s : bad)
		CHECK_TEXT(!net::decode_ipv4_options(from_hex(s)).ok(), s);
	// A full record route: pointer one past the end is fine.
	CHECK(net::decode_ipv4_options(from_hex("07 07 08 0a000001 00"))
		  .ok());
	// Any option error rejects the whole datagram.
	auto d = datagram(from_hex("07 07 09 00000000"), {});
	CHECK_FALSE(net::decode_ipv4(d).ok());
}

TEST(ipv4, quoted_headers_may_be_cut_and_carry_any_checksum)
{
	auto d = datagram({}, std::vector<std::uint8_t>(100, 7));
	d[10] ^= 0xff;	// routers may quote what they modified
	auto cut = net::bytes_view(d).first(28);
	CHECK_FALSE(net::decode_ipv4(cut).ok());
	auto q = net::decode_ipv4(cut, net::ipv4_decode::quoted);
	CHECK(q.ok());
	LONGS_EQUAL(8, q->payload.size());
	LONGS_EQUAL(120, q->hdr.total_length);
	CHECK_FALSE(net::decode_ipv4(net::bytes_view(d).first(19),
	    net::ipv4_decode::quoted).ok());
}
