#include "libnet/socket.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>

#include "libnet/sockopt.h"

namespace net {

namespace {

result<unique_fd>
new_socket(int family, int type, bool nonblock, int protocol = 0)
{
	int flags = SOCK_CLOEXEC | (nonblock ? SOCK_NONBLOCK : 0);
	int fd = socket(family, type | flags, protocol);
	if (fd < 0)
		return fail("socket");
	return unique_fd(fd);
}

result<void>
apply_common(int fd, const endpoint &ep, const socket_options &opts)
{
	if (auto r = set_int_option(fd, SOL_SOCKET, SO_REUSEADDR, 1,
		"SO_REUSEADDR");
	    !r)
		return r;
	if (opts.reuseport)
		if (auto r = set_int_option(fd, SOL_SOCKET, SO_REUSEPORT, 1,
			"SO_REUSEPORT");
		    !r)
			return r;
	if (opts.sndbuf > 0)
		if (auto r = set_int_option(fd, SOL_SOCKET, SO_SNDBUF, opts.sndbuf,
			"SO_SNDBUF");
		    !r)
			return r;
	if (opts.rcvbuf > 0)
		if (auto r = set_int_option(fd, SOL_SOCKET, SO_RCVBUF, opts.rcvbuf,
			"SO_RCVBUF");
		    !r)
			return r;
	if (opts.freebind)
		if (auto r = set_int_option(fd, ep.addr.is_v4() ? IPPROTO_IP
							      : IPPROTO_IPV6,
			ep.addr.is_v4() ? IP_FREEBIND : IPV6_FREEBIND, 1,
			"IP_FREEBIND");
		    !r)
			return r;
	if (ep.addr.is_v6() && opts.v6only != v6only_mode::system_default)
		if (auto r = set_int_option(fd, IPPROTO_IPV6, IPV6_V6ONLY,
			opts.v6only == v6only_mode::on ? 1 : 0, "IPV6_V6ONLY");
		    !r)
			return r;
	return {};
}

result<void>
bind_to(int fd, const endpoint &ep)
{
	sockaddr_storage ss;
	socklen_t len = ep.to_sockaddr(ss);
	if (bind(fd, reinterpret_cast<sockaddr *>(&ss), len) != 0)
		return fail("bind " + ep.str());
	return {};
}

} // namespace

result<unique_fd>
tcp_listen(const endpoint &ep, const socket_options &opts)
{
	auto s = new_socket(ep.addr.family(), SOCK_STREAM, opts.nonblock,
	    opts.protocol);
	if (!s)
		return s;
	int fd = s->get();
	if (auto r = apply_common(fd, ep, opts); !r)
		return r.err();
	if (auto r = bind_to(fd, ep); !r)
		return r.err();
	if (listen(fd, opts.backlog) != 0)
		return fail("listen " + ep.str());
	return s;
}

result<unique_fd>
udp_bind(const endpoint &ep, const socket_options &opts)
{
	auto s = new_socket(ep.addr.family(), SOCK_DGRAM, opts.nonblock,
	    opts.protocol);
	if (!s)
		return s;
	int fd = s->get();
	if (auto r = apply_common(fd, ep, opts); !r)
		return r.err();
	// Both options on an IPv6 socket: it may also carry IPv4 datagrams.
	if (ep.addr.is_v6())
		if (auto r = set_int_option(fd, IPPROTO_IPV6, IPV6_RECVPKTINFO, 1,
			"IPV6_RECVPKTINFO");
		    !r)
			return r.err();
	if (ep.addr.is_v4() || opts.v6only != v6only_mode::on)
		if (auto r = set_int_option(fd, IPPROTO_IP, IP_PKTINFO, 1,
			"IP_PKTINFO");
		    !r && ep.addr.is_v4())
			return r.err();
	if (auto r = bind_to(fd, ep); !r)
		return r.err();
	return s;
}

result<unique_fd>
unix_listen(const std::string &path, unsigned mode, const socket_options &opts)
{
	sockaddr_un sun;
	std::memset(&sun, 0, sizeof sun);
	if (path.empty() || path.size() >= sizeof sun.sun_path)
		return fail(ENAMETOOLONG, "unix socket " + path);
	sun.sun_family = AF_UNIX;
	std::memcpy(sun.sun_path, path.c_str(), path.size());
	struct stat st;
	if (lstat(path.c_str(), &st) == 0) {
		if (!S_ISSOCK(st.st_mode))
			return fail(EEXIST, "unix socket " + path +
			    ": exists and is not a socket");
		unlink(path.c_str());
	}
	auto s = new_socket(AF_UNIX, SOCK_STREAM, opts.nonblock);
	if (!s)
		return s;
	int fd = s->get();
	// Created with no access, opened up to the asked mode only once bound.
	mode_t old = umask(0777);
	int rc = bind(fd, reinterpret_cast<sockaddr *>(&sun), sizeof sun);
	umask(old);
	if (rc != 0)
		return fail("bind " + path);
	if (chmod(path.c_str(), mode) != 0)
		return fail("chmod " + path);
	if (listen(fd, opts.backlog) != 0)
		return fail("listen " + path);
	return s;
}

result<unique_fd>
tcp_connect(const endpoint &ep, bool nonblock)
{
	auto s = new_socket(ep.addr.family(), SOCK_STREAM, false);
	if (!s)
		return s;
	sockaddr_storage ss;
	socklen_t len = ep.to_sockaddr(ss);
	int rc;
	do
		rc = connect(s->get(), reinterpret_cast<sockaddr *>(&ss), len);
	while (rc != 0 && errno == EINTR);
	if (rc != 0)
		return fail("connect " + ep.str());
	if (nonblock)
		if (auto r = set_nonblocking(s->get(), true); !r)
			return r.err();
	return s;
}

result<unique_fd>
udp_connect(const endpoint &ep, const std::optional<endpoint> &from)
{
	auto s = new_socket(ep.addr.family(), SOCK_DGRAM, false);
	if (!s)
		return s;
	if (from)
		if (auto r = bind_to(s->get(), *from); !r)
			return r.err();
	sockaddr_storage ss;
	socklen_t len = ep.to_sockaddr(ss);
	if (connect(s->get(), reinterpret_cast<sockaddr *>(&ss), len) != 0)
		return fail("connect " + ep.str());
	return s;
}

result<unique_fd>
accept_connection(int fd, endpoint *peer, bool nonblock)
{
	sockaddr_storage ss;
	socklen_t len = sizeof ss;
	int flags = SOCK_CLOEXEC | (nonblock ? SOCK_NONBLOCK : 0);
	int c = accept4(fd, reinterpret_cast<sockaddr *>(&ss), &len, flags);
	if (c < 0)
		return fail("accept");
	unique_fd conn(c);
	if (peer != nullptr) {
		auto ep = endpoint::from_sockaddr(
		    reinterpret_cast<sockaddr *>(&ss), len);
		*peer = ep ? *ep : endpoint{};
	}
	return conn;
}

result<void>
set_nonblocking(int fd, bool on)
{
	int fl = fcntl(fd, F_GETFL);
	if (fl < 0)
		return fail("fcntl F_GETFL");
	fl = on ? (fl | O_NONBLOCK) : (fl & ~O_NONBLOCK);
	if (fcntl(fd, F_SETFL, fl) != 0)
		return fail("fcntl F_SETFL");
	return {};
}

result<endpoint>
local_endpoint(int fd)
{
	sockaddr_storage ss;
	socklen_t len = sizeof ss;
	if (getsockname(fd, reinterpret_cast<sockaddr *>(&ss), &len) != 0)
		return fail("getsockname");
	auto ep = endpoint::from_sockaddr(reinterpret_cast<sockaddr *>(&ss),
	    len);
	if (!ep)
		return fail(EAFNOSUPPORT, "getsockname");
	return *ep;
}

result<endpoint>
peer_endpoint(int fd)
{
	sockaddr_storage ss;
	socklen_t len = sizeof ss;
	if (getpeername(fd, reinterpret_cast<sockaddr *>(&ss), &len) != 0)
		return fail("getpeername");
	auto ep = endpoint::from_sockaddr(reinterpret_cast<sockaddr *>(&ss),
	    len);
	if (!ep)
		return fail(EAFNOSUPPORT, "getpeername");
	return *ep;
}

result<datagram_info>
recv_datagram(int fd, std::span<std::uint8_t> buf, int flags)
{
	sockaddr_storage ss;
	iovec iov{buf.data(), buf.size()};
	alignas(cmsghdr) char control[256];
	msghdr msg;
	std::memset(&msg, 0, sizeof msg);
	msg.msg_name = &ss;
	msg.msg_namelen = sizeof ss;
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	msg.msg_control = control;
	msg.msg_controllen = sizeof control;
	ssize_t n = recvmsg(fd, &msg, flags | MSG_CMSG_CLOEXEC);
	if (n < 0)
		return fail("recvmsg");
	datagram_info info;
	info.size = static_cast<std::size_t>(n);
	info.truncated = (msg.msg_flags & MSG_TRUNC) != 0;
	auto ep = endpoint::from_sockaddr(reinterpret_cast<sockaddr *>(&ss),
	    msg.msg_namelen);
	if (!ep)
		return fail(EAFNOSUPPORT, "recvmsg: unknown source family");
	info.peer = *ep;
	for (cmsghdr *c = CMSG_FIRSTHDR(&msg); c != nullptr;
	     c = CMSG_NXTHDR(&msg, c)) {
		if (c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_PKTINFO) {
			in_pktinfo pi;
			std::memcpy(&pi, CMSG_DATA(c), sizeof pi);
			info.local = address::v4(ntohl(pi.ipi_addr.s_addr));
			info.ifindex = pi.ipi_ifindex;
		} else if (c->cmsg_level == IPPROTO_IPV6 &&
		    c->cmsg_type == IPV6_PKTINFO) {
			in6_pktinfo pi;
			std::memcpy(&pi, CMSG_DATA(c), sizeof pi);
			info.local = address::v6(pi.ipi6_addr.s6_addr);
			info.ifindex = static_cast<int>(pi.ipi6_ifindex);
		} else if (c->cmsg_level == SOL_SOCKET &&
		    c->cmsg_type == SCM_TIMESTAMPNS) {
			timespec ts;
			std::memcpy(&ts, CMSG_DATA(c), sizeof ts);
			info.received = ts;
		}
	}
	return info;
}

result<std::size_t>
send_datagram(int fd, std::span<const std::uint8_t> data, const endpoint &to,
    const std::optional<address> &from, int ifindex)
{
	sockaddr_storage ss;
	socklen_t len = to.to_sockaddr(ss);
	iovec iov{const_cast<std::uint8_t *>(data.data()), data.size()};
	alignas(cmsghdr) char control[64];
	msghdr msg;
	std::memset(&msg, 0, sizeof msg);
	msg.msg_name = &ss;
	msg.msg_namelen = len;
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	if (from && !from->is_unspecified()) {
		std::memset(control, 0, sizeof control);
		msg.msg_control = control;
		cmsghdr *c;
		if (from->is_v4() && to.addr.is_v4()) {
			msg.msg_controllen = CMSG_SPACE(sizeof(in_pktinfo));
			c = CMSG_FIRSTHDR(&msg);
			c->cmsg_level = IPPROTO_IP;
			c->cmsg_type = IP_PKTINFO;
			c->cmsg_len = CMSG_LEN(sizeof(in_pktinfo));
			in_pktinfo pi{};
			std::memcpy(&pi.ipi_spec_dst, from->bytes(), 4);
			std::memcpy(CMSG_DATA(c), &pi, sizeof pi);
		} else if (from->is_v6() && to.addr.is_v6()) {
			msg.msg_controllen = CMSG_SPACE(sizeof(in6_pktinfo));
			c = CMSG_FIRSTHDR(&msg);
			c->cmsg_level = IPPROTO_IPV6;
			c->cmsg_type = IPV6_PKTINFO;
			c->cmsg_len = CMSG_LEN(sizeof(in6_pktinfo));
			in6_pktinfo pi{};
			std::memcpy(&pi.ipi6_addr, from->bytes(), 16);
			pi.ipi6_ifindex = static_cast<unsigned>(ifindex);
			std::memcpy(CMSG_DATA(c), &pi, sizeof pi);
		} else {
			msg.msg_control = nullptr;
		}
	}
	ssize_t n;
	do
		n = sendmsg(fd, &msg, MSG_NOSIGNAL);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return fail("sendmsg to " + to.str());
	return static_cast<std::size_t>(n);
}

} // namespace net
