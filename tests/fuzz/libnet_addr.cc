// Fuzz target: address, classic IPv4, endpoint and CIDR text.  Whatever is
// accepted prints as text that parses back to the same value, and no
// value out of range (a prefix longer than the address) is accepted.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "libnet/addr.h"

extern "C" int
LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
	std::string_view s(reinterpret_cast<const char *>(data), size);
	if (auto a = net::address::parse(s)) {
		auto again = net::address::parse(a->str());
		if (!again || *again != *a)
			std::abort();
		if (a->is_v4() && a->scope_id() != 0)
			std::abort();
	}
	if (auto c = net::parse_ipv4_classic(s)) {
		auto again = net::address::parse(c->str());
		if (!c->is_v4() || !again || *again != *c)
			std::abort();
	}
	if (auto e = net::endpoint::parse(s)) {
		auto again = net::endpoint::parse(e->str());
		if (!again || *again != *e)
			std::abort();
	}
	if (auto n = net::cidr::parse(s)) {
		if (n->prefix() > n->network().bits())
			std::abort();
		// The network is stored masked, and is inside itself.
		if (n->network().masked(n->prefix()) != n->network() ||
		    !n->contains(n->network()))
			std::abort();
		auto again = net::cidr::parse(n->str());
		if (!again || *again != *n)
			std::abort();
	}
	(void)net::split_host_port(s);
	return 0;
}
