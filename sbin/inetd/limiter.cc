#include "limiter.h"

#include <algorithm>

namespace inetd {

token_bucket::token_bucket(unsigned per_minute)
    : per_minute_(per_minute), tokens_(per_minute)
{
}

void
token_bucket::refill(net::time_point now)
{
	if (!started_) {
		started_ = true;
		last_ = now;
		return;
	}
	if (now <= last_)
		return;
	double secs = std::chrono::duration<double>(now - last_).count();
	tokens_ = std::min<double>(per_minute_,
	    tokens_ + secs * per_minute_ / 60.0);
	last_ = now;
}

bool
token_bucket::take(net::time_point now)
{
	if (per_minute_ == 0)
		return true;
	refill(now);
	if (tokens_ < 1.0)
		return false;
	tokens_ -= 1.0;
	return true;
}

net::duration
token_bucket::wait_time(net::time_point now)
{
	if (per_minute_ == 0)
		return net::duration::zero();
	refill(now);
	if (tokens_ >= 1.0)
		return net::duration::zero();
	double secs = (1.0 - tokens_) * 60.0 / per_minute_;
	return std::chrono::duration_cast<net::duration>(
	    std::chrono::duration<double>(secs));
}

void
token_bucket::set_rate(unsigned per_minute)
{
	if (per_minute_ == 0)
		tokens_ = per_minute;
	per_minute_ = per_minute;
	tokens_ = std::min<double>(tokens_, per_minute);
}

net::address
source_key(const net::address &a)
{
	net::address u = a.unmapped();
	return u.is_v6() ? u.masked(64) : u;
}

source_verdict
source_table::admit(const net::address &a, net::time_point now,
    unsigned max_active, unsigned per_minute)
{
	if (max_active == 0 && per_minute == 0)
		return source_verdict::admit;
	net::address k = source_key(a);
	auto it = entries_.find(k);
	if (it == entries_.end()) {
		if (entries_.size() >= capacity_ && !make_room())
			return source_verdict::table_full;
		it = entries_.emplace(k, entry{0, token_bucket(per_minute),
		    now}).first;
	}
	entry &e = it->second;
	e.last_used = now;
	if (e.rate.rate() != per_minute)
		e.rate.set_rate(per_minute);
	if (max_active != 0 && e.active >= max_active)
		return source_verdict::too_many;
	if (!e.rate.take(now))
		return source_verdict::too_fast;
	e.active++;
	return source_verdict::admit;
}

void
source_table::release(const net::address &a)
{
	auto it = entries_.find(source_key(a));
	if (it != entries_.end() && it->second.active > 0)
		it->second.active--;
}

unsigned
source_table::active(const net::address &a) const
{
	auto it = entries_.find(source_key(a));
	return it == entries_.end() ? 0 : it->second.active;
}

bool
source_table::make_room()
{
	// Forget the idle source seen longest ago.  A source with children
	// running is never forgotten: its count must stay right.
	auto victim = entries_.end();
	for (auto it = entries_.begin(); it != entries_.end(); ++it)
		if (it->second.active == 0 &&
		    (victim == entries_.end() ||
			it->second.last_used < victim->second.last_used))
			victim = it;
	if (victim == entries_.end())
		return false;
	entries_.erase(victim);
	return true;
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

} // namespace inetd
