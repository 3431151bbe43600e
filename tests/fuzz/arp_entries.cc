// Fuzz target: arp -f files.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "../../sbin/arp/entries.h"

extern "C" int
LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
	std::istringstream in(
	    std::string(reinterpret_cast<const char *>(data), size));
	auto p = arp::parse_entries(in, "fuzz");
	for (const auto &d : p.diagnostics)
		(void)d.str();
	for (const auto &e : p.entries)
		(void)e.mac.str();
	return 0;
}
