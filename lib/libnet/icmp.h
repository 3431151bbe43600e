// icmp.h: ICMP for IPv4 (RFC 792): echo, timestamp, and the error messages
// with the original datagram they quote (RFC 792, RFC 1812 4.3.2.3).
#pragma once

#include <cstdint>
#include <optional>

#include "libnet/checksum.h"
#include "libnet/ipv4.h"
#include "libnet/result.h"
#include "libnet/wire.h"

namespace net {

namespace icmp_type {
inline constexpr std::uint8_t echo_reply = 0;
inline constexpr std::uint8_t dest_unreach = 3;
inline constexpr std::uint8_t source_quench = 4;
inline constexpr std::uint8_t redirect = 5;
inline constexpr std::uint8_t echo_request = 8;
inline constexpr std::uint8_t time_exceeded = 11;
inline constexpr std::uint8_t param_problem = 12;
inline constexpr std::uint8_t timestamp = 13;
inline constexpr std::uint8_t timestamp_reply = 14;
} // namespace icmp_type

// Destination unreachable codes (RFC 792, RFC 1122 3.2.2.1, RFC 1812
// 5.2.7.1).
namespace icmp_unreach {
inline constexpr std::uint8_t net = 0;
inline constexpr std::uint8_t host = 1;
inline constexpr std::uint8_t protocol = 2;
inline constexpr std::uint8_t port = 3;
inline constexpr std::uint8_t frag_needed = 4;
inline constexpr std::uint8_t source_route = 5;
} // namespace icmp_unreach

// An echo request or reply: identifier, sequence number and data.
struct icmp_echo {
	std::uint16_t id = 0;
	std::uint16_t seq = 0;
	bytes_view data;
};

// A timestamp request or reply (RFC 792 "Timestamp").
struct icmp_timestamp {
	std::uint16_t id = 0;
	std::uint16_t seq = 0;
	std::uint32_t originate = 0;	// ms since midnight UT
	std::uint32_t receive = 0;
	std::uint32_t transmit = 0;
};

// An error message: the second word (the next-hop MTU for "fragmentation
// needed", the gateway for a redirect, the pointer for a parameter problem)
// and the quoted original datagram.
struct icmp_error {
	std::uint32_t word = 0;
	ipv4_packet original;

	// The next-hop MTU of "fragmentation needed" (RFC 1191 section 4).
	std::uint16_t mtu() const { return word & 0xffff; }
	// The pointer to the octet in error (RFC 792 "Parameter Problem").
	std::uint8_t pointer() const { return word >> 24; }
	// The new gateway of a redirect.
	address gateway() const { return address::v4(word); }
};

// A decoded ICMP message; the optional part its type calls for is set.
struct icmp_message {
	std::uint8_t type = 0;
	std::uint8_t code = 0;
	std::uint16_t checksum = 0;
	bool checksum_ok = false;
	std::optional<icmp_echo> echo;		// echo request or reply
	std::optional<icmp_timestamp> timestamp;
	std::optional<icmp_error> error;
	bytes_view body;			// everything after the type,
						// code and checksum
};

// True for the types that quote an original datagram.
bool icmp_is_error(std::uint8_t type);

// Decodes an ICMP message (the IP payload).  With verify a bad checksum
// rejects it; with report it is decoded and checksum_ok tells.  An error
// must quote a whole IPv4 header and at least the first 64 bits of the
// original payload (or all of it when shorter).
result<icmp_message> decode_icmp(bytes_view data,
    checksum_check check = checksum_check::verify);

// Appends an echo request or reply with its checksum.
void encode_icmp_echo(wire_writer &w, std::uint8_t type, std::uint16_t id,
    std::uint16_t seq, bytes_view data);

// Appends a timestamp request or reply with its checksum.
void encode_icmp_timestamp(wire_writer &w, std::uint8_t type,
    const icmp_timestamp &t);

// Appends an error message of type and code quoting original.
void encode_icmp_error(wire_writer &w, std::uint8_t type, std::uint8_t code,
    std::uint32_t word, bytes_view original);

} // namespace net
