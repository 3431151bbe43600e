// Fuzz target: netlink datagrams and the attributes inside each message.
#include <cstddef>
#include <cstdint>

#include "libnet/netlink.h"

extern "C" int
LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
	auto msgs = net::decode_nl_messages(net::bytes_view(data, size));
	if (!msgs)
		return 0;
	for (const auto &m : *msgs) {
		auto attrs = net::decode_nl_attrs(m.payload);
		if (attrs)
			for (const auto &a : *attrs)
				(void)net::decode_nl_attrs(a.data);
	}
	return 0;
}
