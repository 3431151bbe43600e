// Fuzz target: the full DNS message codec.  A message that parses must
// build, and the built bytes must parse to the same message, names byte
// for byte, and build to the same bytes again; every rdata must print.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "libnet/dns_message.h"
#include "libnet/dns_rdata.h"

namespace {

bool
same_records(const std::vector<net::dns::record> &a,
    const std::vector<net::dns::record> &b)
{
	if (a.size() != b.size())
		return false;
	for (std::size_t i = 0; i < a.size(); i++)
		if (!(a[i] == b[i]) || !a[i].owner.identical(b[i].owner))
			return false;
	return true;
}

bool
identical(const net::dns::message &a, const net::dns::message &b)
{
	if (!(a == b))
		return false;
	for (std::size_t i = 0; i < a.questions.size(); i++)
		if (!a.questions[i].qname.identical(b.questions[i].qname))
			return false;
	return same_records(a.answer, b.answer) &&
	    same_records(a.authority, b.authority) &&
	    same_records(a.additional, b.additional);
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
	auto m = net::dns::parse_message(net::bytes_view(data, size));
	if (!m)
		return 0;
	for (const auto *s : {&m->answer, &m->authority, &m->additional})
		for (const auto &rr : *s)
			(void)net::dns::rdata_to_text(rr.type, rr.rdata);
	auto b1 = net::dns::build_message(*m);
	if (!b1)
		std::abort();
	auto m2 = net::dns::parse_message(*b1);
	if (!m2 || !identical(*m, *m2))
		std::abort();
	auto b2 = net::dns::build_message(*m2);
	if (!b2 || *b1 != *b2)
		std::abort();
	return 0;
}
