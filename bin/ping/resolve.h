// resolve.h: the target's address from a name or literal.
#pragma once

#include <string>

#include "libnet/addr.h"
#include "libnet/result.h"

namespace ping {

// The first address getaddrinfo(3) gives for host in family (AF_UNSPEC:
// either); the error reads "host: <resolver message>".
net::result<net::address> resolve_host(const std::string &host, int family);

// True when host is an address literal rather than a name.
bool is_literal(const std::string &host);

} // namespace ping
