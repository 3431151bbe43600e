// event_loop.h: the one event loop of a process: epoll(7) over watched
// descriptors, timers on the monotonic clock, and signals delivered as
// events through a self-pipe (the handler only writes a byte).  Events
// are the poll(2) bits (POLLIN, POLLOUT, POLLERR, POLLHUP), which epoll
// shares on Linux.
#pragma once

#include <poll.h>
#include <sys/epoll.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <unordered_map>
#include <vector>

#include "libnet/result.h"
#include "libnet/unique_fd.h"

namespace net {

using mono_clock = std::chrono::steady_clock;
using time_point = mono_clock::time_point;
using duration = mono_clock::duration;
using std::chrono::milliseconds;
using std::chrono::seconds;

class event_loop {
public:
	using fd_callback = std::function<void(short revents)>;
	using timer_callback = std::function<void()>;
	using signal_callback = std::function<void(int signo)>;
	using timer_id = std::uint64_t;

	event_loop();
	~event_loop();
	event_loop(const event_loop &) = delete;
	event_loop &operator=(const event_loop &) = delete;

	// Calls cb with the returned events whenever fd has any of events
	// (POLLIN, POLLOUT); replaces an earlier watch of fd.  A watched fd
	// must be unwatched before it is closed (net::watch does both).
	void watch(int fd, short events, fd_callback cb);

	// Changes the events watched on fd; 0 pauses the watch.
	void set_events(int fd, short events);

	// Stops watching fd; safe from inside any callback.
	void unwatch(int fd);

	// True when fd is watched (paused or not).
	bool watching(int fd) const;

	// The generation of fd's current watch, a number no other watch had;
	// 0 when fd is not watched.
	std::uint64_t watch_generation(int fd) const;

	// Calls cb once at when (or soon after); returns an id for cancel.
	timer_id add_timer(time_point when, timer_callback cb);

	// Calls cb once after delay.
	timer_id add_timer(duration delay, timer_callback cb);

	// Forgets a timer; unknown or fired ids are ignored.
	void cancel_timer(timer_id id);

	// True while timer id has neither fired nor been cancelled.
	bool timer_pending(timer_id id) const;

	// Runs fn after the callback now running has returned (or at the
	// start of the next round when called outside one), before the loop
	// waits again; deferred work runs in the order given.  The way to
	// destroy the object whose callback is running.
	void defer(std::function<void()> fn);

	// Delivers signo to cb from the loop instead of a handler.
	result<void> on_signal(int signo, signal_callback cb);

	// Waits for and dispatches one round of events, waiting at most until
	// the next timer or max_wait.
	result<void> run_once(std::optional<duration> max_wait = {});

	// Runs until stop() is called.
	result<void> run();

	// Makes run() return after the current round.
	void stop() { stopped_ = true; }

	// The time at the start of the current round.
	time_point now() const { return now_; }

	// The number of watched descriptors (for state dumps).
	std::size_t watch_count() const { return watches_.size(); }

private:
	struct watch_entry {
		short events;
		fd_callback cb;
		std::uint64_t generation;
	};

	void dispatch_signals();
	void fire_timers();
	void run_deferred();
	void apply(int fd, short was, short now, std::uint64_t generation);

	std::unordered_map<int, watch_entry> watches_;
	// epoll's interest list holds the fds with events; a paused one
	// (events 0) is taken off it, since epoll reports errors and hangups
	// whatever was asked.  Each registration carries its watch's
	// generation, so an event queued for a watch that was replaced in
	// the same round is recognised and dropped.
	unique_fd epoll_;
	int epoll_errno_ = 0;	// why epoll_create1 failed, if it did
	std::vector<epoll_event> ready_;
	std::uint64_t generation_ = 0;

	std::map<std::pair<time_point, timer_id>, timer_callback> timers_;
	std::unordered_map<timer_id, time_point> timer_index_;
	timer_id next_timer_ = 1;

	std::vector<std::function<void()>> deferred_;

	std::unordered_map<int, signal_callback> signals_;
	bool stopped_ = false;
	time_point now_;
};

// A one-shot timer owned by its holder: cancelled when it is destroyed,
// moved from, or started again, so no caller keeps timer ids.  The loop
// must outlive it.  Its callback may destroy it.
class timer {
public:
	timer() = default;
	explicit timer(event_loop &loop) : loop_(&loop) {}
	~timer() { cancel(); }
	timer(const timer &) = delete;
	timer &operator=(const timer &) = delete;
	timer(timer &&o) noexcept;
	timer &operator=(timer &&o) noexcept;

	// Calls cb once at when, in place of any pending call.
	void start(time_point when, event_loop::timer_callback cb);

	// Calls cb once after delay, in place of any pending call.
	void start(duration delay, event_loop::timer_callback cb);

	// Forgets the pending call, if any.
	void cancel();

	// True while a call is pending.
	bool pending() const;

	// When the pending call is due (meaningful only while pending()).
	time_point deadline() const { return when_; }

private:
	event_loop *loop_ = nullptr;
	event_loop::timer_id id_ = 0;
	time_point when_{};
};

// A watch owned by its holder: the fd is unwatched when the watch is
// destroyed, moved from or reset, so an fd can never be closed while
// watched if its unique_fd is declared before its watch.  It unwatches only
// its own registration, never a later watch of the same fd number.  The
// loop must outlive it; its callback may destroy it.
class watch {
public:
	watch() = default;
	watch(event_loop &loop, int fd, short events,
	    event_loop::fd_callback cb);
	~watch() { reset(); }
	watch(const watch &) = delete;
	watch &operator=(const watch &) = delete;
	watch(watch &&o) noexcept;
	watch &operator=(watch &&o) noexcept;

	// Changes the events watched; 0 pauses the watch.
	void set_events(short events);

	// Stops watching.
	void reset();

	// The fd watched, or -1.
	int fd() const { return fd_; }

	// True while the fd is watched (paused or not).
	explicit operator bool() const;

private:
	event_loop *loop_ = nullptr;
	int fd_ = -1;
	std::uint64_t generation_ = 0;
};

// Restores default dispositions and an empty signal mask; call in a child
// between fork and exec (an ignored SIGPIPE would otherwise be inherited).
void reset_signals_for_exec();

} // namespace net
