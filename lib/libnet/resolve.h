// resolve.h: host names through the C library's resolver (nsswitch:
// files, DNS, ...), the one way the suite's programs look them up:
// forward, reverse, and forward-confirmed reverse (what hosts.equiv,
// .rhosts and hosts_access name rules need, so that whoever controls a
// reverse zone cannot claim any name).  These block: a server calls them
// in a child, or before its loop starts.
#pragma once

#include <sys/socket.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "libnet/addr.h"
#include "libnet/result.h"

namespace net {

struct resolve_options {
	int family = AF_UNSPEC;		// AF_INET, AF_INET6 or either
	bool numeric_only = false;	// an address literal or nothing
	bool canonical_name = false;	// fill resolved::canonical
};

struct resolved {
	// In the resolver's order (RFC 6724 by gai.conf), without repeats.
	std::vector<address> addresses;
	// When asked for: the canonical name, or host as written when the
	// resolver gives none.
	std::string canonical;
	// host was an address literal: no lookup was made.  The classic
	// inet_aton forms count ("127.1", "0", "0x7f.1").
	bool literal = false;
};

// The address host is written as, with no lookup: what getaddrinfo(3)
// reads as a number, the inet_aton(3) forms of IPv4 ("127.1", "0",
// "0x7f.1", "2130706433") and IPv6 with a "%scope" included.
std::optional<address> address_literal(std::string_view host);

// The addresses of host.  A failure is code 0 with the resolver's own
// words: "HOST: Name or service not known", or, when host has addresses
// but none of the family asked for, "HOST: Address family for hostname
// not supported"; HOST made printable.  The canonical name is that of
// the resolver's first answer.  A literal's canonical name is host as
// written.
result<resolved> resolve(std::string_view host,
    const resolve_options &opts = {});

// The first address of host (see resolve).
result<address> resolve_one(std::string_view host, int family = AF_UNSPEC);

// The name a's reverse lookup gives, made printable, or nothing.
std::optional<std::string> reverse_name(const address &a);

struct verified_name_result {
	// The name, lowercased, when a's reverse lookup gives one whose
	// forward lookup includes a again.
	std::optional<std::string> name;
	// The reverse lookup gave a name whose addresses do not include a
	// (libwrap's PARANOID).
	bool mismatch = false;
};

// Forward-confirmed reverse lookup of a (IPv4-mapped IPv6 taken as the
// IPv4 address).
verified_name_result verified_name(const address &a);

// The port of service name/proto in SYSCONFDIR/services (the suite's
// own services(5), read when called), or fallback when the file or the
// entry is missing: a daemon's default port.
std::uint16_t service_port(std::string_view name, std::string_view proto,
    std::uint16_t fallback);

} // namespace net
