// ipv6.h: IPv6 headers (RFC 8200) and the walk over extension headers to
// the upper-layer protocol.
#pragma once

#include <cstdint>

#include "libnet/addr.h"
#include "libnet/result.h"
#include "libnet/wire.h"

namespace net {

// The fixed IPv6 header, decoded or to be encoded.
struct ipv6_header {
	std::uint8_t traffic_class = 0;
	std::uint32_t flow_label = 0;		// 20 bits
	std::uint16_t payload_length = 0;	// set by encode_ipv6
	std::uint8_t next_header = 0;
	std::uint8_t hop_limit = 64;
	address src;
	address dst;
};

// A decoded packet: header and upper-layer payload.
struct ipv6_packet {
	ipv6_header hdr;
	// The upper-layer protocol after the extension headers, or
	// ip_proto::fragment for a fragment other than the first (its upper
	// header is in another packet), or ip_proto::none.
	std::uint8_t protocol = 0;
	bool fragment = false;		// a fragment header was present
	bytes_view payload;		// from the upper-layer header on
};

// How much of a packet must be there.
enum class ipv6_decode {
	// As received: every byte of payload_length must be present.
	received,
	// Quoted in an ICMPv6 error (RFC 4443 2.4 (c)): the fixed header must
	// be whole, the rest may be cut anywhere, even inside an extension
	// header (then protocol is that header's type and payload is empty).
	quoted,
};

// Decodes an IPv6 packet and walks hop-by-hop, routing, fragment,
// destination options and AH headers (RFC 8200 4.1, RFC 4302).
result<ipv6_packet> decode_ipv6(bytes_view data,
    ipv6_decode mode = ipv6_decode::received);

// Appends the fixed header for a payload of payload_size bytes.
void encode_ipv6(wire_writer &w, const ipv6_header &h,
    std::size_t payload_size);

} // namespace net
