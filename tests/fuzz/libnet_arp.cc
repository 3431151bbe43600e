// Fuzz target: ARP packets; a decoded packet must re-encode to the bytes
// it came from.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "libnet/arp.h"

extern "C" int
LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
	auto p = net::decode_arp(net::bytes_view(data, size));
	if (!p)
		return 0;
	std::vector<std::uint8_t> out;
	net::wire_writer w(out);
	net::encode_arp(w, *p);
	if (out.size() != net::arp_packet_size ||
	    std::memcmp(out.data(), data, out.size()) != 0)
		std::abort();
	return 0;
}
