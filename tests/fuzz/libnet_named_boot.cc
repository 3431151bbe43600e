// Fuzz target: the named.boot parser, with an include file of its own.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <sstream>
#include <string>

#include "libnet/named_boot.h"

extern "C" int
LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
	std::string text(reinterpret_cast<const char *>(data), size);
	// Every include opens the input again, so loops and the depth
	// bound are reached from small inputs; a few dozen opens an input
	// keep runs fast (the bound on files in all has a unit test).
	unsigned opens = 0;
	net::include_opener open = [&text, &opens](const std::string &path,
	    std::string &error) -> std::unique_ptr<std::istream> {
		if (path.size() % 3 == 0 || ++opens > 40) {
			error = "refused";
			return nullptr;
		}
		return std::make_unique<std::istringstream>(text);
	};
	std::istringstream in(text);
	auto b = net::parse_named_boot(in, "fuzz", open);
	for (const auto &d : b.diagnostics)
		(void)d.str();
	for (const auto &z : b.zones) {
		if (z.name.empty() || z.name.back() != '.' ||
		    z.masters.size() > net::boot_max_masters)
			__builtin_trap();
		(void)z.path();
	}
	for (const auto &k : b.keys)
		(void)k.path();
	return 0;
}
