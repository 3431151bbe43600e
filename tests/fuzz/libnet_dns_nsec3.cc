// Fuzz target: NSEC3's pieces from hostile bytes: NSEC3PARAM rdata, an
// owner label's hash, and the hash of a name read from the input.
// Properties: nothing read past the input; a parameter set that parses
// is as long as its fields say; a label hash comes only from 32
// characters and reads back to the same text.
#include <cstddef>
#include <cstdint>

#include "libnet/dns_name.h"
#include "libnet/dns_nsec3.h"

extern "C" int
LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
	net::bytes_view in(data, size);
	if (auto p = net::dns::parse_nsec3param(in))
		if (5 + p->salt.size() != size)
			__builtin_trap();
	if (auto h = net::dns::nsec3_label_hash(in)) {
		if (size != 32)
			__builtin_trap();
		static const char x[] = "0123456789abcdefghijklmnopqrstuv";
		std::uint64_t acc = 0;
		int bits = 0;
		std::size_t at = 0;
		for (auto b : *h) {
			acc = acc << 8 | b;
			bits += 8;
			while (bits >= 5) {
				bits -= 5;
				char c = x[(acc >> bits) & 31];
				char d = static_cast<char>(data[at++]);
				if (d >= 'A' && d <= 'V')
					d = static_cast<char>(d + 32);
				if (c != d)
					__builtin_trap();
			}
		}
	}
	if (auto n = net::dns::name::from_wire(in)) {
		auto salt = in.subspan(0, std::min<std::size_t>(size, 8));
		(void)net::dns::nsec3_hash(n->wire(), salt, size % 4);
	}
	return 0;
}
