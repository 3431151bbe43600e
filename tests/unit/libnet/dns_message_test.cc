#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "libnet/dns_message.h"
#include "libnet/dns_rdata.h"

#include "hex.h"

#include <CppUTest/TestHarness.h>

namespace dns = net::dns;

namespace {

dns::name
n(const char *text)
{
	return *dns::name::from_text(text, dns::name::root());
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
		if (j > i) {
			net::token k;
			k.text = s.substr(i, j - i);
			t.push_back(k);
		}
		i = j + 1;
	}
	auto r = dns::rdata_from_text(type, t, n("example.com."));
	if (!r)
		FAIL(r.err().message().c_str());
	return *r;
}

dns::record
rr(const char *owner, std::uint16_t type, const char *text,
    std::uint32_t ttl = 3600)
{
	dns::record r;
	r.owner = n(owner);
	r.type = type;
	r.ttl = ttl;
	r.rdata = rd(type, text);
	return r;
}

std::string
parse_error(const std::vector<std::uint8_t> &b)
{
	auto m = dns::parse_message(b);
	if (m)
		return "accepted";
	return m.err().message();
}

// A response for www.example.com/A with one of each kind of record.
dns::message
sample()
{
	dns::message m;
	m.hdr.id = 0x1234;
	m.hdr.qr = true;
	m.hdr.aa = true;
	m.hdr.rd = true;
	m.questions.push_back({n("www.example.com."), dns::rr_type::a,
	    dns::rr_class::in});
	m.answer.push_back(rr("www.example.com.", dns::rr_type::cname,
	    "web"));
	m.answer.push_back(rr("web.example.com.", dns::rr_type::a,
	    "192.0.2.1"));
	m.authority.push_back(rr("example.com.", dns::rr_type::ns, "ns1"));
	m.authority.push_back(rr("example.com.", dns::rr_type::soa,
	    "ns1 hostmaster 1 2 3 4 5"));
	m.additional.push_back(rr("ns1.example.com.", dns::rr_type::a,
	    "192.0.2.53"));
	m.additional.push_back(rr("example.com.", dns::rr_type::mx,
	    "10 mail"));
	m.additional.push_back(rr("_sip._udp.example.com.", dns::rr_type::srv,
	    "0 0 5060 sip"));
	dns::edns e;
	e.udp_size = 1232;
	e.do_bit = true;
	e.options.push_back({dns::edns_code::nsid, {'n', 's'}});
	m.opt = e;
	return m;
}

} // namespace

TEST_GROUP(dns_message){};

TEST(dns_message, header_flags_both_ways)
{
	auto h = dns::header::from_flags(7, 0x8000 | 0x2800 | 0x0400 | 0x0200 |
	    0x0100 | 0x0080 | 0x0020 | 0x0010 | 3);
	CHECK(h.qr && h.aa && h.tc && h.rd && h.ra && h.ad && h.cd && !h.z);
	LONGS_EQUAL(5, h.opcode);
	LONGS_EQUAL(3, h.rcode);
	LONGS_EQUAL(0xafb3, h.flags());
}

TEST(dns_message, a_query_byte_for_byte)
{
	dns::message m;
	m.hdr.id = 0xbeef;
	m.hdr.rd = true;
	m.questions.push_back({n("example.com."), dns::rr_type::mx, 1});
	auto b = dns::build_message(m);
	CHECK(b.ok());
	STRCMP_EQUAL("BEEF01000001000000000000076578616D706C6503636F6D00000F"
	    "0001", dns::hex_encode(*b).c_str());
	auto p = dns::parse_message(*b);
	CHECK(p.ok());
	CHECK(*p == m);
}

TEST(dns_message, build_compresses_and_parse_restores)
{
	dns::message m = sample();
	auto b = dns::build_message(m);
	CHECK(b.ok());
	// Compression: the whole is much smaller than the names written out.
	CHECK(b->size() < 260);
	// The CNAME's "web" is written as a label and a pointer.
	std::string h = dns::hex_encode(*b);
	CHECK(h.find("0005000100000E1000060377656" "2C010") !=
	    std::string::npos);
	auto p = dns::parse_message(*b);
	CHECK_TEXT(p.ok(), p ? "" : p.err().message().c_str());
	CHECK(*p == m);
	LONGS_EQUAL(2, p->answer.size());
	LONGS_EQUAL(2, p->additional.size() - 1);
	// The rdata names are uncompressed after the parse.
	STRCMP_EQUAL("ns1.example.com. hostmaster.example.com. 1 2 3 4 5",
	    dns::rdata_to_text(dns::rr_type::soa, p->authority[1].rdata)
	    .c_str());
	CHECK(p->opt->do_bit);
	LONGS_EQUAL(1232, p->opt->udp_size);
	LONGS_EQUAL(1, p->opt->options.size());
	// A second round gives the same bytes.
	auto b2 = dns::build_message(*p);
	CHECK(*b == *b2);
}

TEST(dns_message, srv_target_is_not_compressed)
{
	dns::message m;
	m.answer.push_back(rr("example.com.", dns::rr_type::srv,
	    "0 0 1 example.com."));
	auto b = dns::build_message(m);
	std::string h = dns::hex_encode(*b);
	// The owner in full, then the target in full again.
	std::string full = "076578616D706C6503636F6D00";
	auto first = h.find(full);
	CHECK(first != std::string::npos);
	CHECK(h.find(full, first + full.size()) != std::string::npos);
}

TEST(dns_message, case_is_kept)
{
	dns::message m;
	m.questions.push_back({n("WwW.Example.COM."), 1, 1});
	m.answer.push_back(rr("www.example.com.", dns::rr_type::a, "1.2.3.4"));
	auto b = dns::build_message(m);
	auto p = dns::parse_message(*b);
	CHECK(p->questions[0].qname.identical(n("WwW.Example.COM.")));
	CHECK(p->answer[0].owner.identical(n("www.example.com.")));
}

TEST(dns_message, extended_rcode)
{
	dns::message m;
	m.set_rcode(dns::rcode::badvers);
	CHECK(m.opt.has_value());
	LONGS_EQUAL(0, m.hdr.rcode);
	LONGS_EQUAL(1, m.opt->ext_rcode);
	auto p = dns::parse_message(*dns::build_message(m));
	LONGS_EQUAL(dns::rcode::badvers, p->rcode());
}

TEST(dns_message, decompresses_rdata_of_rfc1035_types_only)
{
	// Question example.com/MX; answer MX 10 mail.<ptr 12>.
	auto b = from_hex("0001 8000 0001 0001 0000 0000"
	    "076578616d706c6503636f6d00 000f 0001"
	    "c00c 000f 0001 00000e10 0009 000a 046d61696c c00c");
	auto p = dns::parse_message(b);
	CHECK(p.ok());
	STRCMP_EQUAL("10 mail.example.com.", dns::rdata_to_text(
	    dns::rr_type::mx, p->answer[0].rdata).c_str());
	// The same pointer inside an SRV target is refused.
	auto s = from_hex("0001 8000 0001 0001 0000 0000"
	    "076578616d706c6503636f6d00 0021 0001"
	    "c00c 0021 0001 00000e10 000d 0000 0000 0001 046d61696c c00c");
	STRCMP_EQUAL("dns message: answer 1: SRV rdata: bad name in rdata",
	    parse_error(s).c_str());
}

TEST(dns_message, hostile_messages_are_refused_with_a_reason)
{
	STRCMP_EQUAL("dns message: truncated header",
	    parse_error(from_hex("0001 0100 0001 0000 0000")).c_str());
	STRCMP_EQUAL("dns message: truncated header",
	    parse_error({}).c_str());
	// qdcount says 2, one present.
	STRCMP_EQUAL("dns message: question 2: name runs past the end",
	    parse_error(from_hex("0001 0100 0002 0000 0000 0000"
	    "0161 00 0001 0001")).c_str());
	// Question cut in its type.
	STRCMP_EQUAL("dns message: question 1: runs past the end",
	    parse_error(from_hex("0001 0100 0001 0000 0000 0000 0161 00 00"))
	    .c_str());
	// A pointer loop in the question.
	STRCMP_EQUAL("dns message: question 1: compression pointer does not "
	    "point backwards", parse_error(from_hex("0001 0100 0001 0000 "
	    "0000 0000 c00c 0001 0001")).c_str());
	// A forward pointer.
	STRCMP_EQUAL("dns message: question 1: compression pointer does not "
	    "point backwards", parse_error(from_hex("0001 0100 0001 0000 "
	    "0000 0000 c012 0001 0001 0161 00")).c_str());
	// A label past the end.
	STRCMP_EQUAL("dns message: question 1: label runs past the end",
	    parse_error(from_hex("0001 0100 0001 0000 0000 0000 0a61"))
	    .c_str());
	// 64-byte label.
	std::string q64 = "0001 0100 0001 0000 0000 0000 40" +
	    std::string(128, 'a') + "00 0001 0001";
	STRCMP_EQUAL("dns message: question 1: unknown label type",
	    parse_error(from_hex(q64.c_str())).c_str());
	// Answer count lies.
	STRCMP_EQUAL("dns message: answer 1: name runs past the end",
	    parse_error(from_hex("0001 8100 0000 0001 0000 0000")).c_str());
	// rdlength past the end.
	STRCMP_EQUAL("dns message: answer 1: rdata runs past the end",
	    parse_error(from_hex("0001 8100 0000 0001 0000 0000 "
	    "00 0001 0001 00000000 0004 7f00")).c_str());
	// Record header cut short.
	STRCMP_EQUAL("dns message: answer 1: runs past the end",
	    parse_error(from_hex("0001 8100 0000 0001 0000 0000 "
	    "00 0001 0001 0000")).c_str());
	// A record of a wrong size for its type.
	STRCMP_EQUAL("dns message: answer 1: A rdata: bytes after the rdata",
	    parse_error(from_hex("0001 8100 0000 0001 0000 0000 "
	    "00 0001 0001 00000000 0005 7f00000100")).c_str());
	// An MX whose name goes past its rdlength.
	STRCMP_EQUAL("dns message: answer 1: MX rdata: name runs past the "
	    "rdata", parse_error(from_hex("0001 8100 0000 0001 0000 0000 "
	    "00 000f 0001 00000000 0003 000a 01 61 00")).c_str());
	// An MX with bytes after its name.
	STRCMP_EQUAL("dns message: answer 1: MX rdata: rdata length does not "
	    "match its fields", parse_error(from_hex("0001 8100 0000 0001 "
	    "0000 0000 00 000f 0001 00000000 0005 000a 00 0000")).c_str());
	// Bytes after the last record.
	STRCMP_EQUAL("dns message: bytes after the last record",
	    parse_error(from_hex("0001 0100 0000 0000 0000 0000 00")).c_str());
	// OPT twice.
	STRCMP_EQUAL("dns message: more than one OPT record",
	    parse_error(from_hex("0001 0100 0000 0000 0000 0002 "
	    "00 0029 04d0 00000000 0000 00 0029 04d0 00000000 0000"))
	    .c_str());
	// OPT in the answer, OPT not at the root, OPT option cut short.
	STRCMP_EQUAL("dns message: answer 1: OPT record outside the "
	    "additional section", parse_error(from_hex("0001 0100 0000 0001 "
	    "0000 0000 00 0029 04d0 00000000 0000")).c_str());
	STRCMP_EQUAL("dns message: OPT owner is not the root",
	    parse_error(from_hex("0001 0100 0000 0000 0000 0001 "
	    "0161 00 0029 04d0 00000000 0000")).c_str());
	STRCMP_EQUAL("dns message: additional 1: OPT rdata: EDNS option runs "
	    "past the rdata", parse_error(from_hex("0001 0100 0000 0000 0000 "
	    "0001 00 0029 04d0 00000000 0006 000a 0008 0102")).c_str());
}

TEST(dns_message, name_over_255_through_pointers)
{
	std::string lab = "3f" + std::string(126, '2');
	std::string h = "0001 0100 0004 0000 0000 0000";
	h += lab + "00 0001 0001";			// at 12
	h += lab + "c00c 0001 0001";			// at 81
	h += lab + "c051 0001 0001";			// at 151
	h += lab + "c097 0001 0001";			// at 221: 4 labels
	STRCMP_EQUAL("dns message: question 4: name longer than 255 bytes",
	    parse_error(from_hex(h.c_str())).c_str());
}

TEST(dns_message, build_refuses_what_cannot_be_sent)
{
	dns::message m;
	dns::record r;
	r.type = dns::rr_type::mx;
	r.rdata = {0, 1, 0xc0, 0x0c};
	m.answer.push_back(r);
	CHECK(!dns::build_message(m).ok());
	dns::message big;
	dns::record t;
	t.type = dns::rr_type::txt;
	t.rdata.assign(60000, 'x');
	big.answer.push_back(t);
	big.answer.push_back(t);
	auto b = dns::build_message(big);
	CHECK(!b.ok());
	STRCMP_EQUAL("dns message: message longer than 65535 bytes or a count "
	    "over 65535", b.err().message().c_str());
}

TEST(dns_message, seed_corpus_messages_parse_and_rebuild)
{
	// The fuzz seeds are hand-built real-world messages: a query with a
	// cookie, a NOTIFY, a compressed response, a transfer of many types.
	std::filesystem::path dir = std::filesystem::path(TOP_SRCDIR) /
	    "tests/fuzz/corpus/libnet_dns_message";
	int files = 0;
	for (const auto &e : std::filesystem::directory_iterator(dir)) {
		std::ifstream in(e.path(), std::ios::binary);
		std::vector<std::uint8_t> b((std::istreambuf_iterator<char>(in)),
		    std::istreambuf_iterator<char>());
		auto m = dns::parse_message(b);
		CHECK_TEXT(m.ok(), e.path().c_str());
		auto again = dns::build_message(*m);
		CHECK(again.ok());
		CHECK(*dns::parse_message(*again) == *m);
		files++;
	}
	CHECK(files >= 5);
}
