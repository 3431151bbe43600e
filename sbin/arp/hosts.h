// hosts.h: host names to IPv4 addresses and back, for arp's operands and
// listing.
#pragma once

#include <string>

#include "libnet/addr.h"
#include "libnet/result.h"

namespace arp {

// The IPv4 address of host: a number in Internet dot notation (any of the
// inet_aton(3) forms) or a name; "host: unknown host" otherwise.
net::result<net::address> resolve_ipv4(const std::string &host);

// The name addr has (reverse lookup), made printable, or "" for none.
std::string name_of(const net::address &addr);

} // namespace arp
