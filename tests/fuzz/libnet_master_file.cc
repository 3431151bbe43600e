// Fuzz target: the master file parser, with $INCLUDE of the input itself.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <sstream>
#include <string>

#include "libnet/master_file.h"
#include "libnet/name_text.h"

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
	std::vector<net::diagnostic> diags;
	net::master_reader r(in, "fuzz", "example.com.", diags, open);
	net::master_record rec;
	while (r.next(rec)) {
		// Names handed on are absolute and well formed.
		if (!net::is_absolute_name(rec.owner) ||
		    net::check_name_text(rec.owner) ||
		    !net::is_absolute_name(rec.origin) ||
		    net::check_name_text(rec.origin) || rec.type.empty() ||
		    rec.rr_class.empty() || rec.line == 0)
			__builtin_trap();
	}
	for (const auto &d : diags)
		(void)d.str();
	return 0;
}
