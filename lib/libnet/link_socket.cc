#include "libnet/link_socket.h"

#include <arpa/inet.h>
#include <linux/if_packet.h>
#include <sys/socket.h>
#include <time.h>

#include <cstring>

#include "libnet/raw_socket.h"

namespace net {

bool
frame_info::outgoing() const
{
	return pkttype == PACKET_OUTGOING;
}

result<unique_fd>
open_link_socket(int ifindex, std::uint16_t ethertype)
{
	int fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK,
	    htons(ethertype));
	if (fd < 0)
		return fail("socket packet");
	unique_fd s(fd);
	sockaddr_ll sll;
	std::memset(&sll, 0, sizeof sll);
	sll.sll_family = AF_PACKET;
	sll.sll_protocol = htons(ethertype);
	sll.sll_ifindex = ifindex;
	if (bind(fd, reinterpret_cast<sockaddr *>(&sll), sizeof sll) != 0)
		return fail("bind packet socket to interface " +
		    std::to_string(ifindex));
	if (auto r = set_int_option(fd, SOL_SOCKET, SO_TIMESTAMPNS, 1,
		"SO_TIMESTAMPNS");
	    !r)
		return r.err();
	return s;
}

result<frame_info>
recv_frame(int fd, std::span<std::uint8_t> buf)
{
	sockaddr_ll sll;
	iovec iov{buf.data(), buf.size()};
	alignas(cmsghdr) char control[128];
	msghdr msg;
	std::memset(&msg, 0, sizeof msg);
	std::memset(&sll, 0, sizeof sll);
	msg.msg_name = &sll;
	msg.msg_namelen = sizeof sll;
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	msg.msg_control = control;
	msg.msg_controllen = sizeof control;
	ssize_t n = recvmsg(fd, &msg, MSG_DONTWAIT);
	if (n < 0)
		return fail("recvmsg packet");
	frame_info f;
	f.size = static_cast<std::size_t>(n);
	f.truncated = (msg.msg_flags & MSG_TRUNC) != 0;
	f.ifindex = sll.sll_ifindex;
	f.pkttype = sll.sll_pkttype;
	f.protocol = ntohs(sll.sll_protocol);
	for (cmsghdr *c = CMSG_FIRSTHDR(&msg); c != nullptr;
	     c = CMSG_NXTHDR(&msg, c)) {
		if (c->cmsg_level == SOL_SOCKET &&
		    c->cmsg_type == SCM_TIMESTAMPNS &&
		    c->cmsg_len >= CMSG_LEN(sizeof(timespec))) {
			timespec ts;
			std::memcpy(&ts, CMSG_DATA(c), sizeof ts);
			f.stamp_ns = std::int64_t{ts.tv_sec} * 1000000000 +
			    ts.tv_nsec;
		}
	}
	return f;
}

result<std::size_t>
send_frame(int fd, bytes_view frame, int ifindex)
{
	sockaddr_ll sll;
	std::memset(&sll, 0, sizeof sll);
	sll.sll_family = AF_PACKET;
	sll.sll_ifindex = ifindex;
	ssize_t n;
	do
		n = sendto(fd, frame.data(), frame.size(), MSG_NOSIGNAL,
		    reinterpret_cast<sockaddr *>(&sll), sizeof sll);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return fail("send frame on interface " +
		    std::to_string(ifindex));
	return static_cast<std::size_t>(n);
}

} // namespace net
