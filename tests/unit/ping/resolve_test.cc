#include <netinet/in.h>

#include "../../../bin/ping/resolve.h"

#include <CppUTest/TestHarness.h>

TEST_GROUP(resolve){};

TEST(resolve, addresses_in_every_inet_aton_form)
{
	// Numbers, as iputils takes them, never names to look up.
	struct {
		const char *in, *out;
	} ok[] = {
	    {"127.0.0.1", "127.0.0.1"},
	    {"127.1", "127.0.0.1"},
	    {"127.0.1", "127.0.0.1"},
	    {"0", "0.0.0.0"},
	    {"0x7f.1", "127.0.0.1"},
	    {"2130706433", "127.0.0.1"},
	    {"::1", "::1"},
	    {"fd00:9::2", "fd00:9::2"},
	    {"::", "::"},
	};
	for (const auto &c : ok) {
		auto a = ping::parse_literal(c.in);
		CHECK_TEXT(a.has_value(), c.in);
		STRCMP_EQUAL(c.out, a->str().c_str());
		CHECK(ping::is_literal(c.in));
	}
	const char *names[] = {"localhost", "", "127.0.0.1.", "1.2.3.4.5",
	    "256.1.1.1", "127.1 ", " 127.1", "0x", "::1::", "host-0",
	    "127.1\n", "fd00::g"};
	for (const char *n : names)
		CHECK_TEXT(!ping::is_literal(n), n);
}

TEST(resolve, an_address_of_the_other_family)
{
	auto r = ping::resolve_host("127.1", AF_INET6);
	CHECK_FALSE(r.ok());
	STRCMP_EQUAL("127.1: Address family for hostname not supported",
	    r.err().message().c_str());
	r = ping::resolve_host("::1", AF_INET);
	CHECK_FALSE(r.ok());
	auto ok = ping::resolve_host("127.1", AF_INET);
	CHECK(ok.ok());
	CHECK(ok->literal);
	STRCMP_EQUAL("127.1", ok->canonical.c_str());
	LONGS_EQUAL(1, ok->addrs.size());
	STRCMP_EQUAL("127.0.0.1", ok->addrs[0].str().c_str());
}
