// datagram.h: the queued datagrams of inetd's datagram services, looked
// at without being taken: a server started for the datagram at the head
// of a queue must find it still there, and inetd must know when it is
// gone (the server has it) or left unread.
#pragma once

#include <ctime>
#include <optional>

#include "libnet/socket.h"

namespace inetd {

// Which queued datagram a child was started for: the kernel's receive
// time and the sender, so that inetd can tell whether it is still there.
struct datagram_id {
	timespec received{};
	net::endpoint peer;

	bool operator==(const datagram_id &o) const;
};

// The datagram at the head of fd's queue, left there; nothing when the
// queue is empty.
std::optional<net::datagram_info> peek_head(int fd);

// The identity of a datagram received or peeked at.
datagram_id id_of(const net::datagram_info &d);

// True when the datagram id is still at the head of fd's queue.
bool still_queued(int fd, const datagram_id &id);

} // namespace inetd
