// probe.h: the echo requests ping sends and what it makes of the ICMP
// packets that come back.  No I/O: bytes and metadata in, events out.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "libnet/addr.h"
#include "libnet/ipv4.h"
#include "libnet/raw_socket.h"
#include "libnet/wire.h"

namespace ping {

// Bytes of send time at the start of the data when it has room: a struct
// timeval, as the manual describes the packet (seconds and microseconds,
// 64 bits each in network order).
inline constexpr std::size_t stamp_size = 16;

// Builds the echo requests of one run: the data is the send time (when
// size allows) followed by the pattern repeated, or by byte values
// counting up when there is no pattern.
class probe_builder {
public:
	probe_builder(int family, std::uint16_t id, std::size_t size,
	    const std::vector<std::uint8_t> &pattern);

	// The request with sequence number seq sent at sent_ns (realtime).
	net::bytes_view build(std::uint16_t seq, std::int64_t sent_ns);

	// Writes sent_ns into the request build() made last and fixes its
	// checksum (RFC 1624 incremental update), so the clock is read as
	// late as possible before the send.
	net::bytes_view restamp(std::int64_t sent_ns);

	// The offset in data of the first byte that is not what the request
	// sent at sent_ns carried, or nothing when all present bytes match.
	std::optional<std::size_t> first_mismatch(net::bytes_view data,
	    std::int64_t sent_ns) const;

	// The byte the request sent at sent_ns carried at offset i.
	std::uint8_t expected(std::size_t i, std::int64_t sent_ns) const;

	std::size_t size() const { return size_; }
	std::uint16_t id() const { return id_; }

private:
	int family_;
	std::uint16_t id_;
	std::size_t size_;
	std::vector<std::uint8_t> fill_;	// the data without the stamp
	std::vector<std::uint8_t> data_;	// reused: no allocation per
	std::vector<std::uint8_t> packet_;	// request
};

// What a received packet is to this run.
enum class event_kind {
	none,		// not ours; ignored
	reply,		// an echo reply to one of our requests
	error,		// an ICMP error about one of our requests
	other,		// some other ICMP message (shown with -v)
};

// What one received packet means to ping.
struct event {
	event_kind kind = event_kind::none;
	std::uint16_t seq = 0;
	std::uint16_t id = 0;
	net::address from;
	std::size_t icmp_size = 0;	// the ICMP message, header included
	std::optional<int> ttl;
	bool checksum_ok = true;
	net::bytes_view data;		// the echo data of a reply
	std::uint8_t type = 0;		// the ICMP type and code
	std::uint8_t code = 0;
	std::uint32_t info = 0;		// MTU, pointer or gateway word
	std::optional<net::ipv4_route_option> route;	// -R: the path taken
};

// Where the packets come from and what is ours.
struct match {
	int family = AF_INET;
	net::icmp_socket_kind kind = net::icmp_socket_kind::raw;
	std::uint16_t id = 0;
	net::address target;
	bool any_source = false;	// replies may come from anyone
};

// Interprets a packet read from the ICMP socket: for a raw IPv4 socket it
// starts at the IP header, otherwise at the ICMP header (TTL and options
// then come from info).  Malformed packets are events of kind none.
event classify_packet(const match &m, net::bytes_view pkt,
    const net::packet_info &info);

// Interprets an error from the socket's error queue (IP_RECVERR): pkt is
// our request it is about.
event classify_queued_error(const match &m, net::bytes_view pkt,
    const net::packet_info &info);

// True for the ICMP errors that mean a request did not arrive (not the
// advisory redirect and source quench).
bool is_failure(int family, std::uint8_t type);

} // namespace ping
