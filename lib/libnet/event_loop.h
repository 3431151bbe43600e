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
	// must be unwatched before it is closed.
	void watch(int fd, short events, fd_callback cb);

	// Changes the events watched on fd; 0 pauses the watch.
	void set_events(int fd, short events);

	// Stops watching fd; safe from inside any callback.
	void unwatch(int fd);

	// True when fd is watched (paused or not).
	bool watching(int fd) const;

	// Calls cb once at when (or soon after); returns an id for cancel.
	timer_id add_timer(time_point when, timer_callback cb);

	// Calls cb once after delay.
	timer_id add_timer(duration delay, timer_callback cb);

	// Forgets a timer; unknown or fired ids are ignored.
	void cancel_timer(timer_id id);

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

	std::unordered_map<int, signal_callback> signals_;
	bool stopped_ = false;
	time_point now_;
};

// Restores default dispositions and an empty signal mask; call in a child
// between fork and exec (an ignored SIGPIPE would otherwise be inherited).
void reset_signals_for_exec();

} // namespace net
