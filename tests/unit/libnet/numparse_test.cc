#include "libnet/numparse.h"
#include "libnet/text.h"

#include <CppUTest/TestHarness.h>

TEST_GROUP(numparse){};

TEST(numparse, decimal_bounds)
{
	LONGS_EQUAL(42, *net::parse_uint("42"));
	CHECK(!net::parse_uint(""));
	CHECK(!net::parse_uint("-1"));
	CHECK(!net::parse_uint("+1"));
	CHECK(!net::parse_uint(" 1"));
	CHECK(!net::parse_uint("1 "));
	CHECK(!net::parse_uint("0x10"));
	CHECK(!net::parse_uint("18446744073709551616"));
	CHECK(net::parse_uint("18446744073709551615").has_value());
	CHECK(!net::parse_uint("70000", 0, 65535));
	CHECK(!net::parse_uint("7", 8, 10));
}

TEST(numparse, c_notation)
{
	LONGS_EQUAL(16, *net::parse_uint_c("0x10"));
	LONGS_EQUAL(8, *net::parse_uint_c("010"));
	LONGS_EQUAL(0, *net::parse_uint_c("0"));
	CHECK(!net::parse_uint_c("09"));
	CHECK(!net::parse_uint_c("0x"));
	CHECK(!net::parse_uint_c("0xg"));
}

TEST(numparse, durations)
{
	LONGS_EQUAL(5000, *net::parse_duration_ms("5"));
	LONGS_EQUAL(250, *net::parse_duration_ms("250ms"));
	LONGS_EQUAL(120000, *net::parse_duration_ms("2m"));
	LONGS_EQUAL(3600000, *net::parse_duration_ms("1h"));
	LONGS_EQUAL(7, *net::parse_duration_ms("7", 1));
	CHECK(!net::parse_duration_ms("5d"));
	CHECK(!net::parse_duration_ms("ms"));
	CHECK(!net::parse_duration_ms("99999999999999999999h"));
}

TEST_GROUP(text){};

TEST(text, fields_and_comments)
{
	auto f = net::split_fields(net::strip_comment(" a\tb  c # d e"));
	LONGS_EQUAL(3, f.size());
	CHECK(f[2] == "c");
	CHECK(net::split_fields("").empty());
	auto s = net::split("a,,b", ',');
	LONGS_EQUAL(3, s.size());
	CHECK(s[1].empty());
	CHECK(net::trim("\t x y ") == "x y");
	CHECK(net::is_plain_name("in.tftpd-hpa_2"));
	CHECK(!net::is_plain_name("a b"));
	CHECK(!net::is_plain_name("a/b"));
	CHECK(!net::is_plain_name(""));
	CHECK(net::iequals("LOCAL", "local"));
	STRCMP_EQUAL("abc", net::to_lower("AbC").c_str());
}

TEST(numparse, command_line_numbers_and_hex_digits)
{
	auto ok = net::parse_arg_number("count", "5", 1, 10);
	CHECK(ok.ok());
	LONGS_EQUAL(5, *ok);
	auto bad = net::parse_arg_number("-q", "12x\x01", 0, 65535);
	CHECK_FALSE(bad.ok());
	STRCMP_EQUAL("invalid -q: '12x\\001' (from 0 to 65535)",
	    bad.err().message().c_str());
	CHECK_FALSE(net::parse_arg_number("ttl", "0", 1, 255).ok());
	CHECK_FALSE(net::parse_arg_number("ttl", "256", 1, 255).ok());
	LONGS_EQUAL(15, *net::hex_digit('F'));
	LONGS_EQUAL(10, *net::hex_digit('a'));
	LONGS_EQUAL(9, *net::hex_digit('9'));
	CHECK_FALSE(net::hex_digit('g').has_value());
	CHECK_FALSE(net::hex_digit('\0').has_value());
}
