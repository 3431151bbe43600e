// Fuzz target: IPv4 datagrams and their options, as received and as quoted.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "libnet/ipv4.h"

extern "C" int
LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
	net::bytes_view in(data, size);
	auto q = net::decode_ipv4(in, net::ipv4_decode::quoted);
	auto p = net::decode_ipv4(in);
	auto d = net::decode_ipv4(in, net::ipv4_decode::delivered);
	// Each mode accepts a superset of the one before.
	if ((p && !d) || (d && !q))
		std::abort();
	(void)net::decode_ipv4_options(in.first(size < 40 ? size : 40));
	if (!p)
		return 0;
	// A decoded header re-encodes to one that decodes the same way.
	std::vector<std::uint8_t> out;
	net::wire_writer w(out);
	net::encode_ipv4(w, p->hdr, p->payload.size());
	w.bytes(p->payload);
	auto again = net::decode_ipv4(out);
	if (!again || again->hdr.src != p->hdr.src ||
	    again->payload.size() != p->payload.size())
		std::abort();
	return 0;
}
