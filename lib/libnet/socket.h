// socket.h: the socket calls the suite shares.  Every descriptor is
// close-on-exec; listening and bound sockets are non-blocking.
#pragma once

#include <sys/socket.h>

#include <cstdint>
#include <ctime>
#include <optional>
#include <span>
#include <string>

#include "libnet/addr.h"
#include "libnet/result.h"
#include "libnet/unique_fd.h"

namespace net {

enum class v6only_mode { system_default, on, off };

struct socket_options {
	int backlog = 128;		// listen(2) queue
	int sndbuf = 0;			// SO_SNDBUF when non-zero
	int rcvbuf = 0;			// SO_RCVBUF when non-zero
	bool reuseport = false;		// SO_REUSEPORT (worker processes)
	bool freebind = false;		// IP_FREEBIND: bind before the address exists
	bool nonblock = true;
	v6only_mode v6only = v6only_mode::on;	// IPv6 sockets: v6 only?
	int protocol = 0;		// socket(2) protocol; 0: the type's own
};

// A TCP socket bound to ep and listening.
result<unique_fd> tcp_listen(const endpoint &ep,
    const socket_options &opts = {});

// A UDP socket bound to ep that reports each datagram's local address.
result<unique_fd> udp_bind(const endpoint &ep,
    const socket_options &opts = {});

// A UNIX stream socket listening at path (a stale socket file is
// replaced; any other file there is an error), with the given mode.
result<unique_fd> unix_listen(const std::string &path, unsigned mode,
    const socket_options &opts = {});

// A TCP connection to ep (blocking connect, then non-blocking if asked).
result<unique_fd> tcp_connect(const endpoint &ep, bool nonblock = false);

// A UDP socket connected to ep, from an ephemeral port on from (if given).
result<unique_fd> udp_connect(const endpoint &ep,
    const std::optional<endpoint> &from = {});

// Accepts one connection (close-on-exec, blocking unless nonblock); the
// peer's endpoint goes to *peer when given.  EAGAIN means none pending.
result<unique_fd> accept_connection(int fd, endpoint *peer,
    bool nonblock = false);

// Sets or clears O_NONBLOCK on fd, keeping its other status flags.
result<void> set_nonblocking(int fd, bool on);

// The local and remote endpoints of a socket.
result<endpoint> local_endpoint(int fd);
result<endpoint> peer_endpoint(int fd);

// One received datagram.
struct datagram_info {
	std::size_t size = 0;		// bytes stored
	bool truncated = false;		// the datagram was larger than the buffer
	endpoint peer;
	std::optional<address> local;	// the address it was sent to
	int ifindex = 0;		// the interface it came in on
	// The kernel's receive time (SO_TIMESTAMPNS on the socket); with
	// the peer it tells one queued datagram from the next.
	std::optional<timespec> received;
};

// Receives one datagram with its source and destination addresses.
// EAGAIN means nothing is waiting.
result<datagram_info> recv_datagram(int fd, std::span<std::uint8_t> buf,
    int flags = 0);

// Sends one datagram to to, from the local address from when given (so a
// reply leaves from the address the request came to).
result<std::size_t> send_datagram(int fd, std::span<const std::uint8_t> data,
    const endpoint &to, const std::optional<address> &from = {},
    int ifindex = 0);

} // namespace net
