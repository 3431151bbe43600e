#include "limiter.h"

#include <CppUTest/TestHarness.h>

namespace {

const net::time_point t0{std::chrono::seconds(1000)};

net::time_point
at(double secs)
{
	return t0 + std::chrono::duration_cast<net::duration>(
	    std::chrono::duration<double>(secs));
}

net::address
addr(const char *s)
{
	return *net::address::parse(s);
}

} // namespace

TEST_GROUP(token_bucket){};

TEST(token_bucket, burst_of_a_minute_then_the_rate)
{
	inetd::token_bucket b(60);
	for (int i = 0; i < 60; i++)
		CHECK_TEXT(b.take(t0), std::to_string(i).c_str());
	CHECK_FALSE(b.take(t0));
	DOUBLES_EQUAL(1.0,
	    std::chrono::duration<double>(b.wait_time(t0)).count(), 0.01);
	CHECK_FALSE(b.take(at(0.5)));
	CHECK(b.take(at(1.01)));
	CHECK_FALSE(b.take(at(1.02)));
	// Idle for long: never more than one minute's worth.
	for (int i = 0; i < 60; i++)
		CHECK(b.take(at(3600)));
	CHECK_FALSE(b.take(at(3600)));
}

TEST(token_bucket, zero_is_unlimited_and_rates_change_in_place)
{
	inetd::token_bucket none(0);
	for (int i = 0; i < 100000; i++)
		CHECK(none.take(t0));
	CHECK(none.wait_time(t0) == net::duration::zero());
	inetd::token_bucket b(10);
	for (int i = 0; i < 10; i++)
		CHECK(b.take(t0));
	b.set_rate(600);
	CHECK_FALSE(b.take(t0));
	CHECK(b.take(at(0.11)));
	// 0.1 of a token is left over: (1 - 0.1) * 30 s at the new rate.
	b.set_rate(2);
	DOUBLES_EQUAL(27.0,
	    std::chrono::duration<double>(b.wait_time(at(0.11))).count(), 0.5);
}

TEST(token_bucket, a_clock_going_backwards_earns_nothing)
{
	inetd::token_bucket b(60);
	for (int i = 0; i < 60; i++)
		CHECK(b.take(at(10)));
	CHECK_FALSE(b.take(at(5)));
	CHECK_FALSE(b.take(at(10)));
}

TEST_GROUP(source_table){};

TEST(source_table, concurrent_limit_per_source)
{
	inetd::source_table t;
	auto a = addr("192.0.2.1"), b = addr("192.0.2.2");
	CHECK(t.admit(a, t0, 2, 0) == inetd::source_verdict::admit);
	CHECK(t.admit(a, t0, 2, 0) == inetd::source_verdict::admit);
	CHECK(t.admit(a, t0, 2, 0) == inetd::source_verdict::too_many);
	CHECK(t.admit(b, t0, 2, 0) == inetd::source_verdict::admit);
	LONGS_EQUAL(2, t.active(a));
	t.release(a);
	CHECK(t.admit(a, t0, 2, 0) == inetd::source_verdict::admit);
	t.release(addr("198.51.100.1"));
	LONGS_EQUAL(0, t.active(addr("198.51.100.1")));
}

TEST(source_table, rate_per_source_and_no_limits_keeps_no_state)
{
	inetd::source_table t;
	auto a = addr("192.0.2.1");
	for (int i = 0; i < 3; i++) {
		CHECK(t.admit(a, t0, 0, 3) == inetd::source_verdict::admit);
		t.release(a);
	}
	CHECK(t.admit(a, t0, 0, 3) == inetd::source_verdict::too_fast);
	CHECK(t.admit(a, at(20.1), 0, 3) == inetd::source_verdict::admit);
	inetd::source_table u;
	CHECK(u.admit(a, t0, 0, 0) == inetd::source_verdict::admit);
	LONGS_EQUAL(0, u.size());
}

TEST(source_table, ipv6_counts_per_64_and_mapped_as_ipv4)
{
	inetd::source_table t;
	CHECK(t.admit(addr("2001:db8:1:2::1"), t0, 2, 0) ==
	    inetd::source_verdict::admit);
	CHECK(t.admit(addr("2001:db8:1:2:ffff::9"), t0, 2, 0) ==
	    inetd::source_verdict::admit);
	CHECK(t.admit(addr("2001:db8:1:2::77"), t0, 2, 0) ==
	    inetd::source_verdict::too_many);
	CHECK(t.admit(addr("2001:db8:1:3::1"), t0, 2, 0) ==
	    inetd::source_verdict::admit);
	CHECK(t.admit(addr("::ffff:192.0.2.9"), t0, 1, 0) ==
	    inetd::source_verdict::admit);
	CHECK(t.admit(addr("192.0.2.9"), t0, 1, 0) ==
	    inetd::source_verdict::too_many);
	CHECK(inetd::source_key(addr("2001:db8:1:2:3:4:5:6")) ==
	    addr("2001:db8:1:2::"));
}

TEST(source_table, bounded_forgets_idle_sources_never_busy_ones)
{
	inetd::source_table t(2);
	auto a = addr("192.0.2.1"), b = addr("192.0.2.2"),
	     c = addr("192.0.2.3");
	CHECK(t.admit(a, t0, 5, 0) == inetd::source_verdict::admit);
	CHECK(t.admit(b, at(1), 5, 0) == inetd::source_verdict::admit);
	CHECK(t.admit(c, at(2), 5, 0) == inetd::source_verdict::table_full);
	t.release(a);
	CHECK(t.admit(c, at(3), 5, 0) == inetd::source_verdict::admit);
	LONGS_EQUAL(2, t.size());
	LONGS_EQUAL(0, t.active(a));
	LONGS_EQUAL(1, t.active(b));
}
