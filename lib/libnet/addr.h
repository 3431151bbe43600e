// addr.h: IPv4 and IPv6 address values, endpoints (address and port) and
// CIDR prefixes.  Parsing is strict: what inet_pton accepts, nothing looser,
// except parse_ipv4_classic() for the historical forms of hosts(5).
#pragma once

#include <netinet/in.h>
#include <sys/socket.h>

#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace net {

// An IPv4 or IPv6 address (IPv6 with its scope id, 0 if none).
class address {
public:
	address() = default;

	// Dotted-quad IPv4 or RFC 4291 IPv6 text, IPv6 optionally with
	// "%scope" (a number or an interface name); nothing otherwise.
	static std::optional<address> parse(std::string_view s);

	// An IPv4 address from a host-order 32-bit value.
	static address v4(std::uint32_t host_order);

	// An IPv6 address from 16 network-order bytes.
	static address v6(const std::uint8_t *bytes, std::uint32_t scope = 0);

	// The address of a sockaddr_in or sockaddr_in6; nothing for others.
	static std::optional<address> from_sockaddr(const sockaddr *sa,
	    socklen_t len);

	static address any4() { return v4(0); }
	static address any6();
	static address loopback4() { return v4(0x7f000001); }
	static address loopback6();

	int family() const { return family_; }
	bool is_v4() const { return family_ == AF_INET; }
	bool is_v6() const { return family_ == AF_INET6; }
	bool is_unspecified() const;
	bool is_loopback() const;
	bool is_multicast() const;
	// ::ffff:a.b.c.d
	bool is_v4_mapped() const;
	// The IPv4 address inside a v4-mapped IPv6 one; itself otherwise.
	address unmapped() const;
	// The host-order value of an IPv4 address (0 for IPv6).
	std::uint32_t v4_value() const;
	std::uint32_t scope_id() const { return scope_; }

	// Network-order bytes: 4 for IPv4, 16 for IPv6.
	const std::uint8_t *bytes() const { return bytes_.data(); }
	std::size_t size() const { return is_v4() ? 4 : 16; }
	// Address length in bits (32 or 128).
	unsigned bits() const { return is_v4() ? 32 : 128; }

	// The address with all but the first prefix bits cleared.
	address masked(unsigned prefix) const;

	// Text form (inet_ntop, plus "%scope" when set).
	std::string str() const;

	auto operator<=>(const address &) const = default;

private:
	int family_ = AF_INET;
	std::array<std::uint8_t, 16> bytes_{};
	std::uint32_t scope_ = 0;
};

// True when a and b name the same host: equal once IPv4-mapped IPv6 is
// unmapped, with scope ids ignored (a file cannot name one, and a peer's
// says only where its packet came in).
bool same_host(const address &a, const address &b);

// The classic inet_aton(3) forms of hosts(5): a, a.b, a.b.c, a.b.c.d, each
// part decimal, octal (leading 0) or hex (0x); nothing otherwise.
std::optional<address> parse_ipv4_classic(std::string_view s);

// An address and a port.
struct endpoint {
	address addr;
	std::uint16_t port = 0;

	// "a.b.c.d:port" or "[v6]:port"; "*:port" and ":port" give the
	// IPv6 wildcard (any6).  The port must be numeric here; names are
	// resolved by callers.
	static std::optional<endpoint> parse(std::string_view s);

	// The sockaddr for this endpoint; returns its length.
	socklen_t to_sockaddr(sockaddr_storage &ss) const;
	static std::optional<endpoint> from_sockaddr(const sockaddr *sa,
	    socklen_t len);

	// "a.b.c.d:port" or "[v6]:port".
	std::string str() const;

	auto operator<=>(const endpoint &) const = default;
};

// Splits "host:port", "[v6]:port" or "host" into its parts; the port part
// is empty when absent.  Nothing if brackets are unbalanced.
std::optional<std::pair<std::string_view, std::string_view>>
split_host_port(std::string_view s);

// A network prefix such as 10.0.0.0/8, 10.0.0.0/255.0.0.0, 2001:db8::/32 or
// [2001:db8::]/32; a bare address is a full-length prefix.
class cidr {
public:
	cidr() = default;
	cidr(address a, unsigned prefix);

	static std::optional<cidr> parse(std::string_view s);

	// True when a is inside this prefix; an IPv4 prefix also matches the
	// v4-mapped IPv6 form of an address in it.
	bool contains(const address &a) const;

	const address &network() const { return net_; }
	unsigned prefix() const { return prefix_; }
	std::string str() const;

	auto operator<=>(const cidr &) const = default;

private:
	address net_;
	unsigned prefix_ = 0;
};

} // namespace net
