// Fuzz target: UDP datagrams; the first 8 bytes are IPv4 pseudo-header
// addresses.
#include <cstddef>
#include <cstdint>

#include "libnet/udp.h"
#include "libnet/wire.h"

extern "C" int
LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
	if (size < 8)
		return 0;
	net::wire_reader r(net::bytes_view(data, 8));
	net::pseudo_header ph{net::address::v4(r.u32()),
	    net::address::v4(r.u32())};
	net::bytes_view in(data + 8, size - 8);
	(void)net::decode_udp(in);
	(void)net::decode_udp(in, &ph, net::checksum_check::report);
	return 0;
}
