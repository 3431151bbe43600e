#include <string>

#include "admission.h"
#include "options.h"

#include <CppUTest/TestHarness.h>

using namespace tftpd;

namespace {

net::endpoint
ep(const char *s)
{
	auto e = net::endpoint::parse(s);
	CHECK(e.has_value());
	return *e;
}

std::string
refusal_text(const transfer_table &t, const char *peer)
{
	auto r = t.refusal(ep(peer));
	if (!r)
		return "admit";
	LONGS_EQUAL(0, static_cast<int>(r->code));
	return r->message;
}

} // namespace

TEST_GROUP(admission){};

TEST(admission, a_repeated_request_is_recognised_until_the_transfer_ends)
{
	transfer_table t(0, 0);
	CHECK_FALSE(t.has(ep("192.0.2.1:2000")));
	t.add(ep("192.0.2.1:2000"));
	CHECK(t.has(ep("192.0.2.1:2000")));
	// Another port of the same host is another transfer.
	CHECK_FALSE(t.has(ep("192.0.2.1:2001")));
	t.remove(ep("192.0.2.1:2000"));
	CHECK_FALSE(t.has(ep("192.0.2.1:2000")));
	LONGS_EQUAL(0, t.size());
}

TEST(admission, per_source_limit_counts_addresses_not_ports)
{
	transfer_table t(0, 2);
	t.add(ep("192.0.2.1:2000"));
	STRCMP_EQUAL("admit", refusal_text(t, "192.0.2.1:2001").c_str());
	t.add(ep("192.0.2.1:2001"));
	STRCMP_EQUAL("too many transfers from this address, try later",
	    refusal_text(t, "192.0.2.1:2002").c_str());
	// An IPv4 client seen through a dual-stack socket is the same host.
	STRCMP_EQUAL("too many transfers from this address, try later",
	    refusal_text(t, "[::ffff:192.0.2.1]:2003").c_str());
	STRCMP_EQUAL("admit", refusal_text(t, "192.0.2.2:2000").c_str());
	LONGS_EQUAL(2, t.from(*net::address::parse("::ffff:192.0.2.1")));
	t.remove(ep("192.0.2.1:2000"));
	STRCMP_EQUAL("admit", refusal_text(t, "192.0.2.1:2002").c_str());
	// Forgetting what was never counted changes nothing.
	t.remove(ep("192.0.2.9:1"));
	LONGS_EQUAL(1, t.from(*net::address::parse("192.0.2.1")));
}

TEST(admission, overall_limit_and_no_limits)
{
	transfer_table t(3, 0);
	t.add(ep("192.0.2.1:1"));
	t.add(ep("192.0.2.2:1"));
	t.add(ep("[2001:db8::1]:1"));
	STRCMP_EQUAL("too many transfers, try later",
	    refusal_text(t, "192.0.2.4:1").c_str());
	t.remove(ep("192.0.2.2:1"));
	STRCMP_EQUAL("admit", refusal_text(t, "192.0.2.4:1").c_str());
	// Adding a peer twice counts it once.
	t.add(ep("192.0.2.1:1"));
	LONGS_EQUAL(2, t.size());
	transfer_table open(0, 0);
	for (int i = 1; i < 300; i++)
		open.add(ep(("192.0.2.1:" + std::to_string(i)).c_str()));
	STRCMP_EQUAL("admit", refusal_text(open, "192.0.2.1:300").c_str());
	open.clear();
	LONGS_EQUAL(0, open.size());
	LONGS_EQUAL(0, open.from(*net::address::parse("192.0.2.1")));
}

TEST(admission, path_mtu_caps_blksize)
{
	option_limits base;
	base.max_blksize = 65464;
	LONGS_EQUAL(1468, limits_for_path(base, 1500, false).max_blksize);
	LONGS_EQUAL(1448, limits_for_path(base, 1500, true).max_blksize);
	// Unknown MTU: no cap; a -B lower than the MTU allows stays.
	LONGS_EQUAL(65464, limits_for_path(base, 0, false).max_blksize);
	base.max_blksize = 1024;
	LONGS_EQUAL(1024, limits_for_path(base, 9000, false).max_blksize);
	LONGS_EQUAL(8, limits_for_path(base, 30, false).max_blksize);
	// The other limits pass through.
	base.max_windowsize = 7;
	LONGS_EQUAL(7, limits_for_path(base, 1500, false).max_windowsize);
}
