// The answers: each behaviour of RFC 1034 4.3.2 and its successors that a
// client sees, asked as bytes and read back with the full codec.
#include <string>
#include <vector>

#include "fixture.h"

#include <CppUTest/PlatformSpecificFunctions_c.h>

#include <CppUTest/TestHarness.h>

using namespace fixture;
using fixture::fixture_client;
namespace rr = dns::rr_type;

namespace {

const char *example = R"($TTL 300
@	SOA	ns hostmaster 7 3600 600 86400 120
@	NS	ns
ns	A	192.0.2.1
www	A	192.0.2.10
	AAAA	2001:db8::10
mail	MX	10 www
	MX	20 mx.other.test.
alias	CNAME	www
chain	CNAME	alias
out	CNAME	www.other.test.
loop1	CNAME	loop2
loop2	CNAME	loop1
sub	NS	ns.sub
sub	DS	12345 8 2 0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF
ns.sub	A	192.0.2.53
*.w	A	192.0.2.99
*.w	TXT	"wild"
real.w	TXT	"real"
a.b.c	TXT	"deep"
d	DNAME	www.example.test.
srv	SRV	0 5 80 www
)";

const char *other = R"($TTL 600
@	SOA	ns.example.test. h 1 1 1 1 30
@	NS	ns.example.test.
www	A	198.51.100.1
)";

std::shared_ptr<named::database>
sample()
{
	return db_of({{"example.test.", example}, {"other.test.", other}});
}

bool
aa(const reply &r)
{
	return r.m.hdr.aa;
}

} // namespace

TEST_GROUP(answer)
{
	std::shared_ptr<named::database> db = sample();
};

TEST(answer, authoritative_a)
{
	auto r = ask(*db, "www.example.test.", rr::a);
	CHECK_EQUAL(dns::rcode::noerror, r.m.rcode());
	CHECK(aa(r));
	CHECK_FALSE(r.m.hdr.tc);
	STRCMP_EQUAL("www.example.test. A 192.0.2.10",
	    section_text(r.m.answer).c_str());
	CHECK(r.m.authority.empty());	// minimal responses
	CHECK(r.m.opt.has_value());
	CHECK_EQUAL(1232, r.m.opt->udp_size);
}

TEST(answer, query_case_is_echoed)
{
	auto r = ask(*db, "WwW.ExAmPlE.TeSt.", rr::a);
	CHECK(r.m.answer.at(0).owner.identical(
	    *dns::name::from_text("WwW.ExAmPlE.TeSt.")));
	CHECK(r.m.questions.at(0).qname.identical(
	    *dns::name::from_text("WwW.ExAmPlE.TeSt.")));
}

TEST(answer, cname_chain_followed_across_zones)
{
	auto r = ask(*db, "chain.example.test.", rr::a);
	STRCMP_EQUAL("chain.example.test. CNAME alias.example.test.\n"
		     "alias.example.test. CNAME www.example.test.\n"
		     "www.example.test. A 192.0.2.10",
	    section_text(r.m.answer).c_str());
	auto o = ask(*db, "out.example.test.", rr::a);
	STRCMP_EQUAL("out.example.test. CNAME www.other.test.\n"
		     "www.other.test. A 198.51.100.1",
	    section_text(o.m.answer).c_str());
	CHECK(aa(o));
}

TEST(answer, cname_loop_ends_within_the_chain_limit)
{
	auto r = ask(*db, "loop1.example.test.", rr::a);
	CHECK_EQUAL(dns::rcode::noerror, r.m.rcode());
	CHECK(r.m.answer.size() >= 2 && r.m.answer.size() <= 17);
}

TEST(answer, cname_asked_for_itself)
{
	auto r = ask(*db, "alias.example.test.", rr::cname);
	STRCMP_EQUAL("alias.example.test. CNAME www.example.test.",
	    section_text(r.m.answer).c_str());
}

TEST(answer, nxdomain_with_soa_at_negative_ttl)
{
	auto r = ask(*db, "nothing.example.test.", rr::a);
	CHECK_EQUAL(dns::rcode::nxdomain, r.m.rcode());
	CHECK(aa(r));
	CHECK(r.m.answer.empty());
	CHECK_EQUAL(1u, r.m.authority.size());
	CHECK_EQUAL(rr::soa, r.m.authority[0].type);
	CHECK_EQUAL(120u, r.m.authority[0].ttl);
}

TEST(answer, nxdomain_after_cname_names_the_target)
{
	auto r = ask(*db, "q.d.example.test.", rr::a);
	CHECK_EQUAL(dns::rcode::nxdomain, r.m.rcode());
	CHECK_EQUAL(2u, r.m.answer.size());
}

TEST(answer, nodata_and_empty_non_terminal)
{
	auto r = ask(*db, "www.example.test.", rr::mx);
	CHECK_EQUAL(dns::rcode::noerror, r.m.rcode());
	CHECK(r.m.answer.empty());
	CHECK_EQUAL(rr::soa, r.m.authority.at(0).type);
	auto e = ask(*db, "b.c.example.test.", rr::a);
	CHECK_EQUAL(dns::rcode::noerror, e.m.rcode());
	CHECK_EQUAL(rr::soa, e.m.authority.at(0).type);
}

TEST(answer, wildcard_synthesizes_the_name_asked)
{
	auto r = ask(*db, "x.y.w.example.test.", rr::a);
	// x.y.w: closest encloser is w, source *.w (RFC 4592 3.3.1).
	STRCMP_EQUAL("x.y.w.example.test. A 192.0.2.99",
	    section_text(r.m.answer).c_str());
	auto t = ask(*db, "real.w.example.test.", rr::a);
	CHECK(t.m.answer.empty());	// an existing name blocks it
	CHECK_EQUAL(dns::rcode::noerror, t.m.rcode());
	auto n = ask(*db, "x.w.example.test.", rr::mx);
	CHECK(n.m.answer.empty());	// NODATA from the wildcard
	CHECK_EQUAL(dns::rcode::noerror, n.m.rcode());
}

TEST(answer, wildcard_does_not_match_below_an_ent_sibling)
{
	auto r = ask(*db, "zz.c.example.test.", rr::txt);
	// closest encloser c has no *.c: NXDOMAIN.
	CHECK_EQUAL(dns::rcode::nxdomain, r.m.rcode());
}

TEST(answer, dname_substitutes_and_synthesizes_cname)
{
	auto r = ask(*db, "www.d.example.test.", rr::a);
	CHECK_EQUAL(dns::rcode::nxdomain, r.m.rcode());	// www.www...
	auto s = ask(*db, "d.example.test.", rr::dname);
	STRCMP_EQUAL("d.example.test. DNAME www.example.test.",
	    section_text(s.m.answer).c_str());
	CHECK(section_text(r.m.answer).find(
	    "www.d.example.test. CNAME www.www.example.test.") !=
	    std::string::npos);
}

TEST(answer, dname_too_long_is_yxdomain)
{
	auto db2 = db_of({{"example.test.", std::string(example)},
	    {"long.test.", "$TTL 1\n@ SOA ns.example.test. h 1 1 1 1 1\n"
		"@ NS ns.example.test.\nd DNAME " + std::string(60, 'a') + "." +
		std::string(60, 'b') + "." + std::string(60, 'c') + ".\n"}});
	std::string q = std::string(60, 'x') + "." + std::string(20, 'y') +
	    ".d.long.test.";
	auto r = ask(*db2, q, rr::a);
	CHECK_EQUAL(dns::rcode::yxdomain, r.m.rcode());
}

TEST(answer, referral_with_glue_and_no_aa)
{
	auto r = ask(*db, "host.sub.example.test.", rr::a);
	CHECK_EQUAL(dns::rcode::noerror, r.m.rcode());
	CHECK_FALSE(aa(r));
	CHECK(r.m.answer.empty());
	STRCMP_EQUAL("sub.example.test. NS ns.sub.example.test.",
	    section_text(r.m.authority).c_str());
	STRCMP_EQUAL("ns.sub.example.test. A 192.0.2.53",
	    section_text(r.m.additional).c_str());
}

TEST(answer, referral_carries_ds_with_do)
{
	dns::edns e;
	ask_opts o;
	o.do_bit = true;
	auto r = ask(*db, "host.sub.example.test.", rr::a, o);
	CHECK_EQUAL(2u, r.m.authority.size());
	CHECK_EQUAL(rr::ds, r.m.authority[1].type);
	CHECK(r.m.opt.has_value() && r.m.opt->do_bit);
}

TEST(answer, ds_answered_by_the_parent)
{
	auto r = ask(*db, "sub.example.test.", rr::ds);
	CHECK(aa(r));
	CHECK_EQUAL(1u, r.m.answer.size());
	CHECK_EQUAL(rr::ds, r.m.answer[0].type);
}

TEST(answer, additional_addresses_for_mx_and_srv)
{
	auto r = ask(*db, "mail.example.test.", rr::mx);
	CHECK_EQUAL(2u, r.m.answer.size());
	STRCMP_EQUAL("www.example.test. A 192.0.2.10\n"
		     "www.example.test. AAAA 2001:db8::10",
	    section_text(r.m.additional).c_str());
	auto s = ask(*db, "srv.example.test.", rr::srv);
	CHECK_EQUAL(2u, s.m.additional.size());
}

TEST(answer, any_returns_every_rrset)
{
	auto r = ask(*db, "www.example.test.", rr::any);
	CHECK_EQUAL(2u, r.m.answer.size());
}

TEST(answer, outside_zones_is_refused)
{
	auto r = ask(*db, "www.elsewhere.", rr::a);
	CHECK_EQUAL(dns::rcode::refused, r.m.rcode());
	CHECK_FALSE(aa(r));
	CHECK(r.m.answer.empty());
}

TEST(answer, other_class_is_refused)
{
	ask_opts o;
	o.qclass = dns::rr_class::ch;
	auto r = ask(*db, "version.bind.", rr::txt, o);
	CHECK_EQUAL(dns::rcode::refused, r.m.rcode());
}

TEST(answer, unknown_opcode_is_notimp)
{
	ask_opts o;
	o.opcode = 9;
	auto r = ask(*db, "www.example.test.", rr::a, o);
	CHECK_EQUAL(dns::rcode::notimp, r.m.rcode());
	CHECK_EQUAL(9, r.m.hdr.opcode);
}

TEST(answer, edns_version_1_is_badvers)
{
	ask_opts o;
	o.version = 1;
	auto r = ask(*db, "www.example.test.", rr::a, o);
	CHECK_EQUAL(dns::rcode::badvers, r.m.rcode());
	CHECK(r.m.opt.has_value());
	CHECK_EQUAL(0, r.m.opt->version);
	CHECK(r.m.answer.empty());
}

TEST(answer, no_edns_no_opt)
{
	ask_opts o;
	o.edns = false;
	auto r = ask(*db, "www.example.test.", rr::a, o);
	CHECK_FALSE(r.m.opt.has_value());
}

TEST(answer, truncated_without_edns_and_whole_over_tcp)
{
	std::string body;
	for (int i = 0; i < 20; i++)
		body += "big TXT \"" + std::string(60, char('a' + i)) + "\"\n";
	auto db2 = db_of({{"example.test.", std::string(example) + body}});
	ask_opts o;
	o.edns = false;
	auto r = ask(*db2, "big.example.test.", rr::txt, o);
	CHECK(r.m.hdr.tc);
	CHECK(r.m.answer.empty());
	CHECK(r.size <= 512);
	o.t = named::transport::tcp;
	auto t = ask(*db2, "big.example.test.", rr::txt, o);
	CHECK_FALSE(t.m.hdr.tc);
	CHECK_EQUAL(20u, t.m.answer.size());
}

TEST(answer, malformed_queries)
{
	// Two questions (RFC 9619): FORMERR.
	auto two = query_bytes("www.example.test.", rr::a);
	auto m = *dns::parse_message(two);
	m.questions.push_back(m.questions[0]);
	auto r = ask_bytes(*db, *dns::build_message(m));
	CHECK_EQUAL(dns::rcode::formerr, r.m.rcode());
	// A name cut short: FORMERR.
	auto cut = query_bytes("www.example.test.", rr::a, {false});
	cut.resize(20);
	CHECK_EQUAL(dns::rcode::formerr, ask_bytes(*db, cut).m.rcode());
	// QR set, or shorter than a header: no reply at all.
	auto qr = query_bytes("www.example.test.", rr::a);
	qr[2] |= 0x80;
	CHECK_EQUAL(0u, ask_bytes(*db, qr).size);
	std::vector<std::uint8_t> tiny(11, 0);
	CHECK_EQUAL(0u, ask_bytes(*db, tiny).size);
}

TEST(answer, z_bit_cleared_rd_kept)
{
	auto q = query_bytes("www.example.test.", rr::a);
	q[2] |= 0x01;	// RD
	q[3] |= 0x40;	// Z
	auto r = ask_bytes(*db, q);
	CHECK(r.m.hdr.rd);
	CHECK_FALSE(r.m.hdr.z);
	CHECK_FALSE(r.m.hdr.ra);
}

TEST(answer, axfr_over_udp_is_notimp_ixfr_gets_the_soa)
{
	CHECK_EQUAL(dns::rcode::notimp,
	    ask(*db, "example.test.", rr::axfr).m.rcode());
	auto r = ask(*db, "example.test.", rr::ixfr);
	CHECK_EQUAL(dns::rcode::noerror, r.m.rcode());
	CHECK_EQUAL(rr::soa, r.m.answer.at(0).type);
}

TEST(answer, transfer_over_tcp_is_left_to_the_caller)
{
	static named::counters c;
	std::vector<std::uint8_t> out(65535);
	dns::query q;
	named::answer_info info;
	auto pkt = query_bytes("example.test.", rr::axfr);
	CHECK_EQUAL(0u, named::answer_query(*db, pkt, out,
	    named::transport::tcp, q, c, info, fixture_client(), 0));
	CHECK(info.transfer);
}

namespace {
std::atomic<unsigned long> news{0};
void *(*real_malloc)(std::size_t);
void *
counting_malloc(std::size_t n)
{
	news++;
	return real_malloc(n);
}
} // namespace

TEST(answer, no_allocation_on_the_query_path)
{
	static named::counters c;
	std::vector<std::uint8_t> out(65535);
	dns::query q;
	named::answer_info info;
	std::vector<std::vector<std::uint8_t>> pkts = {
	    query_bytes("www.example.test.", rr::a),
	    query_bytes("nothing.example.test.", rr::a),
	    query_bytes("chain.example.test.", rr::a),
	    query_bytes("mail.example.test.", rr::mx),
	    query_bytes("a.w.example.test.", rr::a),
	    query_bytes("host.sub.example.test.", rr::a),
	    query_bytes("x.d.example.test.", rr::a)};
	real_malloc = PlatformSpecificMalloc;
	PlatformSpecificMalloc = counting_malloc;
	unsigned long before = news.load();
	for (const auto &p : pkts)
		(void)named::answer_query(*db, p, out, named::transport::udp,
		    q, c, info, fixture_client(), 0);
	unsigned long n = news.load() - before;
	PlatformSpecificMalloc = real_malloc;
	CHECK_EQUAL(0ul, n);
}

TEST(answer, notify_accepted_only_from_a_master_of_a_secondary)
{
	auto db2 = db_of({{"example.test.", example}});
	named::zone_slot sec;
	sec.line.type = net::boot_zone_type::secondary;
	sec.line.name = "sec.test.";
	sec.line.masters.push_back(*net::address::parse("192.0.2.7"));
	db2->zones.push_back(sec);
	db2->index();
	ask_opts o;
	o.opcode = dns::opcode::notify;
	static named::counters c;
	std::vector<std::uint8_t> out(65535);
	dns::query q;
	named::answer_info info;
	auto pkt = query_bytes("sec.test.", rr::soa, o);
	CHECK_EQUAL(0u, named::answer_query(*db2, pkt, out,
	    named::transport::udp, q, c, info, fixture_client(), 0));
	CHECK(info.notify);
	bool accepted = false;
	auto reply_of = [&](const char *from) {
		std::size_t n = named::answer_notify(*db2, q, pkt,
		    *net::address::parse(from), out, accepted, 0);
		return *dns::parse_message(net::bytes_view(out.data(), n));
	};
	auto m = reply_of("192.0.2.7");
	CHECK(accepted);
	CHECK_EQUAL(dns::rcode::noerror, m.rcode());
	CHECK_EQUAL(dns::opcode::notify, m.hdr.opcode);
	CHECK(m.hdr.qr);
	m = reply_of("::ffff:192.0.2.7");
	CHECK(accepted);
	m = reply_of("192.0.2.8");
	CHECK_FALSE(accepted);
	CHECK_EQUAL(dns::rcode::refused, m.rcode());
	// A zone that is not a secondary here.
	pkt = query_bytes("example.test.", rr::soa, o);
	named::answer_query(*db2, pkt, out, named::transport::udp, q, c, info, fixture_client(), 0);
	m = reply_of("192.0.2.7");
	CHECK_FALSE(accepted);
	CHECK_EQUAL(dns::rcode::notauth, m.rcode());
}

TEST(answer, secondary_without_data_or_expired_is_servfail)
{
	auto db2 = db_of({{"example.test.", example}});
	named::zone_slot sec;
	sec.line.type = net::boot_zone_type::secondary;
	sec.line.name = "sec.test.";
	db2->zones.push_back(sec);
	db2->index();
	CHECK_EQUAL(dns::rcode::servfail,
	    ask(*db2, "www.sec.test.", rr::a).m.rcode());
	db2->zones.back().data = db2->zones[0].data;	// some data...
	db2->zones.back().line.name = "example.test.";
	db2->zones.back().expired = true;
	db2->zones.erase(db2->zones.begin());
	db2->index();
	auto r = ask(*db2, "www.example.test.", rr::a);
	CHECK_EQUAL(dns::rcode::servfail, r.m.rcode());
	CHECK_FALSE(r.m.hdr.aa);
}

TEST(answer, cname_loops_give_each_cname_once)
{
	auto r = ask(*db, "loop1.example.test.", rr::a);
	STRCMP_EQUAL("loop1.example.test. CNAME loop2.example.test.\n"
		     "loop2.example.test. CNAME loop1.example.test.",
	    section_text(r.m.answer).c_str());
	auto db2 = db_of({{"example.test.", std::string(example) +
	    "self CNAME self\n"}});
	auto s = ask(*db2, "self.example.test.", rr::a);
	CHECK_EQUAL(1u, s.m.answer.size());
}

namespace {
// A zone signed in form (the signatures are not real: served as data).
const char *signed_zone = R"($TTL 300
@	SOA	ns h 1 3600 600 86400 120
@	NS	ns
@	NSEC	a RRSIG NSEC SOA NS
@	RRSIG	SOA 8 2 300 20300101000000 20200101000000 1 s.test. AAAA
@	RRSIG	NSEC 8 2 300 20300101000000 20200101000000 1 s.test. AAAA
a	A	192.0.2.1
a	NSEC	c.b A RRSIG NSEC
a	RRSIG	A 8 3 300 20300101000000 20200101000000 1 s.test. AAAA
a	RRSIG	NSEC 8 3 300 20300101000000 20200101000000 1 s.test. AAAA
c.b	TXT	x
c.b	NSEC	ns TXT RRSIG NSEC
c.b	RRSIG	NSEC 8 4 300 20300101000000 20200101000000 1 s.test. AAAA
ns	A	192.0.2.2
ns	NSEC	sub A RRSIG NSEC
ns	RRSIG	NSEC 8 3 300 20300101000000 20200101000000 1 s.test. AAAA
sub	NS	ns.other.
sub	NSEC	*.w NS RRSIG NSEC
sub	RRSIG	NSEC 8 3 300 20300101000000 20200101000000 1 s.test. AAAA
*.w	A	192.0.2.9
*.w	NSEC	s.test. A RRSIG NSEC
*.w	RRSIG	NSEC 8 4 300 20300101000000 20200101000000 1 s.test. AAAA
)";

std::string
types_of(const std::vector<dns::record> &rs)
{
	std::string s;
	for (const auto &r : rs)
		s += r.owner.to_text() + " " + dns::type_to_text(r.type) + "\n";
	return s;
}
} // namespace

TEST(answer, nsec_proofs_with_do)
{
	auto db2 = db_of({{"s.test.", signed_zone}});
	ask_opts o;
	o.do_bit = true;
	// NXDOMAIN: SOA, the NSEC covering the name, the NSEC covering the
	// wildcard that would have matched.
	auto nx = ask(*db2, "b0.s.test.", rr::a, o);
	CHECK_EQUAL(dns::rcode::nxdomain, nx.m.rcode());
	// b0 comes after c.b (b's subtree first); *.s.test right after
	// the apex.
	STRCMP_EQUAL("s.test. SOA\ns.test. RRSIG\nc.b.s.test. NSEC\n"
		     "c.b.s.test. RRSIG\ns.test. NSEC\ns.test. RRSIG\n",
	    types_of(nx.m.authority).c_str());
	// NODATA: the name's own NSEC.
	auto nd = ask(*db2, "a.s.test.", rr::mx, o);
	CHECK_EQUAL(dns::rcode::noerror, nd.m.rcode());
	STRCMP_EQUAL("s.test. SOA\ns.test. RRSIG\na.s.test. NSEC\n"
		     "a.s.test. RRSIG\n", types_of(nd.m.authority).c_str());
	// NODATA at an empty non-terminal: the NSEC before it.
	auto ent = ask(*db2, "b.s.test.", rr::a, o);
	CHECK_EQUAL(dns::rcode::noerror, ent.m.rcode());
	CHECK(types_of(ent.m.authority).find("a.s.test. NSEC") !=
	    std::string::npos);
	// A wildcard answer: the NSEC that shows the name is not there.
	auto w = ask(*db2, "x.w.s.test.", rr::a, o);
	CHECK_EQUAL(1u, w.m.answer.size());
	STRCMP_EQUAL("*.w.s.test. NSEC\n*.w.s.test. RRSIG\n",
	    types_of(w.m.authority).c_str());
	// A delegation with no DS: the cut's NSEC shows there is none.
	auto ref = ask(*db2, "a.sub.s.test.", rr::a, o);
	CHECK_FALSE(ref.m.hdr.aa);
	STRCMP_EQUAL("sub.s.test. NS\nsub.s.test. NSEC\nsub.s.test. RRSIG\n",
	    types_of(ref.m.authority).c_str());
	// Without DO, none of it.
	auto plain = ask(*db2, "b0.s.test.", rr::a);
	CHECK_EQUAL(1u, plain.m.authority.size());
	auto ref2 = ask(*db2, "a.sub.s.test.", rr::a);
	STRCMP_EQUAL("sub.s.test. NS\n", types_of(ref2.m.authority).c_str());
}

namespace {
// RFC 5155 Appendix A's names and parameters (salt aabbccdd, 12
// iterations), reduced: the NSEC3 owners are the hashes of the apex,
// ns1, a, the empty non-terminal w, *.w and xx; sub is an unsigned
// delegation under opt-out (no NSEC3 of its own).  Signatures left out.
const char *nsec3_zone = R"($TTL 300
@	SOA	ns1 h 1 3600 600 86400 120
@	NS	ns1
@	NSEC3PARAM	1 0 12 aabbccdd
ns1	A	192.0.2.1
a	A	192.0.2.2
*.w	MX	1 a
xx	A	192.0.2.3
sub	NS	ns.other.
0p9mhaveqvm6t7vbl5lop2u3t2rp3tom	NSEC3	1 1 12 aabbccdd 2t7b4g4vsa5smi47k61mv5bv1a22bojr NS SOA RRSIG DNSKEY NSEC3PARAM
2t7b4g4vsa5smi47k61mv5bv1a22bojr	NSEC3	1 1 12 aabbccdd 35mthgpgcu1qg68fab165klnsnk3dpvl A RRSIG
35mthgpgcu1qg68fab165klnsnk3dpvl	NSEC3	1 1 12 aabbccdd k8udemvp1j2f7eg6jebps17vp3n8i58h A RRSIG
k8udemvp1j2f7eg6jebps17vp3n8i58h	NSEC3	1 1 12 aabbccdd r53bq7cc2uvmubfu5ocmm6pers9tk9en
r53bq7cc2uvmubfu5ocmm6pers9tk9en	NSEC3	1 1 12 aabbccdd t644ebqk9bibcna874givr6joj62mlhv MX RRSIG
t644ebqk9bibcna874givr6joj62mlhv	NSEC3	1 1 12 aabbccdd 0p9mhaveqvm6t7vbl5lop2u3t2rp3tom A RRSIG
)";

// The first label of each NSEC3 owner in authority, in order.
std::string
nsec3_owners(const std::vector<dns::record> &rs)
{
	std::string s;
	for (const auto &r : rs)
		if (r.type == dns::rr_type::nsec3)
			s += r.owner.to_text().substr(0, 4) + " ";
	return s;
}
} // namespace

TEST(answer, nsec3_proofs_with_do)
{
	auto db2 = db_of({{"example.", nsec3_zone}});
	ask_opts o;
	o.do_bit = true;
	// NXDOMAIN (7.2.2): the closest encloser (the apex) matched, the
	// next closer name b.example (j7hv...) covered by a's NSEC3, and
	// *.example (jhsv...) covered by the same one, given once.
	auto nx = ask(*db2, "a.b.example.", rr::a, o);
	CHECK_EQUAL(dns::rcode::nxdomain, nx.m.rcode());
	STRCMP_EQUAL("0p9m 35mt ", nsec3_owners(nx.m.authority).c_str());
	// NODATA (7.2.3): the name's own NSEC3.
	auto nd = ask(*db2, "a.example.", rr::mx, o);
	CHECK_EQUAL(dns::rcode::noerror, nd.m.rcode());
	STRCMP_EQUAL("35mt ", nsec3_owners(nd.m.authority).c_str());
	// An empty non-terminal has one too.
	auto ent = ask(*db2, "w.example.", rr::a, o);
	CHECK_EQUAL(dns::rcode::noerror, ent.m.rcode());
	STRCMP_EQUAL("k8ud ", nsec3_owners(ent.m.authority).c_str());
	// A wildcard answer (7.2.6): the next closer x.w.example (b4um...)
	// covered.
	auto w = ask(*db2, "x.w.example.", rr::mx, o);
	CHECK_EQUAL(1u, w.m.answer.size());
	STRCMP_EQUAL("35mt ", nsec3_owners(w.m.authority).c_str());
	// Wildcard NODATA (7.2.5): the wildcard matched, the closest
	// encloser w matched, the next closer covered.
	auto wn = ask(*db2, "x.w.example.", rr::a, o);
	CHECK_EQUAL(0u, wn.m.answer.size());
	STRCMP_EQUAL("r53b k8ud 35mt ", nsec3_owners(wn.m.authority).c_str());
	// A delegation under opt-out (7.2.7): no NSEC3 of its own, so the
	// closest provable encloser (the apex) and the cover of sub
	// (rh67...), *.w's.
	auto ref = ask(*db2, "x.sub.example.", rr::a, o);
	CHECK_FALSE(ref.m.hdr.aa);
	STRCMP_EQUAL("0p9m r53b ", nsec3_owners(ref.m.authority).c_str());
	// DS asked at that cut: the same proof.
	auto ds = ask(*db2, "sub.example.", rr::ds, o);
	STRCMP_EQUAL("0p9m r53b ", nsec3_owners(ds.m.authority).c_str());
	// Without DO, none of it.
	auto plain = ask(*db2, "a.b.example.", rr::a);
	CHECK_EQUAL(1u, plain.m.authority.size());
}

TEST(answer, nsec3_chains_named_does_not_prove_with)
{
	// Too many iterations (over 150), or a chain under other
	// parameters: served as data, no proofs.
	std::string many = nsec3_zone;
	many.replace(many.find("1 0 12 aabbccdd"), 15, "1 0 500 aabbccdd");
	auto db2 = db_of({{"example.", many}});
	ask_opts o;
	o.do_bit = true;
	auto nx = ask(*db2, "a.b.example.", rr::a, o);
	CHECK_EQUAL(dns::rcode::nxdomain, nx.m.rcode());
	STRCMP_EQUAL("", nsec3_owners(nx.m.authority).c_str());
	std::string salt = nsec3_zone;
	salt.replace(salt.find("1 0 12 aabbccdd"), 15, "1 0 12 aabbccde");
	auto db3 = db_of({{"example.", salt}});
	auto nx3 = ask(*db3, "a.b.example.", rr::a, o);
	STRCMP_EQUAL("", nsec3_owners(nx3.m.authority).c_str());
}
