#include <string>

#include "admission.h"
#include "options.h"

#include <CppUTest/TestHarness.h>

using namespace tftpd;

namespace {

const time_point t0{std::chrono::hours(1)};

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
	t.add(ep("192.0.2.1:2000"), t0);
	CHECK(t.has(ep("192.0.2.1:2000")));
	// Another port of the same host is another transfer.
	CHECK_FALSE(t.has(ep("192.0.2.1:2001")));
	t.remove(ep("192.0.2.1:2000"), t0);
	CHECK_FALSE(t.has(ep("192.0.2.1:2000")));
	LONGS_EQUAL(0, t.size());
}

TEST(admission, per_source_limit_counts_addresses_not_ports)
{
	transfer_table t(0, 2);
	t.add(ep("192.0.2.1:2000"), t0);
	STRCMP_EQUAL("admit", refusal_text(t, "192.0.2.1:2001").c_str());
	t.add(ep("192.0.2.1:2001"), t0);
	STRCMP_EQUAL("too many transfers from this address, try later",
	    refusal_text(t, "192.0.2.1:2002").c_str());
	// An IPv4 client seen through a dual-stack socket is the same host.
	STRCMP_EQUAL("too many transfers from this address, try later",
	    refusal_text(t, "[::ffff:192.0.2.1]:2003").c_str());
	STRCMP_EQUAL("admit", refusal_text(t, "192.0.2.2:2000").c_str());
	LONGS_EQUAL(2, t.from(*net::address::parse("::ffff:192.0.2.1")));
	t.remove(ep("192.0.2.1:2000"), t0);
	STRCMP_EQUAL("admit", refusal_text(t, "192.0.2.1:2002").c_str());
	// An IPv6 host counts with the rest of its /64.
	transfer_table v6(0, 1);
	v6.add(ep("[2001:db8:1:2::1]:69"), t0);
	STRCMP_EQUAL("too many transfers from this address, try later",
	    refusal_text(v6, "[2001:db8:1:2::99]:69").c_str());
	STRCMP_EQUAL("admit", refusal_text(v6, "[2001:db8:1:3::1]:69").c_str());
	// Forgetting what was never counted changes nothing.
	t.remove(ep("192.0.2.9:1"), t0);
	LONGS_EQUAL(1, t.from(*net::address::parse("192.0.2.1")));
}

TEST(admission, overall_limit_and_no_limits)
{
	transfer_table t(3, 0);
	t.add(ep("192.0.2.1:1"), t0);
	t.add(ep("192.0.2.2:1"), t0);
	t.add(ep("[2001:db8::1]:1"), t0);
	STRCMP_EQUAL("too many transfers, try later",
	    refusal_text(t, "192.0.2.4:1").c_str());
	t.remove(ep("192.0.2.2:1"), t0);
	STRCMP_EQUAL("admit", refusal_text(t, "192.0.2.4:1").c_str());
	// Adding a peer twice counts it once.
	t.add(ep("192.0.2.1:1"), t0);
	LONGS_EQUAL(2, t.size());
	transfer_table open(0, 0);
	for (int i = 1; i < 300; i++)
		open.add(ep(("192.0.2.1:" + std::to_string(i)).c_str()), t0);
	STRCMP_EQUAL("admit", refusal_text(open, "192.0.2.1:300").c_str());
	open.clear();
	LONGS_EQUAL(0, open.size());
	LONGS_EQUAL(0, open.from(*net::address::parse("192.0.2.1")));
}

TEST(admission, error_replies_are_rate_limited_per_source)
{
	transfer_table t(0, 0);
	auto a = *net::address::parse("192.0.2.1");
	auto b = *net::address::parse("192.0.2.2");
	time_point now{std::chrono::hours(1)};
	// A burst, then nothing until the bucket refills.
	for (unsigned i = 0; i < reply_burst; i++)
		CHECK(t.allow_reply(a, now));
	CHECK_FALSE(t.allow_reply(a, now));
	CHECK_FALSE(t.allow_reply(*net::address::parse("::ffff:192.0.2.1"),
	    now + reply_interval / 2));
	// Another address has its own bucket.
	CHECK(t.allow_reply(b, now));
	// One more each interval, never more than one at a time.
	now += reply_interval;
	CHECK(t.allow_reply(a, now));
	CHECK_FALSE(t.allow_reply(a, now));
	now += 3 * reply_interval;
	for (int i = 0; i < 3; i++)
		CHECK(t.allow_reply(a, now));
	CHECK_FALSE(t.allow_reply(a, now));
	// Quiet for the whole burst's time: a full burst again.
	now += reply_burst * reply_interval;
	for (unsigned i = 0; i < reply_burst; i++)
		CHECK(t.allow_reply(a, now));
	CHECK_FALSE(t.allow_reply(a, now));
	// Transfers are counted apart from the errors.
	t.add(net::endpoint{a, 69}, now);
	LONGS_EQUAL(1, t.from(a));
	t.remove(net::endpoint{a, 69}, now);
	LONGS_EQUAL(0, t.from(a));
	CHECK_FALSE(t.allow_reply(a, now));
	t.clear();
	CHECK(t.allow_reply(a, now));
}

TEST(admission, the_rate_limited_sources_are_bounded)
{
	// The table is libnet's (limits_test has the flood in detail): a
	// flood from as many forged sources as it likes gets its errors
	// until max_reply_sources are held, then none from a new source.
	transfer_table t(0, 0);
	time_point now{std::chrono::hours(1)};
	auto nth = [](std::size_t i) {
		return net::address::v4(0x0a000000u +
		    static_cast<std::uint32_t>(i));
	};
	for (std::size_t i = 0; i < max_reply_sources; i++)
		CHECK(t.allow_reply(nth(i), now));
	CHECK_FALSE(t.allow_reply(nth(max_reply_sources), now));
	CHECK(t.allow_reply(nth(0), now));
	now += 2 * reply_interval;
	CHECK(t.allow_reply(nth(max_reply_sources), now));
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
