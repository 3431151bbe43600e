// Fuzz target: services(5) parser and its lookups.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "libnet/services.h"

extern "C" int
LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
	std::istringstream in(
	    std::string(reinterpret_cast<const char *>(data), size));
	auto p = net::parse_services(in, "fuzz");
	for (const auto &d : p.diagnostics)
		(void)d.str();
	net::service_table t(std::move(p.entries));
	if (!t.entries().empty()) {
		const auto &e = t.entries().front();
		(void)t.by_name(e.name, e.proto);
		(void)t.by_port(e.port, e.proto);
	}
	return 0;
}
