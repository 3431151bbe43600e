// link_socket.h: AF_PACKET sockets (packet(7)) for sending and receiving
// whole link-layer frames on one interface.
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "libnet/ether.h"
#include "libnet/result.h"
#include "libnet/unique_fd.h"
#include "libnet/wire.h"

namespace net {

// ETH_P_ALL: every protocol.
inline constexpr std::uint16_t ethertype_all = 0x0003;

// A socket of frames with their link-layer header (SOCK_RAW) for ethertype
// on interface ifindex, close-on-exec, non-blocking, with receive
// timestamps.  Needs CAP_NET_RAW.  Frames this host sends are seen only
// by sockets of ethertype_all (the kernel copies outgoing frames to those
// alone).
result<unique_fd> open_link_socket(int ifindex, std::uint16_t ethertype);

// One received frame's metadata (struct sockaddr_ll).
struct frame_info {
	std::size_t size = 0;
	bool truncated = false;
	int ifindex = 0;
	std::uint8_t pkttype = 0;	// PACKET_HOST, _BROADCAST, _OUTGOING...
	std::uint16_t protocol = 0;	// EtherType
	std::optional<std::int64_t> stamp_ns;	// realtime

	// True for a frame this host sent (seen on the way out).
	bool outgoing() const;
};

// Receives one frame; EAGAIN when none waits.
result<frame_info> recv_frame(int fd, std::span<std::uint8_t> buf);

// Sends a frame (link header included) out of ifindex.
result<std::size_t> send_frame(int fd, bytes_view frame, int ifindex);

} // namespace net
