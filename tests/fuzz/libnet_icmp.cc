// Fuzz target: ICMP messages, errors with their quoted datagram included.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "libnet/icmp.h"

extern "C" int
LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
	net::bytes_view in(data, size);
	auto r = net::decode_icmp(in, net::checksum_check::report);
	auto v = net::decode_icmp(in);
	if (v && (!r || !r->checksum_ok))
		std::abort();
	if (r && r->error) {
		(void)r->error->mtu();
		(void)r->error->gateway().str();
		(void)net::decode_icmp(r->error->original.payload,
		    net::checksum_check::report);
	}
	return 0;
}
