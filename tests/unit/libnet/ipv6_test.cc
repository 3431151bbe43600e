#include <vector>

#include "libnet/ipv4.h"
#include "libnet/ipv6.h"

#include "hex.h"

#include <CppUTest/TestHarness.h>

namespace {

std::vector<std::uint8_t>
packet(std::uint8_t next, const std::vector<std::uint8_t> &payload)
{
	net::ipv6_header h;
	h.traffic_class = 0xb8;
	h.flow_label = 0x12345;
	h.next_header = next;
	h.hop_limit = 255;
	h.src = *net::address::parse("fd00:9::1");
	h.dst = *net::address::parse("fd00:9::2");
	std::vector<std::uint8_t> out;
	net::wire_writer w(out);
	net::encode_ipv6(w, h, payload.size());
	w.bytes(payload);
	return out;
}

} // namespace

TEST_GROUP(ipv6){};

TEST(ipv6, round_trip_of_the_fixed_header)
{
	auto d = packet(net::ip_proto::icmpv6, {0x80, 0, 0, 0, 0, 1, 0, 1});
	LONGS_EQUAL(48, d.size());
	auto p = net::decode_ipv6(d);
	CHECK(p.ok());
	LONGS_EQUAL(0xb8, p->hdr.traffic_class);
	LONGS_EQUAL(0x12345, p->hdr.flow_label);
	LONGS_EQUAL(255, p->hdr.hop_limit);
	LONGS_EQUAL(net::ip_proto::icmpv6, p->protocol);
	STRCMP_EQUAL("fd00:9::2", p->hdr.dst.str().c_str());
	LONGS_EQUAL(8, p->payload.size());
	CHECK_FALSE(p->fragment);
}

TEST(ipv6, walks_extension_headers)
{
	// Hop-by-hop (8 bytes, PadN), destination options (16 bytes), then
	// a first fragment, then UDP.
	auto ext = from_hex("3c00 0104 00000000"
			    "2c01 0000 00000000 0000000000000000"
			    "1100 0001 deadbeef"
			    "0035 0035 0008 0000");
	auto d = packet(net::ip_proto::hopopts, ext);
	auto p = net::decode_ipv6(d);
	CHECK_TEXT(p.ok(), p.ok() ? "" : p.err().message().c_str());
	LONGS_EQUAL(net::ip_proto::udp, p->protocol);
	CHECK(p->fragment);
	LONGS_EQUAL(8, p->payload.size());
	LONGS_EQUAL(0x00, p->payload[0]);
	LONGS_EQUAL(0x35, p->payload[1]);
}

TEST(ipv6, later_fragments_have_no_upper_header)
{
	auto d = packet(net::ip_proto::fragment,
	    from_hex("3a00 0100 deadbeef 0102030405060708"));
	auto p = net::decode_ipv6(d);
	CHECK(p.ok());
	LONGS_EQUAL(net::ip_proto::fragment, p->protocol);
	LONGS_EQUAL(8, p->payload.size());
}

TEST(ipv6, rejects_hostile_packets)
{
	auto good = packet(net::ip_proto::none, {});
	CHECK(net::decode_ipv6(good).ok());
	for (std::size_t n = 0; n < 40; n++)
		CHECK_FALSE(net::decode_ipv6(
		    net::bytes_view(good).first(n)).ok());

	auto v4 = good;
	v4[0] = 0x45;
	CHECK_FALSE(net::decode_ipv6(v4).ok());

	auto longer = packet(net::ip_proto::udp, {1, 2, 3, 4});
	longer[5] = 5;	// payload length beyond the packet
	CHECK_FALSE(net::decode_ipv6(longer).ok());

	// Destination options claiming 16 bytes with 8 present.
	auto over = packet(net::ip_proto::dstopts,
	    from_hex("1101 0000 00000000"));
	CHECK_FALSE(net::decode_ipv6(over).ok());

	// Hop-by-hop anywhere but first.
	auto hbh = packet(net::ip_proto::dstopts,
	    from_hex("0000 0104 00000000 1100 0104 00000000"));
	CHECK_FALSE(net::decode_ipv6(hbh).ok());

	// A cut fragment header.
	auto frag = packet(net::ip_proto::fragment, from_hex("1100 0001"));
	CHECK_FALSE(net::decode_ipv6(frag).ok());
}

TEST(ipv6, quoted_packets_may_be_cut_anywhere_after_the_header)
{
	auto d = packet(net::ip_proto::icmpv6,
	    std::vector<std::uint8_t>(1200, 0x80));
	auto q = net::decode_ipv6(net::bytes_view(d).first(60),
	    net::ipv6_decode::quoted);
	CHECK(q.ok());
	LONGS_EQUAL(net::ip_proto::icmpv6, q->protocol);
	LONGS_EQUAL(20, q->payload.size());
	LONGS_EQUAL(1200, q->hdr.payload_length);
	auto e = packet(net::ip_proto::dstopts,
	    from_hex("3a01 0000 00000000 0000000000000000 8000"));
	auto cut = net::decode_ipv6(net::bytes_view(e).first(44),
	    net::ipv6_decode::quoted);
	CHECK(cut.ok());
	LONGS_EQUAL(net::ip_proto::dstopts, cut->protocol);
	CHECK(cut->payload.empty());
	CHECK_FALSE(net::decode_ipv6(net::bytes_view(d).first(39),
	    net::ipv6_decode::quoted).ok());
}
