#include "libnet/raw_socket.h"

#include <linux/errqueue.h>
#include <linux/capability.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <time.h>

#include <algorithm>
#include <cstring>

#include "libnet/capability.h"
#include "libnet/sockopt.h"

namespace net {

namespace {

int
icmp_protocol(int family)
{
	return family == AF_INET6 ? int{IPPROTO_ICMPV6} : int{IPPROTO_ICMP};
}

result<unique_fd>
new_socket(int family, int type, int protocol)
{
	int fd = socket(family, type | SOCK_CLOEXEC | SOCK_NONBLOCK, protocol);
	if (fd < 0)
		return fail(std::string("socket ") +
		    (type == SOCK_RAW ? "raw" : "datagram"));
	return unique_fd(fd);
}

} // namespace

result<unique_fd>
open_icmp_socket(int family, icmp_socket_kind kind)
{
	return new_socket(family,
	    kind == icmp_socket_kind::raw ? SOCK_RAW : SOCK_DGRAM,
	    icmp_protocol(family));
}

result<unique_fd>
open_raw_socket(int family, int protocol)
{
	return new_socket(family, SOCK_RAW, protocol);
}

result<icmp_socket>
open_ping_socket(int family)
{
	auto d = open_icmp_socket(family, icmp_socket_kind::datagram);
	if (d)
		return icmp_socket{std::move(*d), icmp_socket_kind::datagram};
	int why = d.err().code;
	// EACCES: not in ping_group_range; the others: no ping sockets in
	// this kernel.  Anything else is a real failure.
	if (why != EACCES && why != EPERM && why != EPROTONOSUPPORT &&
	    why != EAFNOSUPPORT && why != ESOCKTNOSUPPORT)
		return d.err();
	if (!capability_effective(CAP_NET_RAW) &&
	    capability_permitted(CAP_NET_RAW))
		(void)raise_capability(CAP_NET_RAW);
	auto r = open_icmp_socket(family, icmp_socket_kind::raw);
	if (!r)
		return r.err();
	return icmp_socket{std::move(*r), icmp_socket_kind::raw};
}

result<void>
enable_receive_info(int fd, int family, const receive_options &o)
{
	bool v6 = family == AF_INET6;
	struct {
		bool on;
		int level;
		int name;
		const char *what;
	} opts[] = {
	    {o.ttl && !v6, IPPROTO_IP, IP_RECVTTL, "IP_RECVTTL"},
	    {o.ttl && v6, IPPROTO_IPV6, IPV6_RECVHOPLIMIT,
		"IPV6_RECVHOPLIMIT"},
	    {o.timestamp, SOL_SOCKET, SO_TIMESTAMPNS, "SO_TIMESTAMPNS"},
	    {o.destination && !v6, IPPROTO_IP, IP_PKTINFO, "IP_PKTINFO"},
	    {o.destination && v6, IPPROTO_IPV6, IPV6_RECVPKTINFO,
		"IPV6_RECVPKTINFO"},
	    {o.ip_options && !v6, IPPROTO_IP, IP_RECVOPTS, "IP_RECVOPTS"},
	    {o.errors && !v6, IPPROTO_IP, IP_RECVERR, "IP_RECVERR"},
	    {o.errors && v6, IPPROTO_IPV6, IPV6_RECVERR, "IPV6_RECVERR"},
	};
	for (const auto &x : opts)
		if (x.on)
			if (auto r = set_int_option(fd, x.level, x.name, 1,
				x.what);
			    !r)
				return r;
	return {};
}

namespace {

// The control buffer of one message: room for every report at once.
struct control_buffer {
	alignas(cmsghdr) char data[512];
};

void
parse_control(msghdr &msg, sockaddr_storage &ss, std::size_t n,
    packet_info &info)
{
	info.size = n;
	info.truncated = (msg.msg_flags & MSG_TRUNC) != 0;
	if (msg.msg_namelen > 0)
		info.from = address::from_sockaddr(
		    reinterpret_cast<sockaddr *>(&ss), msg.msg_namelen);
	for (cmsghdr *c = CMSG_FIRSTHDR(&msg); c != nullptr;
	     c = CMSG_NXTHDR(&msg, c)) {
		const unsigned char *data = CMSG_DATA(c);
		std::size_t len = c->cmsg_len - CMSG_LEN(0);
		if (c->cmsg_level == SOL_SOCKET &&
		    c->cmsg_type == SCM_TIMESTAMPNS &&
		    len >= sizeof(timespec)) {
			timespec ts;
			std::memcpy(&ts, data, sizeof ts);
			info.stamp_ns = std::int64_t{ts.tv_sec} * 1000000000 +
			    ts.tv_nsec;
		} else if (c->cmsg_level == IPPROTO_IP &&
		    c->cmsg_type == IP_TTL && len >= sizeof(int)) {
			int v;
			std::memcpy(&v, data, sizeof v);
			info.ttl = v;
		} else if (c->cmsg_level == IPPROTO_IPV6 &&
		    c->cmsg_type == IPV6_HOPLIMIT && len >= sizeof(int)) {
			int v;
			std::memcpy(&v, data, sizeof v);
			info.ttl = v;
		} else if (c->cmsg_level == IPPROTO_IP &&
		    c->cmsg_type == IP_PKTINFO && len >= sizeof(in_pktinfo)) {
			in_pktinfo pi;
			std::memcpy(&pi, data, sizeof pi);
			info.to = address::v4(ntohl(pi.ipi_addr.s_addr));
			info.ifindex = pi.ipi_ifindex;
		} else if (c->cmsg_level == IPPROTO_IPV6 &&
		    c->cmsg_type == IPV6_PKTINFO &&
		    len >= sizeof(in6_pktinfo)) {
			in6_pktinfo pi;
			std::memcpy(&pi, data, sizeof pi);
			info.to = address::v6(pi.ipi6_addr.s6_addr);
			info.ifindex = static_cast<int>(pi.ipi6_ifindex);
		} else if (c->cmsg_level == IPPROTO_IP &&
		    (c->cmsg_type == IP_RECVOPTS ||
			c->cmsg_type == IP_OPTIONS)) {
			info.ip_options_size = std::min(len,
			    info.ip_options.size());
			std::memcpy(info.ip_options.data(), data,
			    info.ip_options_size);
		} else if (((c->cmsg_level == IPPROTO_IP &&
			       c->cmsg_type == IP_RECVERR) ||
			      (c->cmsg_level == IPPROTO_IPV6 &&
				  c->cmsg_type == IPV6_RECVERR)) &&
		    len >= sizeof(sock_extended_err)) {
			sock_extended_err ee;
			std::memcpy(&ee, data, sizeof ee);
			queued_error qe;
			qe.err = static_cast<int>(ee.ee_errno);
			qe.origin = ee.ee_origin;
			qe.type = ee.ee_type;
			qe.code = ee.ee_code;
			qe.info = ee.ee_info;
			// The offender's address follows the structure.
			std::size_t off = sizeof ee;
			if (len > off) {
				sockaddr_storage os;
				std::size_t olen = std::min(len - off,
				    sizeof os);
				std::memset(&os, 0, sizeof os);
				std::memcpy(&os, data + off, olen);
				auto a = address::from_sockaddr(
				    reinterpret_cast<sockaddr *>(&os),
				    static_cast<socklen_t>(olen));
				if (a && !a->is_unspecified())
					qe.offender = a;
			}
			info.error = qe;
		}
	}
}

void
prepare(msghdr &msg, sockaddr_storage &ss, iovec &iov, control_buffer &cb)
{
	std::memset(&msg, 0, sizeof msg);
	msg.msg_name = &ss;
	msg.msg_namelen = sizeof ss;
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	msg.msg_control = cb.data;
	msg.msg_controllen = sizeof cb.data;
}

} // namespace

result<packet_info>
recv_packet(int fd, std::span<std::uint8_t> buf, bool from_error_queue)
{
	sockaddr_storage ss;
	iovec iov{buf.data(), buf.size()};
	control_buffer cb;
	msghdr msg;
	prepare(msg, ss, iov, cb);
	int flags = MSG_DONTWAIT | (from_error_queue ? MSG_ERRQUEUE : 0);
	ssize_t n = recvmsg(fd, &msg, flags);
	if (n < 0)
		return fail(from_error_queue ? "recvmsg errqueue" : "recvmsg");
	packet_info info;
	parse_control(msg, ss, static_cast<std::size_t>(n), info);
	return info;
}

result<std::size_t>
recv_packets(int fd, std::span<packet_slot> slots)
{
	constexpr std::size_t batch = 32;
	std::size_t want = std::min(slots.size(), batch);
	mmsghdr msgs[batch];
	sockaddr_storage names[batch];
	iovec iovs[batch];
	control_buffer cbs[batch];
	for (std::size_t i = 0; i < want; i++) {
		iovs[i] = iovec{slots[i].buf.data(), slots[i].buf.size()};
		prepare(msgs[i].msg_hdr, names[i], iovs[i], cbs[i]);
		msgs[i].msg_len = 0;
	}
	int n = recvmmsg(fd, msgs, static_cast<unsigned>(want), MSG_DONTWAIT,
	    nullptr);
	if (n < 0)
		return fail("recvmmsg");
	for (int i = 0; i < n; i++) {
		slots[i].info = packet_info{};
		parse_control(msgs[i].msg_hdr, names[i], msgs[i].msg_len,
		    slots[i].info);
	}
	return static_cast<std::size_t>(n);
}

result<std::size_t>
send_packet(int fd, bytes_view data, const sockaddr_storage &to,
    socklen_t to_len)
{
	ssize_t n;
	do
		n = sendto(fd, data.data(), data.size(), MSG_NOSIGNAL,
		    reinterpret_cast<const sockaddr *>(&to), to_len);
	while (n < 0 && errno == EINTR);
	if (n < 0) {
		auto a = address::from_sockaddr(
		    reinterpret_cast<const sockaddr *>(&to), to_len);
		return fail("sendto " + (a ? a->str() : std::string("?")));
	}
	return static_cast<std::size_t>(n);
}

result<std::size_t>
send_packet(int fd, bytes_view data, const address &to)
{
	endpoint ep{to, 0};
	sockaddr_storage ss;
	socklen_t len = ep.to_sockaddr(ss);
	return send_packet(fd, data, ss, len);
}

std::int64_t
realtime_ns()
{
	timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return std::int64_t{ts.tv_sec} * 1000000000 + ts.tv_nsec;
}

} // namespace net
