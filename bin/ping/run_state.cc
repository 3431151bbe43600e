#include "run_state.h"

#include <algorithm>

namespace ping {

namespace {

// -W's default: how long to wait for a first reply after the last request.
constexpr duration default_linger = std::chrono::seconds(10);

} // namespace

run_rules
run_rules::from(const settings &s)
{
	run_rules r;
	r.count = s.count;
	r.interval = s.flood ? duration::zero()
			     : std::chrono::microseconds(s.interval_us);
	r.preload = std::max(1u, s.preload);
	if (s.deadline_us)
		r.deadline = std::chrono::microseconds(*s.deadline_us);
	if (s.linger_us)
		r.linger = std::chrono::microseconds(*s.linger_us);
	return r;
}

run_state::run_state(const run_rules &r)
    : rules_(r), sent_ns_(65536, 0), answered_(65536, false)
{
	rules_.preload = std::max(1u, r.preload);
}

void
run_state::start(time_point now)
{
	started_flag_ = true;
	started_ = now;
	last_sent_ = now;
	next_send_ = now;
	blocked_until_ = now;
	if (rules_.deadline)
		deadline_at_ = now + *rules_.deadline;
}

bool
run_state::send_due(time_point now) const
{
	if (!started_flag_ || sending_done_ || ending_ || finished_)
		return false;
	if (!flood_like())
		return now >= next_send_;
	if (now < blocked_until_)
		return false;
	// A flood keeps preload requests in flight; when none come back it
	// still sends one a tick.
	return stats_.in_flight() < rules_.preload ||
	    now - last_sent_ >= flood_tick;
}

std::uint64_t
run_state::nth(std::uint16_t seq) const
{
	// How many requests back seq was, counted from the last one sent.
	auto back = static_cast<std::uint16_t>(next_seq_ - 1 - seq);
	return stats_.transmitted() - back;
}

void
run_state::on_sent(time_point now, std::int64_t stamp_ns)
{
	if (sending_done_ || finished_)
		return;
	std::uint16_t seq = next_seq_++;
	// Stamp 0 means "not sent": a clock at the epoch is no clock.
	sent_ns_[seq] = stamp_ns != 0 ? stamp_ns : 1;
	answered_[seq] = false;
	last_sent_ = now;
	stats_.on_transmit();
	// The preloaded requests go at once; the pace starts after them.
	if (stats_.transmitted() >= rules_.preload && !flood_like())
		next_slot(now);
	// Without a deadline, count requests are sent; with one, requests go
	// on until it (count is then of replies).
	if (!rules_.deadline && rules_.count != 0 &&
	    stats_.transmitted() >= rules_.count)
		begin_linger(now);
	check_done();
}

void
run_state::on_send_blocked(time_point now)
{
	if (flood_like()) {
		blocked_until_ = now + flood_tick;
	} else {
		next_slot(now);
	}
}

void
run_state::next_slot(time_point now)
{
	next_send_ += rules_.interval;
	// After a stall of a whole interval, carry on an interval from now
	// rather than send the missed requests in a burst.
	if (next_send_ <= now)
		next_send_ = now + rules_.interval;
}

void
run_state::begin_linger(time_point now)
{
	sending_done_ = true;
	duration wait;
	if (stats_.received() > 0) {
		// Twice the slowest round trip, at least an interval (iputils).
		wait = std::max<duration>(
		    std::chrono::nanoseconds(2 * stats_.max_rtt_ns()),
		    rules_.interval);
		// A flood's last reply may trail the others a little.
		if (flood_like())
			wait = std::max<duration>(wait, flood_tick);
	} else {
		wait = rules_.linger.value_or(default_linger);
		if (wait == duration::zero())
			return;		// -W 0: wait for ever
	}
	linger_until_ = now + wait;
}

reply_info
run_state::on_reply(std::uint16_t seq, std::int64_t stamp_ns,
    bool checksum_ok)
{
	reply_info r;
	if (finished_ || sent_ns_[seq] == 0)
		return r;
	r.sent_ns = sent_ns_[seq];
	r.rtt_ns = stamp_ns - r.sent_ns;
	if (!checksum_ok) {
		r.kind = answer_kind::corrupted;
		stats_.on_corrupt();
	} else if (answered_[seq]) {
		r.kind = answer_kind::duplicate;
		stats_.on_duplicate(r.rtt_ns);
	} else {
		r.kind = answer_kind::first;
		answered_[seq] = true;
		stats_.on_reply(r.rtt_ns);
		stats_.on_answer_to(nth(seq));
	}
	check_done();
	return r;
}

bool
run_state::on_error(std::uint16_t seq, bool failure)
{
	if (finished_ || sent_ns_[seq] == 0)
		return false;
	if (failure) {
		stats_.on_error();
		stats_.on_answer_to(nth(seq));
	}
	check_done();
	return true;
}

void
run_state::check_done()
{
	if (finished_)
		return;
	// As iputils: count answers or failures end the run, and with a
	// deadline so does the first error, once the errors read with it
	// are counted.
	if (rules_.count != 0 &&
	    stats_.received() + stats_.errors() >= rules_.count)
		finished_ = true;
	else if (rules_.deadline && stats_.errors() > 0)
		ending_ = true;
}

void
run_state::on_interrupt()
{
	finished_ = true;
}

void
run_state::on_fatal()
{
	fatal_ = true;
	finished_ = true;
}

void
run_state::on_timer(time_point now)
{
	if (finished_)
		return;
	if (ending_)
		finished_ = true;
	else if (deadline_at_ && now >= *deadline_at_)
		finished_ = true;
	else if (linger_until_ && now >= *linger_until_)
		finished_ = true;
}

time_point
run_state::next_deadline() const
{
	time_point t = time_point::max();
	if (finished_ || !started_flag_)
		return t;
	if (ending_)
		return started_;
	if (deadline_at_)
		t = std::min(t, *deadline_at_);
	if (linger_until_)
		t = std::min(t, *linger_until_);
	if (!sending_done_) {
		if (!flood_like())
			t = std::min(t, next_send_);
		else if (stats_.in_flight() < rules_.preload)
			t = std::min(t, blocked_until_);
		else
			t = std::min(t, std::max(blocked_until_,
			    last_sent_ + flood_tick));
	}
	return t;
}

int
run_state::exit_status() const
{
	if (fatal_)
		return 2;
	if (stats_.received() == 0)
		return 1;
	if (rules_.deadline && rules_.count != 0 &&
	    stats_.received() < rules_.count)
		return 1;
	return 0;
}

} // namespace ping
