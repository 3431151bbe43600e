#include <bit>
#include <vector>

#include "libnet/wire.h"

#include "hex.h"

#include <CppUTest/TestHarness.h>

TEST_GROUP(wire){};

TEST(wire, reads_network_order_and_stops_at_the_end)
{
	auto b = from_hex("01 0203 04050607 08090a0b0c0d0e0f ff");
	net::wire_reader r(b);
	LONGS_EQUAL(0x01, r.u8());
	LONGS_EQUAL(0x0203, r.u16());
	LONGS_EQUAL(0x04050607u, r.u32());
	CHECK(r.u64() == 0x08090a0b0c0d0e0full);
	LONGS_EQUAL(1, r.remaining());
	CHECK(r.ok());
	LONGS_EQUAL(0, r.u16());	// one byte left: refused, not read
	CHECK_FALSE(r.ok());
	LONGS_EQUAL(0, r.remaining());
	LONGS_EQUAL(0, r.u8());		// stays failed
	CHECK(r.bytes(0).empty());
	CHECK(r.rest().empty());
}

TEST(wire, little_endian_for_host_order_formats)
{
	auto b = from_hex("3412 78563412");
	net::wire_reader r(b);
	r.set_order(std::endian::little);
	LONGS_EQUAL(0x1234, r.u16());
	LONGS_EQUAL(0x12345678u, r.u32());
	CHECK(r.ok() && r.at_end());
}

TEST(wire, sub_readers_are_bounded_and_advance_the_parent)
{
	auto b = from_hex("aa bb cc dd ee");
	net::wire_reader r(b);
	r.u8();
	net::wire_reader s = r.sub(2);
	LONGS_EQUAL(0xbbcc, s.u16());
	LONGS_EQUAL(0, s.u8());
	CHECK_FALSE(s.ok());
	CHECK(r.ok());
	LONGS_EQUAL(0xdd, r.u8());
	net::wire_reader big = r.sub(5);
	CHECK_FALSE(big.ok());
	CHECK_FALSE(r.ok());
}

TEST(wire, huge_lengths_do_not_wrap)
{
	auto b = from_hex("00 01 02");
	net::wire_reader r(b);
	r.u8();
	CHECK(r.bytes(SIZE_MAX).empty());
	CHECK_FALSE(r.ok());
	net::wire_reader r2(b);
	r2.skip(SIZE_MAX - 1);
	CHECK_FALSE(r2.ok());
}

TEST(wire, copy_fills_zeros_on_failure)
{
	auto b = from_hex("01 02");
	net::wire_reader r(b);
	std::uint8_t out[4] = {9, 9, 9, 9};
	r.copy(out);
	CHECK_FALSE(r.ok());
	for (auto v : out)
		LONGS_EQUAL(0, v);
}

TEST(wire, writer_appends_and_patches)
{
	std::vector<std::uint8_t> out = {0xee};
	net::wire_writer w(out);
	LONGS_EQUAL(1, w.offset());
	w.u8(1);
	w.u16(0x0203);
	w.u32(0x04050607);
	w.zeros(2);
	w.put_u16_at(8, 0xabcd);
	w.put_u16_at(100, 1);	// out of range: ignored
	CHECK(out == from_hex("ee 01 0203 04050607 abcd"));
	LONGS_EQUAL(5, w.since(5).size());
	w.set_order(std::endian::little);
	w.u16(0x1234);
	LONGS_EQUAL(0x34, out[10]);
	LONGS_EQUAL(0x12, out[11]);
}

TEST(wire, cstrings_end_at_their_nul_and_fail_without_one)
{
	const std::uint8_t b[] = {'a', 'b', 0, 0, 'c'};
	net::wire_reader r(b);
	STRCMP_EQUAL("ab", std::string(r.cstring()).c_str());
	STRCMP_EQUAL("", std::string(r.cstring()).c_str());
	CHECK(r.ok());
	CHECK_FALSE(r.only_zeros());
	// "c" has no NUL after it: nothing is read past the end.
	CHECK(r.cstring().empty());
	CHECK_FALSE(r.ok());
	LONGS_EQUAL(0, r.remaining());
}

TEST(wire, only_zeros_is_padding_to_the_end)
{
	const std::uint8_t b[] = {'x', 0, 0, 0};
	net::wire_reader r(b);
	CHECK_FALSE(r.only_zeros());
	(void)r.u8();
	CHECK(r.only_zeros());
	r.skip(3);
	CHECK(r.only_zeros());
	r.skip(1);
	CHECK_FALSE(r.only_zeros());
}
