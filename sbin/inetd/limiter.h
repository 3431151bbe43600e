// limiter.h: inetd's limiters.  Pure: every call takes the time, so the
// unit tests drive them without clocks or sockets.
#pragma once

#include <cstddef>
#include <map>

#include "libnet/addr.h"
#include "libnet/event_loop.h"

namespace inetd {

// A token bucket refilled at per_minute tokens a minute and holding at
// most one minute's worth: "no more than N in any minute", smoothed.
class token_bucket {
public:
	// A per_minute of 0 means no limit.
	explicit token_bucket(unsigned per_minute = 0);

	// Takes a token if one is there.
	bool take(net::time_point now);

	// How long until a token will be there (0 if one is).
	net::duration wait_time(net::time_point now);

	// Changes the rate, keeping the tokens already earned (capped).
	void set_rate(unsigned per_minute);

	unsigned rate() const { return per_minute_; }

private:
	void refill(net::time_point now);

	unsigned per_minute_;
	double tokens_;
	net::time_point last_{};
	bool started_ = false;
};

// The prefix a client is counted under: its IPv4 address, or its IPv6
// /64 (one customer's network, as hosts usually get a whole /64).
net::address source_key(const net::address &a);

enum class source_verdict { admit, too_many, too_fast, table_full };

// Per-source accounting for one service: concurrent children and a rate.
// The table is bounded; idle sources are forgotten first.
class source_table {
public:
	explicit source_table(std::size_t capacity = 4096)
	    : capacity_(capacity)
	{
	}

	// Admits one more connection from a if it stays within max_active
	// concurrent (0: no limit) and per_minute (0: no limit); an admitted
	// connection must be released when its child exits.
	source_verdict admit(const net::address &a, net::time_point now,
	    unsigned max_active, unsigned per_minute);

	// Counts a child of a as gone.
	void release(const net::address &a);

	// The number of children running for a's prefix.
	unsigned active(const net::address &a) const;

	std::size_t size() const { return entries_.size(); }

private:
	struct entry {
		unsigned active = 0;
		token_bucket rate;
		net::time_point last_used{};
	};

	bool make_room();

	std::size_t capacity_;
	std::map<net::address, entry> entries_;
};

const char *verdict_text(source_verdict v);

} // namespace inetd
