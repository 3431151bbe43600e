#include "server.h"

#include <netinet/in.h>
#include <netinet/udp.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cinttypes>
#include <climits>
#include <cstring>

#include "libnet/log.h"
#include "libnet/socket.h"
#include "libnet/sockopt.h"

namespace tftpd {

namespace {

// The most datagrams taken from a listener per wakeup, so one busy peer
// cannot starve the others.
constexpr int burst = 64;
// Datagrams taken from a transfer socket with one recvmmsg(2).
constexpr std::size_t rx_batch = 16;
constexpr std::size_t rx_size = 65536 + 4;
// UDP GSO limits: segments per send, and bytes of one IP datagram.
constexpr std::size_t gso_max_segs = 64;
constexpr std::size_t gso_max_bytes = 65000;

// The path MTU of a connected socket, or 0 when unknown.
unsigned
path_mtu(int fd, bool v6)
{
	int mtu = 0;
	socklen_t len = sizeof mtu;
	if (getsockopt(fd, v6 ? IPPROTO_IPV6 : IPPROTO_IP,
		v6 ? IPV6_MTU : IP_MTU, &mtu, &len) != 0 || mtu <= 0)
		return 0;
	return static_cast<unsigned>(mtu);
}

} // namespace

struct server::session {
	net::unique_fd sock;
	std::unique_ptr<block_source> src;
	std::unique_ptr<block_sink> dst;
	std::unique_ptr<transfer> tx;
	net::endpoint peer;
	std::string file;
	std::string opts;
	opcode op = opcode::rrq;
	transfer_mode mode = transfer_mode::octet;
	time_point started;
	// Destroyed before the socket: the watch goes first.
	net::watch watch;
	net::timer timer;
	net::endpoint key;		// the peer as the listener saw it
	std::size_t sent = 0;		// outgoing() entries already sent
	std::uint64_t seq = 0;		// the out_seq() they belong to
};

net::endpoint
plain_endpoint(const net::endpoint &ep)
{
	return net::endpoint{ep.addr.unmapped(), ep.port};
}

net::result<net::unique_fd>
transfer_socket(const net::endpoint &peer,
    const std::optional<net::address> &local)
{
	net::endpoint to = plain_endpoint(peer);
	std::optional<net::endpoint> from;
	if (local && local->unmapped().family() == to.addr.family())
		from = net::endpoint{local->unmapped(), 0};
	// XXX: RFC 1350 section 4 answers a datagram from a wrong transfer ID
	// with error 5 and carries on.  This socket is connected, so the
	// kernel drops such datagrams unseen and error 5 is never sent; the
	// stray sender only gets no answer (tftpd.8, CAVEATS).
	return net::udp_connect(to, from);
}

void
send_error(const net::endpoint &peer, const std::optional<net::address> &local,
    const request_error &e)
{
	auto pkt = make_error(e.code, e.message);
	auto s = transfer_socket(peer, local);
	if (!s)
		return;
	(void)!send(s->get(), pkt.data(), pkt.size(), MSG_DONTWAIT);
}

server::server(net::event_loop &loop, const file_root &files,
    server_config cfg)
    : loop_(loop), files_(files), cfg_(std::move(cfg)),
      table_(cfg_.max_transfers, cfg_.max_per_source),
      rbuf_(rx_batch * rx_size), rx_iov_(rx_batch), rx_msgs_(rx_batch),
      mmsg_(burst), tx_iov_(burst), tx_count_(burst), tx_cmsg_(burst * 4)
{
	for (std::size_t i = 0; i < rx_batch; i++)
		rx_iov_[i] = iovec{rbuf_.data() + i * rx_size, rx_size};
}

server::~server()
{
	abort_all();
}

void
server::abort_all()
{
	// Each session's watch and timer go with it.
	sessions_.clear();
	table_.clear();
}

void
server::add_listener(int fd)
{
	listeners_.emplace_back(loop_, fd, POLLIN,
	    [this, fd](short) { on_listener(fd); });
}

void
server::on_listener(int fd)
{
	for (int i = 0; i < burst; i++) {
		auto d = net::recv_datagram(fd,
		    std::span<std::uint8_t>(rbuf_.data(), rx_size),
		    MSG_DONTWAIT);
		if (!d) {
			if (d.err().code != EAGAIN && d.err().code != EINTR)
				net::log_warn("listener: %s",
				    d.err().message().c_str());
			return;
		}
		if (d->truncated)
			continue;
		// Copied: handle_request reuses rbuf_ for nothing, but a
		// request is small and this keeps the view independent.
		std::vector<std::uint8_t> pkt(rbuf_.begin(),
		    rbuf_.begin() + static_cast<std::ptrdiff_t>(d->size));
		handle_request(pkt, d->peer, d->local);
	}
}

void
server::reply_error(const net::endpoint &peer,
    const std::optional<net::address> &local, const request_error &e,
    std::string_view what, int fd)
{
	if (cfg_.verbose)
		net::log_info("%s: %s refused: %s (error %u)",
		    peer.str().c_str(), std::string(what).c_str(),
		    e.message.c_str(), static_cast<unsigned>(e.code));
	if (fd >= 0) {
		auto pkt = make_error(e.code, e.message);
		(void)!send(fd, pkt.data(), pkt.size(), MSG_DONTWAIT);
		return;
	}
	// From a port of its own, as a transfer would answer (RFC 1350
	// section 4: every reply comes from the transfer's ID).
	send_error(peer, local, e);
}

void
server::size_buffers(session &s, negotiated &neg)
{
	int fd = s.sock.get();
	std::size_t want = window_buffer_bytes(neg.blksize, neg.windowsize);
	if (s.op == opcode::rrq) {
		// A window larger than the send buffer is not lost, only sent
		// in parts as the buffer drains.
		std::size_t got = net::raise_buffer(fd, false, want);
		net::log_debug("%s: send buffer %zu bytes for %u x %u",
		    s.peer.str().c_str(), got, neg.windowsize, neg.blksize);
		if (got < want && cfg_.verbose)
			net::log_info("%s: send buffer %zu bytes of the %zu "
				      "wanted (net.core.wmem_max)",
			    s.peer.str().c_str(), got, want);
		return;
	}
	// A window larger than the receive buffer would have its tail
	// dropped on arrival, every window: the window is lowered to what
	// the buffer holds instead.
	std::size_t got = net::raise_buffer(fd, true, want);
	net::log_debug("%s: receive buffer %zu bytes for %u x %u",
	    s.peer.str().c_str(), got, neg.windowsize, neg.blksize);
	unsigned asked = neg.windowsize;
	if (cap_window_to_buffer(neg, got) && cfg_.verbose)
		net::log_info("%s: receive buffer %zu bytes of the %zu wanted "
			      "(net.core.rmem_max): windowsize %u lowered to "
			      "%u",
		    s.peer.str().c_str(), got, want, asked, neg.windowsize);
}

bool
server::may_reply(const net::endpoint &peer)
{
	if (table_.allow_reply(peer.addr, clock::now()))
		return true;
	net::log_debug("%s: error not sent: rate limit", peer.str().c_str());
	return false;
}

void
server::handle_request(std::span<const std::uint8_t> pkt,
    const net::endpoint &peer, const std::optional<net::address> &local,
    net::unique_fd sock)
{
	// An ERROR or a datagram that is no TFTP gets no answer at all
	// (packet.h, classify).
	if (classify(pkt) == arrival::ignored) {
		bool error = pkt.size() >= 2 && pkt[0] == 0 && pkt[1] == 5;
		net::log_debug("%s: %s ignored", peer.str().c_str(),
		    error ? "error packet" : "datagram with no TFTP opcode");
		return;
	}
	// The client sent its request again before our first answer got
	// there: the transfer already under way will answer it.
	if (table_.has(peer)) {
		net::log_debug("%s: request repeated; the transfer under way "
			       "answers it", peer.str().c_str());
		return;
	}
	int early = sock.valid() ? sock.get() : -1;
	auto parsed = parse_request(pkt);
	if (auto *e = std::get_if<request_error>(&parsed)) {
		// A stray DATA, ACK or OACK, or a malformed request, starts
		// nothing: its answer is all it costs, and that is bounded
		// per source address, which may be a flood's forged one.
		bool stray = classify(pkt) == arrival::stray;
		if (may_reply(peer))
			reply_error(peer, local, *e,
			    stray ? "stray packet" : "request", early);
		return;
	}
	request &req = std::get<request>(parsed);
	std::string what = std::string(req.op == opcode::rrq ? "read "
							     : "write ") +
	    "\"" + net::printable(req.filename) + "\"";
	net::log_debug("%s: %s %s", peer.str().c_str(), what.c_str(),
	    mode_name(req.mode));
	if (auto e = table_.refusal(peer)) {
		// A source over the limits is sending requests faster than
		// they end: its refusals are bounded like the errors above.
		if (may_reply(peer))
			reply_error(peer, local, *e, what, early);
		return;
	}

	auto s = std::make_unique<session>();
	s->peer = plain_endpoint(peer);
	s->key = peer;
	s->file = req.filename;
	s->op = req.op;
	s->mode = req.mode;
	s->started = loop_.now();

	std::optional<opened_file> file;
	if (req.op == opcode::rrq) {
		auto f = files_.open_read(req.filename);
		if (auto *e = std::get_if<request_error>(&f)) {
			reply_error(peer, local, *e, what, early);
			return;
		}
		file = std::move(std::get<opened_file>(f));
	}
	if (!sock.valid()) {
		auto made = transfer_socket(peer, local);
		if (!made) {
			net::log_warn("%s: %s", peer.str().c_str(),
			    made.err().message().c_str());
			return;
		}
		sock = std::move(*made);
	}
	s->sock = std::move(sock);
	int fd = s->sock.get();
	if (auto r = net::set_nonblocking(fd, true); !r) {
		net::log_warn("%s", r.err().message().c_str());
		return;
	}

	bool v6 = s->peer.addr.is_v6();
	option_limits lim = limits_for_path(cfg_.limits, path_mtu(fd, v6), v6);
	// tsize of a netascii read would need the whole file converted
	// first; it is left out instead (RFC 2349 allows that).
	std::optional<std::uint64_t> size;
	if (file && req.mode == transfer_mode::octet)
		size = file->size;
	auto n = negotiate(req, lim, size);
	if (auto *e = std::get_if<request_error>(&n)) {
		reply_error(peer, local, *e, what, fd);
		return;
	}
	negotiated &neg = std::get<negotiated>(n);
	if (req.op == opcode::wrq) {
		auto f = files_.open_write(req.filename);
		if (auto *e = std::get_if<request_error>(&f)) {
			reply_error(peer, local, *e, what, fd);
			return;
		}
		file = std::move(std::get<opened_file>(f));
	}
	size_buffers(*s, neg);
	s->opts = options_text(req, neg);

	transfer_config tc;
	tc.blksize = neg.blksize;
	tc.windowsize = neg.windowsize;
	tc.timeout = cfg_.timeout;
	if (neg.timeout_s) {
		tc.timeout = std::chrono::seconds(*neg.timeout_s);
		tc.fixed_timeout = true;
	}
	tc.max_retries = cfg_.max_retries;
	if (!neg.oack.empty())
		tc.oack = make_oack(neg.oack);
	if (req.op == opcode::rrq) {
		if (req.mode == transfer_mode::octet)
			s->src = std::make_unique<octet_source>(
			    std::move(file->fd));
		else
			s->src = std::make_unique<netascii_source>(
			    std::move(file->fd));
		s->tx = std::make_unique<transfer>(tc, *s->src);
	} else {
		if (req.mode == transfer_mode::octet)
			s->dst = std::make_unique<octet_sink>(
			    std::move(*file));
		else
			s->dst = std::make_unique<netascii_sink>(
			    std::move(*file));
		s->tx = std::make_unique<transfer>(tc, *s->dst);
	}

	table_.add(peer, loop_.now());
	session &ref = *s;
	sessions_.emplace(fd, std::move(s));
	ref.timer = net::timer(loop_);
	ref.watch = net::watch(loop_, fd, POLLIN,
	    [this, fd](short revents) { on_socket(fd, revents); });
	ref.tx->start(loop_.now());
	flush(ref);
	if (ref.tx->finished())
		finish(fd);
	else
		schedule(ref);
}

void
server::on_socket(int fd, short revents)
{
	auto it = sessions_.find(fd);
	if (it == sessions_.end())
		return;
	session &s = *it->second;
	if ((revents & POLLOUT) != 0)
		flush(s);
	if ((revents & (POLLIN | POLLERR)) != 0) {
		// Everything queued in one call; only the answer to the last
		// packet is sent, since each answer replaces the one before.
		for (std::size_t i = 0; i < rx_batch; i++) {
			rx_msgs_[i] = mmsghdr{};
			rx_msgs_[i].msg_hdr.msg_iov = &rx_iov_[i];
			rx_msgs_[i].msg_hdr.msg_iovlen = 1;
		}
		int n = recvmmsg(fd, rx_msgs_.data(), rx_batch, MSG_DONTWAIT,
		    nullptr);
		if (n < 0 && errno == ECONNREFUSED) {
			// ICMP port unreachable: the client is gone; nobody
			// is left to tell.
			s.tx->abandon("peer port unreachable");
		}
		for (int i = 0; i < n && !s.tx->finished(); i++)
			s.tx->on_packet(std::span<const std::uint8_t>(
			    static_cast<const std::uint8_t *>(
				rx_iov_[static_cast<std::size_t>(i)].iov_base),
			    rx_msgs_[static_cast<std::size_t>(i)].msg_len),
			    loop_.now());
		flush(s);
	}
	if (s.tx->finished()) {
		flush(s);
		finish(fd);
		return;
	}
	schedule(s);
}

void
server::flush(session &s)
{
	auto out = s.tx->outgoing();
	if (out.empty()) {
		s.sent = 0;
		return;
	}
	if (s.tx->out_seq() != s.seq || s.sent > out.size()) {
		s.seq = s.tx->out_seq();
		s.sent = 0;
	}
	int fd = s.sock.get();
	while (s.sent < out.size()) {
		// Adjacent packets of one size (a window's blocks sit side by
		// side in the transfer's ring) go as one UDP GSO send: one
		// trip down the stack, split into datagrams on the way.
		std::size_t nmsg = 0, i = s.sent;
		while (i < out.size() && nmsg < mmsg_.size()) {
			std::size_t seg = out[i].iov_len, bytes = seg;
			std::size_t end = i + 1;
			auto *base = static_cast<std::uint8_t *>(
			    out[i].iov_base);
			while (gso_ && end < out.size() &&
			    end - i < gso_max_segs &&
			    out[end].iov_base == base + bytes &&
			    out[end - 1].iov_len == seg &&
			    out[end].iov_len <= seg &&
			    bytes + out[end].iov_len <= gso_max_bytes)
				bytes += out[end++].iov_len;
			mmsg_[nmsg] = mmsghdr{};
			tx_iov_[nmsg] = iovec{base, bytes};
			mmsg_[nmsg].msg_hdr.msg_iov = &tx_iov_[nmsg];
			mmsg_[nmsg].msg_hdr.msg_iovlen = 1;
			if (end - i > 1) {
				auto *c = reinterpret_cast<cmsghdr *>(
				    &tx_cmsg_[nmsg * 4]);
				c->cmsg_level = SOL_UDP;
				c->cmsg_type = UDP_SEGMENT;
				c->cmsg_len = CMSG_LEN(sizeof(std::uint16_t));
				auto gso = static_cast<std::uint16_t>(seg);
				std::memcpy(CMSG_DATA(c), &gso, sizeof gso);
				mmsg_[nmsg].msg_hdr.msg_control = c;
				mmsg_[nmsg].msg_hdr.msg_controllen =
				    CMSG_SPACE(sizeof(std::uint16_t));
			}
			tx_count_[nmsg++] = end - i;
			i = end;
		}
		int r = sendmmsg(fd, mmsg_.data(), static_cast<unsigned>(nmsg),
		    MSG_DONTWAIT);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN || errno == ENOBUFS) {
				s.watch.set_events(POLLIN | POLLOUT);
				return;
			}
			if (gso_ && (errno == EIO || errno == EINVAL ||
			    errno == EMSGSIZE || errno == ENOPROTOOPT) &&
			    tx_count_[0] > 1) {
				// No GSO on this path: one datagram each from
				// now on.
				gso_ = false;
				continue;
			}
			if (errno == ECONNREFUSED)
				s.tx->abandon("peer port unreachable");
			// Anything else is a lost datagram to TFTP: the
			// retransmission timer deals with it.
			break;
		}
		for (int k = 0; k < r; k++)
			s.sent += tx_count_[static_cast<std::size_t>(k)];
	}
	s.tx->clear_outgoing();
	s.sent = 0;
	// The peer has its packets: read the next ones now.  A read that
	// fails there queues the error for the peer, sent straight away.
	s.tx->read_ahead();
	if (!s.tx->outgoing().empty())
		flush(s);
	s.watch.set_events(POLLIN);
}

void
server::schedule(session &s)
{
	if (s.tx->finished())
		return;
	time_point d = s.tx->deadline();
	// A timer due no later than the deadline can stay: when it fires
	// it looks at the deadline again.  Most packets push the deadline
	// later, so they cost no timer operation at all.
	if (s.timer.pending() && s.timer.deadline() <= d)
		return;
	int fd = s.sock.get();
	s.timer.start(d, [this, fd] { on_timer(fd); });
}

void
server::on_timer(int fd)
{
	auto it = sessions_.find(fd);
	if (it == sessions_.end())
		return;
	session &s = *it->second;
	time_point now = loop_.now();
	if (now < s.tx->deadline()) {
		schedule(s);
		return;
	}
	std::uint64_t before = s.tx->retransmits();
	s.tx->on_timeout(now);
	if (s.tx->retransmits() != before)
		net::log_debug("%s: timed out, %" PRIu64 " packet%s sent again",
		    s.peer.str().c_str(), s.tx->retransmits() - before,
		    s.tx->retransmits() - before == 1 ? "" : "s");
	flush(s);
	if (s.tx->finished())
		finish(fd);
	else
		schedule(s);
}

void
server::finish(int fd)
{
	auto it = sessions_.find(fd);
	if (it == sessions_.end())
		return;
	session &s = *it->second;
	if (cfg_.verbose) {
		double secs = std::chrono::duration<double>(loop_.now() -
		    s.started).count();
		bool ok = s.tx->status() == transfer::state::done;
		std::string why = ok ? "ok" : "failed: " +
		    net::printable(s.tx->reason(), 160);
		net::log_info("%s %s \"%s\" %s options %s: %" PRIu64
			      " bytes in %.3f s, %" PRIu64
			      " retransmitted: %s",
		    s.peer.str().c_str(),
		    s.op == opcode::rrq ? "read" : "write",
		    net::printable(s.file).c_str(), mode_name(s.mode),
		    s.opts.c_str(), s.tx->bytes(), secs, s.tx->retransmits(),
		    why.c_str());
	}
	table_.remove(s.key, loop_.now());
	// Its watch and timer go with it, even from inside their own
	// callbacks (the loop holds a copy of the callback it runs).
	sessions_.erase(it);
	if (sessions_.empty() && idle_cb_)
		idle_cb_();
}

} // namespace tftpd
