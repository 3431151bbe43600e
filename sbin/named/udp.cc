// udp.cc: the UDP worker threads.
#include "udp.h"

#include <netinet/in.h>
#include <sys/socket.h>

#include <array>
#include <chrono>
#include <cerrno>
#include <cstring>
#include <ctime>

#include "answer.h"
#include "libnet/dns_types.h"
#include "libnet/log.h"
#include "libnet/socket.h"

namespace named {

std::atomic<int> debug_level{0};

namespace {

constexpr unsigned batch = 32;
// A query longer than this over UDP is dropped (no query needs it).
constexpr std::size_t max_query = 4096;

struct slot {
	std::array<std::uint8_t, max_query> in;
	std::array<std::uint8_t, edns_udp_size> out;
	sockaddr_in6 peer;
	alignas(cmsghdr) std::array<char, 128> cin;
	alignas(cmsghdr) std::array<char, 64> cout;
	iovec iov_in, iov_out;
};

// The control message that makes a reply leave from the address the
// query was sent to; its length, 0 when the query's was not found.
std::size_t
reply_source(msghdr &in, char *buf, std::size_t cap)
{
	for (cmsghdr *c = CMSG_FIRSTHDR(&in); c; c = CMSG_NXTHDR(&in, c)) {
		if (c->cmsg_level == IPPROTO_IPV6 &&
		    c->cmsg_type == IPV6_PKTINFO) {
			if (cap < CMSG_SPACE(sizeof(in6_pktinfo)))
				return 0;
			in6_pktinfo pi;
			std::memcpy(&pi, CMSG_DATA(c), sizeof pi);
			cmsghdr *o = reinterpret_cast<cmsghdr *>(buf);
			o->cmsg_level = IPPROTO_IPV6;
			o->cmsg_type = IPV6_PKTINFO;
			o->cmsg_len = CMSG_LEN(sizeof pi);
			std::memcpy(CMSG_DATA(o), &pi, sizeof pi);
			return CMSG_SPACE(sizeof pi);
		}
		if (c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_PKTINFO) {
			if (cap < CMSG_SPACE(sizeof(in_pktinfo)))
				return 0;
			in_pktinfo pi;
			std::memcpy(&pi, CMSG_DATA(c), sizeof pi);
			pi.ipi_spec_dst = pi.ipi_addr;
			pi.ipi_ifindex = 0;
			cmsghdr *o = reinterpret_cast<cmsghdr *>(buf);
			o->cmsg_level = IPPROTO_IP;
			o->cmsg_type = IP_PKTINFO;
			o->cmsg_len = CMSG_LEN(sizeof pi);
			std::memcpy(CMSG_DATA(o), &pi, sizeof pi);
			return CMSG_SPACE(sizeof pi);
		}
	}
	return 0;
}

} // namespace

void
log_query(const database &db, const net::address &client, bool tcp,
    const net::dns::query &q, std::uint16_t rcode)
{
	if (!db.query_log && debug_level.load(std::memory_order_relaxed) < 1)
		return;
	std::string name = q.has_question ? q.qname.to_text() : "-";
	net::log_msg(db.query_log ? net::log_level::notice :
	    net::log_level::debug, "query: %s%s %s %s %s -> %s",
	    client.unmapped().str().c_str(), tcp ? " (tcp)" : "",
	    net::printable(name).c_str(),
	    net::dns::class_to_text(q.qclass).c_str(),
	    net::dns::type_to_text(q.qtype).c_str(),
	    net::dns::rcode_to_text(rcode).c_str());
}

udp_workers::udp_workers(current_database &db, stats &st,
    notify_inbox &inbox)
    : db_(db), stats_(st), inbox_(inbox)
{
}

udp_workers::~udp_workers()
{
	stop();
}

net::result<void>
udp_workers::open(std::uint16_t port, unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		net::socket_options so;
		so.reuseport = n > 1;
		so.nonblock = false;
		so.rcvbuf = 4 << 20;
		so.v6only = net::v6only_mode::off;
		net::endpoint ep{net::address::any6(), port};
		auto fd = net::udp_bind(ep, so);
		if (!fd && fd.err().code == EAFNOSUPPORT) {
			ep.addr = net::address::any4();
			fd = net::udp_bind(ep, so);
		}
		if (!fd)
			return fd.err();
		int one = 1;
		(void)setsockopt(fd->get(), IPPROTO_IP, IP_PKTINFO, &one,
		    sizeof one);
		(void)setsockopt(fd->get(), IPPROTO_IPV6, IPV6_RECVPKTINFO, &one,
		    sizeof one);
		// A second in the kernel at most: stop() is seen that soon
		// even if shutdown(2) did not wake the thread.
		timeval tv{1, 0};
		(void)setsockopt(fd->get(), SOL_SOCKET, SO_RCVTIMEO, &tv,
		    sizeof tv);
		socks_.push_back(std::move(*fd));
	}
	return {};
}

void
udp_workers::start()
{
	for (auto &s : socks_) {
		counters &c = stats_.make();
		int fd = s.get();
		threads_.emplace_back([this, fd, &c] { run(fd, c); });
	}
}

void
udp_workers::stop()
{
	if (threads_.empty())
		return;
	stopping_.store(true);
	for (auto &s : socks_)
		(void)shutdown(s.get(), SHUT_RDWR);
	for (auto &t : threads_)
		t.join();
	threads_.clear();
}

void
udp_workers::run(int fd, counters &c)
{
	auto slots = std::make_unique<std::array<slot, batch>>();
	std::array<mmsghdr, batch> in{}, out{};
	net::dns::query q;
	std::shared_ptr<const database> db = db_.get();
	std::uint64_t gen = db_.generation();
	while (!stopping_.load(std::memory_order_relaxed)) {
		for (unsigned i = 0; i < batch; i++) {
			slot &s = (*slots)[i];
			s.iov_in = {s.in.data(), s.in.size()};
			msghdr &h = in[i].msg_hdr;
			h = {};
			h.msg_name = &s.peer;
			h.msg_namelen = sizeof s.peer;
			h.msg_iov = &s.iov_in;
			h.msg_iovlen = 1;
			h.msg_control = s.cin.data();
			h.msg_controllen = s.cin.size();
		}
		int got = recvmmsg(fd, in.data(), batch, MSG_WAITFORONE,
		    nullptr);
		if (got <= 0) {
			if (stopping_.load(std::memory_order_relaxed))
				break;
			if (got < 0 && errno != EAGAIN && errno != EINTR &&
			    errno != EWOULDBLOCK)
				net::log_err("recvmmsg: %s",
				    std::strerror(errno));
			continue;
		}
		if (db_.generation() != gen) {
			gen = db_.generation();
			db = db_.get();
		}
		// One clock reading a batch, for cookies and rate limits.
		auto steady = std::chrono::steady_clock::now();
		std::uint32_t now = cookie_time(std::chrono::system_clock::now());
		unsigned nout = 0;
		for (int i = 0; i < got; i++) {
			slot &s = (*slots)[i];
			msghdr &h = in[i].msg_hdr;
			if (h.msg_flags & MSG_TRUNC) {
				counters::bump(c.udp);
				counters::bump(c.dropped);
				continue;
			}
			auto peer = net::address::from_sockaddr(
			    reinterpret_cast<sockaddr *>(&s.peer), h.msg_namelen);
			if (!peer)
				continue;
			answer_info info;
			std::size_t n = answer_query(*db,
			    net::bytes_view(s.in.data(), in[i].msg_len), s.out,
			    transport::udp, q, c, info, *peer, now);
			if (info.notify) {
				bool accepted = false;
				n = answer_notify(*db, q, net::bytes_view(
				    s.in.data(), in[i].msg_len), *peer, s.out,
				    accepted, static_cast<std::uint64_t>(
					time(nullptr)));
				if (accepted)
					inbox_.post(q.qname);
				else
					net::log_info("NOTIFY for %s from %s "
					    "not accepted", net::printable(
						q.qname.to_text()).c_str(),
					    peer->unmapped().str().c_str());
			} else if (info.reply && (db->query_log ||
			    debug_level.load(std::memory_order_relaxed) > 0)) {
				log_query(*db, *peer, false, q, info.rcode);
			}
			// Rate limiting: UDP only (TCP proves the address), and
			// not for a client whose server cookie shows the same.
			if (n > 0 && db->limiter && !info.cookie_verified &&
			    !info.notify) {
				switch (db->limiter->check(*peer, info.kind,
				    info.rrl_name, q.qtype, steady)) {
				case rrl_verdict::send:
					break;
				case rrl_verdict::drop:
					counters::bump(c.rrl_dropped);
					n = 0;
					break;
				case rrl_verdict::slip:
					counters::bump(c.rrl_slipped);
					n = slip_response(q, s.out);
					break;
				}
			}
			if (n == 0)
				continue;
			s.iov_out = {s.out.data(), n};
			msghdr &o = out[nout].msg_hdr;
			o = {};
			o.msg_name = &s.peer;
			o.msg_namelen = h.msg_namelen;
			o.msg_iov = &s.iov_out;
			o.msg_iovlen = 1;
			std::size_t cl = reply_source(h, s.cout.data(),
			    s.cout.size());
			if (cl) {
				o.msg_control = s.cout.data();
				o.msg_controllen = cl;
			}
			nout++;
		}
		for (unsigned sent = 0; sent < nout;) {
			int r = sendmmsg(fd, out.data() + sent, nout - sent, 0);
			if (r < 0) {
				if (errno == EINTR)
					continue;
				// One bad destination should not cost the
				// rest of the batch: skip it.
				sent++;
				continue;
			}
			sent += static_cast<unsigned>(r);
		}
	}
}

} // namespace named
