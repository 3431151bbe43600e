// sha1.h: SHA-1 (FIPS 180-4), for what a protocol fixes to it and needs
// without OpenSSL: NSEC3 owner hashes (RFC 5155).  Not for signatures or
// anything that must resist collisions.
#pragma once

#include <array>
#include <cstdint>

#include "libnet/wire.h"

namespace net {

class sha1 {
public:
	static constexpr std::size_t digest_size = 20;
	using digest = std::array<std::uint8_t, digest_size>;

	sha1();

	void update(bytes_view data);

	// The digest of everything given; the object starts over after.
	digest finish();

	// The digest of data in one call.
	static digest of(bytes_view data);

private:
	void block(const std::uint8_t *p);

	std::array<std::uint32_t, 5> h_;
	std::array<std::uint8_t, 64> buf_;
	std::size_t used_ = 0;
	std::uint64_t length_ = 0;	// bytes
};

} // namespace net
