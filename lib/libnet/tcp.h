// tcp.h: TCP segments (RFC 9293) with the options in common use: MSS,
// window scale (RFC 7323), SACK (RFC 2018), timestamps (RFC 7323).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "libnet/checksum.h"
#include "libnet/result.h"
#include "libnet/wire.h"

namespace net {

namespace tcp_flag {
inline constexpr std::uint8_t fin = 0x01;
inline constexpr std::uint8_t syn = 0x02;
inline constexpr std::uint8_t rst = 0x04;
inline constexpr std::uint8_t psh = 0x08;
inline constexpr std::uint8_t ack = 0x10;
inline constexpr std::uint8_t urg = 0x20;
inline constexpr std::uint8_t ece = 0x40;	// RFC 3168
inline constexpr std::uint8_t cwr = 0x80;	// RFC 3168
} // namespace tcp_flag

namespace tcp_opt {
inline constexpr std::uint8_t eol = 0;
inline constexpr std::uint8_t nop = 1;
inline constexpr std::uint8_t mss = 2;
inline constexpr std::uint8_t wscale = 3;
inline constexpr std::uint8_t sack_permitted = 4;
inline constexpr std::uint8_t sack = 5;
inline constexpr std::uint8_t timestamp = 8;
} // namespace tcp_opt

// The options of a TCP header that this decoder understands.
struct tcp_options {
	std::optional<std::uint16_t> mss;
	std::optional<std::uint8_t> wscale;
	bool sack_permitted = false;
	std::vector<std::pair<std::uint32_t, std::uint32_t>> sack;
	std::optional<std::pair<std::uint32_t, std::uint32_t>> timestamp;
};

// The fixed TCP header, decoded or to be encoded.
struct tcp_header {
	std::uint16_t src_port = 0;
	std::uint16_t dst_port = 0;
	std::uint32_t seq = 0;
	std::uint32_t ack = 0;
	std::uint8_t flags = 0;		// tcp_flag bits
	std::uint16_t window = 0;
	std::uint16_t checksum = 0;	// set by encode_tcp
	std::uint16_t urgent = 0;
};

// A decoded segment: header, options and data.
struct tcp_segment {
	tcp_header hdr;
	std::size_t header_length = 0;	// data offset in bytes
	tcp_options opts;
	bool checksum_ok = false;	// checked and held
	bytes_view payload;
};

// Decodes a TCP segment (the IP payload, all of it).  A data offset below
// 5 words or past the end, a malformed option, or (under verify, with ph)
// a bad checksum rejects it.
result<tcp_segment> decode_tcp(bytes_view data,
    const pseudo_header *ph = nullptr,
    checksum_check check = checksum_check::verify);

// Decodes the option bytes of a header.
result<tcp_options> decode_tcp_options(bytes_view options);

// Appends a segment with its options (padded with EOL to a multiple of 4,
// at most 40 bytes) and checksum.
void encode_tcp(wire_writer &w, const tcp_header &h, const tcp_options &opts,
    bytes_view payload, const pseudo_header &ph);

// "SYN,ACK" style names of the flags set, in header order from FIN up.
std::string tcp_flags_str(std::uint8_t flags);

} // namespace net
