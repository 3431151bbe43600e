#include "libnet/dns_rdata.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "libnet/addr.h"
#include "libnet/dns_types.h"
#include "libnet/numparse.h"
#include "libnet/text.h"

namespace net::dns {

namespace {

using bytes = std::vector<std::uint8_t>;

// ---- encodings -------------------------------------------------------

const char b64_chars[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const char b32hex_chars[] = "0123456789abcdefghijklmnopqrstuv";

int
b64_value(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

} // namespace

bool
base64_decode(std::string_view s, std::vector<std::uint8_t> &out)
{
	if (s.size() % 4 != 0)
		return false;
	for (std::size_t i = 0; i < s.size(); i += 4) {
		int v[4];
		int pad = 0;
		for (int k = 0; k < 4; k++) {
			char c = s[i + k];
			if (c == '=') {
				// Padding only in the last group's last two.
				if (i + 4 != s.size() || k < 2)
					return false;
				pad++;
				v[k] = 0;
				continue;
			}
			if (pad > 0)
				return false;
			v[k] = b64_value(c);
			if (v[k] < 0)
				return false;
		}
		std::uint32_t w = std::uint32_t(v[0]) << 18 | v[1] << 12 |
		    v[2] << 6 | v[3];
		out.push_back(static_cast<std::uint8_t>(w >> 16));
		if (pad < 2)
			out.push_back(static_cast<std::uint8_t>(w >> 8));
		if (pad < 1)
			out.push_back(static_cast<std::uint8_t>(w));
	}
	return true;
}

namespace {

bool
hex_decode(std::string_view s, bytes &out)
{
	if (s.size() % 2 != 0)
		return false;
	for (std::size_t i = 0; i < s.size(); i += 2) {
		auto hi = hex_digit(s[i]);
		auto lo = hex_digit(s[i + 1]);
		if (!hi || !lo)
			return false;
		out.push_back(static_cast<std::uint8_t>(*hi << 4 | *lo));
	}
	return true;
}

// Base32hex (RFC 4648 section 7) without padding, either case.
bool
base32hex_decode(std::string_view s, bytes &out)
{
	// A partial last group must end on a whole byte: 2, 4, 5 or 7 chars.
	std::size_t tail = s.size() % 8;
	if (tail == 1 || tail == 3 || tail == 6)
		return false;
	std::uint64_t acc = 0;
	int bits = 0;
	for (char c : s) {
		int v;
		if (c >= '0' && c <= '9')
			v = c - '0';
		else if (c >= 'a' && c <= 'v')
			v = c - 'a' + 10;
		else if (c >= 'A' && c <= 'V')
			v = c - 'A' + 10;
		else
			return false;
		acc = acc << 5 | unsigned(v);
		bits += 5;
		if (bits >= 8) {
			bits -= 8;
			out.push_back(static_cast<std::uint8_t>(acc >> bits));
			acc &= (1u << bits) - 1;
		}
	}
	return true;
}

std::string
base32hex_encode(bytes_view b)
{
	std::string s;
	std::uint32_t acc = 0;
	int bits = 0;
	for (std::uint8_t c : b) {
		acc = acc << 8 | c;
		bits += 8;
		while (bits >= 5) {
			bits -= 5;
			s += b32hex_chars[(acc >> bits) & 31];
		}
		acc &= (1u << bits) - 1;
	}
	if (bits > 0)
		s += b32hex_chars[(acc << (5 - bits)) & 31];
	return s;
}

// ---- character strings -----------------------------------------------

// The bytes of a character string token: "\X" is X, "\DDD" a byte.
bool
unescape(std::string_view s, bytes &out, const char **why)
{
	for (std::size_t i = 0; i < s.size(); i++) {
		char c = s[i];
		if (c != '\\') {
			out.push_back(static_cast<std::uint8_t>(c));
			continue;
		}
		if (i + 1 >= s.size()) {
			*why = "backslash at the end";
			return false;
		}
		char d = s[i + 1];
		if (d >= '0' && d <= '9') {
			if (i + 3 >= s.size() || s[i + 2] < '0' ||
			    s[i + 2] > '9' || s[i + 3] < '0' || s[i + 3] > '9') {
				*why = "bad \\DDD escape";
				return false;
			}
			unsigned v = unsigned(d - '0') * 100 +
			    unsigned(s[i + 2] - '0') * 10 +
			    unsigned(s[i + 3] - '0');
			if (v > 255) {
				*why = "\\DDD escape over 255";
				return false;
			}
			out.push_back(static_cast<std::uint8_t>(v));
			i += 3;
		} else {
			out.push_back(static_cast<std::uint8_t>(d));
			i++;
		}
	}
	return true;
}

// Appends a byte string in quotes: '"' and '\' escaped, bytes outside
// printable ASCII as \DDD, and blanks too when escape_blank (a value after
// "key=" is not where a lexer starts a quoted token).
void
append_quoted(std::string &s, bytes_view b, bool escape_blank = false)
{
	s += '"';
	for (std::uint8_t c : b) {
		if (c == ' ' && escape_blank) {
			s += "\\032";
		} else if (c == '"' || c == '\\') {
			s += '\\';
			s += static_cast<char>(c);
		} else if (c < 0x20 || c > 0x7e) {
			s += '\\';
			s += static_cast<char>('0' + c / 100);
			s += static_cast<char>('0' + c / 10 % 10);
			s += static_cast<char>('0' + c % 10);
		} else {
			s += static_cast<char>(c);
		}
	}
	s += '"';
}

// ---- times -----------------------------------------------------------

// Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar.
std::int64_t
days_from_civil(std::int64_t y, unsigned m, unsigned d)
{
	y -= m <= 2;
	std::int64_t era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = static_cast<unsigned>(y - era * 400);
	unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void
civil_from_days(std::int64_t z, std::int64_t &y, unsigned &m, unsigned &d)
{
	z += 719468;
	std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = static_cast<unsigned>(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = static_cast<std::int64_t>(yoe) + era * 400;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	y += m <= 2;
}

bool
is_leap(std::int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

// RRSIG times (RFC 4034 section 3.2): YYYYMMDDHHmmSS in UTC, or seconds.
bool
parse_time(std::string_view s, std::uint32_t &out)
{
	if (s.size() != 14) {
		auto v = parse_uint(s, 0, UINT32_MAX);
		if (!v)
			return false;
		out = static_cast<std::uint32_t>(*v);
		return true;
	}
	auto part = [&](std::size_t at, std::size_t n) {
		return parse_uint(s.substr(at, n));
	};
	auto y = part(0, 4), mo = part(4, 2), d = part(6, 2), h = part(8, 2),
	     mi = part(10, 2), se = part(12, 2);
	if (!y || !mo || !d || !h || !mi || !se)
		return false;
	static const unsigned mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30,
	    31, 30, 31};
	if (*mo < 1 || *mo > 12 || *d < 1 || *h > 23 || *mi > 59 || *se > 59)
		return false;
	unsigned dim = mdays[*mo - 1] +
	    (*mo == 2 && is_leap(static_cast<std::int64_t>(*y)));
	if (*d > dim || *y < 1970)
		return false;
	std::int64_t t = days_from_civil(static_cast<std::int64_t>(*y),
	    static_cast<unsigned>(*mo), static_cast<unsigned>(*d)) * 86400 +
	    static_cast<std::int64_t>(*h * 3600 + *mi * 60 + *se);
	// Serial arithmetic (RFC 4034 section 3.1.5): the value mod 2^32.
	out = static_cast<std::uint32_t>(t);
	return true;
}

std::string
time_to_text(std::uint32_t t)
{
	std::int64_t days = t / 86400;
	unsigned rem = t % 86400;
	std::int64_t y;
	unsigned m, d;
	civil_from_days(days, y, m, d);
	char buf[32];
	std::snprintf(buf, sizeof buf, "%04lld%02u%02u%02u%02u%02u",
	    static_cast<long long>(y), m, d, rem / 3600, rem / 60 % 60,
	    rem % 60);
	return buf;
}

// ---- small tables ----------------------------------------------------

struct named_number {
	const char *text;
	unsigned value;
};

// DNSSEC algorithm mnemonics (RFC 4034 appendix A.1 and its registry).
const named_number algorithms[] = {
	{"RSAMD5", 1}, {"DH", 2}, {"DSA", 3}, {"RSASHA1", 5},
	{"DSA-NSEC3-SHA1", 6}, {"RSASHA1-NSEC3-SHA1", 7},
	{"RSASHA256", 8}, {"RSASHA512", 10}, {"ECC-GOST", 12},
	{"ECDSAP256SHA256", 13}, {"ECDSAP384SHA384", 14},
	{"ED25519", 15}, {"ED448", 16}, {"INDIRECT", 252},
	{"PRIVATEDNS", 253}, {"PRIVATEOID", 254},
};

// Well-known services for WKS, by protocol (no /etc/services lookups in
// a parser: the answer must not depend on the machine).
struct wks_service {
	const char *text;
	std::uint16_t port;
	bool tcp;
	bool udp;
};

const wks_service wks_services[] = {
	{"echo", 7, true, true}, {"discard", 9, true, true},
	{"systat", 11, true, false}, {"daytime", 13, true, true},
	{"netstat", 15, true, false}, {"qotd", 17, true, true},
	{"chargen", 19, true, true},
	{"ftp-data", 20, true, false}, {"ftp", 21, true, false},
	{"ssh", 22, true, false}, {"telnet", 23, true, false},
	{"smtp", 25, true, false}, {"time", 37, true, true},
	{"nameserver", 42, true, true}, {"whois", 43, true, false},
	{"nicname", 43, true, false}, {"domain", 53, true, true},
	{"mtp", 57, true, false}, {"rje", 77, true, false},
	{"link", 87, true, false}, {"bootps", 67, false, true},
	{"bootpc", 68, false, true}, {"tftp", 69, false, true},
	{"gopher", 70, true, false}, {"finger", 79, true, false},
	{"http", 80, true, false}, {"www", 80, true, false},
	{"kerberos", 88, true, true}, {"supdup", 95, true, false},
	{"hostnames", 101, true, false}, {"pop2", 109, true, false},
	{"pop", 109, true, false},
	{"pop3", 110, true, false}, {"sunrpc", 111, true, true},
	{"auth", 113, true, false}, {"sftp", 115, true, false},
	{"uucp-path", 117, true, false}, {"nntp", 119, true, false},
	{"ntp", 123, true, true}, {"netbios-ns", 137, true, true},
	{"imap", 143, true, false}, {"snmp", 161, true, true},
	{"snmp-trap", 162, true, true}, {"bgp", 179, true, false},
	{"irc", 194, true, false}, {"ldap", 389, true, true},
	{"https", 443, true, false}, {"biff", 512, false, true},
	{"exec", 512, true, false}, {"login", 513, true, false},
	{"who", 513, false, true}, {"shell", 514, true, false},
	{"syslog", 514, false, true}, {"printer", 515, true, false},
	{"talk", 517, false, true}, {"ntalk", 518, false, true},
	{"route", 520, false, true}, {"timed", 525, false, true},
	{"tempo", 526, true, false}, {"courier", 530, true, false},
	{"conference", 531, true, false}, {"netnews", 532, true, false},
	{"uucp", 540, true, false}, {"klogin", 543, true, false},
	{"kshell", 544, true, false}, {"submission", 587, true, false},
	{"imaps", 993, true, false}, {"pop3s", 995, true, false},
};

std::string
lower(std::string_view s)
{
	return to_lower(s);
}

// ---- the field engine ------------------------------------------------

enum class kind : std::uint8_t {
	u8,		// decimal 0-255
	u16,		// decimal 0-65535
	u32,		// decimal 0-4294967295
	timer,		// SOA timer: seconds or BIND units, 32 bits
	serial,		// SOA serial, BIND 4 dotted form accepted
	dname,		// a domain name, relative to the origin
	ipv4,		// an address, inet_aton forms accepted
	ipv6,
	cstring,	// one character string, length byte first
	cstrings,	// one or more to the end (TXT)
	base64,		// the rest, one or more tokens joined
	hex,		// the rest, one or more tokens joined
	rrtype,		// a type mnemonic
	time,		// RRSIG time
	bitmap,		// NSEC type bitmap, zero or more types
	salt,		// NSEC3 salt: length byte, "-" or hex
	hash32,		// NSEC3 next hashed owner: length byte, base32hex
	alg,		// DNSSEC algorithm: number or mnemonic
	caa_tag,	// length byte, letters and digits
	caa_value,	// the rest, one character string without length
};

struct field {
	kind k;
	const char *label;
};

struct layout {
	std::uint16_t type;
	std::initializer_list<field> fields;
};

const layout layouts[] = {
	{rr_type::a, {{kind::ipv4, "address"}}},
	{rr_type::ns, {{kind::dname, "host"}}},
	{rr_type::md, {{kind::dname, "host"}}},
	{rr_type::mf, {{kind::dname, "host"}}},
	{rr_type::cname, {{kind::dname, "target"}}},
	{rr_type::soa, {{kind::dname, "mname"}, {kind::dname, "rname"},
	    {kind::serial, "serial"}, {kind::timer, "refresh"},
	    {kind::timer, "retry"}, {kind::timer, "expire"},
	    {kind::timer, "minimum"}}},
	{rr_type::mb, {{kind::dname, "host"}}},
	{rr_type::mg, {{kind::dname, "mailbox"}}},
	{rr_type::mr, {{kind::dname, "mailbox"}}},
	{rr_type::ptr, {{kind::dname, "target"}}},
	{rr_type::hinfo, {{kind::cstring, "cpu"}, {kind::cstring, "os"}}},
	{rr_type::minfo, {{kind::dname, "rmailbx"},
	    {kind::dname, "emailbx"}}},
	{rr_type::mx, {{kind::u16, "preference"}, {kind::dname, "exchange"}}},
	{rr_type::txt, {{kind::cstrings, "text"}}},
	{rr_type::rp, {{kind::dname, "mailbox"}, {kind::dname, "txt name"}}},
	{rr_type::afsdb, {{kind::u16, "subtype"}, {kind::dname, "host"}}},
	{rr_type::aaaa, {{kind::ipv6, "address"}}},
	{rr_type::srv, {{kind::u16, "priority"}, {kind::u16, "weight"},
	    {kind::u16, "port"}, {kind::dname, "target"}}},
	{rr_type::naptr, {{kind::u16, "order"}, {kind::u16, "preference"},
	    {kind::cstring, "flags"}, {kind::cstring, "services"},
	    {kind::cstring, "regexp"}, {kind::dname, "replacement"}}},
	{rr_type::dname, {{kind::dname, "target"}}},
	{rr_type::ds, {{kind::u16, "key tag"}, {kind::alg, "algorithm"},
	    {kind::u8, "digest type"}, {kind::hex, "digest"}}},
	{rr_type::sshfp, {{kind::u8, "algorithm"},
	    {kind::u8, "fingerprint type"}, {kind::hex, "fingerprint"}}},
	{rr_type::rrsig, {{kind::rrtype, "type covered"},
	    {kind::alg, "algorithm"}, {kind::u8, "labels"},
	    {kind::u32, "original ttl"}, {kind::time, "expiration"},
	    {kind::time, "inception"}, {kind::u16, "key tag"},
	    {kind::dname, "signer"}, {kind::base64, "signature"}}},
	{rr_type::nsec, {{kind::dname, "next name"},
	    {kind::bitmap, "types"}}},
	{rr_type::dnskey, {{kind::u16, "flags"}, {kind::u8, "protocol"},
	    {kind::alg, "algorithm"}, {kind::base64, "public key"}}},
	{rr_type::nsec3, {{kind::u8, "hash algorithm"}, {kind::u8, "flags"},
	    {kind::u16, "iterations"}, {kind::salt, "salt"},
	    {kind::hash32, "next hashed owner"}, {kind::bitmap, "types"}}},
	{rr_type::nsec3param, {{kind::u8, "hash algorithm"},
	    {kind::u8, "flags"}, {kind::u16, "iterations"},
	    {kind::salt, "salt"}}},
	{rr_type::tlsa, {{kind::u8, "usage"}, {kind::u8, "selector"},
	    {kind::u8, "matching type"}, {kind::hex, "data"}}},
	{rr_type::caa, {{kind::u8, "flags"}, {kind::caa_tag, "tag"},
	    {kind::caa_value, "value"}}},
};

const layout *
find_layout(std::uint16_t type)
{
	for (const auto &l : layouts)
		if (l.type == type)
			return &l;
	return nullptr;
}

// The tokens of one rdata and where the parse is.
struct cursor {
	std::span<const token> t;
	std::size_t i = 0;

	bool done() const { return i >= t.size(); }
	const token &peek() const { return t[i]; }
	const token &take() { return t[i++]; }
};

// An error for field label of type: "MX preference: problem".
error
field_error(std::uint16_t type, const char *label, const std::string &why)
{
	return fail(0, type_to_text(type) + " " + label + ": " + why);
}

std::string
not_a_number(std::string_view text, std::uint64_t max)
{
	return quoted(text) + " is not a number from 0 to " +
	    std::to_string(max);
}

void
put16(bytes &out, std::uint32_t v)
{
	out.push_back(static_cast<std::uint8_t>(v >> 8));
	out.push_back(static_cast<std::uint8_t>(v));
}

void
put32(bytes &out, std::uint32_t v)
{
	put16(out, v >> 16);
	put16(out, v & 0xffff);
}

// A number with BIND units up to max (TTLs, SOA timers).
bool
parse_units(std::string_view s, std::uint64_t max, std::uint64_t &out)
{
	if (s.empty())
		return false;
	if (auto v = parse_uint(s, 0, max)) {
		out = *v;
		return true;
	}
	std::uint64_t total = 0;
	std::size_t i = 0;
	unsigned seen = 0;	// each unit once: "1h1h" is a typing error
	while (i < s.size()) {
		std::size_t j = i;
		while (j < s.size() && s[j] >= '0' && s[j] <= '9')
			j++;
		if (j == i || j == s.size())
			return false;
		auto v = parse_uint(s.substr(i, j - i), 0, max);
		if (!v)
			return false;
		std::uint64_t mult;
		switch (s[j]) {
		case 'w': case 'W': mult = 604800; break;
		case 'd': case 'D': mult = 86400; break;
		case 'h': case 'H': mult = 3600; break;
		case 'm': case 'M': mult = 60; break;
		case 's': case 'S': mult = 1; break;
		default: return false;
		}
		unsigned bit = mult == 604800 ? 1 : mult == 86400 ? 2
		    : mult == 3600 ? 4 : mult == 60 ? 8 : 16;
		if ((seen & bit) != 0)
			return false;
		seen |= bit;
		total += *v * mult;
		if (total > max)
			return false;
		i = j + 1;
	}
	out = total;
	return true;
}

// BIND 4's dotted serial: "2.89" is 2 * 10000 + 89.
bool
parse_serial(std::string_view s, std::uint32_t &out)
{
	auto dot = s.find('.');
	if (dot == std::string_view::npos) {
		auto v = parse_uint(s, 0, UINT32_MAX);
		if (!v)
			return false;
		out = static_cast<std::uint32_t>(*v);
		return true;
	}
	std::string_view hi = s.substr(0, dot), lo = s.substr(dot + 1);
	if (lo.empty() || lo.size() > 4 || lo.find('.') != lo.npos)
		return false;
	auto h = parse_uint(hi, 0, UINT32_MAX / 10000);
	auto l = parse_uint(lo, 0, 9999);
	if (!h || !l || *h * 10000 + *l > UINT32_MAX)
		return false;
	out = static_cast<std::uint32_t>(*h * 10000 + *l);
	return true;
}

bool
parse_alg(std::string_view s, std::uint8_t &out)
{
	if (auto v = parse_uint(s, 0, 255)) {
		out = static_cast<std::uint8_t>(*v);
		return true;
	}
	std::string u = lower(s);
	for (const auto &a : algorithms)
		if (lower(a.text) == u) {
			out = static_cast<std::uint8_t>(a.value);
			return true;
		}
	return false;
}

// Parses one field from the tokens; appends to out.
result<void>
field_from_text(std::uint16_t type, const field &f, cursor &c,
    const name &origin, bytes &out)
{
	bool rest = f.k == kind::cstrings || f.k == kind::base64 ||
	    f.k == kind::hex;
	if (f.k == kind::bitmap) {
		// Zero or more types; the window blocks of RFC 4034 4.1.2.
		std::vector<std::uint16_t> ts;
		while (!c.done()) {
			const token &t = c.take();
			auto v = type_from_text(t.text);
			if (!v)
				return field_error(type, f.label,
				    quoted(t.text) + " is not a type");
			ts.push_back(*v);
		}
		std::sort(ts.begin(), ts.end());
		ts.erase(std::unique(ts.begin(), ts.end()), ts.end());
		std::size_t i = 0;
		while (i < ts.size()) {
			unsigned window = ts[i] >> 8;
			std::uint8_t bits[32] = {};
			unsigned len = 0;
			for (; i < ts.size() && (ts[i] >> 8) == window; i++) {
				unsigned low = ts[i] & 0xff;
				bits[low / 8] |= static_cast<std::uint8_t>(
				    0x80 >> (low % 8));
				len = low / 8 + 1;
			}
			out.push_back(static_cast<std::uint8_t>(window));
			out.push_back(static_cast<std::uint8_t>(len));
			out.insert(out.end(), bits, bits + len);
		}
		return {};
	}
	if (c.done())
		return field_error(type, f.label, "missing");
	if (rest) {
		std::string joined;
		bytes data;
		const char *why = nullptr;
		if (f.k == kind::cstrings) {
			while (!c.done()) {
				const token &t = c.take();
				data.clear();
				if (!unescape(t.text, data, &why))
					return field_error(type, f.label, why);
				if (data.size() > 255)
					return field_error(type, f.label,
					    "string longer than 255 bytes");
				out.push_back(static_cast<std::uint8_t>(
				    data.size()));
				out.insert(out.end(), data.begin(),
				    data.end());
			}
			return {};
		}
		while (!c.done())
			joined += c.take().text;
		bool ok = f.k == kind::base64 ? base64_decode(joined, data) :
		    hex_decode(joined, data);
		if (!ok)
			return field_error(type, f.label,
			    f.k == kind::base64 ? "bad base64" : "bad hex");
		if (data.empty())
			return field_error(type, f.label, "empty");
		out.insert(out.end(), data.begin(), data.end());
		return {};
	}
	const token &t = c.take();
	std::string_view s = t.text;
	switch (f.k) {
	case kind::u8:
	case kind::u16:
	case kind::u32: {
		std::uint64_t max = f.k == kind::u8 ? 255 :
		    f.k == kind::u16 ? 65535 : UINT32_MAX;
		auto v = parse_uint(s, 0, max);
		if (!v)
			return field_error(type, f.label, not_a_number(s, max));
		if (f.k == kind::u8)
			out.push_back(static_cast<std::uint8_t>(*v));
		else if (f.k == kind::u16)
			put16(out, static_cast<std::uint32_t>(*v));
		else
			put32(out, static_cast<std::uint32_t>(*v));
		return {};
	}
	case kind::timer: {
		std::uint64_t v;
		if (!parse_units(s, UINT32_MAX, v))
			return field_error(type, f.label, quoted(s) +
			    " is not a time (seconds or 1w2d3h4m5s)");
		put32(out, static_cast<std::uint32_t>(v));
		return {};
	}
	case kind::serial: {
		std::uint32_t v;
		if (!parse_serial(s, v))
			return field_error(type, f.label, quoted(s) +
			    " is not a serial (0 to 4294967295, or BIND 4 "
			    "N.NNNN)");
		put32(out, v);
		return {};
	}
	case kind::dname: {
		auto n = name::from_text(s, origin);
		if (!n)
			return field_error(type, f.label, quoted(s) + ": " +
			    n.err().message());
		if (!n->is_absolute())
			return field_error(type, f.label, quoted(s) +
			    ": relative name without an absolute origin");
		auto w = n->wire();
		out.insert(out.end(), w.begin(), w.end());
		return {};
	}
	case kind::ipv4: {
		auto a = parse_ipv4_classic(s);
		if (!a)
			return field_error(type, f.label, quoted(s) +
			    " is not an IPv4 address");
		put32(out, a->v4_value());
		return {};
	}
	case kind::ipv6: {
		std::string z(s);
		std::uint8_t a[16];
		if (inet_pton(AF_INET6, z.c_str(), a) != 1)
			return field_error(type, f.label, quoted(s) +
			    " is not an IPv6 address");
		out.insert(out.end(), a, a + 16);
		return {};
	}
	case kind::cstring:
	case kind::caa_value: {
		bytes data;
		const char *why = nullptr;
		if (!unescape(s, data, &why))
			return field_error(type, f.label, why);
		if (f.k == kind::cstring) {
			if (data.size() > 255)
				return field_error(type, f.label,
				    "string longer than 255 bytes");
			out.push_back(static_cast<std::uint8_t>(data.size()));
		}
		out.insert(out.end(), data.begin(), data.end());
		return {};
	}
	case kind::rrtype: {
		auto v = type_from_text(s);
		if (!v)
			return field_error(type, f.label, quoted(s) +
			    " is not a type");
		put16(out, *v);
		return {};
	}
	case kind::time: {
		std::uint32_t v;
		if (!parse_time(s, v))
			return field_error(type, f.label, quoted(s) +
			    " is not a time (YYYYMMDDHHmmSS or seconds)");
		put32(out, v);
		return {};
	}
	case kind::salt: {
		bytes data;
		if (s != "-" && (!hex_decode(s, data) || data.empty()))
			return field_error(type, f.label, quoted(s) +
			    " is not hex or \"-\"");
		if (data.size() > 255)
			return field_error(type, f.label,
			    "longer than 255 bytes");
		out.push_back(static_cast<std::uint8_t>(data.size()));
		out.insert(out.end(), data.begin(), data.end());
		return {};
	}
	case kind::hash32: {
		bytes data;
		if (!base32hex_decode(s, data) || data.empty())
			return field_error(type, f.label, quoted(s) +
			    " is not base32hex");
		if (data.size() > 255)
			return field_error(type, f.label,
			    "longer than 255 bytes");
		out.push_back(static_cast<std::uint8_t>(data.size()));
		out.insert(out.end(), data.begin(), data.end());
		return {};
	}
	case kind::alg: {
		std::uint8_t v;
		if (!parse_alg(s, v))
			return field_error(type, f.label, quoted(s) +
			    " is not an algorithm number or mnemonic");
		out.push_back(v);
		return {};
	}
	case kind::caa_tag: {
		if (s.empty() || s.size() > 255)
			return field_error(type, f.label, "bad length");
		for (char ch : s)
			if (!((ch >= 'a' && ch <= 'z') ||
			    (ch >= 'A' && ch <= 'Z') ||
			    (ch >= '0' && ch <= '9')))
				return field_error(type, f.label, quoted(s) +
				    " is not letters and digits");
		out.push_back(static_cast<std::uint8_t>(s.size()));
		out.insert(out.end(), s.begin(), s.end());
		return {};
	}
	default:
		break;
	}
	return field_error(type, f.label, "internal: unhandled field");
}

// ---- wire to text (and checks) --------------------------------------

// Decodes rdata of a known layout; appends the text to out when out is
// not null.  nullptr or a reason.
const char *
fields_to_text(const layout &l, bytes_view rdata, std::string *out)
{
	wire_reader r(rdata);
	bool first = true;
	auto sep = [&]() {
		if (out && !first)
			*out += ' ';
		first = false;
	};
	for (const field &f : l.fields) {
		switch (f.k) {
		case kind::u8:
		case kind::alg: {
			unsigned v = r.u8();
			if (!r.ok())
				return "rdata too short";
			if (out) {
				sep();
				*out += std::to_string(v);
			}
			break;
		}
		case kind::u16: {
			unsigned v = r.u16();
			if (!r.ok())
				return "rdata too short";
			if (out) {
				sep();
				*out += std::to_string(v);
			}
			break;
		}
		case kind::u32:
		case kind::timer:
		case kind::serial: {
			std::uint32_t v = r.u32();
			if (!r.ok())
				return "rdata too short";
			if (out) {
				sep();
				*out += std::to_string(v);
			}
			break;
		}
		case kind::time: {
			std::uint32_t v = r.u32();
			if (!r.ok())
				return "rdata too short";
			if (out) {
				sep();
				*out += time_to_text(v);
			}
			break;
		}
		case kind::rrtype: {
			std::uint16_t v = r.u16();
			if (!r.ok())
				return "rdata too short";
			if (out) {
				sep();
				*out += type_to_text(v);
			}
			break;
		}
		case kind::dname: {
			std::size_t off = r.offset();
			std::size_t n = wire_name_length(
			    rdata.subspan(r.offset()));
			if (n == 0)
				return "bad name in rdata";
			r.skip(n);
			if (out) {
				sep();
				*out += name::from_wire(rdata.subspan(off, n))
				    ->to_text();
			}
			break;
		}
		case kind::ipv4: {
			auto b = r.bytes(4);
			if (!r.ok())
				return "rdata too short";
			if (out) {
				sep();
				char buf[INET_ADDRSTRLEN];
				inet_ntop(AF_INET, b.data(), buf, sizeof buf);
				*out += buf;
			}
			break;
		}
		case kind::ipv6: {
			auto b = r.bytes(16);
			if (!r.ok())
				return "rdata too short";
			if (out) {
				sep();
				char buf[INET6_ADDRSTRLEN];
				inet_ntop(AF_INET6, b.data(), buf, sizeof buf);
				*out += buf;
			}
			break;
		}
		case kind::cstring:
		case kind::cstrings: {
			unsigned count = 0;
			do {
				unsigned n = r.u8();
				auto b = r.bytes(n);
				if (!r.ok())
					return "character string runs past "
					       "the rdata";
				if (out) {
					sep();
					append_quoted(*out, b);
				}
				count++;
			} while (f.k == kind::cstrings && !r.at_end());
			(void)count;
			break;
		}
		case kind::caa_tag: {
			unsigned n = r.u8();
			auto b = r.bytes(n);
			if (!r.ok() || n == 0)
				return "bad CAA tag";
			for (std::uint8_t ch : b)
				if (!((ch >= 'a' && ch <= 'z') ||
				    (ch >= 'A' && ch <= 'Z') ||
				    (ch >= '0' && ch <= '9')))
					return "bad CAA tag";
			if (out) {
				sep();
				out->append(b.begin(), b.end());
			}
			break;
		}
		case kind::caa_value: {
			auto b = r.rest();
			if (out) {
				sep();
				append_quoted(*out, b);
			}
			break;
		}
		case kind::base64:
		case kind::hex: {
			auto b = r.rest();
			if (b.empty())
				return "empty key, digest or signature";
			if (out) {
				sep();
				*out += f.k == kind::base64 ? base64_encode(b) :
				    hex_encode(b);
			}
			break;
		}
		case kind::salt: {
			unsigned n = r.u8();
			auto b = r.bytes(n);
			if (!r.ok())
				return "salt runs past the rdata";
			if (out) {
				sep();
				*out += n == 0 ? std::string("-") :
				    hex_encode(b);
			}
			break;
		}
		case kind::hash32: {
			unsigned n = r.u8();
			auto b = r.bytes(n);
			if (!r.ok() || n == 0)
				return "bad hashed owner name";
			if (out) {
				sep();
				*out += base32hex_encode(b);
			}
			break;
		}
		case kind::bitmap: {
			int last = -1;
			while (!r.at_end()) {
				unsigned window = r.u8();
				unsigned len = r.u8();
				auto b = r.bytes(len);
				if (!r.ok() || len == 0 || len > 32)
					return "bad type bitmap";
				if (int(window) <= last)
					return "type bitmap windows out of "
					       "order";
				if (b[len - 1] == 0)
					return "type bitmap with a trailing "
					       "zero byte";
				last = int(window);
				if (!out)
					continue;
				for (unsigned i = 0; i < len * 8; i++)
					if (b[i / 8] & (0x80 >> (i % 8))) {
						sep();
						*out += type_to_text(
						    static_cast<std::uint16_t>(
						    window << 8 | i));
					}
			}
			break;
		}
		}
	}
	if (!r.ok())
		return "rdata too short";
	if (!r.at_end())
		return "bytes after the rdata";
	return nullptr;
}

// ---- WKS (RFC 1035 section 3.4.2) ------------------------------------

result<void>
wks_from_text(cursor &c, bytes &out)
{
	const std::uint16_t type = rr_type::wks;
	if (c.done())
		return field_error(type, "address", "missing");
	auto a = parse_ipv4_classic(c.peek().text);
	if (!a)
		return field_error(type, "address", quoted(c.peek().text) +
		    " is not an IPv4 address");
	c.take();
	put32(out, a->v4_value());
	if (c.done())
		return field_error(type, "protocol", "missing");
	std::string p = lower(c.take().text);
	unsigned proto;
	if (p == "tcp")
		proto = 6;
	else if (p == "udp")
		proto = 17;
	else if (auto v = parse_uint(p, 0, 255))
		proto = static_cast<unsigned>(*v);
	else
		return field_error(type, "protocol", quoted(p) +
		    " is not tcp, udp or a number");
	out.push_back(static_cast<std::uint8_t>(proto));
	std::vector<std::uint8_t> bits;
	while (!c.done()) {
		std::string s = lower(c.take().text);
		std::optional<std::uint64_t> port = parse_uint(s, 0, 65535);
		if (!port)
			for (const auto &w : wks_services)
				if (s == w.text && ((proto == 6 && w.tcp) ||
				    (proto == 17 && w.udp))) {
					port = w.port;
					break;
				}
		if (!port)
			return field_error(type, "services", quoted(s) +
			    " is not a port number or known service");
		std::size_t byte = *port / 8;
		if (bits.size() <= byte)
			bits.resize(byte + 1);
		bits[byte] |= static_cast<std::uint8_t>(0x80 >> (*port % 8));
	}
	out.insert(out.end(), bits.begin(), bits.end());
	return {};
}

const char *
wks_to_text(bytes_view rdata, std::string *out)
{
	wire_reader r(rdata);
	auto a = r.bytes(4);
	unsigned proto = r.u8();
	if (!r.ok())
		return "rdata too short";
	auto bits = r.rest();
	if (bits.size() > 8192)
		return "WKS bitmap longer than 8192 bytes";
	if (!out)
		return nullptr;
	char buf[INET_ADDRSTRLEN];
	inet_ntop(AF_INET, a.data(), buf, sizeof buf);
	*out += buf;
	*out += ' ';
	*out += proto == 6 ? std::string("tcp") : proto == 17 ?
	    std::string("udp") : std::to_string(proto);
	for (std::size_t i = 0; i < bits.size() * 8; i++)
		if (bits[i / 8] & (0x80 >> (i % 8)))
			*out += ' ' + std::to_string(i);
	return nullptr;
}

// ---- LOC (RFC 1876) --------------------------------------------------

// A decimal with up to frac fraction digits, scaled by 10^frac; an
// optional leading '-' when neg is given, an optional trailing 'm' when
// meters.
bool
parse_scaled(std::string_view s, unsigned frac, bool meters,
    std::int64_t &out, bool allow_neg)
{
	if (meters && !s.empty() && (s.back() == 'm' || s.back() == 'M'))
		s.remove_suffix(1);
	bool neg = false;
	if (allow_neg && !s.empty() && s[0] == '-') {
		neg = true;
		s.remove_prefix(1);
	}
	auto dot = s.find('.');
	std::string_view ip = s.substr(0, dot);
	std::string_view fp = dot == s.npos ? std::string_view() :
	    s.substr(dot + 1);
	if (ip.empty() || fp.size() > frac || (dot != s.npos && fp.empty()))
		return false;
	auto i = parse_uint(ip, 0, 100000000000ULL);
	if (!i)
		return false;
	std::int64_t v = static_cast<std::int64_t>(*i);
	for (unsigned k = 0; k < frac; k++) {
		v *= 10;
		if (k < fp.size()) {
			if (fp[k] < '0' || fp[k] > '9')
				return false;
			v += fp[k] - '0';
		}
	}
	out = neg ? -v : v;
	return true;
}

bool
is_number_token(const cursor &c)
{
	if (c.done())
		return false;
	const std::string &s = c.peek().text;
	return !s.empty() && s[0] >= '0' && s[0] <= '9';
}

// A precision byte: mantissa in the high nibble, power of ten in the low,
// in centimetres; the value is rounded down to what fits.
std::uint8_t
loc_precision(std::int64_t cm)
{
	unsigned e = 0;
	while (cm >= 10 && e < 9) {
		cm /= 10;
		e++;
	}
	if (cm > 9)
		cm = 9;
	return static_cast<std::uint8_t>(cm << 4 | e);
}

result<void>
loc_coordinate(cursor &c, const char *label, unsigned max_deg, char pos,
    char neg, std::uint32_t &out)
{
	const std::uint16_t type = rr_type::loc;
	if (c.done())
		return field_error(type, label, "missing");
	auto d = parse_uint(c.peek().text, 0, max_deg);
	if (!d)
		return field_error(type, label, not_a_number(c.peek().text,
		    max_deg));
	c.take();
	std::uint64_t m = 0;
	std::int64_t ms = 0;
	if (is_number_token(c)) {
		auto v = parse_uint(c.peek().text, 0, 59);
		if (!v)
			return field_error(type, label, "bad minutes " +
			    quoted(c.peek().text));
		m = *v;
		c.take();
		if (is_number_token(c)) {
			if (!parse_scaled(c.peek().text, 3, false, ms, false) ||
			    ms >= 60000)
				return field_error(type, label,
				    "bad seconds " + quoted(c.peek().text));
			c.take();
		}
	}
	if (c.done())
		return field_error(type, label, std::string("missing ") + pos +
		    " or " + neg);
	std::string h = c.take().text;
	bool south;
	if (h.size() == 1 && (h[0] == pos || h[0] == pos + 32))
		south = false;
	else if (h.size() == 1 && (h[0] == neg || h[0] == neg + 32))
		south = true;
	else
		return field_error(type, label, quoted(h) + " is not " + pos +
		    " or " + neg);
	std::int64_t total = (static_cast<std::int64_t>(*d) * 3600 +
	    static_cast<std::int64_t>(m) * 60) * 1000 + ms;
	if (total > std::int64_t(max_deg) * 3600000)
		return field_error(type, label, "more than " +
		    std::to_string(max_deg) + " degrees");
	out = static_cast<std::uint32_t>((std::int64_t(1) << 31) +
	    (south ? -total : total));
	return {};
}

result<void>
loc_from_text(cursor &c, bytes &out)
{
	const std::uint16_t type = rr_type::loc;
	std::uint32_t lat, lon;
	if (auto r = loc_coordinate(c, "latitude", 90, 'N', 'S', lat); !r)
		return r;
	if (auto r = loc_coordinate(c, "longitude", 180, 'E', 'W', lon); !r)
		return r;
	if (c.done())
		return field_error(type, "altitude", "missing");
	std::int64_t alt;
	if (!parse_scaled(c.peek().text, 2, true, alt, true) ||
	    alt < -10000000 || alt > 4294967295LL - 10000000)
		return field_error(type, "altitude", quoted(c.peek().text) +
		    " is not metres from -100000 to 42849672.95");
	c.take();
	// Defaults of RFC 1876: 1m across, 10000m and 10m precision.
	std::int64_t sizes[3] = {100, 1000000, 1000};
	const char *labels[3] = {"size", "horizontal precision",
	    "vertical precision"};
	for (int i = 0; i < 3 && !c.done(); i++) {
		if (!parse_scaled(c.peek().text, 2, true, sizes[i], false) ||
		    sizes[i] > 9000000000LL)
			return field_error(type, labels[i],
			    quoted(c.peek().text) +
			    " is not metres from 0 to 90000000");
		c.take();
	}
	out.push_back(0);
	for (auto s : sizes)
		out.push_back(loc_precision(s));
	put32(out, lat);
	put32(out, lon);
	put32(out, static_cast<std::uint32_t>(alt + 10000000));
	return {};
}

void
append_metres(std::string &s, std::uint64_t cm)
{
	s += std::to_string(cm / 100);
	if (cm % 100) {
		char buf[8];
		std::snprintf(buf, sizeof buf, ".%02u", unsigned(cm % 100));
		s += buf;
	}
	s += 'm';
}

void
append_coordinate(std::string &s, std::uint32_t v, char pos, char neg)
{
	std::int64_t d = std::int64_t(v) - (std::int64_t(1) << 31);
	char h = d < 0 ? neg : pos;
	std::uint64_t a = static_cast<std::uint64_t>(d < 0 ? -d : d);
	char buf[64];
	std::snprintf(buf, sizeof buf, "%u %u %u.%03u %c",
	    unsigned(a / 3600000), unsigned(a / 60000 % 60),
	    unsigned(a / 1000 % 60), unsigned(a % 1000), h);
	s += buf;
}

const char *
loc_to_text(bytes_view rdata, std::string *out)
{
	wire_reader r(rdata);
	unsigned version = r.u8();
	std::uint8_t pre[3];
	for (auto &p : pre)
		p = r.u8();
	std::uint32_t lat = r.u32(), lon = r.u32(), alt = r.u32();
	if (!r.ok())
		return "rdata too short";
	if (!r.at_end())
		return "bytes after the rdata";
	if (version != 0)
		return "LOC version is not 0";
	for (auto p : pre)
		if ((p >> 4) > 9 || (p & 15) > 9)
			return "bad LOC precision";
	const std::int64_t mid = std::int64_t(1) << 31;
	if (std::int64_t(lat) - mid > 90 * 3600000LL ||
	    mid - std::int64_t(lat) > 90 * 3600000LL)
		return "LOC latitude over 90 degrees";
	if (std::int64_t(lon) - mid > 180 * 3600000LL ||
	    mid - std::int64_t(lon) > 180 * 3600000LL)
		return "LOC longitude over 180 degrees";
	if (!out)
		return nullptr;
	append_coordinate(*out, lat, 'N', 'S');
	*out += ' ';
	append_coordinate(*out, lon, 'E', 'W');
	*out += ' ';
	std::int64_t a = std::int64_t(alt) - 10000000;
	if (a < 0) {
		*out += '-';
		a = -a;
	}
	char buf[32];
	std::snprintf(buf, sizeof buf, "%lld.%02um",
	    static_cast<long long>(a / 100), unsigned(a % 100));
	*out += buf;
	for (auto p : pre) {
		std::uint64_t cm = p >> 4;
		for (unsigned e = 0; e < (p & 15u); e++)
			cm *= 10;
		*out += ' ';
		append_metres(*out, cm);
	}
	return nullptr;
}

// ---- SVCB and HTTPS (RFC 9460) ---------------------------------------

namespace svc {
constexpr std::uint16_t mandatory = 0;
constexpr std::uint16_t alpn = 1;
constexpr std::uint16_t no_default_alpn = 2;
constexpr std::uint16_t port = 3;
constexpr std::uint16_t ipv4hint = 4;
constexpr std::uint16_t ech = 5;
constexpr std::uint16_t ipv6hint = 6;
} // namespace svc

const char *const svc_key_names[] = {"mandatory", "alpn",
    "no-default-alpn", "port", "ipv4hint", "ech", "ipv6hint"};

std::optional<std::uint16_t>
svc_key_from_text(std::string_view s)
{
	for (std::uint16_t i = 0; i < 7; i++)
		if (s == svc_key_names[i])
			return i;
	if (s.size() > 3 && s.substr(0, 3) == "key") {
		// 65535 is the reserved "invalid key".
		if (auto v = parse_uint(s.substr(3), 0, 65534))
			return static_cast<std::uint16_t>(*v);
	}
	return std::nullopt;
}

std::string
svc_key_to_text(std::uint16_t k)
{
	if (k < 7)
		return svc_key_names[k];
	return "key" + std::to_string(k);
}

// Splits a value-list (RFC 9460 appendix A.1) at unescaped commas, after
// the character-string escapes are gone: "\," and "\\" are a literal
// comma and backslash within an item.
bool
split_value_list(bytes_view v, std::vector<bytes> &items)
{
	items.emplace_back();
	for (std::size_t i = 0; i < v.size(); i++) {
		std::uint8_t c = v[i];
		if (c == '\\') {
			if (i + 1 >= v.size())
				return false;
			items.back().push_back(v[++i]);
		} else if (c == ',') {
			items.emplace_back();
		} else {
			items.back().push_back(c);
		}
	}
	for (const auto &it : items)
		if (it.empty())
			return false;
	return true;
}

std::string
as_string(const bytes &b)
{
	return std::string(b.begin(), b.end());
}

result<void>
svc_value(std::uint16_t type, std::uint16_t key, bool has_value,
    const bytes &raw, bytes &out)
{
	std::string label = svc_key_to_text(key);
	auto bad = [&](const std::string &why) {
		return fail(0, type_to_text(type) + " " + label + ": " + why);
	};
	if (key == svc::no_default_alpn) {
		if (has_value)
			return bad("takes no value");
		return {};
	}
	if (!has_value && key <= svc::ipv6hint)
		return bad("needs a value");
	std::vector<bytes> items;
	switch (key) {
	case svc::mandatory: {
		if (!split_value_list(raw, items))
			return bad("bad list");
		std::vector<std::uint16_t> keys;
		for (const auto &it : items) {
			auto k = svc_key_from_text(as_string(it));
			if (!k)
				return bad(quoted(as_string(it)) +
				    " is not a key");
			if (*k == svc::mandatory)
				return bad("lists mandatory itself");
			keys.push_back(*k);
		}
		std::sort(keys.begin(), keys.end());
		if (std::adjacent_find(keys.begin(), keys.end()) != keys.end())
			return bad("lists a key twice");
		for (auto k : keys)
			put16(out, k);
		return {};
	}
	case svc::alpn:
		if (!split_value_list(raw, items))
			return bad("bad list");
		for (const auto &it : items) {
			if (it.size() > 255)
				return bad("protocol id longer than 255");
			out.push_back(static_cast<std::uint8_t>(it.size()));
			out.insert(out.end(), it.begin(), it.end());
		}
		return {};
	case svc::port: {
		auto v = parse_uint(as_string(raw), 0, 65535);
		if (!v)
			return bad(not_a_number(as_string(raw), 65535));
		put16(out, static_cast<std::uint32_t>(*v));
		return {};
	}
	case svc::ipv4hint:
	case svc::ipv6hint: {
		std::string list = as_string(raw);
		for (auto piece : split(list, ',')) {
			std::string z(piece);
			std::uint8_t a[16];
			int af = key == svc::ipv4hint ? AF_INET : AF_INET6;
			if (inet_pton(af, z.c_str(), a) != 1)
				return bad(quoted(z) + " is not an " +
				    (af == AF_INET ? "IPv4" : "IPv6") +
				    " address");
			out.insert(out.end(), a, a + (af == AF_INET ? 4 : 16));
		}
		return {};
	}
	case svc::ech: {
		bytes data;
		if (!base64_decode(as_string(raw), data))
			return bad("bad base64");
		out.insert(out.end(), data.begin(), data.end());
		return {};
	}
	default:
		out.insert(out.end(), raw.begin(), raw.end());
		return {};
	}
}

result<void>
svcb_from_text(std::uint16_t type, cursor &c, const name &origin,
    bytes &out)
{
	static const field head[] = {{kind::u16, "priority"},
	    {kind::dname, "target"}};
	for (const auto &f : head)
		if (auto r = field_from_text(type, f, c, origin, out); !r)
			return r;
	struct param {
		std::uint16_t key;
		bytes value;
	};
	std::vector<param> params;
	while (!c.done()) {
		const token &t = c.take();
		std::string_view s = t.text;
		auto eq = s.find('=');
		std::string_view k = s.substr(0, eq);
		auto key = svc_key_from_text(k);
		if (!key)
			return fail(0, type_to_text(type) + ": " +
			    quoted(k) + " is not a parameter key");
		bool has_value = eq != s.npos;
		std::string_view v = has_value ? s.substr(eq + 1) :
		    std::string_view();
		if (has_value && v.empty() && !c.done() && c.peek().quoted)
			v = c.take().text;
		else if (v.size() >= 2 && v.front() == '"' && v.back() == '"')
			v = v.substr(1, v.size() - 2);
		bytes raw;
		const char *why = nullptr;
		if (!unescape(v, raw, &why))
			return fail(0, type_to_text(type) + " " +
			    svc_key_to_text(*key) + ": " + why);
		param p{*key, {}};
		if (auto r = svc_value(type, *key, has_value && !(v.empty() &&
		    *key == svc::no_default_alpn), raw, p.value); !r)
			return r;
		if (p.value.size() > 65535)
			return fail(0, type_to_text(type) + " " +
			    svc_key_to_text(*key) + ": value too long");
		for (const auto &q : params)
			if (q.key == p.key)
				return fail(0, type_to_text(type) + ": " +
				    svc_key_to_text(p.key) + " given twice");
		params.push_back(std::move(p));
	}
	std::sort(params.begin(), params.end(),
	    [](const param &a, const param &b) { return a.key < b.key; });
	// Keys named mandatory must be there (RFC 9460 section 8).
	for (const auto &p : params) {
		if (p.key != svc::mandatory)
			continue;
		for (std::size_t i = 0; i < p.value.size(); i += 2) {
			std::uint16_t k = static_cast<std::uint16_t>(
			    p.value[i] << 8 | p.value[i + 1]);
			bool found = false;
			for (const auto &q : params)
				found = found || q.key == k;
			if (!found)
				return fail(0, type_to_text(type) +
				    " mandatory: " + svc_key_to_text(k) +
				    " is not given");
		}
	}
	for (const auto &p : params) {
		put16(out, p.key);
		put16(out, static_cast<std::uint32_t>(p.value.size()));
		out.insert(out.end(), p.value.begin(), p.value.end());
	}
	return {};
}

// A value-list item escaped for the list, then for the character string.
void
append_list_item(bytes &s, bytes_view item)
{
	for (std::uint8_t c : item) {
		if (c == ',' || c == '\\')
			s.push_back('\\');
		s.push_back(c);
	}
}

const char *
svcb_to_text(bytes_view rdata, std::string *out)
{
	wire_reader r(rdata);
	std::uint16_t prio = r.u16();
	if (!r.ok())
		return "rdata too short";
	std::size_t off = r.offset();
	std::size_t n = wire_name_length(rdata.subspan(off));
	if (n == 0)
		return "bad name in rdata";
	r.skip(n);
	if (out) {
		*out += std::to_string(prio) + ' ' +
		    name::from_wire(rdata.subspan(off, n))->to_text();
	}
	int last = -1;
	while (!r.at_end()) {
		std::uint16_t key = r.u16();
		std::uint16_t len = r.u16();
		auto v = r.bytes(len);
		if (!r.ok())
			return "SVCB parameter runs past the rdata";
		if (int(key) <= last)
			return "SVCB keys out of order";
		if (key == 65535)
			return "SVCB key 65535";
		last = key;
		wire_reader vr(v);
		std::string text;
		switch (key) {
		case svc::mandatory: {
			if (len == 0 || len % 2)
				return "bad SVCB mandatory";
			int prev = -1;
			while (!vr.at_end()) {
				std::uint16_t k = vr.u16();
				if (int(k) <= prev || k == svc::mandatory)
					return "bad SVCB mandatory";
				prev = k;
				if (!text.empty())
					text += ',';
				text += svc_key_to_text(k);
			}
			break;
		}
		case svc::alpn: {
			if (len == 0)
				return "empty SVCB alpn";
			bytes list;
			while (!vr.at_end()) {
				unsigned l = vr.u8();
				auto id = vr.bytes(l);
				if (!vr.ok() || l == 0)
					return "bad SVCB alpn";
				if (!list.empty())
					list.push_back(',');
				append_list_item(list, id);
			}
			append_quoted(text, list, true);
			break;
		}
		case svc::no_default_alpn:
			if (len != 0)
				return "SVCB no-default-alpn with a value";
			break;
		case svc::port:
			if (len != 2)
				return "bad SVCB port";
			text = std::to_string(vr.u16());
			break;
		case svc::ipv4hint:
		case svc::ipv6hint: {
			unsigned size = key == svc::ipv4hint ? 4 : 16;
			if (len == 0 || len % size)
				return "bad SVCB address hint";
			while (!vr.at_end()) {
				char buf[INET6_ADDRSTRLEN];
				inet_ntop(size == 4 ? AF_INET : AF_INET6,
				    vr.bytes(size).data(), buf, sizeof buf);
				if (!text.empty())
					text += ',';
				text += buf;
			}
			break;
		}
		case svc::ech:
			text = base64_encode(v);
			break;
		default:
			if (len > 0)
				append_quoted(text, v, true);
			break;
		}
		if (out) {
			*out += ' ' + svc_key_to_text(key);
			if (key == svc::ech ||
			    (key != svc::no_default_alpn && !text.empty()))
				*out += '=' + text;
		}
	}
	return nullptr;
}

// ---- OPT (RFC 6891 section 6.1.2) ------------------------------------

const char *
opt_check(bytes_view rdata)
{
	wire_reader r(rdata);
	while (!r.at_end()) {
		r.u16();
		std::uint16_t len = r.u16();
		r.skip(len);
		if (!r.ok())
			return "EDNS option runs past the rdata";
	}
	return nullptr;
}

// ---- generic ---------------------------------------------------------

// The rdata of "\# length hex..." (RFC 3597 section 5).
result<bytes>
generic_from_text(std::uint16_t type, cursor &c)
{
	c.take();
	if (c.done())
		return fail(0, type_to_text(type) + " \\#: missing length");
	auto len = parse_uint(c.peek().text, 0, 65535);
	if (!len)
		return fail(0, type_to_text(type) + " \\#: " +
		    not_a_number(c.peek().text, 65535));
	c.take();
	std::string joined;
	while (!c.done())
		joined += c.take().text;
	bytes data;
	if (!hex_decode(joined, data))
		return fail(0, type_to_text(type) + " \\#: bad hex");
	if (data.size() != *len)
		return fail(0, type_to_text(type) + " \\#: length " +
		    std::to_string(*len) + " but " +
		    std::to_string(data.size()) + " bytes of data");
	return data;
}

// Decodes (when out is set) or checks rdata of type; nullptr or a reason.
const char *
decode(std::uint16_t type, bytes_view rdata, std::string *out)
{
	if (rdata.size() > 65535)
		return "rdata longer than 65535 bytes";
	if (const layout *l = find_layout(type))
		return fields_to_text(*l, rdata, out);
	switch (type) {
	case rr_type::wks:
		return wks_to_text(rdata, out);
	case rr_type::loc:
		return loc_to_text(rdata, out);
	case rr_type::svcb:
	case rr_type::https:
		return svcb_to_text(rdata, out);
	case rr_type::opt:
		return opt_check(rdata);
	default:
		return nullptr;
	}
}

bool
has_own_form(std::uint16_t type)
{
	return find_layout(type) || type == rr_type::wks ||
	    type == rr_type::loc || type == rr_type::svcb ||
	    type == rr_type::https;
}

} // namespace

std::string
base64_encode(bytes_view b)
{
	std::string s;
	s.reserve((b.size() + 2) / 3 * 4);
	for (std::size_t i = 0; i < b.size(); i += 3) {
		std::uint32_t w = std::uint32_t(b[i]) << 16;
		if (i + 1 < b.size())
			w |= std::uint32_t(b[i + 1]) << 8;
		if (i + 2 < b.size())
			w |= b[i + 2];
		s += b64_chars[w >> 18 & 63];
		s += b64_chars[w >> 12 & 63];
		s += i + 1 < b.size() ? b64_chars[w >> 6 & 63] : '=';
		s += i + 2 < b.size() ? b64_chars[w & 63] : '=';
	}
	return s;
}

std::string
hex_encode(bytes_view b)
{
	static const char digits[] = "0123456789ABCDEF";
	std::string s;
	s.reserve(b.size() * 2);
	for (std::uint8_t c : b) {
		s += digits[c >> 4];
		s += digits[c & 15];
	}
	return s;
}

result<std::uint32_t>
parse_ttl(std::string_view text)
{
	std::uint64_t v;
	if (!parse_units(text, max_ttl, v))
		return fail(0, quoted(text) + " is not a TTL (0 to "
		    "2147483647 seconds, or units like 1w2d3h4m5s)");
	return static_cast<std::uint32_t>(v);
}

std::optional<std::uint32_t>
parse_duration(std::string_view text)
{
	std::uint64_t v;
	if (!parse_units(text, UINT32_MAX, v))
		return std::nullopt;
	return static_cast<std::uint32_t>(v);
}

result<std::vector<std::uint8_t>>
rdata_from_text(std::uint16_t type, std::span<const token> tokens,
    const name &origin)
{
	if (is_meta_type(type))
		return fail(0, type_to_text(type) +
		    " records have no master-file form");
	cursor c{tokens, 0};
	if (!c.done() && !c.peek().quoted && c.peek().text == "\\#") {
		auto data = generic_from_text(type, c);
		if (!data)
			return data;
		if (const char *why = decode(type, *data, nullptr))
			return fail(0, type_to_text(type) + " \\#: not valid "
			    "for the type: " + why);
		return data;
	}
	if (!has_own_form(type))
		return fail(0, type_to_text(type) + ": only the \\# form is "
		    "known for this type");
	bytes out;
	result<void> r;
	if (const layout *l = find_layout(type)) {
		for (const field &f : l->fields) {
			r = field_from_text(type, f, c, origin, out);
			if (!r)
				return r.err();
		}
	} else if (type == rr_type::wks) {
		r = wks_from_text(c, out);
	} else if (type == rr_type::loc) {
		r = loc_from_text(c, out);
	} else {
		r = svcb_from_text(type, c, origin, out);
	}
	if (!r)
		return r.err();
	if (!c.done())
		return fail(0, type_to_text(type) + ": unexpected " +
		    quoted(c.peek().text) + " after the rdata");
	if (out.size() > 65535)
		return fail(0, type_to_text(type) + ": rdata longer than "
		    "65535 bytes");
	return out;
}

std::string
rdata_to_text(std::uint16_t type, bytes_view rdata)
{
	std::string s;
	if (has_own_form(type) && decode(type, rdata, nullptr) == nullptr) {
		(void)decode(type, rdata, &s);
		return s;
	}
	s = "\\# " + std::to_string(rdata.size());
	if (!rdata.empty())
		s += ' ' + hex_encode(rdata);
	return s;
}

const char *
rdata_check(std::uint16_t type, bytes_view rdata)
{
	return decode(type, rdata, nullptr);
}

bool
base32hex_to_bytes(std::string_view s, std::vector<std::uint8_t> &out)
{
	return base32hex_decode(s, out);
}

} // namespace net::dns
