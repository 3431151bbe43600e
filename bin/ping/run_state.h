// run_state.h: the rules of one run of ping, with no I/O: when the next
// request is due (interval, preload, flood pacing), what a reply or an
// error about a request counts as (first answer, duplicate, corrupted,
// not ours), when the run stops (count, -w deadline, -W linger, SIGINT)
// and its exit status.  It is told the time as `now` and never reads a
// clock or touches a socket (DESIGN section 2): session.cc does the I/O,
// tests/unit/ping drives this with injected time.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <vector>

#include "settings.h"
#include "stats.h"

namespace ping {

using clock = std::chrono::steady_clock;
using time_point = clock::time_point;
using duration = clock::duration;

// A flood sends at least this often, replies or not (iputils' 100 a
// second); a request the kernel had no room for is retried after it.
inline constexpr duration flood_tick = std::chrono::milliseconds(10);

// The options that shape a run.
struct run_rules {
	std::uint64_t count = 0;		// -c; 0: until stopped
	duration interval = std::chrono::seconds(1);	// -i; 0: flood-like
	unsigned preload = 1;			// -l
	std::optional<duration> deadline;	// -w
	std::optional<duration> linger;		// -W; 0 waits for ever

	// The rules the command line asked for (-f is interval 0).
	static run_rules from(const settings &s);
};

// What an answer to a request was.
enum class answer_kind {
	first,		// the first reply to the request
	duplicate,	// another reply to an answered request
	corrupted,	// a reply whose checksum failed: neither of those
	unknown,	// not a request of this run, or the run is over
};

// A reply as the run counted it.
struct reply_info {
	answer_kind kind = answer_kind::unknown;
	std::int64_t rtt_ns = 0;	// receive stamp less send stamp
	std::int64_t sent_ns = 0;	// the request's send stamp
};

// One run's state, from start() to finished().
class run_state {
public:
	explicit run_state(const run_rules &r);

	// The run begins at now: the first request (and the preload) is due.
	void start(time_point now);

	// True when a request should be sent at now.
	bool send_due(time_point now) const;

	// The sequence number the next request carries.
	std::uint16_t next_seq() const { return next_seq_; }

	// A request carrying next_seq() left at now with send stamp stamp_ns
	// (the realtime clock, which receive stamps also use), or was
	// refused by the kernel: either way it counts as transmitted, and a
	// refused one as lost, not as an error (iputils' "hard local
	// error").
	void on_sent(time_point now, std::int64_t stamp_ns);

	// The kernel had no room for a request (ENOBUFS, EAGAIN): an
	// interval's slot is skipped, a flood waits one flood_tick.
	void on_send_blocked(time_point now);

	// An echo reply to seq received with stamp stamp_ns.
	reply_info on_reply(std::uint16_t seq, std::int64_t stamp_ns,
	    bool checksum_ok);

	// An ICMP error about request seq; failure when it means the request
	// did not arrive (not a redirect).  False when seq is not a request
	// of this run or the run is over.
	bool on_error(std::uint16_t seq, bool failure);

	// SIGINT or SIGTERM: the run ends now.
	void on_interrupt();

	// The event loop failed: the run ends now with exit status 2.
	void on_fatal();

	// Time passed: the deadline or the linger may have run out.
	void on_timer(time_point now);

	// When on_timer() or a send is next due (time_point::max() when only
	// a packet or a signal can move the run on).  A time in the past
	// means at once.
	time_point next_deadline() const;

	// True once every request that will be sent has been.
	bool sending_done() const { return sending_done_; }

	// True once the run is to end when what has been read with the
	// event that ended it is counted (with a deadline, the first error:
	// errors that arrive together all count, as in iputils, which reads
	// every queued packet before it looks at its exit conditions).  No
	// request is due any more, next_deadline() is now, and the next
	// on_timer() finishes the run.
	bool ending() const { return ending_; }

	// True once the run is over: print the summary and exit.
	bool finished() const { return finished_; }

	// 0 when replies came (count of them, with a deadline and a count),
	// 1 when none did, 2 when the run failed.
	int exit_status() const;

	// What was counted and timed.
	const statistics &stats() const { return stats_; }

	// From the first request to the last (the summary's "time").
	duration elapsed() const { return last_sent_ - started_; }

	// True for interval 0 (-f, -i 0): requests go as replies come.
	bool flood_like() const { return rules_.interval == duration::zero(); }

private:
	void check_done();
	// All count requests are out and there is no deadline (with one, the
	// deadline alone ends the run): wait a while for the last replies.
	void begin_linger(time_point now);
	void next_slot(time_point now);
	std::uint64_t nth(std::uint16_t seq) const;

	run_rules rules_;
	statistics stats_;
	std::vector<std::int64_t> sent_ns_;	// by sequence number, 0: none
	std::vector<bool> answered_;		// by sequence number
	std::uint16_t next_seq_ = 1;
	time_point started_{};
	time_point last_sent_{};
	time_point next_send_{};	// an interval's next slot
	time_point blocked_until_{};	// a flood after a full queue
	std::optional<time_point> deadline_at_;
	std::optional<time_point> linger_until_;
	bool started_flag_ = false;
	bool sending_done_ = false;
	bool ending_ = false;
	bool finished_ = false;
	bool fatal_ = false;
};

} // namespace ping
