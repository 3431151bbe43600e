// Fuzz target: ICMPv6 messages; the first 32 bytes of the input are the
// pseudo-header addresses.
#include <cstddef>
#include <cstdint>

#include "libnet/icmp6.h"

extern "C" int
LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
	if (size < 32)
		return 0;
	net::pseudo_header ph{net::address::v6(data),
	    net::address::v6(data + 16)};
	net::bytes_view in(data + 32, size - 32);
	(void)net::decode_icmp6(in);
	auto m = net::decode_icmp6(in, &ph, net::checksum_check::report);
	if (m && m->error)
		(void)net::decode_icmp6(m->error->original.payload);
	return 0;
}
