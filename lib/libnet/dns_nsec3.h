// dns_nsec3.h: NSEC3 hashed owner names (RFC 5155): the hash of a name
// with a zone's salt and iterations, the hash an NSEC3 owner's first
// label spells in base32hex, and NSEC3PARAM's fields.  Pure, and free of
// the heap, for the server's answer path and, later, a validator.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "libnet/sha1.h"
#include "libnet/wire.h"

namespace net::dns {

// The one hash algorithm defined (RFC 5155 section 11).
inline constexpr std::uint8_t nsec3_sha1 = 1;

// The iterations named hashes with at most; a zone that asks for more
// gets no NSEC3 proofs (BIND 9.18 refuses such zones; RFC 9276 says 0).
inline constexpr unsigned nsec3_max_iterations = 150;

// H(name) as section 5 gives it: SHA-1 over the name in canonical (lower
// case) wire form and the salt, then over the digest and the salt again
// iterations times.  name must be a valid wire name.
sha1::digest nsec3_hash(bytes_view name, bytes_view salt,
    unsigned iterations);

// The hash an NSEC3 owner name's first label spells (32 base32hex
// characters, either case), or nothing when it is no such label.  label
// is the label's text without its length byte.
std::optional<sha1::digest> nsec3_label_hash(bytes_view label);

// NSEC3PARAM's rdata (section 4.2).
struct nsec3_param {
	std::uint8_t algorithm = 0;
	std::uint8_t flags = 0;
	std::uint16_t iterations = 0;
	std::vector<std::uint8_t> salt;
};

// The fields of NSEC3PARAM rdata, or nothing when it is malformed.
std::optional<nsec3_param> parse_nsec3param(bytes_view rdata);

} // namespace net::dns
