// refresh.cc: the refresh, retry and expire clock of a secondary zone.
#include "refresh.h"

namespace named {

bool
serial_newer(std::uint32_t a, std::uint32_t b)
{
	std::uint32_t d = a - b;
	return d != 0 && d < 0x80000000u;
}

void
refresh_state::have_data(const soa_timers &t, clock_time now)
{
	timers_ = t;
	has_data_ = true;
	fresh_since_ = now;
}

void
refresh_state::succeeded(clock_time now)
{
	busy_ = false;
	fresh_since_ = now;
	next_ = notify_pending_ ? now :
	    now + std::chrono::seconds(timers_.refresh);
	notify_pending_ = false;
}

void
refresh_state::failed(clock_time now)
{
	busy_ = false;
	next_ = now + std::chrono::seconds(timers_.retry);
	if (notify_pending_) {
		next_ = now;
		notify_pending_ = false;
	}
}

void
refresh_state::notified(clock_time now)
{
	if (busy_)
		notify_pending_ = true;
	else
		next_ = now;
}

bool
refresh_state::expired(clock_time now) const
{
	return has_data_ &&
	    now - fresh_since_ >= std::chrono::seconds(timers_.expire);
}

clock_time
refresh_state::next_event(clock_time now) const
{
	if (has_data_) {
		clock_time exp = fresh_since_ +
		    std::chrono::seconds(timers_.expire);
		if (exp > now && exp < next_)
			return exp;
	}
	return next_;
}

} // namespace named
