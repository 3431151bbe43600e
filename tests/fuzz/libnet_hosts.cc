// Fuzz target: hosts(5) parser and its lookups.
#include <sys/socket.h>

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "libnet/hosts.h"

extern "C" int
LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
	std::istringstream in(
	    std::string(reinterpret_cast<const char *>(data), size));
	auto p = net::parse_hosts(in, "fuzz");
	for (const auto &d : p.diagnostics)
		(void)d.str();
	net::host_table t(std::move(p.entries));
	for (const auto &e : t.entries()) {
		if (t.by_name(e.name) == nullptr ||
		    t.by_address(e.addr) == nullptr)
			__builtin_trap();
		(void)t.by_name(e.name, e.addr.family());
		(void)t.all_by_name(e.name, AF_INET6);
		for (const auto &a : e.aliases)
			if (t.all_by_name(a).empty())
				__builtin_trap();
		(void)e.addr.str();
	}
	return 0;
}
