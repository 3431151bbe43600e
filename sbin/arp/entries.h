// entries.h: the entries of arp -s and of an arp -f file: "hostname
// ether_addr [temp] [pub] [trail]".  Pure: text in, entries and
// diagnostics out; host names are resolved by the caller.
#pragma once

#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "libnet/diag.h"
#include "libnet/ether.h"
#include "libnet/result.h"

namespace arp {

// An entry to create.
struct entry {
	unsigned line = 0;		// in the file; 0 on the command line
	std::string host;
	net::mac_address mac;
	bool temp = false;		// not permanent
	bool pub = false;		// published (proxy ARP)
	bool trail = false;		// asked for trailers (ignored)
};

// An Ethernet address as arp -s and -f take it: six bytes in
// hexadecimal, of one or two digits each, separated by colons
// ("0:1b:21:a:b:c"), where the colon between two bytes of two digits may
// be left out, as net-tools arp allows ("001b210a0b0c", "001b21:0a0b0c").
// Nothing else: no other separator, nothing before, after or between.
std::optional<net::mac_address> parse_mac(std::string_view s);

// One entry from its fields.  The error names what is wrong: a missing
// field, "invalid ethernet address", an unknown flag, a host name with
// characters no host name has.
net::result<entry> parse_entry(const std::vector<std::string_view> &fields);

// Every entry of an arp -f file; blank lines and '#' comments are
// skipped, a bad line is a diagnostic (origin:line) and the rest go on;
// trail draws a warning (Linux has no trailer encapsulation).
net::parsed<entry> parse_entries(std::istream &in, std::string_view origin);

} // namespace arp
