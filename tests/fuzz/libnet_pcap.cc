// Fuzz target: pcap files.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "libnet/pcap.h"

extern "C" int
LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
	std::istringstream in(
	    std::string(reinterpret_cast<const char *>(data), size));
	auto r = net::pcap_reader::open(in, "fuzz");
	if (!r)
		return 0;
	net::pcap_record rec;
	for (int i = 0; i < 1000; i++) {
		auto n = r->next(rec);
		if (!n || !*n)
			break;
	}
	return 0;
}
