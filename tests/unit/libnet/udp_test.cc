#include <vector>

#include "libnet/udp.h"

#include "hex.h"

#include <CppUTest/TestHarness.h>

namespace {

net::pseudo_header
ph4()
{
	return {*net::address::parse("192.0.2.1"),
	    *net::address::parse("192.0.2.2")};
}

net::pseudo_header
ph6()
{
	return {*net::address::parse("2001:db8::1"),
	    *net::address::parse("2001:db8::2")};
}

} // namespace

TEST_GROUP(udp){};

TEST(udp, round_trip_both_families)
{
	for (auto p : {ph4(), ph6()}) {
		std::vector<std::uint8_t> d;
		net::wire_writer w(d);
		net::encode_udp(w, 1234, 53, from_hex("6869"), p);
		auto u = net::decode_udp(d, &p);
		CHECK(u.ok());
		CHECK(u->checksum_ok);
		LONGS_EQUAL(1234, u->hdr.src_port);
		LONGS_EQUAL(53, u->hdr.dst_port);
		LONGS_EQUAL(10, u->hdr.length);
		LONGS_EQUAL(2, u->payload.size());
	}
}

TEST(udp, known_checksum)
{
	auto p = ph4();
	std::vector<std::uint8_t> d;
	net::wire_writer w(d);
	net::encode_udp(w, 1234, 53, from_hex("6869"), p);
	CHECK(d == from_hex("04d2 0035 000a 0e66 6869"));
}

TEST(udp, zero_checksum_means_none_in_ipv4_only)
{
	auto d = from_hex("04d2 0035 000a 0000 6869");
	auto p4 = ph4();
	auto u = net::decode_udp(d, &p4);
	CHECK(u.ok());
	CHECK(u->checksum_ok);
	auto p6 = ph6();
	CHECK_FALSE(net::decode_udp(d, &p6).ok());
}

TEST(udp, length_field_rules)
{
	// Bytes after the length field's end are ignored.
	auto padded = from_hex("04d2 0035 0009 0000 68 0000");
	auto u = net::decode_udp(padded);
	CHECK(u.ok());
	LONGS_EQUAL(1, u->payload.size());
	const char *bad[] = {
	    "04d2 0035 0007 0000",		// shorter than the header
	    "04d2 0035 000b 0000 6869",		// longer than present
	    "04d2 0035 00",			// truncated header
	};
	for (const char *s : bad)
		CHECK_TEXT(!net::decode_udp(from_hex(s)).ok(), s);
}

TEST(udp, bad_checksum_rejected_or_reported)
{
	auto d = from_hex("04d2 0035 000a 0e67 6869");
	auto p = ph4();
	CHECK_FALSE(net::decode_udp(d, &p).ok());
	auto r = net::decode_udp(d, &p, net::checksum_check::report);
	CHECK(r.ok());
	CHECK_FALSE(r->checksum_ok);
}
