#include <set>
#include <string>
#include <unordered_set>
#include <vector>

#include "libnet/dns_name.h"

#include "hex.h"

#include <CppUTest/TestHarness.h>

using net::dns::name;

namespace {

name
n(const char *text)
{
	auto r = name::from_text(text, name::root());
	if (!r)
		FAIL(("bad name in test: " + r.err().message()).c_str());
	return *r;
}

std::string
hex(net::bytes_view b)
{
	static const char digits[] = "0123456789abcdef";
	std::string s;
	for (auto c : b) {
		s += digits[c >> 4];
		s += digits[c & 15];
	}
	return s;
}

std::string
from_text_error(const char *text)
{
	auto r = name::from_text(text, n("example.com."));
	if (r)
		return "accepted";
	return r.err().message();
}

} // namespace

TEST_GROUP(dns_name){};

TEST(dns_name, root_by_default_and_from_dot)
{
	name r;
	CHECK(r.is_root());
	STRCMP_EQUAL("00", hex(r.wire()).c_str());
	STRCMP_EQUAL(".", r.to_text().c_str());
	CHECK(n(".") == r);
	LONGS_EQUAL(0, r.label_count());
}

TEST(dns_name, text_to_wire_absolute_and_relative)
{
	name origin = n("example.com.");
	auto a = name::from_text("www", origin);
	CHECK(a.ok());
	STRCMP_EQUAL("03777777076578616d706c6503636f6d00",
	    hex(a->wire()).c_str());
	STRCMP_EQUAL("www.example.com.", a->to_text().c_str());
	LONGS_EQUAL(3, a->label_count());

	auto b = name::from_text("www.example.org.", origin);
	STRCMP_EQUAL("www.example.org.", b->to_text().c_str());

	auto at = name::from_text("@", origin);
	CHECK(*at == origin);

	auto rel = name::from_text("a.b");
	CHECK(rel.ok());
	CHECK(!rel->is_absolute());
	STRCMP_EQUAL("a.b", rel->to_text().c_str());
	STRCMP_EQUAL("01610162", hex(rel->wire()).c_str());
	auto c = rel->concat(origin);
	STRCMP_EQUAL("a.b.example.com.", c->to_text().c_str());
	CHECK(!c->concat(origin).ok());
	CHECK(!name::from_text("@").ok());
}

TEST(dns_name, escapes_in_and_out)
{
	auto a = name::from_text("a\\.b.c\\\\d.\\065\\032x.", name::root());
	CHECK(a.ok());
	LONGS_EQUAL(3, a->label_count());
	STRCMP_EQUAL("03612e6203635c6403412078", hex(a->wire()).substr(0, 24)
	    .c_str());
	STRCMP_EQUAL("a\\.b.c\\\\d.A\\032x.", a->to_text().c_str());
	auto b = name::from_text(a->to_text(), name::root());
	CHECK(b->identical(*a));

	auto odd = name::from_text("\\000\\255\\(\\)\\\"\\;\\@\\$.",
	    name::root());
	STRCMP_EQUAL("\\000\\255\\(\\)\\\"\\;\\@\\$.", odd->to_text().c_str());
}

TEST(dns_name, bad_text_is_refused_with_a_reason)
{
	STRCMP_EQUAL("empty label", from_text_error("a..b").c_str());
	STRCMP_EQUAL("empty label", from_text_error(".a").c_str());
	STRCMP_EQUAL("empty name", from_text_error("").c_str());
	STRCMP_EQUAL("backslash at the end", from_text_error("a\\").c_str());
	STRCMP_EQUAL("bad \\DDD escape", from_text_error("a\\25").c_str());
	STRCMP_EQUAL("\\DDD escape over 255",
	    from_text_error("a\\256").c_str());
	std::string l64(64, 'x');
	STRCMP_EQUAL("label longer than 63 bytes",
	    from_text_error(l64.c_str()).c_str());
	std::string l63(63, 'x');
	CHECK(name::from_text(l63 + ".", name::root()).ok());
}

TEST(dns_name, length_limit_is_255_bytes_exactly)
{
	std::string l63(63, 'x');
	// 3 * 64 + 62 + 1 = 255 bytes.
	std::string max = l63 + "." + l63 + "." + l63 + "." +
	    std::string(61, 'y') + ".";
	auto a = name::from_text(max, name::root());
	CHECK(a.ok());
	LONGS_EQUAL(255, a->length());
	auto b = name::from_text(l63 + "." + l63 + "." + l63 + "." +
	    std::string(62, 'y') + ".", name::root());
	CHECK(!b.ok());
	STRCMP_EQUAL("name longer than 255 bytes", b.err().message().c_str());
	// A relative name that only goes over once the origin is added.
	auto rel = name::from_text(l63 + "." + l63 + "." + l63);
	CHECK(rel.ok());
	CHECK(!rel->concat(n(std::string(l63 + ".").c_str())).ok());
	std::string many;
	for (int i = 0; i < 128; i++)
		many += "a.";
	CHECK(!name::from_text(many, name::root()).ok());
}

TEST(dns_name, equality_and_hash_ignore_case)
{
	CHECK(n("WWW.Example.COM.") == n("www.example.com."));
	CHECK(!n("WWW.Example.COM.").identical(n("www.example.com.")));
	CHECK(n("www.example.com.").hash() == n("WwW.eXample.com.").hash());
	CHECK(!(n("www.example.com.") == n("ww.example.com.")));
	CHECK(!(*name::from_text("a") == n("a.")));
	// Only ASCII letters fold (RFC 4343).
	CHECK(!(n("\\200.") == n("\\160.")));
	std::unordered_set<name, net::dns::name_hash> set;
	set.insert(n("A.example."));
	CHECK(set.count(n("a.EXAMPLE.")) == 1);
}

TEST(dns_name, canonical_order_rfc4034_example)
{
	// The example of RFC 4034 section 6.1, in order.
	const char *ordered[] = {
	    "example.", "a.example.", "yljkjljk.a.example.",
	    "Z.a.example.", "zABC.a.EXAMPLE.", "z.example.",
	    "\\001.z.example.", "*.z.example.", "\\200.z.example.",
	};
	for (std::size_t i = 0; i + 1 < sizeof ordered / sizeof *ordered;
	     i++) {
		CHECK_TEXT(net::dns::canonical_compare(n(ordered[i]),
		    n(ordered[i + 1])) < 0, ordered[i]);
		CHECK(net::dns::canonical_compare(n(ordered[i + 1]),
		    n(ordered[i])) > 0);
	}
	LONGS_EQUAL(0, net::dns::canonical_compare(n("A.example."),
	    n("a.EXAMPLE.")));
	std::set<name, net::dns::canonical_less> s;
	s.insert(n("b."));
	s.insert(n("a.b."));
	s.insert(n("."));
	STRCMP_EQUAL(".", s.begin()->to_text().c_str());
	STRCMP_EQUAL("a.b.", s.rbegin()->to_text().c_str());
}

TEST(dns_name, subdomain_parent_strip_wildcard)
{
	name www = n("www.Example.com.");
	CHECK(www.is_subdomain_of(n("example.COM.")));
	CHECK(www.is_subdomain_of(www));
	CHECK(www.is_subdomain_of(name::root()));
	CHECK(!www.is_subdomain_of(n("ample.com.")));
	CHECK(!n("example.com.").is_subdomain_of(www));
	STRCMP_EQUAL("Example.com.", www.parent().to_text().c_str());
	STRCMP_EQUAL("com.", www.strip_left(2).to_text().c_str());
	CHECK(www.strip_left(9).is_root());
	CHECK(name::root().parent().is_root());
	CHECK(n("*.example.").is_wildcard());
	CHECK(n("\\*.example.").is_wildcard());
	CHECK(!n("*a.example.").is_wildcard());
	CHECK(!n("a.*.example.").is_wildcard());
	LONGS_EQUAL(7, www.label(1).size());
	LONGS_EQUAL(3, www.label(2).size());
	CHECK(www.label(3).empty());
}

TEST(dns_name, relative_text_against_an_origin)
{
	name origin = n("example.com.");
	STRCMP_EQUAL("@", n("EXAMPLE.com.").to_text(origin).c_str());
	STRCMP_EQUAL("a.b", n("a.b.example.com.").to_text(origin).c_str());
	STRCMP_EQUAL("example.org.",
	    n("example.org.").to_text(origin).c_str());
}

TEST(dns_name, to_lower)
{
	name a = n("WwW.ExAmple.");
	a.to_lower();
	CHECK(a.identical(n("www.example.")));
}

TEST(dns_name, from_wire_checks)
{
	CHECK(name::from_wire(from_hex("0161 00")).ok());
	CHECK(!name::from_wire(from_hex("0161")).ok());
	CHECK(!name::from_wire(from_hex("0261 00")).ok());
	CHECK(!name::from_wire(from_hex("0161 00 00")).ok());
	CHECK(!name::from_wire(from_hex("c00c")).ok());
	std::vector<std::uint8_t> l64(65, 'x');
	l64[0] = 64;
	l64.push_back(0);
	CHECK(!name::from_wire(l64).ok());
}

namespace {

// Reads a name at pos of msg; the reason on failure, "ok" otherwise.
std::string
read_at(const std::vector<std::uint8_t> &msg, std::size_t pos,
    std::string *text = nullptr, std::size_t *end = nullptr)
{
	name out;
	const char *e = name::read(msg, pos, out);
	if (e)
		return e;
	if (text)
		*text = out.to_text();
	if (end)
		*end = pos;
	return "ok";
}

std::vector<std::uint8_t>
header_then(const char *hexbytes)
{
	auto m = from_hex("0000 0000 0000 0000 0000 0000");
	auto rest = from_hex(hexbytes);
	m.insert(m.end(), rest.begin(), rest.end());
	return m;
}

} // namespace

TEST(dns_name, decompression)
{
	// 12: "example.com." 25: "www" -> 12, 31: pointer to 25
	auto m = header_then("076578616d706c6503636f6d00 03777777c00c c019");
	std::string t;
	std::size_t end;
	STRCMP_EQUAL("ok", read_at(m, 12, &t, &end).c_str());
	STRCMP_EQUAL("example.com.", t.c_str());
	LONGS_EQUAL(25, end);
	STRCMP_EQUAL("ok", read_at(m, 25, &t, &end).c_str());
	STRCMP_EQUAL("www.example.com.", t.c_str());
	LONGS_EQUAL(31, end);
	STRCMP_EQUAL("ok", read_at(m, 31, &t, &end).c_str());
	STRCMP_EQUAL("www.example.com.", t.c_str());
	LONGS_EQUAL(33, end);
}

TEST(dns_name, hostile_names_are_refused)
{
	// A pointer to itself, and a loop of two.
	STRCMP_EQUAL("compression pointer does not point backwards",
	    read_at(header_then("c00c"), 12).c_str());
	STRCMP_EQUAL("compression pointer does not point backwards",
	    read_at(header_then("0161 c00e 0162 c00c"), 16).c_str());
	// A pointer forward.
	STRCMP_EQUAL("compression pointer does not point backwards",
	    read_at(header_then("c00e 00"), 12).c_str());
	// Into the header.
	STRCMP_EQUAL("compression pointer into the header",
	    read_at(header_then("00 c000"), 13).c_str());
	// A label past the end, a pointer cut in half, no root label.
	STRCMP_EQUAL("label runs past the end",
	    read_at(header_then("05616263"), 12).c_str());
	STRCMP_EQUAL("compression pointer runs past the end",
	    read_at(header_then("c0"), 12).c_str());
	STRCMP_EQUAL("name runs past the end",
	    read_at(header_then("0161"), 12).c_str());
	// 64-byte label: the 0x40 bits are an unknown label type.
	std::string l64 = "40" + std::string(128, '1') + "00";
	STRCMP_EQUAL("unknown label type",
	    read_at(header_then(l64.c_str()), 12).c_str());
	STRCMP_EQUAL("unknown label type",
	    read_at(header_then("8000"), 12).c_str());
	// Over 255 bytes through pointers: 4 x 63-byte labels chained.
	std::string chain;
	std::string lab = "3f" + std::string(126, '2');
	chain += lab + "00";				// 12
	chain += lab + "c00c";				// 12+65=77
	chain += lab + "c04d";				// 77+66=143
	chain += lab + "c08f";				// 143+66=209
	auto m = header_then(chain.c_str());
	STRCMP_EQUAL("ok", read_at(m, 143).c_str());
	STRCMP_EQUAL("name longer than 255 bytes", read_at(m, 209).c_str());
}

TEST(dns_name, canonical_key_orders_as_canonical_compare)
{
	// The RFC 4034 example, names with bytes 0 and 1 in labels, a label
	// that is a prefix of another, and case.
	std::vector<name> names = {
	    n("example."), n("a.example."), n("yljkjljk.a.example."),
	    n("Z.a.example."), n("zABC.a.EXAMPLE."), n("z.example."),
	    n("\\001.z.example."), n("*.z.example."), n("\\200.z.example."),
	    n("\\000.z.example."), n("\\000\\000.z.example."),
	    n("a\\000.z.example."), n("a\\001b.z.example."), n("ab.z.example."),
	    n("\\001\\002.z.example."), n("\\002.z.example."), n("."),
	    n("ex.")};
	auto key = [](const name &x) {
		std::vector<std::uint8_t> k;
		net::dns::canonical_key(x.wire(), k);
		return k;
	};
	for (const auto &a : names)
		for (const auto &b : names) {
			int c = net::dns::canonical_compare(a, b);
			auto ka = key(a), kb = key(b);
			int k = ka < kb ? -1 : (kb < ka ? 1 : 0);
			CHECK_TEXT((c < 0) == (k < 0) && (c == 0) == (k == 0),
			    (a.to_text() + " vs " + b.to_text()).c_str());
		}
}
