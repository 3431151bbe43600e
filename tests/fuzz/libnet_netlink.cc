// Fuzz target: netlink datagrams as the kernel sends them, the attributes
// inside each message, and each rtnetlink message through the decoder its
// type names (routes, neighbours, links, addresses).  The rtnl_* seeds
// are real dumps of a namespace with static, multipath, blackhole and
// IPv6 routes, neighbours, addresses and a veth pair.
#include <linux/rtnetlink.h>

#include <cstddef>
#include <cstdint>

#include "libnet/netlink.h"
#include "libnet/rtnl.h"

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
		switch (m.type) {
		case RTM_NEWROUTE:
		case RTM_DELROUTE:
			(void)net::decode_route(m.payload);
			break;
		case RTM_NEWNEIGH:
		case RTM_DELNEIGH:
			(void)net::decode_neighbour(m.payload);
			break;
		case RTM_NEWLINK:
		case RTM_DELLINK:
			(void)net::decode_link(m.payload);
			break;
		case RTM_NEWADDR:
		case RTM_DELADDR:
			(void)net::decode_address(m.payload);
			break;
		default:
			break;
		}
	}
	return 0;
}
