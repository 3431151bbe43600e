// icmp6.h: ICMPv6 (RFC 4443): echo and the error messages with the
// original packet they quote.
#pragma once

#include <cstdint>
#include <optional>

#include "libnet/checksum.h"
#include "libnet/icmp.h"
#include "libnet/ipv6.h"
#include "libnet/result.h"
#include "libnet/wire.h"

namespace net {

namespace icmp6_type {
inline constexpr std::uint8_t dest_unreach = 1;
inline constexpr std::uint8_t packet_too_big = 2;
inline constexpr std::uint8_t time_exceeded = 3;
inline constexpr std::uint8_t param_problem = 4;
inline constexpr std::uint8_t echo_request = 128;
inline constexpr std::uint8_t echo_reply = 129;
inline constexpr std::uint8_t router_solicit = 133;
inline constexpr std::uint8_t router_advert = 134;
inline constexpr std::uint8_t neighbor_solicit = 135;
inline constexpr std::uint8_t neighbor_advert = 136;
inline constexpr std::uint8_t redirect = 137;
} // namespace icmp6_type

// An error message: the second word (MTU for "packet too big", pointer for
// a parameter problem) and the quoted original packet.
struct icmp6_error {
	std::uint32_t word = 0;
	ipv6_packet original;
};

// A decoded ICMPv6 message; the optional part its type calls for is set.
struct icmp6_message {
	std::uint8_t type = 0;
	std::uint8_t code = 0;
	std::uint16_t checksum = 0;
	// Whether the checksum was checked and held; the checksum covers a
	// pseudo-header, so it is only checked when the addresses are known.
	bool checksum_ok = false;
	std::optional<icmp_echo> echo;
	std::optional<icmp6_error> error;
	bytes_view body;		// after type, code and checksum
};

// True for types 0-127, the error messages (RFC 4443 2.1).
bool icmp6_is_error(std::uint8_t type);

// Decodes an ICMPv6 message (the upper-layer payload).  With ph, the
// checksum is computed over the pseudo-header and, under verify, a bad one
// rejects the message.  Without ph (a raw socket where the kernel checked
// it) it is not checked.  An error must quote a whole IPv6 header.
result<icmp6_message> decode_icmp6(bytes_view data,
    const pseudo_header *ph = nullptr,
    checksum_check check = checksum_check::verify);

// Appends an echo request or reply; the checksum is computed when ph is
// given and left 0 otherwise (the kernel fills it on ICMPv6 sockets).
void encode_icmp6_echo(wire_writer &w, std::uint8_t type, std::uint16_t id,
    std::uint16_t seq, bytes_view data, const pseudo_header *ph = nullptr);

// Appends an error message quoting original, checksummed when ph is given.
void encode_icmp6_error(wire_writer &w, std::uint8_t type, std::uint8_t code,
    std::uint32_t word, bytes_view original,
    const pseudo_header *ph = nullptr);

} // namespace net
