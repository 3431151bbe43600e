#include "libnet/dns_types.h"

#include "libnet/numparse.h"

namespace net::dns {

namespace {

struct mnemonic {
	std::uint16_t value;
	std::string_view text;
};

constexpr mnemonic types[] = {
	{rr_type::a, "A"}, {rr_type::ns, "NS"}, {rr_type::md, "MD"},
	{rr_type::mf, "MF"}, {rr_type::cname, "CNAME"},
	{rr_type::soa, "SOA"}, {rr_type::mb, "MB"}, {rr_type::mg, "MG"},
	{rr_type::mr, "MR"}, {rr_type::null, "NULL"},
	{rr_type::wks, "WKS"}, {rr_type::ptr, "PTR"},
	{rr_type::hinfo, "HINFO"}, {rr_type::minfo, "MINFO"},
	{rr_type::mx, "MX"}, {rr_type::txt, "TXT"}, {rr_type::rp, "RP"},
	{rr_type::afsdb, "AFSDB"}, {rr_type::aaaa, "AAAA"},
	{rr_type::loc, "LOC"}, {rr_type::srv, "SRV"},
	{rr_type::naptr, "NAPTR"}, {rr_type::dname, "DNAME"},
	{rr_type::opt, "OPT"}, {rr_type::ds, "DS"},
	{rr_type::sshfp, "SSHFP"}, {rr_type::rrsig, "RRSIG"},
	{rr_type::nsec, "NSEC"}, {rr_type::dnskey, "DNSKEY"},
	{rr_type::nsec3, "NSEC3"}, {rr_type::nsec3param, "NSEC3PARAM"},
	{rr_type::tlsa, "TLSA"}, {rr_type::svcb, "SVCB"},
	{rr_type::https, "HTTPS"}, {rr_type::tsig, "TSIG"},
	{rr_type::ixfr, "IXFR"}, {rr_type::axfr, "AXFR"},
	{rr_type::mailb, "MAILB"}, {rr_type::maila, "MAILA"},
	{rr_type::any, "ANY"}, {rr_type::caa, "CAA"},
};

constexpr mnemonic classes[] = {
	{rr_class::in, "IN"}, {rr_class::cs, "CS"}, {rr_class::ch, "CH"},
	{rr_class::hs, "HS"}, {rr_class::none, "NONE"},
	{rr_class::any, "ANY"},
};

constexpr mnemonic rcodes[] = {
	{rcode::noerror, "NOERROR"}, {rcode::formerr, "FORMERR"},
	{rcode::servfail, "SERVFAIL"}, {rcode::nxdomain, "NXDOMAIN"},
	{rcode::notimp, "NOTIMP"}, {rcode::refused, "REFUSED"},
	{rcode::yxdomain, "YXDOMAIN"}, {rcode::yxrrset, "YXRRSET"},
	{rcode::nxrrset, "NXRRSET"}, {rcode::notauth, "NOTAUTH"},
	{rcode::notzone, "NOTZONE"}, {rcode::badvers, "BADVERS"},
	{rcode::badcookie, "BADCOOKIE"},
};

constexpr mnemonic opcodes[] = {
	{opcode::query, "QUERY"}, {opcode::iquery, "IQUERY"},
	{opcode::status, "STATUS"}, {opcode::notify, "NOTIFY"},
	{opcode::update, "UPDATE"},
};

bool
equal_nocase(std::string_view a, std::string_view b)
{
	if (a.size() != b.size())
		return false;
	for (std::size_t i = 0; i < a.size(); i++) {
		char x = a[i], y = b[i];
		if (x >= 'a' && x <= 'z')
			x = static_cast<char>(x - 'a' + 'A');
		if (y >= 'a' && y <= 'z')
			y = static_cast<char>(y - 'a' + 'A');
		if (x != y)
			return false;
	}
	return true;
}

template <std::size_t N>
std::string_view
find_text(const mnemonic (&table)[N], std::uint16_t value)
{
	for (const auto &m : table)
		if (m.value == value)
			return m.text;
	return {};
}

// A mnemonic from table, or PREFIXnnn with a number up to 65535.
template <std::size_t N>
std::optional<std::uint16_t>
find_value(const mnemonic (&table)[N], std::string_view prefix,
    std::string_view text)
{
	for (const auto &m : table)
		if (equal_nocase(m.text, text))
			return m.value;
	if (text.size() > prefix.size() &&
	    equal_nocase(text.substr(0, prefix.size()), prefix)) {
		auto v = parse_uint(text.substr(prefix.size()), 0, 65535);
		if (v)
			return static_cast<std::uint16_t>(*v);
	}
	return std::nullopt;
}

} // namespace

std::string_view
type_mnemonic(std::uint16_t type)
{
	return find_text(types, type);
}

std::string
type_to_text(std::uint16_t type)
{
	auto m = type_mnemonic(type);
	if (!m.empty())
		return std::string(m);
	return "TYPE" + std::to_string(type);
}

std::optional<std::uint16_t>
type_from_text(std::string_view text)
{
	return find_value(types, "TYPE", text);
}

std::string_view
class_mnemonic(std::uint16_t cls)
{
	return find_text(classes, cls);
}

std::string
class_to_text(std::uint16_t cls)
{
	auto m = class_mnemonic(cls);
	if (!m.empty())
		return std::string(m);
	return "CLASS" + std::to_string(cls);
}

std::optional<std::uint16_t>
class_from_text(std::string_view text)
{
	// The long names BIND has always accepted for Chaos and Hesiod.
	if (equal_nocase(text, "CHAOS"))
		return rr_class::ch;
	if (equal_nocase(text, "HESIOD"))
		return rr_class::hs;
	return find_value(classes, "CLASS", text);
}

std::string
rcode_to_text(std::uint16_t rc)
{
	auto m = find_text(rcodes, rc);
	if (!m.empty())
		return std::string(m);
	return "RCODE" + std::to_string(rc);
}

std::string
opcode_to_text(std::uint8_t op)
{
	auto m = find_text(opcodes, op);
	if (!m.empty())
		return std::string(m);
	return "OPCODE" + std::to_string(op);
}

bool
is_meta_type(std::uint16_t type)
{
	return type == rr_type::opt || (type >= 128 && type <= 255);
}

bool
is_compressible_type(std::uint16_t type)
{
	switch (type) {
	case rr_type::ns:
	case rr_type::md:
	case rr_type::mf:
	case rr_type::cname:
	case rr_type::soa:
	case rr_type::mb:
	case rr_type::mg:
	case rr_type::mr:
	case rr_type::ptr:
	case rr_type::minfo:
	case rr_type::mx:
		return true;
	default:
		return false;
	}
}

bool
compressible_layout(std::uint16_t type, unsigned &before, unsigned &names,
    unsigned &after)
{
	if (!is_compressible_type(type))
		return false;
	before = type == rr_type::mx ? 2 : 0;
	names = type == rr_type::soa || type == rr_type::minfo ? 2 : 1;
	after = type == rr_type::soa ? 20 : 0;
	return true;
}

} // namespace net::dns
