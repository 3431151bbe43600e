// networks.h: the networks(5) database: "name number aliases...", names
// for IPv4 network numbers.
#pragma once

#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "libnet/addr.h"
#include "libnet/diag.h"

namespace net {

// One line of a networks file.
struct network_entry {
	std::string name;
	// As inet_network(3) returns it: host order, right-aligned, so
	// "192.35.52" is 0xc02334 and "10" is 0xa.
	std::uint32_t number = 0;
	std::vector<std::string> aliases;
	unsigned line = 0;
};

// A network number in the inet_network(3) forms: one to four dot-separated
// parts of 0-255 each, decimal, 0 octal or 0x hex; nothing otherwise.
std::optional<std::uint32_t> parse_network_number(std::string_view s);

// The IPv4 network address a number stands for, its parts moved to the
// top (0xc02334 gives 192.35.52.0); leading zero parts are lost in the
// number, so "0.10" gives 10.0.0.0.
address to_network_address(std::uint32_t number);

// Parses a networks file; malformed lines are skipped with a diagnostic,
// a repeated name is kept (first one wins) with a warning.
parsed<network_entry> parse_networks(std::istream &in,
    std::string_view origin);

// Lookups over parsed entries, as getnetbyname/getnetbyaddr answer them.
class network_table {
public:
	network_table() = default;
	explicit network_table(std::vector<network_entry> entries);

	// The first entry whose name or alias is name (ASCII case ignored, as
	// for host names); nullptr if none.
	const network_entry *by_name(std::string_view name) const;
	// The first entry for number, in the right-aligned form of
	// network_entry::number; nullptr if none.
	const network_entry *by_number(std::uint32_t number) const;

	// The entries in file order.
	const std::vector<network_entry> &entries() const { return entries_; }

private:
	std::vector<network_entry> entries_;
};

} // namespace net
