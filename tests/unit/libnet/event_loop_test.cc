#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "libnet/event_loop.h"

#include <CppUTest/TestHarness.h>

TEST_GROUP(event_loop){};

TEST(event_loop, timers_fire_in_order_and_cancel)
{
	net::event_loop loop;
	std::string order;
	loop.add_timer(net::milliseconds(20), [&] { order += "b"; });
	loop.add_timer(net::milliseconds(5), [&] { order += "a"; });
	auto id = loop.add_timer(net::milliseconds(10), [&] { order += "x"; });
	loop.add_timer(net::milliseconds(30), [&] { loop.stop(); });
	loop.cancel_timer(id);
	loop.cancel_timer(999);
	CHECK(loop.run().ok());
	STRCMP_EQUAL("ab", order.c_str());
}

TEST(event_loop, fd_readiness_and_unwatch_from_callback)
{
	net::event_loop loop;
	int p[2];
	CHECK(pipe2(p, O_CLOEXEC | O_NONBLOCK) == 0);
	net::unique_fd r(p[0]), w(p[1]);
	int calls = 0;
	loop.watch(r.get(), POLLIN, [&](short ev) {
		CHECK(ev & POLLIN);
		char c;
		CHECK(read(r.get(), &c, 1) == 1);
		calls++;
		loop.unwatch(r.get());
	});
	CHECK(write(w.get(), "xy", 2) == 2);
	CHECK(loop.run_once(net::milliseconds(1000)).ok());
	CHECK(loop.run_once(net::milliseconds(10)).ok());
	LONGS_EQUAL(1, calls);
	CHECK_FALSE(loop.watching(r.get()));
}

TEST(event_loop, paused_watch_is_not_dispatched)
{
	net::event_loop loop;
	int p[2];
	CHECK(pipe2(p, O_CLOEXEC | O_NONBLOCK) == 0);
	net::unique_fd r(p[0]), w(p[1]);
	int calls = 0;
	loop.watch(r.get(), POLLIN, [&](short) { calls++; });
	loop.set_events(r.get(), 0);
	CHECK(write(w.get(), "x", 1) == 1);
	CHECK(loop.run_once(net::milliseconds(20)).ok());
	LONGS_EQUAL(0, calls);
	loop.set_events(r.get(), POLLIN);
	CHECK(loop.run_once(net::milliseconds(1000)).ok());
	LONGS_EQUAL(1, calls);
}

TEST(event_loop, replaced_watch_in_same_round_is_skipped)
{
	net::event_loop loop;
	int a[2], b[2];
	CHECK(pipe2(a, O_CLOEXEC | O_NONBLOCK) == 0);
	CHECK(pipe2(b, O_CLOEXEC | O_NONBLOCK) == 0);
	net::unique_fd ar(a[0]), aw(a[1]), br(b[0]), bw(b[1]);
	std::vector<std::string> seen;
	// Whichever runs first removes the other; only one may run.
	loop.watch(ar.get(), POLLIN, [&](short) {
		seen.push_back("a");
		loop.unwatch(br.get());
	});
	loop.watch(br.get(), POLLIN, [&](short) {
		seen.push_back("b");
		loop.unwatch(ar.get());
	});
	CHECK(write(aw.get(), "x", 1) == 1);
	CHECK(write(bw.get(), "x", 1) == 1);
	CHECK(loop.run_once(net::milliseconds(1000)).ok());
	LONGS_EQUAL(1, seen.size());
}

TEST(event_loop, signals_arrive_as_events)
{
	net::event_loop loop;
	int got = 0;
	CHECK(loop.on_signal(SIGUSR2, [&](int s) {
		got = s;
		loop.stop();
	}).ok());
	loop.add_timer(net::seconds(5), [&] { loop.stop(); });
	raise(SIGUSR2);
	CHECK(loop.run().ok());
	LONGS_EQUAL(SIGUSR2, got);
}
