// hosts.h: the hosts(5) database: "address name aliases...", the table of
// names and addresses used when no name server is asked.
#pragma once

#include <sys/socket.h>

#include <istream>
#include <string>
#include <string_view>
#include <vector>

#include "libnet/addr.h"
#include "libnet/diag.h"

namespace net {

// One line of a hosts file.
struct host_entry {
	address addr;
	std::string name;
	std::vector<std::string> aliases;
	unsigned line = 0;
};

// Parses a hosts file: IPv6 addresses, or IPv4 in any inet_aton(3) form
// (a, a.b, a.b.c, a.b.c.d; parts decimal, 0 octal or 0x hex); malformed
// lines are skipped with a diagnostic.
parsed<host_entry> parse_hosts(std::istream &in, std::string_view origin);

// Lookups over parsed entries, as gethostbyname/gethostbyaddr answer them
// from the file.
class host_table {
public:
	host_table() = default;
	explicit host_table(std::vector<host_entry> entries);

	// The first entry whose name or alias is name (ASCII case ignored) and
	// whose address is of family (AF_INET, AF_INET6, or AF_UNSPEC for
	// either); nullptr if none.
	const host_entry *by_name(std::string_view name,
	    int family = AF_UNSPEC) const;
	// Every address of name as by_name() matches it, in file order and
	// without repeats; empty if none.
	std::vector<address> all_by_name(std::string_view name,
	    int family = AF_UNSPEC) const;
	// The first entry for addr, a v4-mapped IPv6 address matching its
	// IPv4 form and scope ids ignored; nullptr if none.
	const host_entry *by_address(const address &addr) const;

	// The entries in file order.
	const std::vector<host_entry> &entries() const { return entries_; }

private:
	std::vector<host_entry> entries_;
};

} // namespace net
