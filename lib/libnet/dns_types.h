// dns_types.h: DNS record types, classes, opcodes and response codes, and
// their mnemonics both ways, with the RFC 3597 TYPEnnn / CLASSnnn forms for
// any number.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace net::dns {

namespace rr_type {
inline constexpr std::uint16_t a = 1;
inline constexpr std::uint16_t ns = 2;
inline constexpr std::uint16_t md = 3;
inline constexpr std::uint16_t mf = 4;
inline constexpr std::uint16_t cname = 5;
inline constexpr std::uint16_t soa = 6;
inline constexpr std::uint16_t mb = 7;
inline constexpr std::uint16_t mg = 8;
inline constexpr std::uint16_t mr = 9;
inline constexpr std::uint16_t null = 10;
inline constexpr std::uint16_t wks = 11;
inline constexpr std::uint16_t ptr = 12;
inline constexpr std::uint16_t hinfo = 13;
inline constexpr std::uint16_t minfo = 14;
inline constexpr std::uint16_t mx = 15;
inline constexpr std::uint16_t txt = 16;
inline constexpr std::uint16_t rp = 17;
inline constexpr std::uint16_t afsdb = 18;
inline constexpr std::uint16_t aaaa = 28;
inline constexpr std::uint16_t loc = 29;
inline constexpr std::uint16_t srv = 33;
inline constexpr std::uint16_t naptr = 35;
inline constexpr std::uint16_t dname = 39;
inline constexpr std::uint16_t opt = 41;
inline constexpr std::uint16_t ds = 43;
inline constexpr std::uint16_t sshfp = 44;
inline constexpr std::uint16_t rrsig = 46;
inline constexpr std::uint16_t nsec = 47;
inline constexpr std::uint16_t dnskey = 48;
inline constexpr std::uint16_t nsec3 = 50;
inline constexpr std::uint16_t nsec3param = 51;
inline constexpr std::uint16_t tlsa = 52;
inline constexpr std::uint16_t svcb = 64;
inline constexpr std::uint16_t https = 65;
inline constexpr std::uint16_t tsig = 250;
inline constexpr std::uint16_t ixfr = 251;
inline constexpr std::uint16_t axfr = 252;
inline constexpr std::uint16_t mailb = 253;
inline constexpr std::uint16_t maila = 254;
inline constexpr std::uint16_t any = 255;
inline constexpr std::uint16_t caa = 257;
} // namespace rr_type

namespace rr_class {
inline constexpr std::uint16_t in = 1;
inline constexpr std::uint16_t cs = 2;
inline constexpr std::uint16_t ch = 3;
inline constexpr std::uint16_t hs = 4;
inline constexpr std::uint16_t none = 254;
inline constexpr std::uint16_t any = 255;
} // namespace rr_class

namespace opcode {
inline constexpr std::uint8_t query = 0;
inline constexpr std::uint8_t iquery = 1;
inline constexpr std::uint8_t status = 2;
inline constexpr std::uint8_t notify = 4;
inline constexpr std::uint8_t update = 5;
} // namespace opcode

// Response codes; values above 15 need the EDNS extended rcode.
namespace rcode {
inline constexpr std::uint16_t noerror = 0;
inline constexpr std::uint16_t formerr = 1;
inline constexpr std::uint16_t servfail = 2;
inline constexpr std::uint16_t nxdomain = 3;
inline constexpr std::uint16_t notimp = 4;
inline constexpr std::uint16_t refused = 5;
inline constexpr std::uint16_t yxdomain = 6;
inline constexpr std::uint16_t yxrrset = 7;
inline constexpr std::uint16_t nxrrset = 8;
inline constexpr std::uint16_t notauth = 9;
inline constexpr std::uint16_t notzone = 10;
inline constexpr std::uint16_t badvers = 16;
inline constexpr std::uint16_t badcookie = 23;
} // namespace rcode

// EDNS option codes (RFC 6891 registry) the suite looks at.
namespace edns_code {
inline constexpr std::uint16_t nsid = 3;
inline constexpr std::uint16_t cookie = 10;
inline constexpr std::uint16_t tcp_keepalive = 11;
inline constexpr std::uint16_t padding = 12;
} // namespace edns_code

// The mnemonic of a type ("MX"), or an empty view when it has none.
std::string_view type_mnemonic(std::uint16_t type);

// The presentation form of a type: its mnemonic or "TYPEnnn".
std::string type_to_text(std::uint16_t type);

// A type from a mnemonic or TYPEnnn, case-insensitive; nothing otherwise.
std::optional<std::uint16_t> type_from_text(std::string_view text);

// The mnemonic of a class ("IN"), or an empty view when it has none.
std::string_view class_mnemonic(std::uint16_t cls);

// The presentation form of a class: its mnemonic or "CLASSnnn".
std::string class_to_text(std::uint16_t cls);

// A class from a mnemonic (IN CS CH CHAOS HS HESIOD NONE ANY) or CLASSnnn,
// case-insensitive; nothing otherwise.
std::optional<std::uint16_t> class_from_text(std::string_view text);

// The name of a response code ("NXDOMAIN") or "RCODEnnn".
std::string rcode_to_text(std::uint16_t rcode);

// The name of an opcode ("QUERY") or "OPCODEnnn".
std::string opcode_to_text(std::uint8_t opcode);

// True for OPT and the question and meta types 128-255 (TSIG, IXFR, AXFR,
// MAILB, MAILA, ANY; RFC 6895 section 3.1): they have no master-file form.
bool is_meta_type(std::uint16_t type);

// True for the types of RFC 1035 whose rdata names may be compressed
// (RFC 3597 section 4): NS MD MF CNAME SOA MB MG MR PTR MINFO MX.
bool is_compressible_type(std::uint16_t type);

// Where the names are in the rdata of a compressible type: fixed bytes
// before the first name, the number of names in a row, fixed bytes after
// them (MX 2,1,0; SOA 0,2,20).  False for the other types.
bool compressible_layout(std::uint16_t type, unsigned &before,
    unsigned &names, unsigned &after);

} // namespace net::dns
