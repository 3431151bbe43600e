// Fuzz target: the server's query parser and response writer.  Whatever
// parses gets a response that the full codec reads back with the
// question as it came; a query the full codec accepts is accepted here
// too (up to the checks only the fast path makes).
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "libnet/dns_message.h"
#include "libnet/dns_query.h"

extern "C" int
LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
	net::bytes_view in(data, size);
	net::dns::query q;
	bool ok = net::dns::parse_query(in, q);
	auto full = net::dns::parse_message(in);
	if (full && full->questions.size() == 1 && !full->hdr.qr && !ok &&
	    q.error != net::dns::query_error::bad_cookie &&
	    q.error != net::dns::query_error::bad_record)
		std::abort();
	if (ok && full && !full->questions[0].qname.identical(q.qname))
		std::abort();
	if (!ok && !net::dns::answer_formerr(q.error))
		return 0;
	static std::uint8_t buf[65535];
	std::size_t max = q.has_edns && q.udp_size > 512 ? q.udp_size : 512;
	net::dns::response_writer w(buf, max);
	static const std::uint8_t cookie[] = {0, 10, 0, 8, 1, 2, 3, 4, 5, 6,
	    7, 8};
	net::dns::response_opt opt;
	opt.present = q.has_edns;
	opt.do_bit = q.do_bit;
	opt.options = cookie;
	if (!w.start(q, opt))
		return 0;
	if (!ok)
		w.set_rcode(net::dns::rcode::formerr);
	static const std::uint8_t mx[] = {0, 10, 4, 'm', 'a', 'i', 'l', 7, 'e',
	    'x', 'a', 'm', 'p', 'l', 'e', 0};
	static const std::uint8_t a[] = {192, 0, 2, 1};
	for (int i = 0; ok && i < 40; i++) {
		if (!w.add(w.answer, q.qname, net::dns::rr_type::mx, 1, 60, mx))
			w.set_flag(net::dns::flag::tc);
		if (!w.add(w.answer, q.qname.parent(), net::dns::rr_type::a, 1,
		    60, a))
			break;
	}
	w.finish();
	if (w.size() > max)
		std::abort();
	auto r = net::dns::parse_message(w.data());
	if (!r || r->hdr.id != q.id || !r->hdr.qr)
		std::abort();
	if (q.has_question && (r->questions.size() != 1 ||
	    !r->questions[0].qname.identical(q.qname)))
		std::abort();
	if (q.has_edns != r->opt.has_value())
		std::abort();
	return 0;
}
