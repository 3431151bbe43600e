#include "libnet/throttle.h"

#include <algorithm>

namespace net {

token_bucket::token_bucket(unsigned burst, duration interval)
    : burst_(burst), interval_(burst == 0 ? duration::zero() : interval)
{
}

token_bucket
token_bucket::per_minute(unsigned n)
{
	if (n == 0)
		return {};
	return token_bucket(n, std::chrono::duration_cast<duration>(
	    std::chrono::minutes(1)) / n);
}

bool
token_bucket::take(time_point now)
{
	if (!limited())
		return true;
	// Each token moves the time the bucket is full again on by one
	// interval; the burst is how far ahead of now that may be.
	time_point from = std::max(full_at_, now);
	time_point next = from + interval_;
	if (next - now > interval_ * burst_)
		return false;
	full_at_ = next;
	return true;
}

duration
token_bucket::wait_time(time_point now) const
{
	if (!limited())
		return duration::zero();
	time_point from = std::max(full_at_, now);
	duration over = (from + interval_ - now) - interval_ * burst_;
	return std::max(over, duration::zero());
}

void
token_bucket::set_limit(unsigned burst, duration interval, time_point now)
{
	token_bucket next(burst, interval);
	if (limited() && next.limited() && full_at_ > now) {
		// The tokens missing now, as a share of the old burst, are
		// missing from the new one likewise.
		double missing = std::chrono::duration<double>(full_at_ - now) /
		    std::chrono::duration<double>(interval_);
		missing = std::min<double>(missing, burst_) / burst_ *
		    next.burst_;
		next.full_at_ = now +
		    std::chrono::duration_cast<duration>(next.interval_ *
			missing);
	}
	*this = next;
}

address
source_key(const address &a)
{
	address u = a.unmapped();
	return u.is_v6() ? u.masked(64) : u;
}

const char *
verdict_text(source_verdict v)
{
	switch (v) {
	case source_verdict::admit:
		return "admitted";
	case source_verdict::too_many:
		return "too many connections from this source";
	case source_verdict::too_fast:
		return "connection rate from this source over the limit";
	case source_verdict::table_full:
		return "source table full";
	}
	return "?";
}

bool
source_table::make_room(time_point now)
{
	if (now < no_room_until_)
		return false;
	// Forget every entry that says nothing; note when the first of the
	// others will.
	time_point first = time_point::max();
	bool freed = false;
	for (auto it = entries_.begin(); it != entries_.end();) {
		entry &e = it->second;
		if (e.active == 0 && e.rate.full(now)) {
			it = entries_.erase(it);
			freed = true;
			continue;
		}
		if (e.active == 0)
			first = std::min(first, e.rate.full_again());
		++it;
	}
	// Entries busy now may be released before then: release() brings
	// the time forward.
	no_room_until_ = freed ? time_point{} : first;
	return freed;
}

source_table::entry *
source_table::find_or_make(const address &key, time_point now)
{
	auto it = entries_.find(key);
	if (it != entries_.end())
		return &it->second;
	if (entries_.size() >= capacity_ && !make_room(now))
		return nullptr;
	return &entries_.emplace(key, entry{}).first->second;
}

source_verdict
source_table::admit(const address &a, time_point now, unsigned max_active,
    unsigned burst, duration interval)
{
	token_bucket want(burst, interval);
	if (max_active == 0 && !want.limited())
		return source_verdict::admit;
	entry *e = find_or_make(source_key(a), now);
	if (e == nullptr)
		return source_verdict::table_full;
	if (e->rate.burst() != want.burst() ||
	    e->rate.interval() != want.interval())
		e->rate.set_limit(burst, interval, now);
	if (max_active != 0 && e->active >= max_active)
		return source_verdict::too_many;
	if (!e->rate.take(now))
		return source_verdict::too_fast;
	e->active++;
	return source_verdict::admit;
}

bool
source_table::take(const address &a, time_point now, unsigned burst,
    duration interval)
{
	token_bucket want(burst, interval);
	if (!want.limited())
		return true;
	entry *e = find_or_make(source_key(a), now);
	if (e == nullptr)
		return false;
	if (e->rate.burst() != want.burst() ||
	    e->rate.interval() != want.interval())
		e->rate.set_limit(burst, interval, now);
	return e->rate.take(now);
}

void
source_table::release(const address &a, time_point now)
{
	auto it = entries_.find(source_key(a));
	if (it == entries_.end() || it->second.active == 0)
		return;
	if (--it->second.active == 0) {
		no_room_until_ = std::min(no_room_until_,
		    it->second.rate.full_again());
		if (it->second.rate.full(now))
			entries_.erase(it);
	}
}

unsigned
source_table::active(const address &a) const
{
	auto it = entries_.find(source_key(a));
	return it == entries_.end() ? 0 : it->second.active;
}

void
source_table::clear()
{
	entries_.clear();
	no_room_until_ = time_point{};
}

bool
log_limiter::allow(time_point now, unsigned *held)
{
	if (!started_ || now - window_start_ >= window_) {
		started_ = true;
		window_start_ = now;
		in_window_ = 0;
	}
	if (in_window_ >= per_window_) {
		held_++;
		return false;
	}
	in_window_++;
	*held = held_;
	held_ = 0;
	return true;
}

unsigned
log_limiter::take_held()
{
	unsigned n = held_;
	held_ = 0;
	return n;
}

} // namespace net
