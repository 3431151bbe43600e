#include "libnet/addr.h"

#include <CppUTest/TestHarness.h>

TEST_GROUP(addr){};

TEST(addr, parses_and_prints_ipv4_and_ipv6)
{
	auto a = net::address::parse("192.0.2.1");
	CHECK(a && a->is_v4());
	STRCMP_EQUAL("192.0.2.1", a->str().c_str());
	LONGS_EQUAL(0xc0000201u, a->v4_value());
	auto b = net::address::parse("2001:DB8:0:0::1");
	CHECK(b && b->is_v6());
	STRCMP_EQUAL("2001:db8::1", b->str().c_str());
	auto c = net::address::parse("fe80::1%7");
	CHECK(c.has_value());
	LONGS_EQUAL(7, c->scope_id());
}

TEST(addr, refuses_loose_and_hostile_text)
{
	const char *bad[] = {"", "1.2.3", "1.2.3.4.5", "256.1.1.1",
	    "01.2.3.4x", " 1.2.3.4", "1.2.3.4 ", "::1::2", "fe80::1%",
	    "fe80::1%nosuchif0", "1.2.3.4%1", "[::1]", "0x7f.1",
	    "::ffff:1.2.3.4.5"};
	for (const char *s : bad)
		CHECK_TEXT(!net::address::parse(s), s);
	std::string huge(5000, '1');
	CHECK(!net::address::parse(huge));
}

TEST(addr, classic_inet_aton_forms)
{
	STRCMP_EQUAL("10.0.0.1", net::parse_ipv4_classic("10.1")->str().c_str());
	STRCMP_EQUAL("128.1.0.2",
	    net::parse_ipv4_classic("128.1.2")->str().c_str());
	STRCMP_EQUAL("127.0.0.1",
	    net::parse_ipv4_classic("0x7f.1")->str().c_str());
	STRCMP_EQUAL("0.0.0.255", net::parse_ipv4_classic("0377")->str().c_str());
	CHECK(!net::parse_ipv4_classic("1.2.3.4.5"));
	CHECK(!net::parse_ipv4_classic("256.1"));
	CHECK(!net::parse_ipv4_classic("1.2.65536"));
	CHECK(!net::parse_ipv4_classic("1..2"));
	CHECK(!net::parse_ipv4_classic("08"));
	CHECK(!net::parse_ipv4_classic(""));
}

TEST(addr, mapped_loopback_and_masking)
{
	auto m = net::address::parse("::ffff:127.0.0.1");
	CHECK(m->is_v4_mapped());
	CHECK(m->is_loopback());
	STRCMP_EQUAL("127.0.0.1", m->unmapped().str().c_str());
	CHECK(net::address::loopback6().is_loopback());
	CHECK(net::address::any6().is_unspecified());
	auto v6 = net::address::parse("2001:db8:1:2:3:4:5:6");
	STRCMP_EQUAL("2001:db8:1:2::", v6->masked(64).str().c_str());
	STRCMP_EQUAL("2001:db8::", v6->masked(35).str().c_str());
	STRCMP_EQUAL("10.1.0.0",
	    net::address::parse("10.1.2.3")->masked(16).str().c_str());
}

TEST(addr, endpoints_round_trip)
{
	auto e = net::endpoint::parse("127.0.0.1:7");
	CHECK(e.has_value());
	STRCMP_EQUAL("127.0.0.1:7", e->str().c_str());
	auto f = net::endpoint::parse("[::1]:65535");
	CHECK(f.has_value());
	STRCMP_EQUAL("[::1]:65535", f->str().c_str());
	sockaddr_storage ss;
	socklen_t len = f->to_sockaddr(ss);
	auto g = net::endpoint::from_sockaddr(
	    reinterpret_cast<sockaddr *>(&ss), len);
	CHECK(g && *g == *f);
	CHECK(net::endpoint::parse("*:69")->addr.is_unspecified());
	// The wildcard is the IPv6 one (a dual-stack socket when v6only is
	// off), with or without the '*'.
	CHECK(net::endpoint::parse("*:69")->addr.is_v6());
	CHECK(*net::endpoint::parse(":69") == *net::endpoint::parse("[::]:69"));
	CHECK(!net::endpoint::parse("*"));
	CHECK(!net::endpoint::parse("*:"));
	const char *bad[] = {"127.0.0.1", "127.0.0.1:", "127.0.0.1:65536",
	    "[::1:7", "[::1]7", "::1:7x", "host:7", "1.2.3.4:-1"};
	for (const char *s : bad)
		CHECK_TEXT(!net::endpoint::parse(s), s);
}

TEST(addr, cidr_forms_and_matching)
{
	auto a = net::cidr::parse("10.0.0.0/8");
	CHECK(a->contains(*net::address::parse("10.255.1.1")));
	CHECK(!a->contains(*net::address::parse("11.0.0.1")));
	CHECK(a->contains(*net::address::parse("::ffff:10.1.1.1")));
	auto b = net::cidr::parse("192.168.1.0/255.255.255.0");
	LONGS_EQUAL(24, b->prefix());
	auto c = net::cidr::parse("[2001:db8::]/32");
	CHECK(c->contains(*net::address::parse("2001:db8:ffff::1")));
	CHECK(!c->contains(*net::address::parse("10.0.0.1")));
	auto d = net::cidr::parse("10.1.2.3");
	LONGS_EQUAL(32, d->prefix());
	STRCMP_EQUAL("10.1.2.3/32", d->str().c_str());
	STRCMP_EQUAL("10.0.0.0/8", net::cidr::parse("10.9.9.9/8")->str().c_str());
	CHECK(net::cidr::parse("0.0.0.0/0")->contains(
	    *net::address::parse("1.2.3.4")));
	const char *bad[] = {"10.0.0.0/33", "10.0.0.0/255.0.255.0",
	    "::/129", "10.0.0.0/", "/8", "::/255.0.0.0", "10.0.0.0/8/8"};
	for (const char *s : bad)
		CHECK_TEXT(!net::cidr::parse(s), s);
}
