#include "../../../bin/ping/settings.h"

#include <CppUTest/TestHarness.h>

TEST_GROUP(settings){};

TEST(settings, seconds_in_any_locale)
{
	LONGS_EQUAL(1000000, *ping::parse_seconds("1"));
	LONGS_EQUAL(200000, *ping::parse_seconds("0.2"));
	LONGS_EQUAL(500000, *ping::parse_seconds(".5"));
	LONGS_EQUAL(2000001, *ping::parse_seconds("2.000001"));
	LONGS_EQUAL(1, *ping::parse_seconds("0.0000019"));
	LONGS_EQUAL(0, *ping::parse_seconds("0"));
	LONGS_EQUAL(3000000, *ping::parse_seconds("3."));
	const char *bad[] = {"", ".", "-1", "+1", "1e3", "0,2", " 1", "1 ",
	    "1..2", "abc", "99999999999999999999", "604801"};
	for (const char *s : bad)
		CHECK_TEXT(!ping::parse_seconds(s), s);
	CHECK(ping::parse_seconds("604800").has_value());
}

TEST(settings, patterns_as_the_classic_ping_reads_them)
{
	auto p = ping::parse_pattern("c0ffee");
	CHECK(p.has_value());
	LONGS_EQUAL(3, p->size());
	LONGS_EQUAL(0xc0, (*p)[0]);
	LONGS_EQUAL(0xee, (*p)[2]);
	auto odd = ping::parse_pattern("abc");
	LONGS_EQUAL(2, odd->size());
	LONGS_EQUAL(0x0c, (*odd)[1]);
	LONGS_EQUAL(16, ping::parse_pattern(std::string(32, 'f'))->size());
	CHECK(!ping::parse_pattern(std::string(33, 'f')));
	CHECK(!ping::parse_pattern(""));
	CHECK(!ping::parse_pattern("0x12"));
	CHECK(!ping::parse_pattern("12 34"));
}

TEST(settings, sizes_fit_one_datagram)
{
	LONGS_EQUAL(65507, ping::max_size(AF_INET, false));
	LONGS_EQUAL(65467, ping::max_size(AF_INET, true));
	LONGS_EQUAL(65527, ping::max_size(AF_INET6, false));
}

TEST(settings, what_needs_root)
{
	ping::settings s;
	CHECK(!ping::needs_root(s));
	s.interval_given = true;
	// iputils' MINUSERINTERVAL: 2 ms, with its words for anything less.
	s.interval_us = 2000;
	CHECK(!ping::needs_root(s));
	s.interval_us = 1999;
	STRCMP_EQUAL("cannot flood; minimal interval allowed for user is 2ms",
	    ping::needs_root(s)->c_str());
	s.interval_us = 0;
	STRCMP_EQUAL("cannot flood; minimal interval allowed for user is 2ms",
	    ping::needs_root(s)->c_str());
	s.interval_us = 1000000;
	s.preload = 3;
	CHECK(!ping::needs_root(s));
	s.preload = 4;
	STRCMP_CONTAINS("preload", ping::needs_root(s)->c_str());
	s.preload = 1;
	s.flood = true;
	STRCMP_EQUAL("cannot flood; minimal interval allowed for user is 2ms",
	    ping::needs_root(s)->c_str());
}
