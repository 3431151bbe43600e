// Fuzz target: networks(5) parser, its lookups and the number helpers.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "libnet/networks.h"

extern "C" int
LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
	std::string text(reinterpret_cast<const char *>(data), size);
	(void)net::parse_network_number(text);
	std::istringstream in(text);
	auto p = net::parse_networks(in, "fuzz");
	for (const auto &d : p.diagnostics)
		(void)d.str();
	net::network_table t(std::move(p.entries));
	for (const auto &e : t.entries()) {
		if (t.by_name(e.name) == nullptr ||
		    t.by_number(e.number) == nullptr)
			__builtin_trap();
		for (const auto &a : e.aliases)
			(void)t.by_name(a);
		(void)net::to_network_address(e.number).str();
	}
	return 0;
}
