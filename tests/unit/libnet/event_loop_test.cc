#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "libnet/event_loop.h"

#include "fdio.h"

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

namespace {

// The hexadecimal signal set on the line of /proc/self/status named field
// ("SigIgn:", "SigBlk:", "SigCgt:").
std::string
status_mask(const char *field)
{
	FILE *f = fopen("/proc/self/status", "re");
	if (!f)
		return "?";
	char line[256];
	std::string v = "?";
	while (fgets(line, sizeof line, f))
		if (strncmp(line, field, strlen(field)) == 0) {
			v = line + strlen(field);
			v.erase(0, v.find_first_not_of(" \t"));
			v.erase(v.find_last_not_of("\n") + 1);
		}
	fclose(f);
	return v;
}

} // namespace

TEST(event_loop, reset_signals_for_exec_leaves_nothing_ignored_caught_or_blocked)
{
	// What a server started by inetd would otherwise inherit: an ignored
	// SIGPIPE, SIGCHLD caught, SIGTERM blocked.
	int p[2];
	CHECK(pipe2(p, O_CLOEXEC) == 0);
	pid_t pid = fork();
	if (pid == 0) {
		close(p[0]);
		signal(SIGPIPE, SIG_IGN);
		signal(SIGCHLD, [](int) {});
		sigset_t block;
		sigemptyset(&block);
		sigaddset(&block, SIGTERM);
		sigprocmask(SIG_BLOCK, &block, nullptr);
		// The signals the C library keeps for itself (32 up to
		// SIGRTMIN) cannot be changed through it, and are set up again
		// by the C library of the program exec'd: whatever this
		// process inherited there (make leaves them ignored) is not
		// looked at.
		std::uint64_t mine = ~0ull;
		for (int s = 32; s < SIGRTMIN; s++)
			mine &= ~(1ull << (s - 1));
		auto mask = [&](const char *field) {
			char hex[17];
			std::snprintf(hex, sizeof hex, "%016llx",
			    static_cast<unsigned long long>(
				std::stoull(status_mask(field), nullptr, 16) &
				mine));
			return std::string(hex);
		};
		bool before = mask("SigIgn:") != "0000000000000000";
		net::reset_signals_for_exec();
		struct sigaction sa;
		bool chld_default = sigaction(SIGCHLD, nullptr, &sa) == 0 &&
		    sa.sa_handler == SIG_DFL;
		std::string r = std::string(before ? "y" : "n") + " " +
		    mask("SigIgn:") + " " + mask("SigBlk:") +
		    (chld_default ? " dfl" : " caught");
		(void)!write(p[1], r.data(), r.size());
		_exit(0);
	}
	close(p[1]);
	std::string got = read_to_eof(p[0]);
	close(p[0]);
	int st = 0;
	CHECK(waitpid(pid, &st, 0) == pid);
	// The whole caught set is not compared: sanitizer runtimes keep
	// handlers of their own (SIGSEGV, SIGBUS...).
	STRCMP_EQUAL("y 0000000000000000 0000000000000000 dfl", got.c_str());
}

TEST_GROUP(owned_timer){};

TEST(owned_timer, fires_once_and_is_no_longer_pending)
{
	net::event_loop loop;
	net::timer t(loop);
	int calls = 0;
	CHECK_FALSE(t.pending());
	t.start(net::milliseconds(1), [&] { calls++; });
	CHECK(t.pending());
	while (calls == 0)
		CHECK(loop.run_once(net::milliseconds(1000)).ok());
	LONGS_EQUAL(1, calls);
	CHECK_FALSE(t.pending());
	CHECK(loop.run_once(net::milliseconds(5)).ok());
	LONGS_EQUAL(1, calls);
}

TEST(owned_timer, destroyed_timer_never_fires)
{
	net::event_loop loop;
	int calls = 0;
	{
		net::timer t(loop);
		t.start(net::milliseconds(0), [&] { calls++; });
	}
	CHECK(loop.run_once(net::milliseconds(5)).ok());
	LONGS_EQUAL(0, calls);
}

TEST(owned_timer, start_again_replaces_the_pending_call)
{
	net::event_loop loop;
	net::timer t(loop);
	std::string seen;
	t.start(net::milliseconds(0), [&] { seen += "old"; });
	t.start(net::milliseconds(1), [&] { seen += "new"; });
	while (seen.empty())
		CHECK(loop.run_once(net::milliseconds(1000)).ok());
	CHECK(loop.run_once(net::milliseconds(5)).ok());
	STRCMP_EQUAL("new", seen.c_str());
}

TEST(owned_timer, moved_from_timer_cancels_nothing_and_moved_to_keeps_it)
{
	net::event_loop loop;
	int calls = 0;
	net::timer a(loop);
	a.start(net::milliseconds(1), [&] { calls++; });
	net::timer b(std::move(a));
	CHECK(b.pending());
	CHECK_FALSE(a.pending());
	a.cancel();	// the moved-from timer holds nothing to cancel
	while (calls == 0)
		CHECK(loop.run_once(net::milliseconds(1000)).ok());
	LONGS_EQUAL(1, calls);
	// Assigning over a pending timer cancels its call.
	net::timer c(loop);
	c.start(net::milliseconds(0), [&] { calls += 100; });
	c = net::timer(loop);
	CHECK(loop.run_once(net::milliseconds(5)).ok());
	LONGS_EQUAL(1, calls);
}

TEST(owned_timer, callback_may_destroy_its_timer)
{
	net::event_loop loop;
	auto *t = new net::timer(loop);
	bool ran = false;
	t->start(net::milliseconds(0), [&] {
		ran = true;
		delete t;
	});
	CHECK(loop.run_once(net::milliseconds(1000)).ok());
	CHECK(ran);
}

TEST_GROUP(owned_watch){};

TEST(owned_watch, unwatches_when_destroyed)
{
	net::event_loop loop;
	int p[2];
	CHECK(pipe2(p, O_CLOEXEC | O_NONBLOCK) == 0);
	net::unique_fd r(p[0]), w(p[1]);
	int calls = 0;
	{
		net::watch wa(loop, r.get(), POLLIN, [&](short) { calls++; });
		CHECK(static_cast<bool>(wa));
		CHECK(loop.watching(r.get()));
	}
	CHECK_FALSE(loop.watching(r.get()));
	CHECK(write(w.get(), "x", 1) == 1);
	CHECK(loop.run_once(net::milliseconds(5)).ok());
	LONGS_EQUAL(0, calls);
}

TEST(owned_watch, leaves_a_later_watch_of_the_same_fd_alone)
{
	net::event_loop loop;
	int p[2];
	CHECK(pipe2(p, O_CLOEXEC | O_NONBLOCK) == 0);
	net::unique_fd r(p[0]), w(p[1]);
	int calls = 0;
	auto old = std::make_unique<net::watch>(loop, r.get(), POLLIN,
	    [&](short) { calls += 100; });
	net::watch now(loop, r.get(), POLLIN, [&](short) {
		char c;
		CHECK(read(r.get(), &c, 1) == 1);
		calls++;
	});
	CHECK_FALSE(static_cast<bool>(*old));
	old.reset();
	CHECK(loop.watching(r.get()));
	CHECK(write(w.get(), "x", 1) == 1);
	CHECK(loop.run_once(net::milliseconds(1000)).ok());
	LONGS_EQUAL(1, calls);
}

TEST(owned_watch, set_events_pauses_and_move_keeps_the_watch)
{
	net::event_loop loop;
	int p[2];
	CHECK(pipe2(p, O_CLOEXEC | O_NONBLOCK) == 0);
	net::unique_fd r(p[0]), w(p[1]);
	int calls = 0;
	net::watch a(loop, r.get(), POLLIN, [&](short) { calls++; });
	net::watch b(std::move(a));
	CHECK_FALSE(static_cast<bool>(a));
	LONGS_EQUAL(-1, a.fd());
	a.reset();	// nothing to unwatch
	CHECK(loop.watching(r.get()));
	b.set_events(0);
	CHECK(write(w.get(), "x", 1) == 1);
	CHECK(loop.run_once(net::milliseconds(5)).ok());
	LONGS_EQUAL(0, calls);
	b.set_events(POLLIN);
	CHECK(loop.run_once(net::milliseconds(1000)).ok());
	LONGS_EQUAL(1, calls);
}

TEST_GROUP(defer){};

TEST(defer, runs_after_the_callback_in_order_before_the_next_wait)
{
	net::event_loop loop;
	int p[2];
	CHECK(pipe2(p, O_CLOEXEC | O_NONBLOCK) == 0);
	net::unique_fd r(p[0]), w(p[1]);
	std::string seen;
	auto *owner = new net::watch();
	*owner = net::watch(loop, r.get(), POLLIN, [&](short) {
		seen += "cb ";
		// The callback's own watch is destroyed after it returns.
		loop.defer([&] {
			delete owner;
			seen += "deleted ";
			loop.defer([&] { seen += "nested"; });
		});
		loop.defer([&] { seen += "second "; });
		seen += "end ";
	});
	CHECK(write(w.get(), "x", 1) == 1);
	CHECK(loop.run_once(net::milliseconds(1000)).ok());
	STRCMP_EQUAL("cb end deleted second nested", seen.c_str());
	CHECK_FALSE(loop.watching(r.get()));
}

TEST(defer, outside_a_round_runs_before_waiting)
{
	net::event_loop loop;
	bool ran = false;
	loop.defer([&] { ran = true; });
	CHECK(loop.run_once(net::milliseconds(0)).ok());
	CHECK(ran);
}

TEST(defer, after_a_timer_callback)
{
	net::event_loop loop;
	std::string seen;
	net::timer t(loop);
	t.start(net::milliseconds(0), [&] {
		loop.defer([&] { seen += "deferred"; });
		seen += "timer ";
	});
	CHECK(loop.run_once(net::milliseconds(1000)).ok());
	STRCMP_EQUAL("timer deferred", seen.c_str());
}
