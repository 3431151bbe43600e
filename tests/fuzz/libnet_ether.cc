// Fuzz target: Ethernet frames, and ARP inside them.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "libnet/arp.h"
#include "libnet/ether.h"

extern "C" int
LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
	auto f = net::decode_ether(net::bytes_view(data, size));
	if (!f)
		return 0;
	std::vector<std::uint8_t> out;
	net::wire_writer w(out);
	net::encode_ether(w, f->hdr);
	if (f->hdr.type == net::ethertype::arp)
		(void)net::decode_arp(f->payload);
	(void)f->hdr.src.str();
	return 0;
}
