// throttle.h: the limits servers put on their clients, and on their own log
// lines: a token bucket, a bounded table of sources (concurrent count and
// rate per client address, IPv6 per /64), and a log limiter that lets a
// few lines of a kind through and counts the rest for an "N more"
// summary.  Pure: every call takes the time, so unit tests drive them
// without clocks.
#pragma once

#include <cstddef>
#include <map>

#include "libnet/addr.h"
#include "libnet/event_loop.h"

namespace net {

// burst tokens at most, one more earned each interval ("no more than
// burst at once, then one an interval").  Kept as the time the bucket is
// full again (GCRA), so an idle bucket needs no updating.  An interval of
// zero is no limit.
class token_bucket {
public:
	token_bucket() = default;
	token_bucket(unsigned burst, duration interval);

	// n a minute, n at once; 0: no limit.
	static token_bucket per_minute(unsigned n);

	bool limited() const { return interval_ > duration::zero(); }

	// Takes a token if one is there.
	bool take(time_point now);

	// How long until a token is there (zero if one is).
	duration wait_time(time_point now) const;

	// True when the bucket holds all burst tokens: it then says nothing
	// a new bucket would not.
	bool full(time_point now) const { return full_at_ <= now; }

	// When the bucket is full again if nothing more is taken.
	time_point full_again() const { return full_at_; }

	// Changes the limit, keeping the tokens earned (at most the new
	// burst).
	void set_limit(unsigned burst, duration interval, time_point now);

	unsigned burst() const { return burst_; }
	duration interval() const { return interval_; }

private:
	unsigned burst_ = 0;
	duration interval_{};
	time_point full_at_{};
};

// The prefix a client is counted under: its IPv4 address (an IPv4-mapped
// IPv6 one as IPv4), or its IPv6 /64: hosts usually get a whole /64, and
// whoever has one may use any address in it.
address source_key(const address &a);

enum class source_verdict { admit, too_many, too_fast, table_full };

// "too many connections from this source", ...
const char *verdict_text(source_verdict v);

// Per-source accounting: how many of its clients are being served, and a
// token bucket.  Bounded: a source is forgotten only once it says nothing
// a new entry would not (nothing running, bucket full again); when every
// entry still says something, a new source is refused (table_full)
// rather than letting a flood from forged addresses wipe what is known.
class source_table {
public:
	explicit source_table(std::size_t capacity = 4096)
	    : capacity_(capacity)
	{
	}

	// Admits one more client from a if that source stays within
	// max_active at once (0: no limit) and its bucket (burst, one an
	// interval; an interval of zero: no limit) has a token.  An admitted
	// client is counted until release().
	source_verdict admit(const address &a, time_point now,
	    unsigned max_active, unsigned burst, duration interval);

	// Takes a token from a's bucket without counting a client: true when
	// there was one (errors sent to a source, log lines about it).
	bool take(const address &a, time_point now, unsigned burst,
	    duration interval);

	// Counts a client of a as gone.
	void release(const address &a, time_point now);

	// The clients being served for a's source.
	unsigned active(const address &a) const;

	// Sources remembered.
	std::size_t size() const { return entries_.size(); }

	void clear();

private:
	struct entry {
		unsigned active = 0;
		token_bucket rate;
	};

	// The entry of a's source, made if there is room; null if not.
	entry *find_or_make(const address &key, time_point now);
	bool make_room(time_point now);

	std::size_t capacity_;
	std::map<address, entry> entries_;
	// No entry can be forgotten before this: make_room does not look
	// again until then (a flood at capacity costs no scan each).
	time_point no_room_until_{};
};

// One kind of log line: a few a window, the rest counted.
class log_limiter {
public:
	explicit log_limiter(unsigned per_window = 5,
	    duration window = seconds(1))
	    : per_window_(per_window), window_(window)
	{
	}

	// True when a line may be logged now; *held is then the number of
	// lines held back since the last one logged, for "(N more)".
	bool allow(time_point now, unsigned *held);

	// Lines held back and not yet told; take_held() also forgets them
	// (a timer reports what no later line did).
	unsigned held() const { return held_; }
	unsigned take_held();

private:
	unsigned per_window_;
	duration window_;
	time_point window_start_{};
	bool started_ = false;
	unsigned in_window_ = 0;
	unsigned held_ = 0;
};

} // namespace net
