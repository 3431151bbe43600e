// dns_message.h: the full DNS message codec (RFC 1035 section 4, EDNS0 of
// RFC 6891) for zone transfers, the resolver and query tools.  Parsing
// rejects the whole message on any inconsistency, with the reason; rdata
// of the RFC 1035 types with names is decompressed into canonical
// uncompressed form (RFC 3597 section 4), and every rdata is checked
// against its type.  The builder compresses owner names and those rdata
// names.  The server's hot path is dns_query.h.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "libnet/dns_name.h"
#include "libnet/dns_types.h"
#include "libnet/result.h"
#include "libnet/wire.h"

namespace net::dns {

// The header flags word, bit by bit (RFC 1035 4.1.1, RFC 4035 3.2).
namespace flag {
inline constexpr std::uint16_t qr = 0x8000;
inline constexpr std::uint16_t aa = 0x0400;
inline constexpr std::uint16_t tc = 0x0200;
inline constexpr std::uint16_t rd = 0x0100;
inline constexpr std::uint16_t ra = 0x0080;
inline constexpr std::uint16_t z = 0x0040;
inline constexpr std::uint16_t ad = 0x0020;
inline constexpr std::uint16_t cd = 0x0010;
} // namespace flag

// The opcode in a flags word.
inline std::uint8_t
flags_opcode(std::uint16_t flags)
{
	return static_cast<std::uint8_t>(flags >> 11 & 15);
}

// The fixed header, counts aside (they follow from the sections).
struct header {
	std::uint16_t id = 0;
	bool qr = false;
	std::uint8_t opcode = 0;
	bool aa = false;
	bool tc = false;
	bool rd = false;
	bool ra = false;
	bool z = false;
	bool ad = false;
	bool cd = false;
	std::uint8_t rcode = 0;		// the low 4 bits; EDNS holds the rest

	// The flags word and back.
	std::uint16_t flags() const;
	static header from_flags(std::uint16_t id, std::uint16_t flags);

	bool operator==(const header &) const = default;
};

struct question {
	name qname;
	std::uint16_t qtype = 0;
	std::uint16_t qclass = rr_class::in;

	bool operator==(const question &) const = default;
};

// A resource record; rdata in uncompressed wire form.
struct record {
	name owner;
	std::uint16_t type = 0;
	std::uint16_t rclass = rr_class::in;
	std::uint32_t ttl = 0;
	std::vector<std::uint8_t> rdata;

	bool operator==(const record &) const = default;
};

struct edns_option {
	std::uint16_t code = 0;
	std::vector<std::uint8_t> data;

	bool operator==(const edns_option &) const = default;
};

// The OPT pseudo-record's fields (RFC 6891 section 6.1.3).
struct edns {
	std::uint16_t udp_size = 1232;
	std::uint8_t ext_rcode = 0;	// the rcode's upper 8 bits
	std::uint8_t version = 0;
	bool do_bit = false;
	std::uint16_t z = 0;		// the other 15 flag bits, as received
	std::vector<edns_option> options;

	bool operator==(const edns &) const = default;
};

struct message {
	header hdr;
	std::vector<question> questions;
	std::vector<record> answer;
	std::vector<record> authority;
	std::vector<record> additional;	// without the OPT record
	std::optional<edns> opt;	// the OPT record, written last

	// The full response code: the header's 4 bits and EDNS's 8 more.
	std::uint16_t rcode() const;

	// Sets both parts; an rcode over 15 needs opt (added if missing).
	void set_rcode(std::uint16_t rcode);

	bool operator==(const message &) const = default;
};

// Parses a whole message (UDP payload, or a TCP frame without its length).
// Names compare without case, so == on two parses of differently cased
// bytes is true; name::identical tells them apart.
result<message> parse_message(bytes_view data);

// The wire form of m, names compressed (each keeps its own case), the OPT
// record last in the additional section; an error when a count or the
// size passes 65535 or the rdata of a type with names is not valid.
result<std::vector<std::uint8_t>> build_message(const message &m);

// Appends the OPT record's options to out in wire form.
void encode_edns_options(const std::vector<edns_option> &options,
    std::vector<std::uint8_t> &out);

} // namespace net::dns
