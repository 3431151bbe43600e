#include "session.h"

#include <poll.h>
#include <signal.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "libnet/log.h"
#include "libnet/raw_socket.h"

#include "report.h"
#include "libnet/resolve.h"

namespace ping {

namespace {

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
      probes_(t.family(), t.id(), s.size, s.pattern),
      state_(run_rules::from(s)),
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
lookup_name(const net::address &a)
{
	// As iputils: a resolver that knows no name answers with the
	// number, and the peer shows as "addr (addr)".
	return net::reverse_name(a).value_or(a.str());
}

std::string
session::name_of(const net::address &a)
{
	if (!target_.names)
		return a.str();
	auto it = names_.find(a);
	if (it != names_.end())
		return it->second;
	std::string shown = peer_name(lookup_name(a), a);
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
session::send_one()
{
	probes_.build(state_.next_seq(), 0);
	// The send time is taken last, with the request ready to go.
	std::int64_t stamp = net::realtime_ns();
	net::bytes_view pkt = probes_.restamp(stamp);
	auto r = net::send_packet(t_.fd(), pkt, target_sa_, target_len_);
	if (!r && (r.err().code == ENOBUFS || r.err().code == EAGAIN)) {
		state_.on_send_blocked(clock::now());
		return false;
	}
	state_.on_sent(clock::now(), stamp);
	if (s_.quiet)
		return true;
	if (!r) {
		// iputils' words for a request the kernel refused.
		if (s_.flood) {
			std::fputc('E', out_);
		} else {
			std::fflush(out_);
			net::log_err("sendmsg: %s",
			    std::strerror(r.err().code));
		}
	} else if (s_.flood) {
		std::fputc('.', out_);
	}
	return true;
}

void
session::step()
{
	time_point now = clock::now();
	state_.on_timer(now);
	if (state_.flood_like()) {
		pump();
	} else {
		// A preload goes out at once; a bound keeps a tiny interval
		// from starving the replies.
		for (int i = 0; i < 64 && state_.send_due(now); i++) {
			if (!send_one())
				break;
			now = clock::now();
		}
	}
	arm_wakeup();
}

void
session::arm_wakeup()
{
	if (state_.finished())
		return;
	time_point t = state_.next_deadline();
	if (t == time_point::max())
		return;
	// One timer for the whole run: an earlier one already armed stays,
	// since waking early costs only a look at the state.
	if (wakeup_.pending() && wakeup_.deadline() <= t)
		return;
	wakeup_.start(t, [this] { step(); });
}

void
session::on_readable(short revents)
{
	if ((revents & POLLERR) != 0) {
		std::uint8_t *buf = bufs_[0].data();
		std::size_t size = bufs_[0].size();
		for (int i = 0; i < 64 && !state_.finished(); i++) {
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
	step();
}

std::size_t
session::drain(bool one)
{
	std::size_t total = 0;
	for (int round = 0; round < 16 && !state_.finished(); round++) {
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
		for (std::size_t i = 0; i < *n && !state_.finished(); i++) {
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
	// A flood sends the next request as soon as run_state allows.  A
	// peer on this host or a veth answers within the send call itself,
	// so the reply is read straight away, without a poll in between; the
	// loop hands back to the event loop now and then for signals and
	// timers.
	bool blocked = false;
	for (int i = 0; i < 64 && !state_.finished() && !state_.sending_done();
	     i++) {
		if (state_.send_due(clock::now())) {
			if (!send_one()) {
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
	// A timer due at once, not a deferred call: the loop gets its turn
	// (replies read) first.
	if (!blocked && !state_.finished() && !state_.sending_done() &&
	    !pump_.pending())
		pump_.start(std::chrono::nanoseconds(0), [this] { step(); });
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
}

void
session::on_reply(const event &e, std::int64_t stamp_ns)
{
	reply_info r = state_.on_reply(e.seq, stamp_ns, e.checksum_ok);
	if (r.kind == answer_kind::unknown || s_.quiet)
		return;
	if (s_.flood) {
		// Each reply takes back its request's dot (iputils).
		std::fputs(r.kind == answer_kind::corrupted ? "\bC" : "\b \b",
		    out_);
		return;
	}
	std::string line = std::to_string(e.icmp_size) + " bytes from " +
	    name_of(e.from) + ": icmp_seq=" + std::to_string(e.seq);
	if (s_.verbose)
		line += " ident=" + std::to_string(e.id);
	if (e.ttl)
		line += " ttl=" + std::to_string(*e.ttl);
	// A short reply has no time or checks, as in iputils.
	if (e.data.size() < probes_.size()) {
		std::fprintf(out_, "%s (truncated)\n", line.c_str());
		return;
	}
	line += " time=" + format_rtt(r.rtt_ns) + " ms";
	if (r.kind == answer_kind::duplicate)
		line += " (DUP!)";
	if (r.kind == answer_kind::corrupted)
		line += " (BAD CHECKSUM!)";
	// A corrupted reply's data proves nothing more.
	net::bytes_view data = e.data.first(probes_.size());
	if (r.kind != answer_kind::corrupted)
		if (auto bad = probes_.first_mismatch(data, r.sent_ns))
			line += "\n" + data_mismatch_lines(*bad,
			    probes_.expected(*bad, r.sent_ns), data);
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
	if (!route.empty())
		std::fputs(route.c_str(), out_);
}

void
session::on_error(const event &e)
{
	bool failure = is_failure(t_.family(), e.type);
	if (!state_.on_error(e.seq, failure) || s_.quiet)
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
	if (s_.quiet || s_.flood || state_.finished())
		return;
	std::fprintf(out_, "From %s: icmp_type=%u (%s) icmp_code=%u\n",
	    name_of(e.from).c_str(), e.type,
	    icmp_type_name(t_.family(), e.type).c_str(), e.code);
}

void
session::print_summary()
{
	// Like iputils: the time from the first request to the last.
	auto elapsed = std::chrono::duration_cast<std::chrono::nanoseconds>(
	    state_.elapsed())
			   .count();
	const statistics &st = state_.stats();
	std::fprintf(out_, "\n--- %s ping statistics ---\n",
	    target_.display.c_str());
	std::fprintf(out_, "%s\n", st.summary(elapsed).c_str());
	std::fprintf(out_, "%s\n",
	    st.rtt_line(elapsed, state_.flood_like()).c_str());
}

int
session::run()
{
	std::setvbuf(out_, nullptr, _IOFBF, 1 << 16);
	auto stop = [this](int) { state_.on_interrupt(); };
	(void)loop_.on_signal(SIGINT, stop);
	(void)loop_.on_signal(SIGTERM, stop);
	(void)loop_.on_signal(SIGQUIT, [this](int) {
		// As iputils: from the start of the (terminal) line.
		std::fflush(out_);
		std::fprintf(stderr, "\r%s\n",
		    state_.stats().interim().c_str());
	});
	readable_ = net::watch(loop_, t_.fd(), POLLIN,
	    [this](short ev) { on_readable(ev); });
	// The header is out before the first request leaves.
	std::fflush(out_);
	state_.start(clock::now());
	step();
	while (!state_.finished()) {
		std::fflush(out_);
		if (auto r = loop_.run_once(); !r) {
			net::log_err("%s", r.err().message().c_str());
			state_.on_fatal();
		}
	}
	print_summary();
	std::fflush(out_);
	return state_.exit_status();
}

} // namespace ping
