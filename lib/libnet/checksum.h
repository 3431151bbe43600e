// checksum.h: the Internet checksum (RFC 1071) and the pseudo-headers the
// transport checksums cover (RFC 768, RFC 9293 section 3.1, RFC 8200
// section 8.1).
#pragma once

#include <cstdint>

#include "libnet/addr.h"
#include "libnet/wire.h"

namespace net {

// A running one's-complement sum over any number of pieces, as if they were
// one buffer (an odd-sized piece does not shift the alignment of the next).
class checksum_accumulator {
public:
	// Adds bytes, or a 16- or 32-bit number in network order.
	void add(bytes_view data);
	void add_u16(std::uint16_t v);
	void add_u32(std::uint32_t v);

	// The checksum field value: the complement of the folded sum.  Over
	// data that already holds a correct checksum it is 0.
	std::uint16_t finish() const;

private:
	std::uint64_t sum_ = 0;
	bool odd_ = false;
};

// What a decoder does with a checksum that does not hold: reject the
// message, or decode it and report (a tool that counts corrupt replies).
enum class checksum_check { verify, report };

// The checksum of one buffer.
std::uint16_t internet_checksum(bytes_view data);

// The source and destination addresses a transport checksum covers.
struct pseudo_header {
	address src;
	address dst;
};

// The checksum of an upper-layer message (UDP, TCP, ICMPv6) of protocol
// proto with its IPv4 or IPv6 pseudo-header; the addresses must be of one
// family.
std::uint16_t transport_checksum(const pseudo_header &ph, std::uint8_t proto,
    bytes_view message);

} // namespace net
