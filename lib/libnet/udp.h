// udp.h: UDP datagrams (RFC 768; IPv6 rules from RFC 8200 8.1).
#pragma once

#include <cstdint>

#include "libnet/checksum.h"
#include "libnet/result.h"
#include "libnet/wire.h"

namespace net {

// The UDP header, decoded or to be encoded.
struct udp_header {
	std::uint16_t src_port = 0;
	std::uint16_t dst_port = 0;
	std::uint16_t length = 0;	// header and data; set by encode_udp
	std::uint16_t checksum = 0;	// set by encode_udp
};

// A decoded datagram: header and payload.
struct udp_datagram {
	udp_header hdr;
	bool checksum_ok = false;	// checked and held (or absent in IPv4)
	bytes_view payload;
};

// Decodes a UDP datagram (the IP payload).  The length field must be at
// least 8 and no more than the bytes present (bytes beyond it are ignored).
// With ph the checksum is checked: 0 means none in IPv4 and is an error in
// IPv6.
result<udp_datagram> decode_udp(bytes_view data,
    const pseudo_header *ph = nullptr,
    checksum_check check = checksum_check::verify);

// Appends a datagram with its checksum (sent as 0xffff when it computes
// to 0, RFC 768).
void encode_udp(wire_writer &w, std::uint16_t src_port, std::uint16_t dst_port,
    bytes_view payload, const pseudo_header &ph);

} // namespace net
