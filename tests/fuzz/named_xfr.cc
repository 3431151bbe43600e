// Fuzz target: the answer of a zone transfer made into a zone (named's
// xfr_reader), from hostile messages.  The input is what a master would
// send over TCP: messages, each after its 2-byte length; the first byte
// says whether we asked IXFR (odd: with data at serial 10 in hand) or
// AXFR.  Properties: nothing read past the input; a transfer that ends
// gives a zone whose serial is the one the answer began with, and
// nothing more is taken after it ends.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <sstream>
#include <vector>

#include "libnet/dns_message.h"
#include "xfr_reader.h"
#include "zone_load.h"

extern "C" int
LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
	static std::shared_ptr<const named::zone> have = [] {
		std::istringstream in("$TTL 300\n@ SOA ns h 10 1 1 1 1\n"
		    "@ NS ns\nns A 192.0.2.1\nold A 192.0.2.2\n");
		std::vector<net::diagnostic> d;
		return named::read_zone(in, "fuzz", "x.test.", {}, d);
	}();
	if (size < 1)
		return 0;
	named::xfr_reader r(have->origin(), (data[0] & 1) ? have : nullptr,
	    "fuzz");
	std::size_t at = 1;
	unsigned messages = 0;
	auto st = named::xfr_reader::status::more;
	while (at + 2 <= size && st == named::xfr_reader::status::more) {
		std::size_t len = std::size_t(data[at]) << 8 | data[at + 1];
		at += 2;
		if (len > size - at)
			break;
		auto m = net::dns::parse_message(net::bytes_view(data + at, len));
		at += len;
		messages++;
		if (!m)
			continue;
		for (const auto &rec : m->answer) {
			st = r.add(rec, messages);
			if (st != named::xfr_reader::status::more)
				break;
		}
	}
	if (st == named::xfr_reader::status::done) {
		if (!r.result || r.result->serial() != r.serial)
			__builtin_trap();
		net::dns::record more;
		more.owner = have->origin();
		more.type = 6;
		if (r.add(more, 0) != named::xfr_reader::status::done)
			__builtin_trap();
	}
	return 0;
}
