#include "libnet/addr.h"

#include <arpa/inet.h>
#include <net/if.h>

#include <cstring>

#include "libnet/numparse.h"

namespace net {

std::optional<address>
address::parse(std::string_view s)
{
	if (s.empty() || s.size() > INET6_ADDRSTRLEN + IF_NAMESIZE)
		return std::nullopt;
	std::string text(s);
	address a;
	if (text.find(':') == std::string::npos) {
		in_addr in;
		if (inet_pton(AF_INET, text.c_str(), &in) != 1)
			return std::nullopt;
		a.family_ = AF_INET;
		std::memcpy(a.bytes_.data(), &in, 4);
		return a;
	}
	std::uint32_t scope = 0;
	auto pct = text.find('%');
	if (pct != std::string::npos) {
		std::string zone = text.substr(pct + 1);
		text.resize(pct);
		if (zone.empty())
			return std::nullopt;
		if (auto n = parse_uint(zone, 1, UINT32_MAX))
			scope = static_cast<std::uint32_t>(*n);
		else if ((scope = if_nametoindex(zone.c_str())) == 0)
			return std::nullopt;
	}
	in6_addr in6;
	if (inet_pton(AF_INET6, text.c_str(), &in6) != 1)
		return std::nullopt;
	return v6(in6.s6_addr, scope);
}

address
address::v4(std::uint32_t host_order)
{
	address a;
	a.family_ = AF_INET;
	a.bytes_[0] = static_cast<std::uint8_t>(host_order >> 24);
	a.bytes_[1] = static_cast<std::uint8_t>(host_order >> 16);
	a.bytes_[2] = static_cast<std::uint8_t>(host_order >> 8);
	a.bytes_[3] = static_cast<std::uint8_t>(host_order);
	return a;
}

address
address::v6(const std::uint8_t *bytes, std::uint32_t scope)
{
	address a;
	a.family_ = AF_INET6;
	std::memcpy(a.bytes_.data(), bytes, 16);
	a.scope_ = scope;
	return a;
}

address
address::any6()
{
	std::uint8_t b[16] = {};
	return v6(b);
}

address
address::loopback6()
{
	std::uint8_t b[16] = {};
	b[15] = 1;
	return v6(b);
}

std::optional<address>
address::from_sockaddr(const sockaddr *sa, socklen_t len)
{
	if (sa == nullptr)
		return std::nullopt;
	if (sa->sa_family == AF_INET && len >= sizeof(sockaddr_in)) {
		sockaddr_in sin;
		std::memcpy(&sin, sa, sizeof sin);
		return v4(ntohl(sin.sin_addr.s_addr));
	}
	if (sa->sa_family == AF_INET6 && len >= sizeof(sockaddr_in6)) {
		sockaddr_in6 sin6;
		std::memcpy(&sin6, sa, sizeof sin6);
		return v6(sin6.sin6_addr.s6_addr, sin6.sin6_scope_id);
	}
	return std::nullopt;
}

bool
address::is_unspecified() const
{
	for (std::size_t i = 0; i < size(); i++)
		if (bytes_[i] != 0)
			return false;
	return true;
}

bool
address::is_loopback() const
{
	if (is_v4())
		return bytes_[0] == 127;
	if (is_v4_mapped())
		return bytes_[12] == 127;
	for (int i = 0; i < 15; i++)
		if (bytes_[i] != 0)
			return false;
	return bytes_[15] == 1;
}

bool
address::is_multicast() const
{
	if (is_v4())
		return (bytes_[0] & 0xf0) == 0xe0;
	return bytes_[0] == 0xff;
}

bool
address::is_v4_mapped() const
{
	if (!is_v6())
		return false;
	for (int i = 0; i < 10; i++)
		if (bytes_[i] != 0)
			return false;
	return bytes_[10] == 0xff && bytes_[11] == 0xff;
}

address
address::unmapped() const
{
	if (!is_v4_mapped())
		return *this;
	address a;
	a.family_ = AF_INET;
	std::memcpy(a.bytes_.data(), bytes_.data() + 12, 4);
	return a;
}

std::uint32_t
address::v4_value() const
{
	if (!is_v4())
		return 0;
	return static_cast<std::uint32_t>(bytes_[0]) << 24 |
	    static_cast<std::uint32_t>(bytes_[1]) << 16 |
	    static_cast<std::uint32_t>(bytes_[2]) << 8 | bytes_[3];
}

address
address::masked(unsigned prefix) const
{
	address a = *this;
	unsigned nbits = bits();
	if (prefix >= nbits)
		return a;
	for (unsigned i = 0; i < size(); i++) {
		unsigned lo = i * 8;
		if (lo >= prefix)
			a.bytes_[i] = 0;
		else if (lo + 8 > prefix)
			a.bytes_[i] &= static_cast<std::uint8_t>(
			    0xff << (8 - (prefix - lo)));
	}
	a.scope_ = 0;
	return a;
}

std::string
address::str() const
{
	char buf[INET6_ADDRSTRLEN];
	if (inet_ntop(family_, bytes_.data(), buf, sizeof buf) == nullptr)
		return "?";
	std::string s = buf;
	if (is_v6() && scope_ != 0) {
		char name[IF_NAMESIZE];
		if (if_indextoname(scope_, name) != nullptr)
			s += std::string("%") + name;
		else
			s += "%" + std::to_string(scope_);
	}
	return s;
}

bool
same_host(const address &a, const address &b)
{
	address x = a.unmapped(), y = b.unmapped();
	return x.family() == y.family() &&
	    std::memcmp(x.bytes(), y.bytes(), x.size()) == 0;
}

std::optional<address>
parse_ipv4_classic(std::string_view s)
{
	std::uint64_t parts[4];
	int n = 0;
	while (true) {
		auto dot = s.find('.');
		std::string_view p = s.substr(0, dot);
		if (n == 4)
			return std::nullopt;
		auto v = parse_uint_c(p, 0, UINT32_MAX);
		if (!v)
			return std::nullopt;
		parts[n++] = *v;
		if (dot == std::string_view::npos)
			break;
		s.remove_prefix(dot + 1);
	}
	// The last part fills the remaining bytes; the others are one byte.
	std::uint64_t value = 0;
	for (int i = 0; i < n - 1; i++) {
		if (parts[i] > 0xff)
			return std::nullopt;
		value |= parts[i] << (24 - 8 * i);
	}
	std::uint64_t last_max = 0xffffffffULL >> (8 * (n - 1));
	if (parts[n - 1] > last_max)
		return std::nullopt;
	value |= parts[n - 1];
	return address::v4(static_cast<std::uint32_t>(value));
}

std::optional<std::pair<std::string_view, std::string_view>>
split_host_port(std::string_view s)
{
	if (!s.empty() && s[0] == '[') {
		auto close = s.find(']');
		if (close == std::string_view::npos)
			return std::nullopt;
		std::string_view host = s.substr(1, close - 1);
		std::string_view rest = s.substr(close + 1);
		if (rest.empty())
			return std::pair{host, std::string_view{}};
		if (rest[0] != ':')
			return std::nullopt;
		return std::pair{host, rest.substr(1)};
	}
	auto colon = s.rfind(':');
	if (colon == std::string_view::npos)
		return std::pair{s, std::string_view{}};
	// More than one colon and no brackets: a bare IPv6 address.
	if (s.find(':') != colon)
		return std::pair{s, std::string_view{}};
	return std::pair{s.substr(0, colon), s.substr(colon + 1)};
}

std::optional<endpoint>
endpoint::parse(std::string_view s)
{
	auto hp = split_host_port(s);
	if (!hp || hp->second.empty())
		return std::nullopt;
	auto port = parse_uint(hp->second, 0, 65535);
	if (!port)
		return std::nullopt;
	endpoint ep;
	ep.port = static_cast<std::uint16_t>(*port);
	if (hp->first == "*" || hp->first.empty()) {
		ep.addr = address::any6();
		return ep;
	}
	auto a = address::parse(hp->first);
	if (!a)
		return std::nullopt;
	ep.addr = *a;
	return ep;
}

socklen_t
endpoint::to_sockaddr(sockaddr_storage &ss) const
{
	std::memset(&ss, 0, sizeof ss);
	if (addr.is_v4()) {
		sockaddr_in sin{};
		sin.sin_family = AF_INET;
		sin.sin_port = htons(port);
		std::memcpy(&sin.sin_addr, addr.bytes(), 4);
		std::memcpy(&ss, &sin, sizeof sin);
		return sizeof sin;
	}
	sockaddr_in6 sin6{};
	sin6.sin6_family = AF_INET6;
	sin6.sin6_port = htons(port);
	std::memcpy(&sin6.sin6_addr, addr.bytes(), 16);
	sin6.sin6_scope_id = addr.scope_id();
	std::memcpy(&ss, &sin6, sizeof sin6);
	return sizeof sin6;
}

std::optional<endpoint>
endpoint::from_sockaddr(const sockaddr *sa, socklen_t len)
{
	auto a = address::from_sockaddr(sa, len);
	if (!a)
		return std::nullopt;
	std::uint16_t port;
	if (sa->sa_family == AF_INET) {
		sockaddr_in sin;
		std::memcpy(&sin, sa, sizeof sin);
		port = ntohs(sin.sin_port);
	} else {
		sockaddr_in6 sin6;
		std::memcpy(&sin6, sa, sizeof sin6);
		port = ntohs(sin6.sin6_port);
	}
	return endpoint{*a, port};
}

std::string
endpoint::str() const
{
	if (addr.is_v6())
		return "[" + addr.str() + "]:" + std::to_string(port);
	return addr.str() + ":" + std::to_string(port);
}

cidr::cidr(address a, unsigned prefix)
    : net_(a.masked(prefix)), prefix_(prefix > a.bits() ? a.bits() : prefix)
{
}

std::optional<cidr>
cidr::parse(std::string_view s)
{
	auto slash = s.find('/');
	std::string_view addr_part = s.substr(0, slash);
	if (addr_part.size() >= 2 && addr_part.front() == '[' &&
	    addr_part.back() == ']')
		addr_part = addr_part.substr(1, addr_part.size() - 2);
	auto a = address::parse(addr_part);
	if (!a)
		return std::nullopt;
	if (slash == std::string_view::npos)
		return cidr(*a, a->bits());
	std::string_view p = s.substr(slash + 1);
	if (auto len = parse_uint(p, 0, a->bits()))
		return cidr(*a, static_cast<unsigned>(*len));
	// IPv4 netmask form; it must be contiguous ones.
	auto mask = address::parse(p);
	if (!a->is_v4() || !mask || !mask->is_v4())
		return std::nullopt;
	std::uint32_t m = mask->v4_value();
	unsigned len = 0;
	while (len < 32 && (m & (0x80000000u >> len)))
		len++;
	if (len < 32 && (m << len) != 0)
		return std::nullopt;
	return cidr(*a, len);
}

bool
cidr::contains(const address &a) const
{
	address x = a;
	if (net_.is_v4() && x.is_v4_mapped())
		x = x.unmapped();
	if (x.family() != net_.family())
		return false;
	address m = x.masked(prefix_);
	return std::memcmp(m.bytes(), net_.bytes(), net_.size()) == 0;
}

std::string
cidr::str() const
{
	return net_.str() + "/" + std::to_string(prefix_);
}

} // namespace net

