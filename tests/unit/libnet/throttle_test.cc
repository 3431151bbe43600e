#include <string>

#include "libnet/throttle.h"

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

double
secs(net::duration d)
{
	return std::chrono::duration<double>(d).count();
}

const net::duration one_s = std::chrono::seconds(1);

} // namespace

TEST_GROUP(token_bucket){};

TEST(token_bucket, per_minute_burst_of_a_minute_then_the_rate)
{
	auto b = net::token_bucket::per_minute(60);
	for (int i = 0; i < 60; i++)
		CHECK_TEXT(b.take(t0), std::to_string(i).c_str());
	CHECK_FALSE(b.take(t0));
	DOUBLES_EQUAL(1.0, secs(b.wait_time(t0)), 0.01);
	CHECK_FALSE(b.take(at(0.5)));
	CHECK(b.take(at(1.01)));
	CHECK_FALSE(b.take(at(1.02)));
	// Idle for long: never more than one minute's worth.
	for (int i = 0; i < 60; i++)
		CHECK(b.take(at(3600)));
	CHECK_FALSE(b.take(at(3600)));
}

TEST(token_bucket, burst_then_one_an_interval)
{
	net::token_bucket b(10, one_s);
	auto now = t0;
	for (int i = 0; i < 10; i++)
		CHECK(b.take(now));
	CHECK_FALSE(b.take(now));
	CHECK_FALSE(b.take(now + one_s / 2));
	now += one_s;
	CHECK(b.take(now));
	CHECK_FALSE(b.take(now));
	now += 3 * one_s;
	for (int i = 0; i < 3; i++)
		CHECK(b.take(now));
	CHECK_FALSE(b.take(now));
	CHECK_FALSE(b.full(now));
	now += 10 * one_s;
	CHECK(b.full(now));
	for (int i = 0; i < 10; i++)
		CHECK(b.take(now));
	CHECK_FALSE(b.take(now));
}

TEST(token_bucket, no_limit_and_limits_changed_in_place)
{
	net::token_bucket none, zero = net::token_bucket::per_minute(0);
	for (int i = 0; i < 100000; i++)
		CHECK(none.take(t0) && zero.take(t0));
	CHECK(none.wait_time(t0) == net::duration::zero());
	CHECK_FALSE(none.limited());
	auto b = net::token_bucket::per_minute(10);
	for (int i = 0; i < 10; i++)
		CHECK(b.take(t0));
	// Empty at 10 a minute is empty at 600 a minute.
	auto r = net::token_bucket::per_minute(600);
	b.set_limit(r.burst(), r.interval(), t0);
	CHECK_FALSE(b.take(t0));
	CHECK(b.take(at(0.11)));
	// Nearly empty (0.1 of a token of 600 taken back in 0.01 s):
	// at 2 a minute, the next token is nearly 30 s away.
	r = net::token_bucket::per_minute(2);
	b.set_limit(r.burst(), r.interval(), at(0.11));
	CHECK(secs(b.wait_time(at(0.11))) > 25.0);
	CHECK(secs(b.wait_time(at(0.11))) <= 30.0);
	// A bucket that was full stays full.
	auto c = net::token_bucket::per_minute(3);
	c.set_limit(5, one_s, t0);
	for (int i = 0; i < 5; i++)
		CHECK(c.take(t0));
	CHECK_FALSE(c.take(t0));
}

TEST(token_bucket, a_clock_going_backwards_earns_nothing)
{
	auto b = net::token_bucket::per_minute(60);
	for (int i = 0; i < 60; i++)
		CHECK(b.take(at(10)));
	CHECK_FALSE(b.take(at(5)));
	CHECK_FALSE(b.take(at(10)));
}

TEST_GROUP(source_table){};

TEST(source_table, concurrent_limit_per_source)
{
	net::source_table t;
	auto a = addr("192.0.2.1"), b = addr("192.0.2.2");
	auto admit = [&](const net::address &x) {
		return t.admit(x, t0, 2, 0, {});
	};
	CHECK(admit(a) == net::source_verdict::admit);
	CHECK(admit(a) == net::source_verdict::admit);
	CHECK(admit(a) == net::source_verdict::too_many);
	CHECK(admit(b) == net::source_verdict::admit);
	LONGS_EQUAL(2, t.active(a));
	t.release(a, t0);
	CHECK(admit(a) == net::source_verdict::admit);
	t.release(addr("198.51.100.1"), t0);
	LONGS_EQUAL(0, t.active(addr("198.51.100.1")));
	// A source with nothing running and a full bucket is forgotten.
	t.release(b, t0);
	LONGS_EQUAL(1, t.size());
}

TEST(source_table, rate_per_source_and_no_limits_keeps_no_state)
{
	net::source_table t;
	auto a = addr("192.0.2.1");
	auto r = net::token_bucket::per_minute(3);
	for (int i = 0; i < 3; i++) {
		CHECK(t.admit(a, t0, 0, r.burst(), r.interval()) ==
		    net::source_verdict::admit);
		t.release(a, t0);
	}
	CHECK(t.admit(a, t0, 0, r.burst(), r.interval()) ==
	    net::source_verdict::too_fast);
	CHECK(t.admit(a, at(20.1), 0, r.burst(), r.interval()) ==
	    net::source_verdict::admit);
	net::source_table u;
	CHECK(u.admit(a, t0, 0, 0, {}) == net::source_verdict::admit);
	CHECK(u.take(a, t0, 0, {}));
	LONGS_EQUAL(0, u.size());
}

TEST(source_table, take_is_a_rate_without_a_count)
{
	net::source_table t;
	auto a = addr("192.0.2.1");
	for (int i = 0; i < 10; i++)
		CHECK(t.take(a, t0, 10, one_s));
	CHECK_FALSE(t.take(a, t0, 10, one_s));
	CHECK_FALSE(t.take(addr("::ffff:192.0.2.1"), t0 + one_s / 2, 10,
	    one_s));
	CHECK(t.take(addr("192.0.2.2"), t0, 10, one_s));
	LONGS_EQUAL(0, t.active(a));
	CHECK(t.take(a, t0 + one_s, 10, one_s));
}

TEST(source_table, ipv6_counts_per_64_and_mapped_as_ipv4)
{
	net::source_table t;
	auto admit = [&](const char *x, unsigned max) {
		return t.admit(addr(x), t0, max, 0, {});
	};
	CHECK(admit("2001:db8:1:2::1", 2) == net::source_verdict::admit);
	CHECK(admit("2001:db8:1:2:ffff::9", 2) == net::source_verdict::admit);
	CHECK(admit("2001:db8:1:2::77", 2) == net::source_verdict::too_many);
	CHECK(admit("2001:db8:1:3::1", 2) == net::source_verdict::admit);
	CHECK(admit("::ffff:192.0.2.9", 1) == net::source_verdict::admit);
	CHECK(admit("192.0.2.9", 1) == net::source_verdict::too_many);
	CHECK(net::source_key(addr("2001:db8:1:2:3:4:5:6")) ==
	    addr("2001:db8:1:2::"));
}

TEST(source_table, bounded_never_forgetting_what_still_counts)
{
	net::source_table t(2);
	auto a = addr("192.0.2.1"), b = addr("192.0.2.2"),
	     c = addr("192.0.2.3");
	CHECK(t.admit(a, t0, 5, 0, {}) == net::source_verdict::admit);
	CHECK(t.admit(b, at(1), 5, 0, {}) == net::source_verdict::admit);
	CHECK(t.admit(c, at(2), 5, 0, {}) == net::source_verdict::table_full);
	t.release(a, at(2));
	CHECK(t.admit(c, at(3), 5, 0, {}) == net::source_verdict::admit);
	LONGS_EQUAL(2, t.size());
	LONGS_EQUAL(0, t.active(a));
	LONGS_EQUAL(1, t.active(b));
}

TEST(source_table, a_flood_of_forged_sources_cannot_wipe_the_known)
{
	constexpr std::size_t cap = 4096;
	net::source_table t(cap);
	auto nth = [](std::size_t i) {
		return net::address::v4(0x0a000000u +
		    static_cast<std::uint32_t>(i));
	};
	auto now = t0;
	// Each forged source gets its share until the table is full, then
	// a new one gets nothing until some bucket is full again.
	for (std::size_t i = 0; i < cap; i++)
		CHECK(t.take(nth(i), now, 10, one_s));
	LONGS_EQUAL(cap, t.size());
	CHECK_FALSE(t.take(nth(cap), now, 10, one_s));
	CHECK_FALSE(t.take(nth(cap), now + one_s / 2, 10, one_s));
	// A source already known keeps its own share.
	CHECK(t.take(nth(0), now, 10, one_s));
	// Once the buckets are full again they are forgotten.
	now += 2 * one_s;
	CHECK(t.take(nth(cap), now, 10, one_s));
	CHECK(t.size() <= 2);
	// A source with clients running is never forgotten.
	CHECK(t.admit(nth(5), now, 1, 0, {}) == net::source_verdict::admit);
	now += 100 * one_s;
	for (std::size_t i = 0; i < cap - 1; i++)
		CHECK(t.take(nth(i + 100000), now, 10, one_s));
	now += 100 * one_s;
	CHECK(t.take(nth(7), now, 10, one_s));
	LONGS_EQUAL(1, t.active(nth(5)));
	CHECK(t.admit(nth(5), now, 1, 0, {}) == net::source_verdict::too_many);
}

TEST(source_table, verdicts_read_as_log_lines)
{
	STRCMP_EQUAL("too many connections from this source",
	    net::verdict_text(net::source_verdict::too_many));
	STRCMP_EQUAL("connection rate from this source over the limit",
	    net::verdict_text(net::source_verdict::too_fast));
	STRCMP_EQUAL("source table full",
	    net::verdict_text(net::source_verdict::table_full));
}

TEST_GROUP(log_limiter){};

TEST(log_limiter, five_a_second_then_counted)
{
	net::log_limiter l;
	unsigned held = 99;
	for (int i = 0; i < 5; i++) {
		CHECK(l.allow(t0, &held));
		LONGS_EQUAL(0, held);
	}
	// The sixth line of the second is held back, and the next ones.
	for (int i = 0; i < 1000; i++)
		CHECK_FALSE(l.allow(at(0.5), &held));
	LONGS_EQUAL(1000, l.held());
	// The first line of the next second tells how many were held.
	CHECK(l.allow(at(1.0), &held));
	LONGS_EQUAL(1000, held);
	LONGS_EQUAL(0, l.held());
	CHECK(l.allow(at(1.1), &held));
	LONGS_EQUAL(0, held);
}

TEST(log_limiter, held_lines_can_be_taken_by_a_timer)
{
	net::log_limiter l(1, std::chrono::seconds(10));
	unsigned held = 0;
	CHECK(l.allow(t0, &held));
	CHECK_FALSE(l.allow(at(1), &held));
	CHECK_FALSE(l.allow(at(2), &held));
	LONGS_EQUAL(2, l.take_held());
	LONGS_EQUAL(0, l.take_held());
	CHECK(l.allow(at(10), &held));
	LONGS_EQUAL(0, held);
}
