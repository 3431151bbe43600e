#include <atomic>
#include <string>
#include <vector>

#include "libnet/dns_message.h"
#include "libnet/dns_query.h"
#include "libnet/dns_rdata.h"

#include "hex.h"

#include <CppUTest/PlatformSpecificFunctions_c.h>

#include <CppUTest/TestHarness.h>

// Counting allocations: CppUTest owns the global operator new of a test
// binary (main.cc turns its leak-checking overloads off, so they go
// straight to PlatformSpecificMalloc), so the count is taken there.  The
// last test checks that a new is indeed counted.
namespace {

std::atomic<unsigned long> news{0};
void *(*real_malloc)(std::size_t);

void *
counting_malloc(std::size_t n)
{
	news++;
	return real_malloc(n);
}

// Counts the allocations f makes.
template <class F>
unsigned long
allocations_in(F f)
{
	real_malloc = PlatformSpecificMalloc;
	PlatformSpecificMalloc = counting_malloc;
	unsigned long before = news.load();
	f();
	unsigned long n = news.load() - before;
	PlatformSpecificMalloc = real_malloc;
	return n;
}

} // namespace

namespace dns = net::dns;

namespace {

dns::name
n(const char *text)
{
	return *dns::name::from_text(text, dns::name::root());
}

// A query as a resolver sends it: RD, EDNS 1232 with DO and a cookie.
std::vector<std::uint8_t>
sample_query(const char *qname = "WwW.Example.COM.", bool cookie = true)
{
	dns::message m;
	m.hdr.id = 0xabcd;
	m.hdr.rd = true;
	m.hdr.cd = true;
	m.questions.push_back({n(qname), dns::rr_type::a, dns::rr_class::in});
	dns::edns e;
	e.udp_size = 1232;
	e.do_bit = true;
	if (cookie)
		e.options.push_back({dns::edns_code::cookie,
		    {1, 2, 3, 4, 5, 6, 7, 8}});
	e.options.push_back({dns::edns_code::nsid, {}});
	m.opt = e;
	return *dns::build_message(m);
}

std::vector<std::uint8_t>
rd(std::uint16_t type, const char *text)
{
	std::vector<net::token> t;
	std::string s = text;
	std::size_t i = 0;
	while (i < s.size()) {
		auto j = s.find(' ', i);
		if (j == std::string::npos)
			j = s.size();
		net::token k;
		k.text = s.substr(i, j - i);
		t.push_back(k);
		i = j + 1;
	}
	return *dns::rdata_from_text(type, t, n("example.com."));
}

dns::query_error
error_of(const char *hexbytes)
{
	dns::query q;
	auto b = from_hex(hexbytes);
	CHECK(!dns::parse_query(b, q));
	CHECK(q.reason != nullptr);
	return q.error;
}

} // namespace

TEST_GROUP(dns_query){};

TEST(dns_query, parses_a_resolver_query)
{
	auto b = sample_query();
	dns::query q;
	CHECK(dns::parse_query(b, q));
	LONGS_EQUAL(0xabcd, q.id);
	CHECK(q.rd());
	CHECK(q.cd());
	LONGS_EQUAL(dns::opcode::query, q.opcode());
	CHECK(q.has_question);
	CHECK(q.qname.identical(n("WwW.Example.COM.")));
	LONGS_EQUAL(dns::rr_type::a, q.qtype);
	LONGS_EQUAL(dns::rr_class::in, q.qclass);
	LONGS_EQUAL(12 + 17 + 4, q.question_end);
	CHECK(q.has_edns);
	LONGS_EQUAL(1232, q.udp_size);
	CHECK(q.do_bit);
	LONGS_EQUAL(0, q.edns_version);
	CHECK(q.has_cookie);
	LONGS_EQUAL(8, q.cookie_len);
	LONGS_EQUAL(8, q.cookie[7]);
	CHECK(q.has_nsid);
	CHECK(!q.has_tsig);
}

TEST(dns_query, plain_query_without_edns)
{
	auto b = from_hex("0001 0000 0001 0000 0000 0000 0161 00 0006 0001");
	dns::query q;
	CHECK(dns::parse_query(b, q));
	CHECK(!q.has_edns);
	CHECK(!q.rd());
	LONGS_EQUAL(dns::rr_type::soa, q.qtype);
}

TEST(dns_query, refusals)
{
	LONGS_EQUAL(int(dns::query_error::short_header),
	    int(error_of("0001 0000 0001 0000 0000")));
	LONGS_EQUAL(int(dns::query_error::not_a_query),
	    int(error_of("0001 8000 0001 0000 0000 0000 00 0001 0001")));
	CHECK(!dns::answer_formerr(dns::query_error::not_a_query));
	CHECK(!dns::answer_formerr(dns::query_error::short_header));
	// RFC 9619: exactly one question.
	LONGS_EQUAL(int(dns::query_error::qdcount),
	    int(error_of("0001 0000 0000 0000 0000 0000")));
	LONGS_EQUAL(int(dns::query_error::qdcount), int(error_of(
	    "0001 0000 0002 0000 0000 0000 00 0001 0001 00 0001 0001")));
	CHECK(dns::answer_formerr(dns::query_error::qdcount));
	// Question hostile or cut.
	LONGS_EQUAL(int(dns::query_error::bad_question),
	    int(error_of("0001 0000 0001 0000 0000 0000 c00c 0001 0001")));
	LONGS_EQUAL(int(dns::query_error::bad_question),
	    int(error_of("0001 0000 0001 0000 0000 0000 0561 00 0001")));
	LONGS_EQUAL(int(dns::query_error::bad_question),
	    int(error_of("0001 0000 0001 0000 0000 0000 00 0001")));
	// Additional count lies, rdlength past the end.
	LONGS_EQUAL(int(dns::query_error::bad_record),
	    int(error_of("0001 0000 0001 0000 0000 0001 00 0001 0001")));
	LONGS_EQUAL(int(dns::query_error::bad_record), int(error_of(
	    "0001 0000 0001 0000 0000 0001 00 0001 0001 "
	    "00 0029 04d0 00000000 0008 000a")));
	// OPT twice, OPT not at the root, OPT option cut.
	LONGS_EQUAL(int(dns::query_error::opt_twice), int(error_of(
	    "0001 0000 0001 0000 0000 0002 00 0001 0001 "
	    "00 0029 04d0 00000000 0000 00 0029 04d0 00000000 0000")));
	LONGS_EQUAL(int(dns::query_error::bad_opt), int(error_of(
	    "0001 0000 0001 0000 0000 0001 00 0001 0001 "
	    "0161 00 0029 04d0 00000000 0000")));
	LONGS_EQUAL(int(dns::query_error::bad_opt), int(error_of(
	    "0001 0000 0001 0000 0000 0001 00 0001 0001 "
	    "00 0029 04d0 00000000 0006 000a 0008 0102")));
	// COOKIE of 9 bytes.
	LONGS_EQUAL(int(dns::query_error::bad_cookie), int(error_of(
	    "0001 0000 0001 0000 0000 0001 00 0001 0001 "
	    "00 0029 04d0 00000000 000d 000a 0009 010203040506070809")));
	// Trailing garbage.
	LONGS_EQUAL(int(dns::query_error::trailing_bytes),
	    int(error_of("0001 0000 0001 0000 0000 0000 00 0001 0001 ff")));
	// TSIG not last.
	LONGS_EQUAL(int(dns::query_error::bad_record), int(error_of(
	    "0001 0000 0001 0000 0000 0002 00 0001 0001 "
	    "00 00fa 00ff 00000000 0000 00 0029 04d0 00000000 0000")));
}

TEST(dns_query, header_is_kept_for_a_formerr)
{
	auto b = from_hex("4242 0100 0002 0000 0000 0000");
	dns::query q;
	CHECK(!dns::parse_query(b, q));
	LONGS_EQUAL(0x4242, q.id);
	CHECK(!q.has_question);
	std::uint8_t buf[512];
	dns::response_writer w(buf, sizeof buf);
	CHECK(w.start(q));
	w.set_rcode(dns::rcode::formerr);
	LONGS_EQUAL(12, w.finish());
	STRCMP_EQUAL("4242810100000000000000" "00",
	    dns::hex_encode(w.data()).c_str());
}

TEST(dns_query, response_echoes_the_question_and_compresses)
{
	auto b = sample_query();
	dns::query q;
	CHECK(dns::parse_query(b, q));
	std::uint8_t buf[512];
	dns::response_writer w(buf, sizeof buf);
	dns::response_opt opt;
	opt.present = true;
	opt.do_bit = q.do_bit;
	CHECK(w.start(q, opt));
	w.set_flag(dns::flag::aa);
	auto a = rd(dns::rr_type::a, "192.0.2.1");
	CHECK(w.add(w.answer, n("www.example.com."), dns::rr_type::a, 1, 300,
	    a));
	auto ns = rd(dns::rr_type::ns, "ns1");
	CHECK(w.add(w.authority, n("example.com."), dns::rr_type::ns, 1, 300,
	    ns));
	auto glue = rd(dns::rr_type::a, "192.0.2.53");
	CHECK(w.add(w.additional, n("ns1.example.com."), dns::rr_type::a, 1,
	    300, glue));
	std::size_t size = w.finish();
	auto m = dns::parse_message(w.data());
	CHECK_TEXT(m.ok(), m ? "" : m.err().message().c_str());
	LONGS_EQUAL(size, w.data().size());
	CHECK(m->hdr.qr && m->hdr.aa && m->hdr.rd && m->hdr.cd);
	LONGS_EQUAL(0xabcd, m->hdr.id);
	CHECK(m->questions[0].qname.identical(n("WwW.Example.COM.")));
	// The answer's owner is a pointer to the question: the query's case.
	CHECK(m->answer[0].owner.identical(n("WwW.Example.COM.")));
	STRCMP_EQUAL("ns1.Example.COM.", dns::rdata_to_text(dns::rr_type::ns,
	    m->authority[0].rdata).c_str());
	LONGS_EQUAL(1, m->additional.size());
	CHECK(m->opt.has_value());
	CHECK(m->opt->do_bit);
	// Header and question 33, answer 2+10+4, NS 2+10+6, glue 2+10+4 (its
	// owner a pointer into the NS rdata), OPT 11.
	LONGS_EQUAL(33 + 16 + 18 + 16 + 11, size);
}

TEST(dns_query, all_or_nothing_with_room_for_opt)
{
	auto b = sample_query("a.example.", false);
	dns::query q;
	CHECK(dns::parse_query(b, q));
	std::uint8_t buf[100];
	// Header 12 + question 16 = 28, OPT 11: 61 bytes for records.
	dns::response_writer w(buf, 100);
	dns::response_opt opt;
	opt.present = true;
	CHECK(w.start(q, opt));
	std::vector<std::uint8_t> txt(1 + 30, 'x');
	txt[0] = 30;
	// 2 + 10 + 31 = 43 fits; a second does not, a 14-byte one does.
	CHECK(w.add(w.answer, n("a.example."), dns::rr_type::txt, 1, 0, txt));
	auto mark = w.mark();
	std::size_t before = w.size();
	CHECK(!w.add(w.answer, n("a.example."), dns::rr_type::txt, 1, 0,
	    txt));
	LONGS_EQUAL(before, w.size());
	LONGS_EQUAL(1, w.count(w.answer));
	// A small one still fits, then goes again by rewind.
	std::vector<std::uint8_t> small = {1, 'y'};
	CHECK(w.add(w.additional, n("a.example."), dns::rr_type::txt, 1, 0,
	    small));
	// Sections only go forward.
	CHECK(!w.add(w.answer, n("a.example."), dns::rr_type::txt, 1, 0,
	    small));
	w.rewind(mark);
	LONGS_EQUAL(0, w.count(w.additional));
	CHECK(w.add(w.authority, n("a.example."), dns::rr_type::txt, 1, 0,
	    small));
	w.set_flag(dns::flag::tc);
	w.finish();
	CHECK(w.size() <= 100);
	auto m = dns::parse_message(w.data());
	CHECK(m.ok());
	CHECK(m->hdr.tc);
	CHECK(m->opt.has_value());
	LONGS_EQUAL(1, m->answer.size());
	LONGS_EQUAL(1, m->authority.size());
}

TEST(dns_query, extended_rcode_goes_to_opt)
{
	auto b = sample_query();
	dns::query q;
	CHECK(dns::parse_query(b, q));
	std::uint8_t buf[512];
	dns::response_writer w(buf, sizeof buf);
	dns::response_opt opt;
	opt.present = true;
	CHECK(w.start(q, opt));
	w.set_rcode(dns::rcode::badvers);
	w.finish();
	auto m = dns::parse_message(w.data());
	LONGS_EQUAL(dns::rcode::badvers, m->rcode());
}

TEST(dns_query, compression_table_fills_then_names_go_whole)
{
	auto b = sample_query("q.example.", false);
	dns::query q;
	CHECK(dns::parse_query(b, q));
	std::vector<std::uint8_t> buf(65535);
	dns::response_writer w(buf, buf.size());
	CHECK(w.start(q));
	auto a = rd(dns::rr_type::a, "192.0.2.1");
	for (int i = 0; i < 200; i++) {
		std::string owner = "h" + std::to_string(i) + ".example.";
		CHECK(w.add(w.answer, n(owner.c_str()), dns::rr_type::a, 1, 0,
		    a));
	}
	w.finish();
	auto m = dns::parse_message(w.data());
	CHECK(m.ok());
	LONGS_EQUAL(200, m->answer.size());
	STRCMP_EQUAL("h199.example.", m->answer[199].owner.to_text().c_str());
}

TEST(dns_query, no_allocation_on_the_hot_path)
{
	auto b = sample_query();
	auto a = rd(dns::rr_type::a, "192.0.2.1");
	auto mx = rd(dns::rr_type::mx, "10 mail");
	dns::name owner = n("www.example.com.");
	dns::name zone = n("example.com.");
	std::uint8_t buf[1232];
	std::uint8_t cookie_opt[] = {0, 10, 0, 8, 1, 2, 3, 4, 5, 6, 7, 8};
	unsigned long n = allocations_in([&] {
		for (int i = 0; i < 100; i++) {
			dns::query q;
			if (!dns::parse_query(b, q))
				FAIL("parse");
			dns::response_writer w(buf, q.udp_size);
			dns::response_opt opt;
			opt.present = q.has_edns;
			opt.do_bit = q.do_bit;
			opt.options = cookie_opt;
			if (!w.start(q, opt))
				FAIL("start");
			w.set_flag(dns::flag::aa);
			if (!w.add(w.answer, owner, dns::rr_type::a, 1, 300,
			    a) || !w.add(w.authority, zone, dns::rr_type::mx,
			    1, 300, mx))
				FAIL("add");
			w.finish();
		}
	});
	LONGS_EQUAL(0, n);
	// And the counter does count.
	std::vector<int> *v = nullptr;
	CHECK(allocations_in([&] { v = new std::vector<int>(3); }) > 0);
	delete v;
}

TEST(dns_query, cookie_only_query_still_reads_its_opt)
{
	// RFC 7873 5.4: no question, only a COOKIE; the server may answer it.
	auto b = from_hex("0007 0000 0000 0000 0000 0001 "
	    "00 0029 04d0 00000000 000c 000a 0008 0102030405060708");
	dns::query q;
	CHECK(!dns::parse_query(b, q));
	LONGS_EQUAL(int(dns::query_error::qdcount), int(q.error));
	CHECK(!q.has_question);
	CHECK(q.has_edns);
	CHECK(q.has_cookie);
	LONGS_EQUAL(8, q.cookie_len);
}

TEST(dns_query, writer_too_small)
{
	auto b = sample_query();
	dns::query q;
	CHECK(dns::parse_query(b, q));
	std::uint8_t buf[64];
	dns::response_writer tiny(buf, 11);
	CHECK(!tiny.start(q));
	// The question fits, but not with room held for the OPT record.
	dns::response_writer w(buf, 40);
	CHECK(w.start(q));
	dns::response_opt opt;
	opt.present = true;
	CHECK(!w.start(q, opt));
	// A max_size past the buffer is the buffer.
	dns::response_writer big(buf, 65535);
	CHECK(big.start(q));
	std::vector<std::uint8_t> txt(60, 'x');
	txt[0] = 59;
	CHECK(!big.add(big.answer, q.qname, dns::rr_type::txt, 1, 0, txt));
}
