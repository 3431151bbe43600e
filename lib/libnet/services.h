// services.h: the services(5) database: "name port/protocol aliases...".
#pragma once

#include <cstdint>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

#include "libnet/diag.h"

namespace net {

struct service_entry {
	std::string name;
	std::uint16_t port = 0;
	std::string proto;
	std::vector<std::string> aliases;
	unsigned line = 0;
};

// Parses a services file; malformed lines are skipped with a diagnostic,
// a repeated name/protocol pair is kept (first one wins) with a warning.
parsed<service_entry> parse_services(std::istream &in,
    std::string_view origin);

// Lookups over parsed entries, as getservbyname/getservbyport answer them.
class service_table {
public:
	service_table() = default;
	explicit service_table(std::vector<service_entry> entries);

	// The entry whose name or alias is name for proto; nullptr if none.
	const service_entry *by_name(std::string_view name,
	    std::string_view proto) const;
	// The first entry for port/proto; nullptr if none.
	const service_entry *by_port(std::uint16_t port,
	    std::string_view proto) const;

	const std::vector<service_entry> &entries() const { return entries_; }

private:
	std::vector<service_entry> entries_;
};

} // namespace net
