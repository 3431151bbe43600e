// Fuzz target: TCP segments and options; a decoded segment re-encodes to
// one with the same options.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "libnet/tcp.h"

extern "C" int
LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
	auto s = net::decode_tcp(net::bytes_view(data, size));
	if (!s)
		return 0;
	(void)net::tcp_flags_str(s->hdr.flags);
	net::pseudo_header ph{net::address::v4(1), net::address::v4(2)};
	std::vector<std::uint8_t> out;
	net::wire_writer w(out);
	net::encode_tcp(w, s->hdr, s->opts, s->payload, ph);
	auto again = net::decode_tcp(out, &ph);
	if (!again || again->opts.mss != s->opts.mss ||
	    again->opts.wscale != s->opts.wscale ||
	    again->opts.timestamp != s->opts.timestamp)
		std::abort();
	return 0;
}
