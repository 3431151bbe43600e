// policy.h: inetd's decisions about a service's clients, taken without a
// socket, a clock or a log line: whether a service takes another client
// (its cap on servers or connections), whether a client's source is within
// its limits, when a service past its spawn rate pauses and when it
// resumes, and which refusals and requests are logged (a few a second, the
// rest counted and told in numbers).  Every call takes `now` and returns
// what to do; the server carries it out (timers, log lines, sockets), so
// each limit is unit-tested with injected time.
#pragma once

#include <sys/resource.h>

#include <chrono>
#include <cstddef>
#include <optional>

#include "libnet/addr.h"
#include "libnet/event_loop.h"
#include "libnet/throttle.h"
#include "servtab.h"

namespace inetd {

using net::duration;
using net::time_point;

// Lines of one kind (refusals, internal datagrams) logged a second per
// service at most; the others are counted in the next line or a summary.
inline constexpr unsigned lines_per_second = 5;
// How long a summary waits for a later line to tell its count instead.
inline constexpr std::chrono::seconds summary_delay{1};
// A service paused again and again by its spawn rate is logged about once
// in this time, with the number of pauses in between.
inline constexpr std::chrono::minutes pause_log_interval{1};

// True when the service takes no client now: as many servers running as
// its line's max allows, or for an internal stream service as many
// connections open (builtin_max when its line sets none).  An internal
// datagram service answers each datagram at once and is never full.
bool at_capacity(const service_spec &spec, unsigned children,
    unsigned conns, unsigned builtin_max);

// The limits on one client source of a service.
struct source_limits {
	unsigned max_active = 0;	// served at once; 0: no limit
	unsigned burst = 0;		// a minute's worth of connections
	duration interval{};		// one earned each; zero: no limit
};

// The limits of spec: its line's per-source maximum or else -s
// (source_max), and -C (source_rate, connections a minute).
source_limits limits_for(const service_spec &spec, unsigned source_max,
    unsigned source_rate);

// Admits a client from a, counted in t until t.release(a), or says why
// not.
net::source_verdict admit_source(net::source_table &t,
    const net::address &a, time_point now, const source_limits &lim);

// For a datagram an internal service answers at once: only the rate
// applies (nothing stays running to count), and nothing is left counted.
net::source_verdict admit_datagram(net::source_table &t,
    const net::address &a, time_point now, const source_limits &lim);

// Descriptors left free beside the listening sockets: connections being
// handed over, internal services' connections, children's status pipes,
// inetd's own files.
inline constexpr rlim_t descriptor_reserve = 128;

// The open-files limits inetd asks for, and how many listening sockets fit.
struct descriptor_plan {
	rlim_t soft = 0;		// the soft limit to set; never lowered
	std::size_t sockets = 0;	// listening sockets that fit under it
};

// For a configuration of n listening sockets under the given limits: the
// soft limit raised, up to the hard one, to n plus a reserve for
// connections, children's pipes and inetd's own files, and how many of
// the n fit with that reserve kept free.
descriptor_plan plan_descriptors(std::size_t n, rlim_t soft, rlim_t hard);

// How long after starting a dgram nowait server inetd looks again whether
// it has taken its datagram off the queue (attempt 0, 1, ...): often at
// first, as a server usually reads at once, then every 100 ms.
duration pending_check_delay(int attempt);

// The spawn rate of a service (-R): at most per_minute servers a minute,
// a minute's worth at once.  Past it the service pauses until a token is
// there again; pauses are logged once a pause_log_interval at most, and
// the ones not logged are counted in the next line about them.
class spawn_pacer {
public:
	spawn_pacer() = default;
	// per_minute 0: no limit.
	explicit spawn_pacer(unsigned per_minute);

	struct verdict {
		bool go = true;		// a server may start now
		// This call paused the service: resume() is due at until.
		bool paused_now = false;
		time_point until{};
		// Log the pause ("paused for until - now"), with the pauses
		// not logged since the last line about them.
		bool log = false;
		unsigned more = 0;
	};

	// Whether a server may start at now; a service already paused says
	// no and nothing more.
	verdict check(time_point now);

	// Counts a server started at now.
	void spawned(time_point now);

	// Pauses the service until now + d without counting a pause (a
	// failed accept backs off); returns when resume() is due.
	time_point hold(time_point now, duration d);

	struct resumption {
		// The service takes clients again; false: still paused until
		// paused_until().
		bool resumed = false;
		// Log "resumed", with the pauses not logged before (more).
		bool log = false;
		unsigned more = 0;
		// Pauses went unlogged and the interval is not over: summary()
		// is due then, unless a later line tells them first.
		std::optional<time_point> summary_at;
	};

	// The pause may be over at now.
	resumption resume(time_point now);

	// The time summary_at came: the pauses to tell in a "resumed" line
	// now (0: no line; a service paused again tells them when it
	// resumes).
	unsigned summary(time_point now);

	bool paused() const { return paused_; }
	time_point paused_until() const { return until_; }
	unsigned per_minute() const { return bucket_.burst(); }

private:
	net::token_bucket bucket_;
	bool paused_ = false;
	time_point until_{};
	// The pause under way was logged: its end is too.
	bool logged_ = false;
	// Pauses are not logged before this (the last logged one plus the
	// interval).
	time_point quiet_until_{};
	bool ever_logged_ = false;
	unsigned held_ = 0;	// pauses not logged nor told since
};

// One kind of log line of a service: lines_per_second at most, each telling
// how many were held back before it; when no line follows, a summary
// tells them summary_delay after the first held back.
class counted_log {
public:
	struct note {
		bool log = false;	// write this event's line
		unsigned more = 0;	// held back before, told in its line
		// Held back, and no summary due yet: summary() is due then.
		std::optional<time_point> summary_at;
	};

	// One event at now.
	note on_event(time_point now);

	// The time summary_at came: the events held back and not told since
	// (0: no line).
	unsigned summary();

private:
	net::log_limiter limit_{lines_per_second, std::chrono::seconds(1)};
	bool summary_due_ = false;
};

} // namespace inetd
