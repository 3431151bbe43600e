// ipv4.h: IPv4 headers (RFC 791) with the options ping and traceroute-like
// tools use: record route, loose and strict source route, timestamp.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "libnet/addr.h"
#include "libnet/result.h"
#include "libnet/wire.h"

namespace net {

// IP protocol numbers (IANA "Assigned Internet Protocol Numbers").
namespace ip_proto {
inline constexpr std::uint8_t hopopts = 0;
inline constexpr std::uint8_t icmp = 1;
inline constexpr std::uint8_t tcp = 6;
inline constexpr std::uint8_t udp = 17;
inline constexpr std::uint8_t routing = 43;
inline constexpr std::uint8_t fragment = 44;
inline constexpr std::uint8_t esp = 50;
inline constexpr std::uint8_t ah = 51;
inline constexpr std::uint8_t icmpv6 = 58;
inline constexpr std::uint8_t none = 59;
inline constexpr std::uint8_t dstopts = 60;
} // namespace ip_proto

// Option types (RFC 791 section 3.1; the copy bit is part of the type).
namespace ipv4_opt {
inline constexpr std::uint8_t eol = 0;
inline constexpr std::uint8_t nop = 1;
inline constexpr std::uint8_t record_route = 7;
inline constexpr std::uint8_t timestamp = 68;
inline constexpr std::uint8_t lsrr = 131;
inline constexpr std::uint8_t ssrr = 137;
} // namespace ipv4_opt

// Timestamp option flags (RFC 791 "Internet Timestamp").
namespace ipv4_ts {
inline constexpr std::uint8_t only = 0;		// timestamps only
inline constexpr std::uint8_t with_addr = 1;	// address, timestamp pairs
inline constexpr std::uint8_t prespecified = 3;	// addresses given in advance
} // namespace ipv4_ts

// Record route or a source route: the addresses filled in so far, out of
// slots.
struct ipv4_route_option {
	std::uint8_t type = ipv4_opt::record_route;
	std::vector<address> addresses;
	std::size_t slots = 0;
};

// One entry of a timestamp option.
struct ipv4_timestamp_entry {
	std::optional<address> addr;	// with_addr and prespecified only
	std::uint32_t time = 0;		// ms since midnight UT, or high bit set
};

// A timestamp option: the entries filled in so far, out of slots.
struct ipv4_timestamp_option {
	std::uint8_t flags = ipv4_ts::only;
	std::uint8_t overflow = 0;	// hosts that could not add an entry
	std::vector<ipv4_timestamp_entry> entries;	// filled so far
	std::size_t slots = 0;
};

// The options of a header that this decoder understands.
struct ipv4_options {
	std::optional<ipv4_route_option> record_route;
	std::optional<ipv4_route_option> source_route;	// LSRR or SSRR
	std::optional<ipv4_timestamp_option> timestamp;
};

// An IPv4 header, decoded or to be encoded.
struct ipv4_header {
	std::uint8_t tos = 0;
	std::uint16_t total_length = 0;	// set by encode_ipv4
	std::uint16_t id = 0;
	bool dont_fragment = false;
	bool more_fragments = false;
	std::uint16_t fragment_offset = 0;	// in 8-byte units
	std::uint8_t ttl = 64;
	std::uint8_t protocol = 0;
	std::uint16_t checksum = 0;		// set by encode_ipv4
	address src;
	address dst;
	bytes_view options;		// raw option bytes, a multiple of 4

	std::size_t header_length() const { return 20 + options.size(); }
};

// A decoded datagram: header, options and payload.
struct ipv4_packet {
	ipv4_header hdr;
	ipv4_options opts;
	bytes_view payload;
};

// How much of a datagram must be there and be right.
enum class ipv4_decode {
	// A datagram as received: the checksum must hold and every byte of
	// total_length be present (bytes after it are link padding).
	received,
	// A datagram a raw socket delivered: as received, but the checksum
	// is not checked.  The kernel verified it on input and then filled
	// in record route and timestamp options in place without updating
	// it (ip_options_compile), so it is stale whenever options are.
	delivered,
	// The original datagram quoted in an ICMP error (RFC 792, RFC 1812
	// 4.3.2.3): the header must be whole, the payload may be cut short,
	// the checksum is not checked (routers may quote it modified).
	quoted,
};

// Decodes an IPv4 datagram, its options included; any malformed option
// rejects the datagram.
result<ipv4_packet> decode_ipv4(bytes_view data,
    ipv4_decode mode = ipv4_decode::received);

// Decodes a header's option bytes.
result<ipv4_options> decode_ipv4_options(bytes_view options);

// Appends a header for a payload of payload_size bytes, with total length
// and checksum computed.  Options are padded with EOL to a multiple of 4.
void encode_ipv4(wire_writer &w, const ipv4_header &h,
    std::size_t payload_size);

// A record route option with room for slots addresses, preceded by a NOP so
// the whole is a multiple of 4 bytes (9 slots fill the 40-byte maximum).
std::vector<std::uint8_t> record_route_option(unsigned slots = 9);

// A timestamp option of the given flags with room for slots entries (for
// prespecified, the addresses to be stamped, one per slot).
std::vector<std::uint8_t> timestamp_option(std::uint8_t flags, unsigned slots,
    const std::vector<address> &prespecified = {});

} // namespace net
