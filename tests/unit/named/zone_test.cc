// Zone building: the checks named-checkzone makes, each at its line, and
// the shape lookups rely on (canonical order, empty non-terminals,
// delegations, one RRset per type, duplicates dropped).
#include <string>
#include <vector>

#include "fixture.h"
#include "libnet/dns_types.h"
#include "zone.h"

#include <CppUTest/TestHarness.h>

using namespace fixture;

namespace {

const char *head = "$TTL 300\n"
		   "@ SOA ns hostmaster 2024010101 3600 600 86400 60\n"
		   "@ NS ns\n"
		   "ns A 192.0.2.1\n";

std::shared_ptr<const named::zone>
build(const std::string &body, std::vector<net::diagnostic> &diags)
{
	return zone_of("z.test.", std::string(head) + body, diags);
}

bool
has_diag(const std::vector<net::diagnostic> &diags, unsigned line,
    const std::string &part, net::severity level = net::severity::error)
{
	for (const auto &d : diags)
		if (d.line == line && d.level == level &&
		    d.message.find(part) != std::string::npos)
			return true;
	return false;
}

std::string
owner_text(const named::zone &z, const named::zone::node &n)
{
	return dns::name::from_wire(z.owner(n))->to_text();
}

} // namespace

TEST_GROUP(zone_build){};

TEST(zone_build, good_zone_has_serial_negative_ttl_and_records)
{
	std::vector<net::diagnostic> d;
	auto z = build("www A 192.0.2.2\nwww A 192.0.2.3\n", d);
	CHECK_TEXT(z != nullptr, diag_text(d).c_str());
	CHECK_EQUAL(2024010101u, z->serial());
	CHECK_EQUAL(60u, z->negative_ttl());	// min(SOA TTL, minimum)
	CHECK_EQUAL(5u, z->record_count());
	auto *n = z->find(dns::name::from_text("WWW.z.TEST.")->wire());
	CHECK(n != nullptr);
	auto *s = z->find_set(*n, dns::rr_type::a);
	CHECK(s != nullptr);
	CHECK_EQUAL(2, s->count);
}

TEST(zone_build, duplicates_are_dropped_and_ttl_mismatch_warned)
{
	std::vector<net::diagnostic> d;
	auto z = build("www A 192.0.2.2\nwww 60 A 192.0.2.2\nwww 60 A "
	    "192.0.2.3\n", d);
	CHECK(z != nullptr);
	auto *n = z->find(dns::name::from_text("www.z.test.")->wire());
	CHECK_EQUAL(2, z->find_set(*n, dns::rr_type::a)->count);
	CHECK_EQUAL(300u, z->find_set(*n, dns::rr_type::a)->ttl);
	CHECK_TEXT(has_diag(d, 7, "differs", net::severity::warning),
	    diag_text(d).c_str());
}

TEST(zone_build, empty_non_terminals_exist_in_canonical_order)
{
	std::vector<net::diagnostic> d;
	auto z = build("a.b.c TXT x\nZ A 192.0.2.9\nb A 192.0.2.8\n", d);
	CHECK(z != nullptr);
	CHECK(z->find(dns::name::from_text("c.z.test.")->wire()));
	CHECK(z->find(dns::name::from_text("b.c.z.test.")->wire()));
	const auto &nodes = z->nodes();
	CHECK_EQUAL(std::string("z.test."), owner_text(*z, nodes[0]));
	for (std::size_t i = 1; i < nodes.size(); i++)
		CHECK(dns::canonical_compare_wire(z->owner(nodes[i - 1]),
		    z->owner(nodes[i])) < 0);
	auto *ent = z->find(dns::name::from_text("c.z.test.")->wire());
	CHECK_EQUAL(0, ent->nsets);
}

TEST(zone_build, delegation_marks_cut_and_below)
{
	std::vector<net::diagnostic> d;
	auto z = build("sub NS ns.sub\nns.sub A 192.0.2.53\n", d);
	CHECK_TEXT(z != nullptr, diag_text(d).c_str());
	auto *cut = z->find(dns::name::from_text("sub.z.test.")->wire());
	CHECK(cut->flags & named::zone::cut);
	auto *glue = z->find(dns::name::from_text("ns.sub.z.test.")->wire());
	CHECK(glue->flags & named::zone::below_cut);
	CHECK(z->apex_node().flags & named::zone::apex);
	CHECK_FALSE(z->apex_node().flags & named::zone::cut);
}

TEST(zone_build, cname_and_other_data_is_an_error_at_its_line)
{
	std::vector<net::diagnostic> d;
	auto z = build("www CNAME ns\nwww A 192.0.2.2\n", d);
	CHECK_FALSE(z != nullptr);
	CHECK_TEXT(has_diag(d, 5, "CNAME and other data"),
	    diag_text(d).c_str());
}

TEST(zone_build, two_cnames_are_an_error)
{
	std::vector<net::diagnostic> d;
	CHECK_FALSE(build("www CNAME ns\nwww CNAME z.test.\n", d));
	CHECK_TEXT(has_diag(d, 6, "more than one CNAME"), diag_text(d).c_str());
}

TEST(zone_build, missing_glue_is_an_error)
{
	std::vector<net::diagnostic> d;
	CHECK_FALSE(build("sub NS ns.sub\n", d));
	CHECK_TEXT(has_diag(d, 0, "has no address records"),
	    diag_text(d).c_str());
}

TEST(zone_build, in_zone_ns_target_without_address_is_an_error)
{
	std::vector<net::diagnostic> d;
	CHECK_FALSE(zone_of("z.test.", "$TTL 1\n@ SOA ns h 1 1 1 1 1\n"
	    "@ NS nowhere\n", d));
	CHECK(has_diag(d, 0, "'nowhere.z.test.'"));
}

TEST(zone_build, out_of_zone_data_is_ignored_with_a_warning)
{
	std::vector<net::diagnostic> d;
	auto z = build("other.test. A 192.0.2.2\n", d);
	CHECK(z != nullptr);
	CHECK_TEXT(has_diag(d, 5, "out-of-zone", net::severity::warning),
	    diag_text(d).c_str());
	CHECK_FALSE(z->find(dns::name::from_text("other.test.")->wire()));
}

TEST(zone_build, no_soa_no_ns_and_stray_soa)
{
	std::vector<net::diagnostic> d;
	CHECK_FALSE(zone_of("z.test.", "$TTL 1\n@ NS ns.x.\n", d));
	CHECK(has_diag(d, 0, "no SOA"));
	d.clear();
	CHECK_FALSE(zone_of("z.test.", "$TTL 1\n@ SOA ns h 1 1 1 1 1\n", d));
	CHECK(has_diag(d, 0, "no NS"));
	d.clear();
	CHECK_FALSE(build("www SOA ns h 1 1 1 1 1\n", d));
	CHECK(has_diag(d, 5, "not at the zone's origin"));
	d.clear();
	CHECK_FALSE(build("@ SOA ns h 2 1 1 1 1\n", d));
	CHECK(has_diag(d, 5, "more than one SOA"));
}

TEST(zone_build, bad_rdata_and_unknown_type_are_reported_at_their_line)
{
	std::vector<net::diagnostic> d;
	CHECK_FALSE(build("www A 300.1.2.3\nwww BOGUS x\n", d));
	CHECK_TEXT(has_diag(d, 5, ""), diag_text(d).c_str());
	CHECK_TEXT(has_diag(d, 6, ""), diag_text(d).c_str());
}

TEST(zone_build, two_dnames_are_an_error)
{
	std::vector<net::diagnostic> d;
	CHECK_FALSE(build("d DNAME a.test.\nd DNAME b.test.\n", d));
	CHECK(has_diag(d, 6, "more than one DNAME"));
}

TEST(zone_build, soa_fields)
{
	std::vector<net::diagnostic> d;
	auto z = build("", d);
	auto *s = z->find_set(z->apex_node(), dns::rr_type::soa);
	auto rd = named::zone::rdata_iter(*z, *s).get();
	CHECK_EQUAL(2024010101u, named::soa_serial(rd));
	CHECK_EQUAL(60u, named::soa_minimum(rd));
	CHECK_EQUAL(0u, named::soa_serial(rd.subspan(0, 10)));
}

TEST(zone_build, many_names_all_found)
{
	std::string body;
	for (int i = 0; i < 3000; i++)
		body += "h" + std::to_string(i) + " A 10.0." +
		    std::to_string(i / 256) + "." + std::to_string(i % 256) +
		    "\n";
	std::vector<net::diagnostic> d;
	auto z = build(body, d);
	CHECK(z != nullptr);
	for (int i = 0; i < 3000; i += 7)
		CHECK(z->find(dns::name::from_text("H" + std::to_string(i) +
		    ".z.test.")->wire()));
	CHECK_FALSE(z->find(dns::name::from_text("h3000.z.test.")->wire()));
}
