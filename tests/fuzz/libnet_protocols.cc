// Fuzz target: protocols(5) parser and its lookups.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "libnet/protocols.h"

extern "C" int
LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
	std::istringstream in(
	    std::string(reinterpret_cast<const char *>(data), size));
	auto p = net::parse_protocols(in, "fuzz");
	for (const auto &d : p.diagnostics)
		(void)d.str();
	net::protocol_table t(std::move(p.entries));
	for (const auto &e : t.entries()) {
		if (t.by_name(e.name) == nullptr ||
		    t.by_number(e.number) == nullptr)
			__builtin_trap();
		for (const auto &a : e.aliases)
			(void)t.by_name(a);
	}
	return 0;
}
