// resolve.h: the target's addresses from a name or literal, and the names
// of addresses, found the way iputils ping finds them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "libnet/addr.h"
#include "libnet/result.h"

namespace ping {

// What the host operand stands for.
struct host_info {
	std::vector<net::address> addrs;	// in the resolver's order
	std::string canonical;	// the resolver's name for it, or the
				// operand itself for an address
	bool literal = false;	// an address, not a name
};

// The address host is written as: what getaddrinfo(3) reads as a number,
// the inet_aton(3) forms of IPv4 ("127.1", "0", "0x7f.1") included.
std::optional<net::address> parse_literal(const std::string &host);

// True when host is an address rather than a name (parse_literal).
bool is_literal(const std::string &host);

// The addresses of host in family (AF_UNSPEC: either), in the order
// getaddrinfo(3) gives them.  Names are looked up in both families and
// the other family's addresses dropped, as iputils does: a name with
// addresses of the other family only is then "host: Address family for
// hostname not supported" whatever else the resolver would try, as is
// an address of the other family.  Other errors read "host: <resolver
// message>".
net::result<host_info> resolve_host(const std::string &host, int family);

// The name getnameinfo(3) gives for a: the address itself in numbers when
// the resolver answered without a name, "" when the lookup failed.
std::string lookup_name(const net::address &a);

} // namespace ping
