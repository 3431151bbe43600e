#include "../../../bin/ping/run_state.h"

#include <CppUTest/TestHarness.h>

using namespace std::chrono_literals;

namespace {

// A fixed origin for injected time; send stamps are counted from 1 s of
// the realtime clock so none is 0.
const ping::time_point t0 = ping::time_point() + 1000s;

std::int64_t
stamp(ping::time_point t)
{
	return std::chrono::duration_cast<std::chrono::nanoseconds>(t - t0)
		   .count() +
	    1000000000;
}

// Drives a run with the rules r, started at t0.
struct driver {
	explicit driver(const ping::run_rules &r) : st(r) { st.start(t0); }

	// Sends every request due at t; returns how many.
	int
	send_at(ping::time_point t)
	{
		int n = 0;
		while (st.send_due(t) && n < 1000) {
			st.on_sent(t, stamp(t));
			n++;
		}
		return n;
	}

	// The reply to seq, received at t.
	ping::answer_kind
	reply(std::uint16_t seq, ping::time_point t, bool ok = true)
	{
		return st.on_reply(seq, stamp(t), ok).kind;
	}

	ping::run_state st;
};

ping::run_rules
rules(std::uint64_t count, ping::duration interval)
{
	ping::run_rules r;
	r.count = count;
	r.interval = interval;
	return r;
}

} // namespace

TEST_GROUP(run_state){};

TEST(run_state, count_requests_an_interval_apart)
{
	driver r(rules(3, 1s));
	LONGS_EQUAL(1, r.send_at(t0));
	LONGS_EQUAL(0, r.send_at(t0 + 999ms));
	CHECK(r.st.next_deadline() == t0 + 1s);
	CHECK(r.reply(1, t0 + 1ms) == ping::answer_kind::first);
	LONGS_EQUAL(1, r.send_at(t0 + 1s));
	CHECK(r.reply(2, t0 + 1s + 1ms) == ping::answer_kind::first);
	LONGS_EQUAL(1, r.send_at(t0 + 2s));
	CHECK(r.st.sending_done());
	CHECK_FALSE(r.st.finished());
	LONGS_EQUAL(0, r.send_at(t0 + 3s));
	// The count of answers ends the run at once.
	CHECK(r.reply(3, t0 + 2s + 1ms) == ping::answer_kind::first);
	CHECK(r.st.finished());
	LONGS_EQUAL(0, r.st.exit_status());
	STRCMP_EQUAL("3 packets transmitted, 3 received, 0% packet loss, "
		     "time 2000ms",
	    r.st.stats()
		.summary(std::chrono::nanoseconds(r.st.elapsed()).count())
		.c_str());
	CHECK(r.st.next_deadline() == ping::time_point::max());
}

TEST(run_state, deadline_before_count)
{
	ping::run_rules ru = rules(10, 1s);
	ru.deadline = 2500ms;
	driver r(ru);
	LONGS_EQUAL(1, r.send_at(t0));
	LONGS_EQUAL(1, r.send_at(t0 + 1s));
	CHECK(r.reply(2, t0 + 1s + 2ms) == ping::answer_kind::first);
	LONGS_EQUAL(1, r.send_at(t0 + 2s));
	// The next request would be at 3 s: the deadline comes first.
	CHECK(r.st.next_deadline() == t0 + 2500ms);
	r.st.on_timer(t0 + 2499ms);
	CHECK_FALSE(r.st.finished());
	r.st.on_timer(t0 + 2500ms);
	CHECK(r.st.finished());
	LONGS_EQUAL(3, r.st.stats().transmitted());
	// One reply of the ten asked for by the deadline: exit 1.
	LONGS_EQUAL(1, r.st.exit_status());
}

TEST(run_state, deadline_counts_replies_not_requests)
{
	ping::run_rules ru = rules(2, 1s);
	ru.deadline = 10s;
	driver r(ru);
	LONGS_EQUAL(1, r.send_at(t0));
	LONGS_EQUAL(1, r.send_at(t0 + 1s));
	// Two sent, none answered: with a deadline sending goes on.
	CHECK_FALSE(r.st.sending_done());
	LONGS_EQUAL(1, r.send_at(t0 + 2s));
	CHECK(r.reply(3, t0 + 2s + 1ms) == ping::answer_kind::first);
	CHECK(r.reply(1, t0 + 2s + 2ms) == ping::answer_kind::first);
	CHECK(r.st.finished());
	LONGS_EQUAL(0, r.st.exit_status());
}

TEST(run_state, deadline_ends_at_the_first_error)
{
	ping::run_rules ru = rules(0, 1s);
	ru.deadline = 10s;
	driver r(ru);
	r.send_at(t0);
	CHECK(r.st.on_error(1, true));
	// The run ends once what was read with the error is counted: no
	// more requests, and the next look at the time ends it.
	CHECK(r.st.ending());
	LONGS_EQUAL(0, r.send_at(t0 + 1s));
	CHECK(r.st.next_deadline() <= t0 + 1ms);
	r.st.on_timer(t0 + 1ms);
	CHECK(r.st.finished());
	LONGS_EQUAL(1, r.st.exit_status());
}

TEST(run_state, errors_that_come_together_all_count_under_a_deadline)
{
	// Requests held by neighbour discovery fail together: iputils reads
	// every queued error before it looks at its exit conditions, and
	// counts each.
	ping::run_rules ru = rules(0, 300ms);
	ru.deadline = 10s;
	driver r(ru);
	for (int i = 0; i < 10; i++)
		LONGS_EQUAL(1, r.send_at(t0 + i * 300ms));
	for (std::uint16_t seq = 1; seq <= 10; seq++)
		CHECK(r.st.on_error(seq, true));
	CHECK_FALSE(r.st.finished());
	LONGS_EQUAL(10, r.st.stats().errors());
	r.st.on_timer(t0 + 3s);
	CHECK(r.st.finished());
	// An error after the end is not this run's to count.
	CHECK_FALSE(r.st.on_error(10, true));
	LONGS_EQUAL(10, r.st.stats().errors());
	LONGS_EQUAL(1, r.st.exit_status());
}

TEST(run_state, linger_with_no_reply)
{
	ping::run_rules ru = rules(1, 1s);
	ru.linger = 1s;
	driver r(ru);
	LONGS_EQUAL(1, r.send_at(t0));
	CHECK(r.st.sending_done());
	CHECK(r.st.next_deadline() == t0 + 1s);
	r.st.on_timer(t0 + 999ms);
	CHECK_FALSE(r.st.finished());
	r.st.on_timer(t0 + 1s);
	CHECK(r.st.finished());
	LONGS_EQUAL(1, r.st.exit_status());
	STRCMP_EQUAL("1 packets transmitted, 0 received, 100% packet loss, "
		     "time 0ms",
	    r.st.stats().summary(0).c_str());
}

TEST(run_state, default_linger_is_ten_seconds)
{
	driver r(rules(2, 1s));
	r.send_at(t0);
	r.send_at(t0 + 1s);
	CHECK(r.st.next_deadline() == t0 + 11s);
}

TEST(run_state, linger_zero_waits_for_ever)
{
	ping::run_rules ru = rules(1, 1s);
	ru.linger = 0s;
	driver r(ru);
	r.send_at(t0);
	CHECK(r.st.next_deadline() == ping::time_point::max());
	r.st.on_timer(t0 + 1000000s);
	CHECK_FALSE(r.st.finished());
	// A reply still ends it; so does SIGINT.
	CHECK(r.reply(1, t0 + 1000001s) == ping::answer_kind::first);
	CHECK(r.st.finished());
	LONGS_EQUAL(0, r.st.exit_status());
}

TEST(run_state, linger_after_replies_is_twice_the_slowest)
{
	driver r(rules(3, 200ms));
	r.send_at(t0);
	r.reply(1, t0 + 150ms);
	r.send_at(t0 + 200ms);
	r.send_at(t0 + 400ms);
	// Two outstanding; the slowest round trip was 150 ms, 300 ms is
	// longer than the interval.
	CHECK(r.st.next_deadline() == t0 + 700ms);
	r.st.on_timer(t0 + 700ms);
	CHECK(r.st.finished());
	LONGS_EQUAL(0, r.st.exit_status());
	LONGS_EQUAL(1, r.st.stats().received());
}

TEST(run_state, preload_goes_at_once)
{
	ping::run_rules ru = rules(5, 1s);
	ru.preload = 3;
	driver r(ru);
	LONGS_EQUAL(3, r.send_at(t0));
	CHECK(r.st.next_deadline() == t0 + 1s);
	LONGS_EQUAL(1, r.send_at(t0 + 1s));
	LONGS_EQUAL(1, r.send_at(t0 + 2s));
	CHECK(r.st.sending_done());
	LONGS_EQUAL(5, r.st.stats().transmitted());
}

TEST(run_state, a_late_sender_does_not_burst)
{
	driver r(rules(0, 1s));
	r.send_at(t0);
	// The caller was held up for five intervals: one request, not five.
	LONGS_EQUAL(1, r.send_at(t0 + 5s));
	CHECK(r.st.next_deadline() == t0 + 6s);
}

TEST(run_state, a_full_queue_skips_a_slot)
{
	driver r(rules(0, 1s));
	r.send_at(t0);
	CHECK(r.st.send_due(t0 + 1s));
	r.st.on_send_blocked(t0 + 1s);
	CHECK_FALSE(r.st.send_due(t0 + 1s));
	CHECK(r.st.next_deadline() == t0 + 2s);
	LONGS_EQUAL(1, r.st.stats().transmitted());
}

TEST(run_state, flood_sends_as_replies_come)
{
	driver r(rules(4, 0s));
	CHECK(r.st.flood_like());
	LONGS_EQUAL(1, r.send_at(t0));
	// One in flight: nothing more until a reply or a tick.
	LONGS_EQUAL(0, r.send_at(t0 + 9ms));
	CHECK(r.st.next_deadline() == t0 + ping::flood_tick);
	r.reply(1, t0 + 9ms);
	LONGS_EQUAL(1, r.send_at(t0 + 9ms));
	// No reply: still one request a tick (100 a second).
	LONGS_EQUAL(0, r.send_at(t0 + 18ms));
	LONGS_EQUAL(1, r.send_at(t0 + 19ms));
	LONGS_EQUAL(1, r.send_at(t0 + 29ms));
	CHECK(r.st.sending_done());
	// One of four answered, in 9 ms: the linger is twice that (and at
	// least a tick).
	CHECK(r.st.next_deadline() == t0 + 47ms);
}

TEST(run_state, flood_keeps_the_preload_in_flight)
{
	ping::run_rules ru = rules(0, 0s);
	ru.preload = 4;
	driver r(ru);
	LONGS_EQUAL(4, r.send_at(t0));
	LONGS_EQUAL(4, r.st.stats().in_flight());
	r.reply(2, t0 + 1ms);
	LONGS_EQUAL(1, r.send_at(t0 + 1ms));
	CHECK(r.st.next_deadline() == t0 + 1ms + ping::flood_tick);
}

TEST(run_state, a_flood_with_a_full_queue_waits_a_tick)
{
	driver r(rules(0, 0s));
	CHECK(r.st.send_due(t0));
	r.st.on_send_blocked(t0);
	CHECK_FALSE(r.st.send_due(t0 + 9ms));
	CHECK(r.st.next_deadline() == t0 + ping::flood_tick);
	CHECK(r.st.send_due(t0 + 10ms));
}

TEST(run_state, duplicates_are_counted_apart)
{
	driver r(rules(2, 1s));
	r.send_at(t0);
	CHECK(r.reply(1, t0 + 1ms) == ping::answer_kind::first);
	CHECK(r.reply(1, t0 + 2ms) == ping::answer_kind::duplicate);
	// A duplicate is not a second answer towards the count.
	r.send_at(t0 + 1s);
	CHECK_FALSE(r.st.finished());
	CHECK(r.reply(2, t0 + 1s + 1ms) == ping::answer_kind::first);
	CHECK(r.st.finished());
	STRCMP_EQUAL("2 packets transmitted, 2 received, +1 duplicates, 0% "
		     "packet loss, time 1000ms",
	    r.st.stats().summary(1000000000).c_str());
}

TEST(run_state, a_corrupted_reply_is_no_answer)
{
	driver r(rules(1, 1s));
	r.send_at(t0);
	CHECK(r.reply(1, t0 + 1ms, false) == ping::answer_kind::corrupted);
	CHECK_FALSE(r.st.finished());
	LONGS_EQUAL(1, r.st.stats().in_flight());
	CHECK(r.reply(1, t0 + 2ms) == ping::answer_kind::first);
	CHECK(r.st.finished());
	STRCMP_EQUAL("1 packets transmitted, 1 received, +1 corrupted, 0% "
		     "packet loss, time 0ms",
	    r.st.stats().summary(0).c_str());
}

TEST(run_state, late_replies_count_and_show_the_pipe)
{
	driver r(rules(0, 1s));
	r.send_at(t0);
	r.send_at(t0 + 1s);
	r.send_at(t0 + 2s);
	// The first request's reply after the third went out.
	ping::reply_info i = r.st.on_reply(1, stamp(t0 + 2500ms), true);
	CHECK(i.kind == ping::answer_kind::first);
	LONGS_EQUAL(2500000000, i.rtt_ns);
	LONGS_EQUAL(stamp(t0), i.sent_ns);
	STRCMP_EQUAL("rtt min/avg/max/mdev = 2500.000/2500.000/2500.000/"
		     "0.000 ms, pipe 3",
	    r.st.stats().rtt_line(0, false).c_str());
	// A sequence number never sent is not ours.
	CHECK(r.reply(9, t0 + 3s) == ping::answer_kind::unknown);
	CHECK_FALSE(r.st.on_error(9, true));
	// Once the run is over nothing more counts.
	r.st.on_interrupt();
	CHECK(r.reply(2, t0 + 3s) == ping::answer_kind::unknown);
	CHECK_FALSE(r.st.on_error(3, true));
	LONGS_EQUAL(1, r.st.stats().received());
	LONGS_EQUAL(0, r.send_at(t0 + 4s));
}

TEST(run_state, a_reply_during_the_linger_ends_it)
{
	ping::run_rules ru = rules(2, 1s);
	ru.linger = 5s;
	driver r(ru);
	r.send_at(t0);
	r.send_at(t0 + 1s);
	CHECK(r.st.next_deadline() == t0 + 6s);
	r.reply(2, t0 + 3s);
	CHECK_FALSE(r.st.finished());
	r.reply(1, t0 + 4s);
	CHECK(r.st.finished());
}

TEST(run_state, errors_count_towards_the_count)
{
	driver r(rules(2, 1s));
	r.send_at(t0);
	// A redirect is advice, not a failure.
	CHECK(r.st.on_error(1, false));
	LONGS_EQUAL(0, r.st.stats().errors());
	CHECK(r.st.on_error(1, true));
	r.send_at(t0 + 1s);
	CHECK(r.st.on_error(2, true));
	CHECK(r.st.finished());
	LONGS_EQUAL(1, r.st.exit_status());
	STRCMP_EQUAL("2 packets transmitted, 0 received, +2 errors, 100% "
		     "packet loss, time 1000ms",
	    r.st.stats().summary(1000000000).c_str());
}

TEST(run_state, exit_statuses)
{
	driver none(rules(0, 1s));
	none.send_at(t0);
	none.st.on_interrupt();
	CHECK(none.st.finished());
	LONGS_EQUAL(1, none.st.exit_status());

	driver some(rules(0, 1s));
	some.send_at(t0);
	some.reply(1, t0 + 1ms);
	some.send_at(t0 + 1s);
	some.st.on_interrupt();
	LONGS_EQUAL(0, some.st.exit_status());

	driver broken(rules(0, 1s));
	broken.send_at(t0);
	broken.reply(1, t0 + 1ms);
	broken.st.on_fatal();
	CHECK(broken.st.finished());
	LONGS_EQUAL(2, broken.st.exit_status());
}

TEST(run_state, sequence_numbers_wrap)
{
	driver r(rules(0, 0s));
	for (int i = 0; i < 65536; i++) {
		CHECK(r.st.send_due(t0));
		std::uint16_t seq = r.st.next_seq();
		r.st.on_sent(t0, stamp(t0));
		r.reply(seq, t0);
	}
	LONGS_EQUAL(1, r.st.next_seq());
	r.st.on_sent(t0, stamp(t0));
	// The reused number is a new request, not a duplicate.
	CHECK(r.reply(1, t0) == ping::answer_kind::first);
	LONGS_EQUAL(65537, r.st.stats().received());
	LONGS_EQUAL(0, r.st.stats().duplicates());
}

TEST(run_state, rules_from_the_command_line)
{
	ping::settings s;
	s.count = 4;
	s.interval_us = 200000;
	s.preload = 2;
	s.deadline_us = 3000000;
	s.linger_us = 0;
	auto r = ping::run_rules::from(s);
	LONGS_EQUAL(4, r.count);
	CHECK(r.interval == 200ms);
	LONGS_EQUAL(2, r.preload);
	CHECK(*r.deadline == 3s);
	CHECK(*r.linger == 0s);
	s.flood = true;
	CHECK(ping::run_rules::from(s).interval == 0s);
	s.flood = false;
	s.interval_us = 0;
	CHECK(ping::run_rules::from(s).interval == 0s);
}
