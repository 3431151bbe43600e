// refresh.h: when a secondary zone asks its masters again, as RFC 1035
// section 4.3.5 and the manual's operations guide give it, with NOTIFY
// (RFC 1996).  Pure: the caller passes the time and reports what came of
// each check, and asks when to wake next.
//
//   refresh   after a check that succeeded, the next one
//   retry     after a check that failed, the next one
//   expire    with no check succeeding for this long since the last
//             that did, the zone is expired: SERVFAIL until one does
//
// The SOA's values are used as written, short ones included (no silent
// clamping: an administrator who writes 30 seconds gets 30 seconds).  A
// zone with no data yet (or loaded from its backup file at boot) is
// checked at once; the backup's data counts as fresh from the time it was
// loaded, as BIND 4 counted it.
#pragma once

#include <chrono>
#include <cstdint>

namespace named {

using clock_time = std::chrono::steady_clock::time_point;

// RFC 1982 serial number arithmetic: true when a is newer than b.
bool serial_newer(std::uint32_t a, std::uint32_t b);

struct soa_timers {
	std::uint32_t serial = 0;
	std::uint32_t refresh = 3600;
	std::uint32_t retry = 600;
	std::uint32_t expire = 604800;
};

class refresh_state {
public:
	// No data: a check is due now.
	explicit refresh_state(clock_time now) : next_(now) {}

	// Data loaded (backup file at boot) or transferred: fresh from now.
	void have_data(const soa_timers &t, clock_time now);

	// A check is due (the time has come, or a NOTIFY asked for one).
	bool due(clock_time now) const { return !busy_ && now >= next_; }

	// A check has started; due() is false until it ends.
	void started() { busy_ = true; }
	bool busy() const { return busy_; }

	// The check ended: the masters' serial was not newer, or a
	// transfer brought new data (have_data() first), or it failed.
	void succeeded(clock_time now);
	void failed(clock_time now);

	// A NOTIFY from a master: check at once (after the one running).
	void notified(clock_time now);

	// True once expire has passed since the last success; false again
	// after one.  A zone that never had data is not "expired": it has
	// nothing to serve either way.
	bool expired(clock_time now) const;

	// When something is next due after now: a check, or the expiry
	// (once it has passed, only checks).
	clock_time next_event(clock_time now) const;

	bool has_data() const { return has_data_; }
	const soa_timers &timers() const { return timers_; }

private:
	soa_timers timers_;
	bool has_data_ = false;
	bool busy_ = false;
	bool notify_pending_ = false;
	clock_time next_;
	clock_time fresh_since_{};
};

} // namespace named
