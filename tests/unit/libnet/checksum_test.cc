#include <vector>

#include "libnet/checksum.h"

#include "hex.h"

#include <CppUTest/TestHarness.h>

TEST_GROUP(checksum){};

TEST(checksum, rfc1071_example)
{
	// RFC 1071 section 3: the sum of these words is ddf2 (folded).
	auto b = from_hex("00 01 f2 03 f4 f5 f6 f7");
	LONGS_EQUAL(0x220d, net::internet_checksum(b));
}

TEST(checksum, verifies_to_zero_and_catches_a_flipped_bit)
{
	auto h = from_hex("45000073000040004011b861c0a80001c0a800c7");
	LONGS_EQUAL(0, net::internet_checksum(h));
	h[8] ^= 0x01;
	CHECK(net::internet_checksum(h) != 0);
}

TEST(checksum, odd_lengths_pad_with_zero)
{
	auto odd = from_hex("01 02 03");
	auto even = from_hex("01 02 03 00");
	LONGS_EQUAL(net::internet_checksum(even), net::internet_checksum(odd));
}

TEST(checksum, pieces_sum_as_one_buffer)
{
	auto all = from_hex("01 02 03 04 05 06 07 08 09");
	for (std::size_t cut1 = 0; cut1 <= all.size(); cut1++) {
		for (std::size_t cut2 = cut1; cut2 <= all.size(); cut2++) {
			net::checksum_accumulator c;
			net::bytes_view v(all);
			c.add(v.first(cut1));
			c.add(v.subspan(cut1, cut2 - cut1));
			c.add(v.subspan(cut2));
			LONGS_EQUAL(net::internet_checksum(all), c.finish());
		}
	}
}

TEST(checksum, empty_and_large)
{
	LONGS_EQUAL(0xffff, net::internet_checksum({}));
	std::vector<std::uint8_t> big(70000, 0xff);
	// All ones sum to negative zero; the complement is 0.
	LONGS_EQUAL(0, net::internet_checksum(big));
}

TEST(checksum, pseudo_headers_of_both_families)
{
	// A UDP datagram 192.0.2.1:1234 -> 192.0.2.2:53, payload "hi",
	// checksum computed by hand over the RFC 768 pseudo-header.
	auto udp = from_hex("04d2 0035 000a 0000 6869");
	net::pseudo_header ph{*net::address::parse("192.0.2.1"),
	    *net::address::parse("192.0.2.2")};
	std::uint16_t sum = net::transport_checksum(ph, 17, udp);
	LONGS_EQUAL(0x0e66, sum);
	udp[6] = static_cast<std::uint8_t>(sum >> 8);
	udp[7] = static_cast<std::uint8_t>(sum);
	LONGS_EQUAL(0, net::transport_checksum(ph, 17, udp));
	net::pseudo_header ph6{*net::address::parse("2001:db8::1"),
	    *net::address::parse("2001:db8::2")};
	udp[6] = udp[7] = 0;
	std::uint16_t sum6 = net::transport_checksum(ph6, 17, udp);
	udp[6] = static_cast<std::uint8_t>(sum6 >> 8);
	udp[7] = static_cast<std::uint8_t>(sum6);
	LONGS_EQUAL(0, net::transport_checksum(ph6, 17, udp));
	CHECK(sum6 != sum);
}
