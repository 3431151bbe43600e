// dns_rdata.h: record data between master-file text (RFC 1035 section 5.1
// and each type's RFC) and uncompressed wire form, for every type in
// dns_types.h, with the RFC 3597 "\# length hex" form for any type.  Two
// quirks of the BIND 4 manual's master files are read: dotted SOA serials
// ("2.89" is 20089) and short IPv4 addresses as inet_aton reads them
// ("127.1" is 127.0.0.1).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "libnet/dns_name.h"
#include "libnet/lexer.h"
#include "libnet/result.h"
#include "libnet/wire.h"

namespace net::dns {

// The largest TTL (RFC 2181 section 8).
inline constexpr std::uint32_t max_ttl = 0x7fffffff;

// A TTL: seconds, or BIND units ("1w2d3h4m5s", any order, case ignored),
// from 0 to max_ttl; an error naming the text otherwise.
result<std::uint32_t> parse_ttl(std::string_view text);

// A time in seconds, or BIND units as for parse_ttl (each unit once), from
// 0 to 2^32-1: SOA timers, and a master file's TTLs before their range is
// judged (an over-large one is a warning there, as named-checkzone's).
std::optional<std::uint32_t> parse_duration(std::string_view text);

// Base32hex (RFC 4648 section 7) without padding, either case, appended
// to out (NSEC3's hashes); false when s is not such text.
bool base32hex_to_bytes(std::string_view s, std::vector<std::uint8_t> &out);

// The wire form of type's rdata from the tokens after the type in a master
// file; names are relative to origin.  The error names the type and the
// field ("MX preference: 'x' is not a number from 0 to 65535").  Meta
// types (OPT, AXFR, ANY...) are refused; unknown types take only "\#".
result<std::vector<std::uint8_t>> rdata_from_text(std::uint16_t type,
    std::span<const token> tokens, const name &origin);

// The presentation form of uncompressed rdata: the type's own form, or
// "\# length hex" for unknown types and rdata not valid for its type.
// Names are absolute.
std::string rdata_to_text(std::uint16_t type, bytes_view rdata);

// Checks uncompressed rdata against its type's layout (lengths, names,
// ranges, bitmaps); nullptr when valid, a static reason otherwise.
// Unknown and meta types are opaque and always valid, except OPT, whose
// options must fill it exactly.
const char *rdata_check(std::uint16_t type, bytes_view rdata);

// Base64 (RFC 4648 section 4, padded) of data.
std::string base64_encode(bytes_view data);

// Decodes padded base64 (RFC 4648 section 4, no blanks) onto the end of
// out; false on a bad character, length or padding (out then holds part).
bool base64_decode(std::string_view s, std::vector<std::uint8_t> &out);

// Hexadecimal, upper case, of data.
std::string hex_encode(bytes_view data);

} // namespace net::dns
