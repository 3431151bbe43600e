// protocols.h: the protocols(5) database: "name number aliases...", the
// names of the IP protocol numbers (the IPv4 protocol and IPv6 next-header
// field).
#pragma once

#include <cstdint>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

#include "libnet/diag.h"

namespace net {

// One line of a protocols file.
struct protocol_entry {
	std::string name;
	// 0-255 for what goes in a packet; above that, numbers a kernel uses
	// only as the socket(2) protocol (Linux: mptcp 262).
	std::uint16_t number = 0;
	std::vector<std::string> aliases;
	unsigned line = 0;
};

// Parses a protocols file, numbers 0-65535 in decimal; malformed lines are
// skipped with a diagnostic, a repeated name is kept (first one wins) with
// a warning.
parsed<protocol_entry> parse_protocols(std::istream &in,
    std::string_view origin);

// Lookups over parsed entries, as getprotobyname/getprotobynumber answer
// them.
class protocol_table {
public:
	protocol_table() = default;
	explicit protocol_table(std::vector<protocol_entry> entries);

	// The first entry whose name or alias is name, case significant;
	// nullptr if none.
	const protocol_entry *by_name(std::string_view name) const;
	// The first entry for number; nullptr if none.
	const protocol_entry *by_number(unsigned number) const;

	// The entries in file order.
	const std::vector<protocol_entry> &entries() const { return entries_; }

private:
	std::vector<protocol_entry> entries_;
};

} // namespace net
