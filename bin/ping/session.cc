#include "session.h"

#include <netdb.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "libnet/log.h"
#include "libnet/raw_socket.h"

#include "report.h"

namespace ping {

namespace {

// The fallback pace of a flood: at least this often, replies or not.
constexpr std::chrono::milliseconds flood_tick{10};

// Packets read per system call.
constexpr std::size_t receive_batch = 16;

// Errors a socket reports once through recvmsg after an ICMP error
// (sk_err); the error itself is read from the packet or the error queue.
bool
transient(int err)
{
	return err == EHOSTUNREACH || err == ENETUNREACH ||
	    err == ECONNREFUSED || err == EMSGSIZE || err == ENOPROTOOPT ||
	    err == EPROTO || err == EOPNOTSUPP || err == EACCES ||
	    err == ETIMEDOUT || err == EINTR;
}

std::size_t
buffer_size(std::size_t data)
{
	// Room for the largest IPv4 header and a quoted error around it.
	return std::max<std::size_t>(data + 8 + 60 + 576, 4096);
}

} // namespace

session::session(const settings &s, transport &t, const target_info &target)
    : s_(s), t_(t), target_(target),
      probes_(t.family(), t.id(), s.size, s.pattern), sent_ns_(65536, 0),
      answered_(65536, false),
      interval_ns_(s.flood ? 0 : s.interval_us * 1000),
      bufs_(receive_batch, std::vector<std::uint8_t>(buffer_size(s.size))),
      slots_(receive_batch)
{
	for (std::size_t i = 0; i < receive_batch; i++)
		slots_[i].buf = bufs_[i];
	match_.family = t.family();
	match_.kind = t.kind();
	match_.id = t.id();
	match_.target = target.addr;
	match_.any_source = target.addr.is_unspecified() ||
	    target.addr.is_multicast();
	target_len_ = net::endpoint{target.addr, 0}.to_sockaddr(target_sa_);
}

std::string
session::name_of(const net::address &a)
{
	if (!target_.names)
		return a.str();
	auto it = names_.find(a);
	if (it != names_.end())
		return it->second;
	net::endpoint ep{a, 0};
	sockaddr_storage ss;
	socklen_t len = ep.to_sockaddr(ss);
	char host[NI_MAXHOST];
	std::string name;
	if (getnameinfo(reinterpret_cast<sockaddr *>(&ss), len, host,
		sizeof host, nullptr, 0, NI_NAMEREQD) == 0)
		name = net::printable(host, NI_MAXHOST);
	std::string shown = peer_name(name, a);
	names_.emplace(a, shown);
	return shown;
}

std::string
session::route_text(const net::ipv4_route_option &r)
{
	std::vector<std::string> hops;
	for (const auto &a : r.addresses)
		hops.push_back(name_of(a));
	return route_lines(hops, r.addresses.size() >= r.slots);
}

bool
session::send_next()
{
	if (sending_done_ || finished_)
		return false;
	// With a deadline, requests go on until it (or the count of
	// replies) is reached; without one, count requests are sent.
	if (!s_.deadline_us && s_.count != 0 &&
	    stats_.transmitted() >= s_.count) {
		sending_done_ = true;
		arm_linger();
		return false;
	}
	std::uint16_t seq = next_seq_;
	probes_.build(seq, 0);
	// The send time is taken last, with the request ready to go.
	std::int64_t now = net::realtime_ns();
	net::bytes_view pkt = probes_.restamp(now);
	auto r = net::send_packet(t_.fd(), pkt, target_sa_, target_len_);
	if (!r && (r.err().code == ENOBUFS || r.err().code == EAGAIN))
		return false;	// the queue is full: try again later
	next_seq_++;
	last_sent_ = net::mono_clock::now();
	sent_ns_[seq] = now;
	answered_[seq] = false;
	stats_.on_transmit();
	if (!r) {
		net::log_err("%s", r.err().message().c_str());
		stats_.on_error();
	} else if (s_.flood && !s_.quiet) {
		std::fputc('.', out_);
	}
	if (!s_.deadline_us && s_.count != 0 &&
	    stats_.transmitted() >= s_.count) {
		sending_done_ = true;
		arm_linger();
	}
	check_done();
	return true;
}

void
session::schedule_send()
{
	if (sending_done_ || finished_)
		return;
	if (timer_armed_)
		loop_.cancel_timer(send_timer_);
	timer_armed_ = true;
	net::time_point now = net::mono_clock::now();
	next_send_ += std::chrono::nanoseconds(interval_ns_);
	// After a stall, carry on from now rather than burst.
	if (next_send_ < now)
		next_send_ = now;
	send_timer_ = loop_.add_timer(next_send_, [this] {
		timer_armed_ = false;
		send_next();
		schedule_send();
	});
}

void
session::arm_flood_tick()
{
	// One timer for the whole flood rather than one per request: it
	// sends only when nothing went out for a whole tick.
	loop_.add_timer(flood_tick, [this] {
		if (sending_done_ || finished_)
			return;
		if (net::mono_clock::now() - last_sent_ >= flood_tick)
			send_next();
		pump();
		arm_flood_tick();
	});
}

void
session::start()
{
	started_ = net::mono_clock::now();
	last_sent_ = started_;
	next_send_ = started_;
	unsigned burst = std::max(1u, s_.preload);
	for (unsigned i = 0; i < burst && !sending_done_ && !finished_; i++)
		send_next();
	if (interval_ns_ == 0) {
		arm_flood_tick();
		pump();
	} else {
		schedule_send();
	}
}

void
session::arm_linger()
{
	if (s_.deadline_us)
		return;
	std::int64_t wait_ns;
	if (stats_.received() > 0) {
		wait_ns = std::max<std::int64_t>(2 * stats_.max_rtt_ns(),
		    s_.flood ? 0 : s_.interval_us * 1000);
		// A flood's last reply may trail the others a little.
		if (interval_ns_ == 0)
			wait_ns = std::max<std::int64_t>(wait_ns, 10000000);
	} else {
		std::int64_t us = s_.linger_us ? *s_.linger_us : 10000000;
		if (us == 0)
			return;		// -W 0: wait for ever
		wait_ns = us * 1000;
	}
	loop_.add_timer(std::chrono::nanoseconds(wait_ns), [this] {
		finish();
	});
}

void
session::on_readable(short revents)
{
	if ((revents & POLLERR) != 0) {
		std::uint8_t *buf = bufs_[0].data();
		std::size_t size = bufs_[0].size();
		for (int i = 0; i < 64 && !finished_; i++) {
			auto p = net::recv_packet(t_.fd(),
			    std::span<std::uint8_t>(buf, size), true);
			if (!p)
				break;
			on_event(classify_queued_error(match_,
			    net::bytes_view(buf, p->size), *p),
			    p->stamp_ns.value_or(net::realtime_ns()));
		}
	}
	drain();
	if (interval_ns_ == 0)
		pump();
}

std::size_t
session::drain(bool one)
{
	std::size_t total = 0;
	for (int round = 0; round < 16 && !finished_; round++) {
		// One packet: plain recvmsg, cheaper than a batch of one.
		net::result<std::size_t> n = std::size_t{0};
		if (one) {
			auto p = net::recv_packet(t_.fd(), slots_[0].buf);
			if (p)
				slots_[0].info = *p;
			n = p ? net::result<std::size_t>(std::size_t{1})
			      : net::result<std::size_t>(p.err());
		} else {
			n = net::recv_packets(t_.fd(), slots_);
		}
		if (!n) {
			int err = n.err().code;
			if (err == EAGAIN)
				break;
			if (!transient(err)) {
				net::log_err("%s", n.err().message().c_str());
				break;
			}
			continue;
		}
		for (std::size_t i = 0; i < *n && !finished_; i++) {
			const net::packet_info &info = slots_[i].info;
			on_event(classify_packet(match_,
			    net::bytes_view(bufs_[i]).first(info.size), info),
			    info.stamp_ns.value_or(net::realtime_ns()));
		}
		total += *n;
		// A short batch means the queue is empty: no call to find out.
		if (one || *n < slots_.size())
			break;
	}
	return total;
}

void
session::pump()
{
	// A flood sends the next request as soon as a slot is free.  A peer
	// on this host or a veth answers within the send call itself, so
	// the reply is read straight away, without a poll in between; the
	// loop hands back to the event loop now and then for signals and
	// timers.
	unsigned window = std::max(1u, s_.preload);
	bool blocked = false;
	for (int i = 0; i < 64 && !finished_ && !sending_done_; i++) {
		if (stats_.in_flight() < window) {
			if (!send_next()) {
				blocked = true;
				break;
			}
			continue;
		}
		if (drain(true) == 0) {
			blocked = true;
			break;
		}
	}
	// Stopped for a turn of the loop, not for want of a reply: come back
	// at once instead of waiting in poll for a reply never asked for.
	if (!blocked && !finished_ && !sending_done_ && !pump_pending_) {
		pump_pending_ = true;
		loop_.add_timer(std::chrono::nanoseconds(0), [this] {
			pump_pending_ = false;
			pump();
		});
	}
}

void
session::on_event(const event &e, std::int64_t stamp_ns)
{
	switch (e.kind) {
	case event_kind::reply:
		on_reply(e, stamp_ns);
		break;
	case event_kind::error:
		on_error(e);
		break;
	case event_kind::other:
		if (s_.verbose)
			on_other(e);
		break;
	case event_kind::none:
		break;
	}
	check_done();
}

void
session::on_reply(const event &e, std::int64_t stamp_ns)
{
	std::int64_t sent = sent_ns_[e.seq];
	if (sent == 0)
		return;		// not a request of this run
	std::int64_t rtt = stamp_ns - sent;
	std::uint16_t back = static_cast<std::uint16_t>(next_seq_ - 1 - e.seq);
	std::uint64_t nth = stats_.transmitted() - back;
	bool dup = false;
	if (!e.checksum_ok) {
		stats_.on_corrupt();
	} else if (answered_[e.seq]) {
		dup = true;
		stats_.on_duplicate(rtt);
	} else {
		answered_[e.seq] = true;
		stats_.on_reply(rtt);
		stats_.on_answer_to(nth);
	}
	if (s_.quiet)
		return;
	if (s_.flood) {
		if (!dup)
			std::fputc('\b', out_);
		return;
	}
	std::string line = std::to_string(e.icmp_size) + " bytes from " +
	    name_of(e.from) + ": icmp_seq=" + std::to_string(e.seq);
	if (s_.verbose)
		line += " ident=" + std::to_string(e.id);
	if (e.ttl)
		line += " ttl=" + std::to_string(*e.ttl);
	line += " time=" + format_rtt(rtt) + " ms";
	if (!e.checksum_ok)
		line += " (BAD CHECKSUM!)";
	if (dup)
		line += " (DUP!)";
	if (e.data.size() < probes_.size())
		line += " (truncated)";
	std::string route;
	if (e.route) {
		route = route_text(*e.route);
		if (last_route_ && *last_route_ == route) {
			line += "\t(same route)";
			route.clear();
		} else {
			last_route_ = route;
		}
	}
	std::fprintf(out_, "%s\n", line.c_str());
	if (e.checksum_ok)
		if (auto bad = probes_.first_mismatch(e.data, sent))
			std::fprintf(out_,
			    "wrong data byte #%zu should be 0x%02x but was "
			    "0x%02x\n",
			    *bad, probes_.expected(*bad, sent), e.data[*bad]);
	if (!route.empty())
		std::fputs(route.c_str(), out_);
}

void
session::on_error(const event &e)
{
	if (sent_ns_[e.seq] == 0)
		return;
	bool failure = is_failure(t_.family(), e.type);
	if (failure) {
		std::uint16_t back = static_cast<std::uint16_t>(next_seq_ - 1 -
		    e.seq);
		stats_.on_error();
		stats_.on_answer_to(stats_.transmitted() - back);
	}
	if (s_.quiet)
		return;
	if (s_.flood) {
		if (failure)
			std::fputs("\bE", out_);
		return;
	}
	std::fprintf(out_, "From %s icmp_seq=%u %s\n", name_of(e.from).c_str(),
	    e.seq, icmp_text(t_.family(), e.type, e.code, e.info).c_str());
}

void
session::on_other(const event &e)
{
	if (s_.quiet || s_.flood)
		return;
	std::fprintf(out_, "From %s: icmp_type=%u (%s) icmp_code=%u\n",
	    name_of(e.from).c_str(), e.type,
	    icmp_type_name(t_.family(), e.type).c_str(), e.code);
}

void
session::check_done()
{
	if (finished_)
		return;
	if (s_.count != 0 && stats_.received() + stats_.errors() >= s_.count)
		finish();
	else if (s_.deadline_us && stats_.errors() > 0)
		finish();
}

void
session::finish()
{
	if (finished_)
		return;
	finished_ = true;
	// Like iputils: the time from the first request to the last.
	auto elapsed = std::chrono::duration_cast<std::chrono::nanoseconds>(
	    last_sent_ - started_)
			   .count();
	std::fprintf(out_, "\n--- %s ping statistics ---\n",
	    target_.display.c_str());
	std::fprintf(out_, "%s\n", stats_.summary(elapsed).c_str());
	std::fprintf(out_, "%s\n",
	    stats_.rtt_line(elapsed, interval_ns_ == 0).c_str());
	loop_.stop();
}

int
session::run()
{
	std::setvbuf(out_, nullptr, _IOFBF, 1 << 16);
	auto stop = [this](int) { finish(); };
	(void)loop_.on_signal(SIGINT, stop);
	(void)loop_.on_signal(SIGTERM, stop);
	(void)loop_.on_signal(SIGQUIT, [this](int) {
		std::fflush(out_);
		std::fprintf(stderr, "%s\n", stats_.interim().c_str());
	});
	loop_.watch(t_.fd(), POLLIN, [this](short ev) { on_readable(ev); });
	if (s_.deadline_us)
		loop_.add_timer(std::chrono::microseconds(*s_.deadline_us),
		    [this] { finish(); });
	// The header is out before the first request leaves.
	std::fflush(out_);
	start();
	while (!finished_) {
		std::fflush(out_);
		if (auto r = loop_.run_once(); !r) {
			net::log_err("%s", r.err().message().c_str());
			break;
		}
	}
	std::fflush(out_);
	if (stats_.received() == 0)
		return 1;
	if (s_.deadline_us && s_.count != 0 && stats_.received() < s_.count)
		return 1;
	return 0;
}

} // namespace ping
