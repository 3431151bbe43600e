// Fuzz target: inetd.conf(5) parser.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "libnet/inetd_conf.h"

extern "C" int
LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
	std::istringstream in(
	    std::string(reinterpret_cast<const char *>(data), size));
	auto p = net::parse_inetd_conf(in, "fuzz");
	for (const auto &d : p.diagnostics)
		(void)d.str();
	for (const auto &item : p.entries)
		if (const auto *e = std::get_if<net::inetd_entry>(&item))
			(void)net::inetd_proto_name(e->proto);
	return 0;
}
