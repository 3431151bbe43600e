// raw_socket.h: raw IP sockets, ICMP datagram ("ping") sockets, and the
// receive path with the ancillary data a prober needs: TTL or hop limit,
// kernel receive timestamps, the destination address, IP options, and
// errors queued by IP_RECVERR.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>

#include "libnet/addr.h"
#include "libnet/result.h"
#include "libnet/sockopt.h"
#include "libnet/unique_fd.h"
#include "libnet/wire.h"

namespace net {

// The two kinds of ICMP socket Linux has.
enum class icmp_socket_kind {
	datagram,	// SOCK_DGRAM: unprivileged within ping_group_range,
			// the kernel picks the echo id and matches replies
	raw,		// SOCK_RAW: needs CAP_NET_RAW, sees every ICMP packet
};

// An ICMP (AF_INET) or ICMPv6 (AF_INET6) socket of kind, close-on-exec and
// non-blocking.
result<unique_fd> open_icmp_socket(int family, icmp_socket_kind kind);

// An ICMP socket and which kind it turned out to be.
struct icmp_socket {
	unique_fd fd;
	icmp_socket_kind kind = icmp_socket_kind::datagram;
};

// The best ICMP socket this process may have: a datagram socket when the
// user's group is in net.ipv4.ping_group_range, a raw one otherwise
// (raising CAP_NET_RAW for the call when it is only permitted).
result<icmp_socket> open_ping_socket(int family);

// A raw socket of family and protocol (IPPROTO_UDP, ...).
result<unique_fd> open_raw_socket(int family, int protocol);


// What to ask the kernel to report with each received packet.
struct receive_options {
	bool ttl = false;		// IP_RECVTTL / IPV6_RECVHOPLIMIT
	bool timestamp = false;		// SO_TIMESTAMPNS
	bool destination = false;	// IP_PKTINFO / IPV6_RECVPKTINFO
	bool ip_options = false;	// IP_RECVOPTS (IPv4 only)
	bool errors = false;		// IP_RECVERR / IPV6_RECVERR
};

// Turns on the reports in opts for a socket of family.
result<void> enable_receive_info(int fd, int family,
    const receive_options &opts);

// An error the kernel queued for the socket (IP_RECVERR): an ICMP error
// about a packet we sent, or a local one.
struct queued_error {
	int err = 0;			// the errno it maps to
	std::uint8_t origin = 0;	// SO_EE_ORIGIN_ICMP, _ICMP6, _LOCAL
	std::uint8_t type = 0;		// ICMP type and code
	std::uint8_t code = 0;
	std::uint32_t info = 0;		// MTU for "too big" errors
	std::optional<address> offender;	// who sent the ICMP error
};

// One received packet's metadata.
struct packet_info {
	std::size_t size = 0;		// bytes stored
	bool truncated = false;		// the packet did not fit
	std::optional<address> from;
	std::optional<address> to;	// with destination
	int ifindex = 0;		// with destination
	std::optional<int> ttl;		// with ttl
	std::optional<std::int64_t> stamp_ns;	// realtime, with timestamp
	std::array<std::uint8_t, 40> ip_options{};	// with ip_options
	std::size_t ip_options_size = 0;
	std::optional<queued_error> error;	// from the error queue

	// The IP options received (with ip_options).
	bytes_view
	options() const
	{
		return bytes_view(ip_options.data(), ip_options_size);
	}
};

// Receives one packet, or with from_error_queue one queued error (the
// bytes are then the packet the error is about).  EAGAIN when none waits.
result<packet_info> recv_packet(int fd, std::span<std::uint8_t> buf,
    bool from_error_queue = false);

// A buffer for one packet of a batch and, once received, its metadata.
struct packet_slot {
	std::span<std::uint8_t> buf;
	packet_info info;
};

// Receives as many waiting packets as there are slots, in one call
// (recvmmsg); how many came.  EAGAIN when none waits.  A busy receiver
// pays one system call per batch instead of one per packet plus one to
// find the queue empty.
result<std::size_t> recv_packets(int fd, std::span<packet_slot> slots);

// Sends one packet to to (a raw or ICMP socket: no port).
result<std::size_t> send_packet(int fd, bytes_view data, const address &to);

// Sends one packet to a destination already in sockaddr form (a sender of
// many packets converts it once).
result<std::size_t> send_packet(int fd, bytes_view data,
    const sockaddr_storage &to, socklen_t to_len);

// The current realtime clock in ns, the clock SO_TIMESTAMPNS stamps with.
std::int64_t realtime_ns();

} // namespace net
