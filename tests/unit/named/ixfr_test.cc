// IXFR: the difference between two versions of a zone, the history over
// several, the incremental answer, and the journal that keeps it across
// a restart (hostile bytes refused, not trusted).
#include <string>
#include <vector>

#include "fixture.h"
#include "ixfr.h"

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
