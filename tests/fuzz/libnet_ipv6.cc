// Fuzz target: IPv6 packets and the extension header walk.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "libnet/ipv6.h"

extern "C" int
LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
	net::bytes_view in(data, size);
	auto p = net::decode_ipv6(in);
	auto q = net::decode_ipv6(in, net::ipv6_decode::quoted);
	if (p && !q)
		std::abort();
	if (p && (p->payload.data() < data ||
		     p->payload.data() + p->payload.size() > data + size))
		std::abort();
	return 0;
}
