#include <sys/resource.h>

#include <chrono>
#include <string>

#include "policy.h"

#include <CppUTest/TestHarness.h>

using namespace inetd;
using std::chrono::milliseconds;
using std::chrono::seconds;

namespace {

const time_point t0{std::chrono::hours(1)};

net::address
addr(const char *s)
{
	auto a = net::address::parse(s);
	CHECK(a.has_value());
	return *a;
}

service_spec
external(unsigned max_children = 0, unsigned max_per_source = 0)
{
	service_spec s;
	s.name = "shell/tcp";
	s.max_children = max_children;
	s.max_per_source = max_per_source;
	return s;
}

service_spec
internal(net::inetd_socktype type, unsigned max_children = 0)
{
	service_spec s;
	s.name = "echo";
	s.socktype = type;
	s.builtin = builtin_kind::echo;
	s.max_children = max_children;
	return s;
}

std::string
verdict(net::source_verdict v)
{
	return net::verdict_text(v);
}

const std::string admitted = "admitted";
const std::string too_many = "too many connections from this source";
const std::string too_fast =
    "connection rate from this source over the limit";

// Starts servers at now until the pacer says no; the verdict that said
// no, and how many started.
spawn_pacer::verdict
pause(spawn_pacer &p, time_point now, unsigned *started = nullptr)
{
	unsigned n = 0;
	spawn_pacer::verdict v;
	while ((v = p.check(now)).go && n < 100000) {
		p.spawned(now);
		n++;
	}
	if (started != nullptr)
		*started = n;
	return v;
}

} // namespace

TEST_GROUP(capacity){};

TEST(capacity, a_service_is_full_at_its_max_of_servers)
{
	CHECK_FALSE(at_capacity(external(2), 1, 0, 256));
	CHECK(at_capacity(external(2), 2, 0, 256));
	CHECK(at_capacity(external(2), 3, 0, 256));
	// No max on the line: never full, whatever runs.
	CHECK_FALSE(at_capacity(external(0), 100000, 0, 256));
	// Internal connections are not servers.
	CHECK_FALSE(at_capacity(external(2), 0, 50, 256));
}

TEST(capacity, internal_stream_services_count_connections)
{
	auto s = internal(net::inetd_socktype::stream);
	CHECK_FALSE(at_capacity(s, 0, 255, 256));
	CHECK(at_capacity(s, 0, 256, 256));
	// The line's max replaces the default.
	s.max_children = 3;
	CHECK_FALSE(at_capacity(s, 0, 2, 256));
	CHECK(at_capacity(s, 0, 3, 256));
}

TEST(capacity, internal_datagram_services_are_never_full)
{
	auto s = internal(net::inetd_socktype::dgram, 1);
	CHECK_FALSE(at_capacity(s, 10, 10, 1));
}

TEST_GROUP(sources){};

TEST(sources, the_line_s_per_source_max_wins_over_the_option)
{
	auto lim = limits_for(external(0, 3), 7, 0);
	LONGS_EQUAL(3, lim.max_active);
	lim = limits_for(external(0, 0), 7, 0);
	LONGS_EQUAL(7, lim.max_active);
	CHECK(lim.interval == duration::zero());
	// -C 30: thirty at once, then one every two seconds.
	lim = limits_for(external(), 0, 30);
	LONGS_EQUAL(30, lim.burst);
	CHECK(lim.interval == seconds(2));
}

TEST(sources, concurrent_clients_are_counted_per_source)
{
	net::source_table t;
	auto lim = limits_for(external(0, 2), 0, 0);
	auto a = addr("192.0.2.1"), b = addr("192.0.2.2");
	STRCMP_EQUAL(admitted.c_str(),
	    verdict(admit_source(t, a, t0, lim)).c_str());
	STRCMP_EQUAL(admitted.c_str(),
	    verdict(admit_source(t, a, t0, lim)).c_str());
	STRCMP_EQUAL(too_many.c_str(),
	    verdict(admit_source(t, a, t0, lim)).c_str());
	// Another source has its own count, and a's refusal took nothing
	// from it.
	STRCMP_EQUAL(admitted.c_str(),
	    verdict(admit_source(t, b, t0, lim)).c_str());
	STRCMP_EQUAL(admitted.c_str(),
	    verdict(admit_source(t, b, t0, lim)).c_str());
	STRCMP_EQUAL(too_many.c_str(),
	    verdict(admit_source(t, b, t0, lim)).c_str());
	LONGS_EQUAL(2, t.active(a));
	LONGS_EQUAL(2, t.active(b));
	// A client of a gone: a may have one more, b still not.
	t.release(a, t0);
	STRCMP_EQUAL(admitted.c_str(),
	    verdict(admit_source(t, a, t0, lim)).c_str());
	STRCMP_EQUAL(too_many.c_str(),
	    verdict(admit_source(t, b, t0, lim)).c_str());
}

TEST(sources, ipv6_sources_count_per_64_and_mapped_ipv4_as_ipv4)
{
	net::source_table t;
	auto lim = limits_for(external(0, 1), 0, 0);
	STRCMP_EQUAL(admitted.c_str(),
	    verdict(admit_source(t, addr("fd00:1::1"), t0, lim)).c_str());
	STRCMP_EQUAL(too_many.c_str(),
	    verdict(admit_source(t, addr("fd00:1::2"), t0, lim)).c_str());
	STRCMP_EQUAL(admitted.c_str(),
	    verdict(admit_source(t, addr("fd00:2::1"), t0, lim)).c_str());
	STRCMP_EQUAL(admitted.c_str(),
	    verdict(admit_source(t, addr("192.0.2.1"), t0, lim)).c_str());
	STRCMP_EQUAL(too_many.c_str(),
	    verdict(admit_source(t, addr("::ffff:192.0.2.1"), t0, lim))
		.c_str());
}

TEST(sources, the_rate_is_per_source_and_earned_back)
{
	net::source_table t;
	auto lim = limits_for(external(), 0, 3);	// -C 3: one each 20 s
	auto a = addr("192.0.2.1"), b = addr("192.0.2.2");
	for (int i = 0; i < 3; i++) {
		STRCMP_EQUAL(admitted.c_str(),
		    verdict(admit_source(t, a, t0, lim)).c_str());
		t.release(a, t0);
	}
	STRCMP_EQUAL(too_fast.c_str(),
	    verdict(admit_source(t, a, t0, lim)).c_str());
	STRCMP_EQUAL(admitted.c_str(),
	    verdict(admit_source(t, b, t0, lim)).c_str());
	STRCMP_EQUAL(too_fast.c_str(),
	    verdict(admit_source(t, a, t0 + seconds(19), lim)).c_str());
	STRCMP_EQUAL(admitted.c_str(),
	    verdict(admit_source(t, a, t0 + seconds(20), lim)).c_str());
}

TEST(sources, a_datagram_answered_at_once_counts_for_the_rate_only)
{
	net::source_table t;
	// The line's max has no effect on an internal datagram service.
	auto lim = limits_for(external(0, 1), 0, 3);
	auto a = addr("192.0.2.1");
	for (int i = 0; i < 3; i++)
		STRCMP_EQUAL(admitted.c_str(),
		    verdict(admit_datagram(t, a, t0, lim)).c_str());
	LONGS_EQUAL(0, t.active(a));
	STRCMP_EQUAL(too_fast.c_str(),
	    verdict(admit_datagram(t, a, t0, lim)).c_str());
	STRCMP_EQUAL(admitted.c_str(),
	    verdict(admit_datagram(t, addr("192.0.2.2"), t0, lim)).c_str());
	// Without -C nothing is counted or remembered at all.
	net::source_table u;
	auto none = limits_for(external(0, 1), 0, 0);
	for (int i = 0; i < 10; i++)
		STRCMP_EQUAL(admitted.c_str(),
		    verdict(admit_datagram(u, a, t0, none)).c_str());
	LONGS_EQUAL(0, u.size());
}

TEST_GROUP(pending){};

TEST(pending, looked_at_often_at_first_then_every_100_ms)
{
	CHECK(pending_check_delay(0) == milliseconds(1));
	CHECK(pending_check_delay(1) == milliseconds(2));
	CHECK(pending_check_delay(6) == milliseconds(64));
	CHECK(pending_check_delay(7) == milliseconds(100));
	CHECK(pending_check_delay(1000) == milliseconds(100));
}

TEST_GROUP(spawn_pacer){};

TEST(spawn_pacer, a_minute_s_worth_at_once_then_a_pause_until_a_token)
{
	spawn_pacer p(60);	// one a second
	unsigned n = 0;
	auto v = pause(p, t0, &n);
	LONGS_EQUAL(60, n);
	CHECK(v.paused_now);
	CHECK(v.until == t0 + seconds(1));
	CHECK(p.paused());
	// Asked again meanwhile: no second pause, and nothing starts.
	v = p.check(t0 + milliseconds(10));
	CHECK_FALSE(v.go);
	CHECK_FALSE(v.paused_now);
	// Not over a moment early.
	auto r = p.resume(t0 + milliseconds(999));
	CHECK_FALSE(r.resumed);
	CHECK(p.paused());
	CHECK(p.paused_until() == t0 + seconds(1));
	r = p.resume(t0 + seconds(1));
	CHECK(r.resumed);
	CHECK_FALSE(p.paused());
	// One token earned: one more server, then a pause again.
	pause(p, t0 + seconds(1), &n);
	LONGS_EQUAL(1, n);
}

TEST(spawn_pacer, a_pause_lasts_until_the_next_token)
{
	spawn_pacer p(120);	// one each 500 ms
	unsigned n = 0;
	pause(p, t0, &n);
	LONGS_EQUAL(120, n);
	CHECK(p.paused_until() == t0 + milliseconds(500));
	CHECK(p.resume(t0 + milliseconds(500)).resumed);
	CHECK(p.check(t0 + milliseconds(500)).go);
	p.spawned(t0 + milliseconds(500));
	// 200 ms into the interval: 300 ms to wait.
	auto v = p.check(t0 + milliseconds(700));
	CHECK(v.paused_now);
	CHECK(v.until == t0 + milliseconds(1000));
}

TEST(spawn_pacer, the_first_pause_and_its_end_are_logged)
{
	spawn_pacer p(60);
	for (int i = 0; i < 60; i++) {
		auto v = p.check(t0);
		CHECK(v.go);
		CHECK_FALSE(v.log);
		p.spawned(t0);
	}
	auto v = p.check(t0);
	CHECK_FALSE(v.go);
	CHECK(v.paused_now);
	CHECK(v.log);
	LONGS_EQUAL(0, v.more);
	LONGS_EQUAL(60, p.per_minute());
	auto r = p.resume(v.until);
	CHECK(r.resumed);
	CHECK(r.log);
	LONGS_EQUAL(0, r.more);
	CHECK_FALSE(r.summary_at.has_value());
}

TEST(spawn_pacer, pauses_within_the_minute_are_counted_and_told_once)
{
	spawn_pacer p(60);
	CHECK(pause(p, t0).log);
	CHECK(p.resume(t0 + seconds(1)).log);
	// Nine more pauses within the minute: none logged.
	time_point now = t0 + seconds(1);
	for (int i = 0; i < 9; i++) {
		unsigned n = 0;
		auto v = pause(p, now, &n);
		LONGS_EQUAL(1, n);
		CHECK(v.paused_now);
		CHECK_FALSE(v.log);
		CHECK(v.until == now + seconds(1));
		now = v.until;
		auto r = p.resume(now);
		CHECK(r.resumed);
		CHECK_FALSE(r.log);
		CHECK(r.summary_at.has_value());
		CHECK(*r.summary_at == t0 + pause_log_interval);
	}
	// Not before the minute is over; then one line tells the nine.
	LONGS_EQUAL(0, p.summary(t0 + seconds(59)));
	LONGS_EQUAL(9, p.summary(t0 + pause_log_interval));
	LONGS_EQUAL(0, p.summary(t0 + seconds(61)));
	// The next pause is logged again, with nothing left before it.
	auto v = pause(p, t0 + seconds(61));
	CHECK(v.paused_now);
	CHECK(v.log);
	LONGS_EQUAL(0, v.more);
}

TEST(spawn_pacer, a_pause_logged_before_the_summary_tells_the_pauses_before)
{
	spawn_pacer p(60);
	pause(p, t0);
	p.resume(t0 + seconds(1));
	CHECK_FALSE(pause(p, t0 + seconds(1)).log);
	CHECK(p.resume(t0 + seconds(2)).summary_at.has_value());
	// Paused again as the minute ends, before the summary came.
	auto v = pause(p, t0 + pause_log_interval);
	CHECK(v.log);
	LONGS_EQUAL(1, v.more);
	p.resume(v.until);
	LONGS_EQUAL(0, p.summary(v.until));
}

TEST(spawn_pacer, a_resumption_after_the_minute_tells_the_pauses_in_its_line)
{
	spawn_pacer p(60);
	pause(p, t0);
	p.resume(t0 + seconds(1));
	CHECK_FALSE(pause(p, t0 + seconds(1)).log);
	CHECK_FALSE(p.resume(t0 + seconds(2)).log);
	auto v = pause(p, t0 + seconds(59) + milliseconds(500));
	CHECK(v.paused_now);
	CHECK_FALSE(v.log);
	// Still paused when the minute ends: the resumption tells.
	LONGS_EQUAL(0, p.summary(t0 + pause_log_interval));
	CHECK(v.until >= t0 + pause_log_interval);
	auto r = p.resume(v.until);
	CHECK(r.resumed);
	CHECK(r.log);
	LONGS_EQUAL(2, r.more);
	CHECK_FALSE(r.summary_at.has_value());
	LONGS_EQUAL(0, p.summary(t0 + seconds(120)));
}

TEST(spawn_pacer, a_hold_pauses_without_a_line)
{
	spawn_pacer p(60);
	time_point until = p.hold(t0, milliseconds(100));
	CHECK(until == t0 + milliseconds(100));
	CHECK(p.paused());
	CHECK_FALSE(p.check(t0 + milliseconds(50)).go);
	CHECK_FALSE(p.resume(t0 + milliseconds(99)).resumed);
	auto r = p.resume(t0 + milliseconds(100));
	CHECK(r.resumed);
	CHECK_FALSE(r.log);
	CHECK(p.check(t0 + milliseconds(100)).go);
}

TEST(spawn_pacer, no_rate_never_pauses)
{
	spawn_pacer p(0);
	unsigned n = 0;
	pause(p, t0, &n);
	LONGS_EQUAL(100000, n);
	CHECK_FALSE(p.paused());
}

TEST_GROUP(counted_log){};

TEST(counted_log, five_lines_a_second_the_rest_counted)
{
	counted_log l;
	for (int i = 0; i < 5; i++) {
		auto n = l.on_event(t0 + milliseconds(i));
		CHECK(n.log);
		LONGS_EQUAL(0, n.more);
		CHECK_FALSE(n.summary_at.has_value());
	}
	// The sixth in the second is held back, and a summary is due a
	// second later; the seventh adds to the count only.
	auto n = l.on_event(t0 + milliseconds(10));
	CHECK_FALSE(n.log);
	CHECK(n.summary_at.has_value());
	CHECK(*n.summary_at == t0 + milliseconds(1010));
	n = l.on_event(t0 + milliseconds(20));
	CHECK_FALSE(n.log);
	CHECK_FALSE(n.summary_at.has_value());
	LONGS_EQUAL(2, l.summary());
	LONGS_EQUAL(0, l.summary());
}

TEST(counted_log, a_flood_gives_five_lines_a_second)
{
	counted_log l;
	unsigned logged = 0, told = 0, summaries = 0;
	for (int ms = 0; ms < 3000; ms++) {
		auto n = l.on_event(t0 + milliseconds(ms));
		logged += n.log;
		told += n.more;
		summaries += n.summary_at.has_value();
	}
	LONGS_EQUAL(15, logged);
	told += l.summary();
	// Every event logged or counted, none twice.
	LONGS_EQUAL(3000, logged + told);
	LONGS_EQUAL(1, summaries);
}

TEST(counted_log, the_next_line_tells_what_was_held_back)
{
	counted_log l;
	for (int i = 0; i < 8; i++)
		l.on_event(t0);
	auto n = l.on_event(t0 + seconds(1));
	CHECK(n.log);
	LONGS_EQUAL(3, n.more);
	// The summary due then has nothing left to tell.
	LONGS_EQUAL(0, l.summary());
	// A new flood gets a new summary.
	for (int i = 0; i < 4; i++)
		l.on_event(t0 + seconds(1));
	n = l.on_event(t0 + seconds(1));
	CHECK_FALSE(n.log);
	CHECK(n.summary_at.has_value());
	CHECK(*n.summary_at == t0 + seconds(2));
	LONGS_EQUAL(1, l.summary());
}

TEST_GROUP(descriptors){};

TEST(descriptors, the_soft_limit_is_raised_to_what_the_sockets_need)
{
	// 1,200 sockets under the usual 1024: raised, with room to spare
	// for connections, within the hard limit.
	auto p = plan_descriptors(1200, 1024, 4096);
	LONGS_EQUAL(1328, p.soft);
	LONGS_EQUAL(1200, p.sockets);
	p = plan_descriptors(1200, 1024, RLIM_INFINITY);
	LONGS_EQUAL(1328, p.soft);
	LONGS_EQUAL(1200, p.sockets);
}

TEST(descriptors, a_limit_already_enough_is_left_alone)
{
	auto p = plan_descriptors(10, 1024, 4096);
	LONGS_EQUAL(1024, p.soft);
	LONGS_EQUAL(10, p.sockets);
	p = plan_descriptors(10, 65536, 65536);
	LONGS_EQUAL(65536, p.soft);
	p = plan_descriptors(0, 1024, 1024);
	LONGS_EQUAL(1024, p.soft);
	LONGS_EQUAL(0, p.sockets);
}

TEST(descriptors, past_the_hard_limit_what_fits_is_served)
{
	// The reserve stays free so that connections can still be taken.
	auto p = plan_descriptors(1200, 1024, 1024);
	LONGS_EQUAL(1024, p.soft);
	LONGS_EQUAL(896, p.sockets);
	p = plan_descriptors(1200, 512, 1100);
	LONGS_EQUAL(1100, p.soft);
	LONGS_EQUAL(972, p.sockets);
	// A tiny limit keeps half of itself free, not all of it.
	p = plan_descriptors(100, 64, 64);
	LONGS_EQUAL(64, p.soft);
	LONGS_EQUAL(32, p.sockets);
}
