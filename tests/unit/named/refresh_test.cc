// The secondary zone's clock: refresh after success, retry after failure,
// expiry after expire seconds without success, NOTIFY checks at once, the
// SOA's values used as written; serial arithmetic (RFC 1982).
#include <chrono>

#include "refresh.h"

#include <CppUTest/TestHarness.h>

using named::clock_time;
using named::refresh_state;
using std::chrono::seconds;

TEST_GROUP(refresh)
{
	clock_time t0 = clock_time() + seconds(1000);
	named::soa_timers timers{5, 60, 10, 300};
};

TEST(refresh, serial_arithmetic)
{
	CHECK(named::serial_newer(2, 1));
	CHECK_FALSE(named::serial_newer(1, 1));
	CHECK_FALSE(named::serial_newer(1, 2));
	CHECK(named::serial_newer(0, 0xffffffffu));	// wraps
	CHECK(named::serial_newer(0x7fffffffu, 0));
	CHECK_FALSE(named::serial_newer(0x80000000u, 0));	// undefined: no
}

TEST(refresh, no_data_is_due_at_once)
{
	refresh_state r(t0);
	CHECK(r.due(t0));
	CHECK_FALSE(r.has_data());
	CHECK_FALSE(r.expired(t0 + seconds(100000)));
}

TEST(refresh, success_waits_refresh_failure_retry)
{
	refresh_state r(t0);
	r.started();
	CHECK_FALSE(r.due(t0));
	r.have_data(timers, t0);
	r.succeeded(t0);
	CHECK_FALSE(r.due(t0 + seconds(59)));
	CHECK(r.due(t0 + seconds(60)));
	r.started();
	r.failed(t0 + seconds(60));
	CHECK_FALSE(r.due(t0 + seconds(69)));
	CHECK(r.due(t0 + seconds(70)));
}

TEST(refresh, short_timers_are_honoured)
{
	refresh_state r(t0);
	r.have_data({1, 2, 1, 5}, t0);
	r.started();
	r.succeeded(t0);
	CHECK(r.due(t0 + seconds(2)));
	CHECK(r.expired(t0 + seconds(5)));
}

TEST(refresh, expiry_and_recovery)
{
	refresh_state r(t0);
	r.have_data(timers, t0);
	r.started();
	r.succeeded(t0);
	for (int i = 1; i <= 30; i++) {
		clock_time now = t0 + seconds(60 + 10 * i);
		if (r.due(now)) {
			r.started();
			r.failed(now);
		}
	}
	CHECK_FALSE(r.expired(t0 + seconds(299)));
	CHECK(r.expired(t0 + seconds(300)));
	CHECK(r.next_event(t0 + seconds(300)) <= t0 + seconds(370));
	// Once expired, only checks are due: no timer for the past.
	CHECK(r.next_event(t0 + seconds(301)) > t0 + seconds(301));
	r.started();
	r.succeeded(t0 + seconds(400));
	CHECK_FALSE(r.expired(t0 + seconds(401)));
}

TEST(refresh, notify_checks_now_or_after_the_running_check)
{
	refresh_state r(t0);
	r.have_data(timers, t0);
	r.started();
	r.succeeded(t0);
	r.notified(t0 + seconds(5));
	CHECK(r.due(t0 + seconds(5)));
	r.started();
	r.notified(t0 + seconds(6));	// while busy: remembered
	r.succeeded(t0 + seconds(7));
	CHECK(r.due(t0 + seconds(7)));
}

TEST(refresh, next_event_is_the_earlier_of_check_and_expiry)
{
	refresh_state r(t0);
	r.have_data({1, 1000, 1000, 50}, t0);
	r.started();
	r.succeeded(t0);
	CHECK(r.next_event(t0) == t0 + seconds(50));
}
