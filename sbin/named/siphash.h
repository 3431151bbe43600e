// siphash.h: SipHash-2-4 (Aumasson and Bernstein, "SipHash: a fast
// short-input PRF", 2012), the keyed hash of RFC 9018's server cookies
// and of the RRL table's keys: with a secret key an attacker cannot
// choose inputs that collide, so neither forged cookies nor crafted
// names get through.  No allocation, no state beyond the call.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "libnet/wire.h"

namespace named {

using siphash_key = std::array<std::uint8_t, 16>;

// SipHash-2-4 of the bytes as one message; the 64-bit result as the
// reference implementation gives it, read from its output bytes in
// little-endian order.
std::uint64_t siphash24(const siphash_key &key, net::bytes_view msg);

// The same over a message given in pieces, as if they were joined.
class siphash24_stream {
public:
	explicit siphash24_stream(const siphash_key &key);

	void update(net::bytes_view part);
	void update_byte(std::uint8_t b);

	// The hash of everything given; the stream is spent after.
	std::uint64_t finish();

private:
	void compress(std::uint64_t m);

	std::uint64_t v0_, v1_, v2_, v3_;
	std::uint64_t tail_ = 0;	// bytes not yet a whole word
	unsigned ntail_ = 0;
	std::uint64_t total_ = 0;	// bytes given, mod 256 in the end
};

// The eight output bytes of a hash, in the reference order.
std::array<std::uint8_t, 8> siphash_bytes(std::uint64_t h);

} // namespace named
