// IXFR: the difference between two versions of a zone, the history over
// several, the incremental answer, and the journal that keeps it across
// a restart (hostile bytes refused, not trusted).
#include <string>
#include <vector>

#include "fixture.h"
#include "ixfr.h"
#include "libnet/dns_types.h"
#include "xfr_reader.h"

#include <CppUTest/TestHarness.h>

using namespace fixture;

namespace {

std::shared_ptr<const named::zone>
version(unsigned serial, const std::string &body)
{
	std::vector<net::diagnostic> d;
	auto z = zone_of("x.test.", "$TTL 300\n@ SOA ns h " +
	    std::to_string(serial) + " 1 1 1 1\n@ NS ns\nns A 192.0.2.1\n" +
	    body, d);
	if (!z)
		throw std::runtime_error(diag_text(d));
	return z;
}

} // namespace

TEST_GROUP(ixfr){};

TEST(ixfr, diff_finds_deleted_added_and_ttl_changes)
{
	auto a = version(1, "www A 192.0.2.1\nold A 192.0.2.2\nttl A 192.0.2.4\n");
	auto b = version(2, "www A 192.0.2.1\nnew A 192.0.2.3\nttl 60 A "
	    "192.0.2.4\n");
	auto d = named::diff_zones(*a, *b, 1000);
	CHECK(d.has_value());
	STRCMP_EQUAL("old.x.test. A 192.0.2.2\nttl.x.test. A 192.0.2.4",
	    section_text(d->deleted).c_str());
	STRCMP_EQUAL("new.x.test. A 192.0.2.3\nttl.x.test. A 192.0.2.4",
	    section_text(d->added).c_str());
	CHECK_EQUAL(60u, d->added[1].ttl);
	CHECK_FALSE(named::diff_zones(*a, *b, 1).has_value());
}

TEST(ixfr, history_and_incremental_answer)
{
	auto a = version(10, "old A 192.0.2.2\n");
	auto b = version(11, "new A 192.0.2.3\n");
	auto c = version(12, "new A 192.0.2.3\nmore A 192.0.2.5\n");
	auto h = named::extend_history(nullptr, *a, *b);
	h = named::extend_history(h, *b, *c);
	CHECK_EQUAL(2u, h->diffs.size());
	auto from10 = named::incremental(h.get(), *c, 10);
	CHECK(from10.has_value());
	// SOA 12, SOA 10, -old, SOA 11, +new, SOA 11, SOA 12, +more, SOA 12
	CHECK_EQUAL(9u, from10->size());
	CHECK_EQUAL(12u, named::soa_serial(from10->front().rdata));
	CHECK_EQUAL(12u, named::soa_serial(from10->back().rdata));
	auto from11 = named::incremental(h.get(), *c, 11);
	CHECK_EQUAL(5u, from11->size());
	CHECK_FALSE(named::incremental(h.get(), *c, 9).has_value());
	CHECK_FALSE(named::incremental(h.get(), *b, 10).has_value());
	CHECK_FALSE(named::incremental(nullptr, *c, 10).has_value());
}

TEST(ixfr, history_restarts_when_it_does_not_follow)
{
	auto a = version(10, "");
	auto b = version(11, "n A 192.0.2.3\n");
	auto c = version(20, "");
	auto d = version(21, "m A 192.0.2.3\n");
	auto h = named::extend_history(nullptr, *a, *b);
	h = named::extend_history(h, *c, *d);	// 11 -> 20 is not there
	CHECK_EQUAL(1u, h->diffs.size());
	CHECK_FALSE(named::incremental(h.get(), *d, 10).has_value());
}

TEST(ixfr, journal_round_trip)
{
	auto a = version(10, "old A 192.0.2.2\n");
	auto b = version(11, "new A 192.0.2.3\nt TXT \"x y\"\n");
	auto h = named::extend_history(nullptr, *a, *b);
	auto bytes = named::encode_journal(*h);
	std::string why;
	auto back = named::decode_journal(bytes, *b, why);
	CHECK_TEXT(back != nullptr, why.c_str());
	auto inc = named::incremental(back.get(), *b, 10);
	CHECK(inc.has_value());
	CHECK_EQUAL(7u, inc->size());	// SOA 11, SOA 10, -1, SOA 11, +2, SOA 11
	// Not ending at the zone's serial: not used.
	CHECK(named::decode_journal(bytes, *a, why) == nullptr);
}

TEST(ixfr, journal_hostile_bytes_refused)
{
	auto a = version(10, "old A 192.0.2.2\n");
	auto b = version(11, "new A 192.0.2.3\n");
	auto h = named::extend_history(nullptr, *a, *b);
	auto bytes = named::encode_journal(*h);
	std::string why;
	for (std::size_t cut = 0; cut < bytes.size(); cut++) {
		std::vector<std::uint8_t> part(bytes.begin(),
		    bytes.begin() + static_cast<long>(cut));
		CHECK(named::decode_journal(part, *b, why) == nullptr);
	}
	auto huge = bytes;
	std::size_t at = std::string("named journal 1\n").size();
	huge[at] = 0xff;	// a count of deleted records past the bound
	CHECK(named::decode_journal(huge, *b, why) == nullptr);
	std::vector<std::uint8_t> junk(100, 0x41);
	CHECK(named::decode_journal(junk, *b, why) == nullptr);
}

namespace {

// Every record of z, its SOA first and last: an AXFR answer.
std::vector<net::dns::record>
axfr_of(const named::zone &z)
{
	std::vector<net::dns::record> out{named::soa_record(z)};
	for (const auto &n : z.nodes())
		for (const auto *s = z.sets_begin(n); s != z.sets_end(n); ++s) {
			if (s->type == net::dns::rr_type::soa)
				continue;
			for (named::zone::rdata_iter it(z, *s); !it.done();
			    it.next()) {
				net::dns::record r;
				r.owner = *net::dns::name::from_wire(z.owner(n));
				r.type = s->type;
				r.rclass = z.rclass();
				r.ttl = s->ttl;
				r.rdata.assign(it.get().begin(), it.get().end());
				out.push_back(r);
			}
		}
	out.push_back(named::soa_record(z));
	return out;
}

// True when a and b hold the same records with the same TTLs and serial.
bool
same_zone(const named::zone &a, const named::zone &b)
{
	auto d = named::diff_zones(a, b, 1000);
	return d && d->deleted.empty() && d->added.empty() &&
	    a.serial() == b.serial();
}

named::xfr_reader::status
feed(named::xfr_reader &r, const std::vector<net::dns::record> &rs)
{
	auto st = named::xfr_reader::status::more;
	for (const auto &x : rs)
		st = r.add(x, 1);
	return st;
}

} // namespace

TEST(ixfr, steps_applied_give_the_new_version)
{
	auto a = version(10, "old A 192.0.2.2\nttl A 192.0.2.4\n");
	auto b = version(11, "new A 192.0.2.3\nttl A 192.0.2.4\n");
	auto c = version(12, "new A 192.0.2.3\nmore A 192.0.2.5\n"
	    "ttl 60 A 192.0.2.4\nold A 192.0.2.2\n");
	auto h = named::extend_history(nullptr, *a, *b);
	h = named::extend_history(h, *b, *c);
	std::vector<net::diagnostic> d;
	std::string why;
	auto z = named::apply_diffs(*a, h->diffs, nullptr, d, why);
	CHECK_TEXT(z != nullptr, why.c_str());
	CHECK(same_zone(*z, *c));
	auto one = named::apply_diffs(*b, {h->diffs[1]}, nullptr, d, why);
	CHECK(one && same_zone(*one, *c));
}

TEST(ixfr, steps_that_do_not_fit_the_data_are_refused)
{
	auto a = version(10, "old A 192.0.2.2\n");
	auto b = version(11, "new A 192.0.2.3\n");
	auto other = version(10, "other A 192.0.2.9\n");
	auto h = named::extend_history(nullptr, *a, *b);
	std::vector<net::diagnostic> d;
	std::string why;
	// Deleting what the zone does not hold.
	CHECK(named::apply_diffs(*other, h->diffs, nullptr, d, why) == nullptr);
	STRCMP_EQUAL("1 of the records it deletes are not in the zone",
	    why.c_str());
	// A step from another serial.
	CHECK(named::apply_diffs(*b, h->diffs, nullptr, d, why) == nullptr);
	STRCMP_EQUAL("a step from serial 10 where the zone is at 11",
	    why.c_str());
	// One record deleted twice.
	auto twice = h->diffs;
	twice[0].deleted.push_back(twice[0].deleted[0]);
	CHECK(named::apply_diffs(*a, twice, nullptr, d, why) == nullptr);
	STRCMP_EQUAL("deletes old.x.test. A twice", why.c_str());
	// A result with no NS at the apex is no zone.
	auto nons = h->diffs;
	for (auto &r : axfr_of(*a))
		if (r.type == net::dns::rr_type::ns)
			nons[0].deleted.push_back(r);
	CHECK(named::apply_diffs(*a, nons, nullptr, d, why) == nullptr);
	STRCMP_CONTAINS("the zone has errors", why.c_str());
	CHECK(named::apply_diffs(*a, {}, nullptr, d, why) == nullptr);
}

TEST(ixfr, reader_takes_axfr_ixfr_steps_and_ixfr_in_axfr_form)
{
	auto a = version(10, "old A 192.0.2.2\n");
	auto b = version(11, "new A 192.0.2.3\n");
	auto c = version(12, "new A 192.0.2.3\nmore A 192.0.2.5\n");
	auto h = named::extend_history(nullptr, *a, *b);
	h = named::extend_history(h, *b, *c);

	named::xfr_reader ax(c->origin(), nullptr, "AXFR");
	CHECK(feed(ax, axfr_of(*c)) == named::xfr_reader::status::done);
	CHECK(same_zone(*ax.result, *c));
	CHECK_FALSE(ax.incremental);

	named::xfr_reader ix(c->origin(), a, "IXFR");
	auto steps = named::incremental(h.get(), *c, 10);
	CHECK(feed(ix, *steps) == named::xfr_reader::status::done);
	CHECK(ix.incremental);
	CHECK_EQUAL(12u, ix.serial);
	CHECK_EQUAL(3u, ix.changes);
	CHECK(same_zone(*ix.result, *c));

	named::xfr_reader whole(c->origin(), a, "IXFR");
	CHECK(feed(whole, axfr_of(*c)) == named::xfr_reader::status::done);
	CHECK_FALSE(whole.incremental);
	CHECK(same_zone(*whole.result, *c));
}

TEST(ixfr, reader_refuses_hostile_answers)
{
	auto a = version(10, "old A 192.0.2.2\n");
	auto b = version(11, "new A 192.0.2.3\n");
	auto h = named::extend_history(nullptr, *a, *b);
	auto steps = *named::incremental(h.get(), *b, 10);

	// Not starting with the SOA.
	named::xfr_reader r1(a->origin(), a, "IXFR");
	auto bad = steps;
	std::swap(bad[0], bad[2]);
	CHECK(feed(r1, bad) == named::xfr_reader::status::failed);
	STRCMP_EQUAL("the first record is not the zone's SOA", r1.error.c_str());

	// Steps for other data: failed, and worth an AXFR.
	auto other = version(10, "other A 192.0.2.9\n");
	named::xfr_reader r2(a->origin(), other, "IXFR");
	CHECK(feed(r2, steps) == named::xfr_reader::status::failed);
	CHECK(r2.apply_failed);

	// A whole zone with errors (the NS gone): failed, not worth an AXFR.
	auto ax = axfr_of(*b);
	std::vector<net::dns::record> nons;
	for (const auto &r : ax)
		if (r.type != net::dns::rr_type::ns)
			nons.push_back(r);
	named::xfr_reader r3(a->origin(), nullptr, "AXFR");
	CHECK(feed(r3, nons) == named::xfr_reader::status::failed);
	CHECK_FALSE(r3.apply_failed);

	// Nothing more is taken after the end.
	named::xfr_reader r4(a->origin(), a, "IXFR");
	CHECK(feed(r4, steps) == named::xfr_reader::status::done);
	CHECK(r4.add(steps[1], 2) == named::xfr_reader::status::done);
}
