#include "policy.h"

#include <algorithm>

namespace inetd {

bool
at_capacity(const service_spec &spec, unsigned children, unsigned conns,
    unsigned builtin_max)
{
	if (spec.builtin) {
		unsigned max = spec.max_children != 0 ? spec.max_children
						      : builtin_max;
		return spec.is_stream() && conns >= max;
	}
	return spec.max_children != 0 && children >= spec.max_children;
}

source_limits
limits_for(const service_spec &spec, unsigned source_max,
    unsigned source_rate)
{
	source_limits lim;
	lim.max_active = spec.max_per_source != 0 ? spec.max_per_source
						  : source_max;
	auto rate = net::token_bucket::per_minute(source_rate);
	lim.burst = rate.burst();
	lim.interval = rate.interval();
	return lim;
}

net::source_verdict
admit_source(net::source_table &t, const net::address &a, time_point now,
    const source_limits &lim)
{
	return t.admit(a, now, lim.max_active, lim.burst, lim.interval);
}

net::source_verdict
admit_datagram(net::source_table &t, const net::address &a, time_point now,
    const source_limits &lim)
{
	if (lim.interval == duration::zero())
		return net::source_verdict::admit;
	// Admitted and released at once: the table then forgets the source
	// when its bucket is full again, as it does a client that has gone.
	net::source_verdict v = t.admit(a, now, 0, lim.burst, lim.interval);
	if (v == net::source_verdict::admit)
		t.release(a, now);
	return v;
}

descriptor_plan
plan_descriptors(std::size_t n, rlim_t soft, rlim_t hard)
{
	descriptor_plan p;
	rlim_t want = static_cast<rlim_t>(n) + descriptor_reserve;
	p.soft = want > soft ? std::min(want, hard) : soft;
	// A small limit keeps half of itself free rather than all of it.
	rlim_t reserve = std::min(descriptor_reserve, p.soft / 2);
	p.sockets = static_cast<std::size_t>(
	    std::min(static_cast<rlim_t>(n), p.soft - reserve));
	return p;
}

duration
pending_check_delay(int attempt)
{
	return std::chrono::milliseconds(attempt >= 0 && attempt < 7
		? 1 << attempt
		: 100);
}

spawn_pacer::spawn_pacer(unsigned per_minute)
    : bucket_(net::token_bucket::per_minute(per_minute))
{
}

spawn_pacer::verdict
spawn_pacer::check(time_point now)
{
	verdict v;
	// Another socket of the service may be ready in the same round as
	// the one that paused it: that is no second pause.
	if (paused_) {
		v.go = false;
		return v;
	}
	duration w = bucket_.wait_time(now);
	if (w == duration::zero())
		return v;
	paused_ = true;
	until_ = now + w;
	v.go = false;
	v.paused_now = true;
	v.until = until_;
	if (!ever_logged_ || now >= quiet_until_) {
		ever_logged_ = true;
		quiet_until_ = now + pause_log_interval;
		logged_ = true;
		v.log = true;
		v.more = held_;
		held_ = 0;
	} else {
		logged_ = false;
		held_++;
	}
	return v;
}

void
spawn_pacer::spawned(time_point now)
{
	(void)bucket_.take(now);
}

time_point
spawn_pacer::hold(time_point now, duration d)
{
	if (!paused_) {
		paused_ = true;
		logged_ = false;
		until_ = now + d;
	} else {
		until_ = std::max(until_, now + d);
	}
	return until_;
}

spawn_pacer::resumption
spawn_pacer::resume(time_point now)
{
	resumption r;
	if (paused_ && now < until_)
		return r;
	r.resumed = true;
	if (!paused_)
		return r;
	paused_ = false;
	bool was_logged = logged_;
	logged_ = false;
	if (held_ == 0) {
		r.log = was_logged;
		return r;
	}
	// Pauses went unlogged since the last line: told now if the quiet
	// time is over, else once it is.
	if (now >= quiet_until_) {
		r.log = true;
		r.more = held_;
		held_ = 0;
		return r;
	}
	r.summary_at = quiet_until_;
	return r;
}

unsigned
spawn_pacer::summary(time_point now)
{
	if (paused_ || now < quiet_until_)
		return 0;
	unsigned n = held_;
	held_ = 0;
	return n;
}

counted_log::note
counted_log::on_event(time_point now)
{
	note n;
	if (limit_.allow(now, &n.more)) {
		n.log = true;
		return n;
	}
	// What no later line tells is told once the delay is over.
	if (!summary_due_) {
		summary_due_ = true;
		n.summary_at = now + summary_delay;
	}
	return n;
}

unsigned
counted_log::summary()
{
	summary_due_ = false;
	return limit_.take_held();
}

} // namespace inetd
