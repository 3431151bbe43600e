// Fuzz target: named's IXFR journal read from hostile bytes (a journal
// file is read at start as root).  Properties: decoding never reads past
// the input; a history it accepts ends at the zone's serial, stays
// within its bounds, and encodes back to the same bytes.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "ixfr.h"
#include "zone_load.h"

extern "C" int
LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
	static std::shared_ptr<const named::zone> z = [] {
		std::istringstream in("$TTL 300\n@ SOA ns h 11 1 1 1 1\n"
		    "@ NS ns\nns A 192.0.2.1\n");
		std::vector<net::diagnostic> d;
		return named::read_zone(in, "fuzz", "x.test.", {}, d);
	}();
	std::string why;
	auto h = named::decode_journal(net::bytes_view(data, size), *z, why);
	if (!h)
		return 0;
	if (h->diffs.empty() || h->diffs.size() > named::ixfr_history::max_versions ||
	    h->records > named::ixfr_history::max_records ||
	    named::soa_serial(h->diffs.back().soa_to.rdata) != z->serial())
		__builtin_trap();
	auto again = named::encode_journal(*h);
	if (again.size() != size ||
	    !std::equal(again.begin(), again.end(), data))
		__builtin_trap();
	return 0;
}
