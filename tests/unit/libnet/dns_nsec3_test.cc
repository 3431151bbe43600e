// SHA-1 (FIPS 180-4's examples) and NSEC3 hashes (RFC 5155 Appendix A's
// example zone: salt aabbccdd, 12 iterations; the same figures BIND's
// nsec3hash gives), owner labels, NSEC3PARAM from hostile bytes.
#include <string>
#include <vector>

#include "libnet/dns_name.h"
#include "libnet/dns_nsec3.h"
#include "libnet/sha1.h"

#include "hex.h"

#include <CppUTest/TestHarness.h>

namespace dns = net::dns;

namespace {

std::string
hex_of(const net::sha1::digest &d)
{
	static const char x[] = "0123456789abcdef";
	std::string s;
	for (auto b : d) {
		s += x[b >> 4];
		s += x[b & 15];
	}
	return s;
}

net::bytes_view
view(const std::string &s)
{
	return net::bytes_view(reinterpret_cast<const std::uint8_t *>(s.data()),
	    s.size());
}

std::string
b32(const net::sha1::digest &d)
{
	static const char x[] = "0123456789abcdefghijklmnopqrstuv";
	std::string s;
	std::uint64_t acc = 0;
	int bits = 0;
	for (auto b : d) {
		acc = acc << 8 | b;
		bits += 8;
		while (bits >= 5) {
			bits -= 5;
			s += x[(acc >> bits) & 31];
		}
	}
	return s;
}

std::string
hash_of(const char *name)
{
	auto n = dns::name::from_text(name);
	auto salt = from_hex("aabbccdd");
	return b32(dns::nsec3_hash(n->wire(), net::bytes_view(salt.data(),
	    salt.size()), 12));
}

} // namespace

TEST_GROUP(sha1){};

TEST(sha1, fips_examples)
{
	STRCMP_EQUAL("da39a3ee5e6b4b0d3255bfef95601890afd80709",
	    hex_of(net::sha1::of({})).c_str());
	STRCMP_EQUAL("a9993e364706816aba3e25717850c26c9cd0d89d",
	    hex_of(net::sha1::of(view("abc"))).c_str());
	STRCMP_EQUAL("84983e441c3bd26ebaae4aa1f95129e5e54670f1",
	    hex_of(net::sha1::of(view("abcdbcdecdefdefgefghfghighijhijkijkl"
	    "jklmklmnlmnomnopnopq"))).c_str());
	// A million 'a', given in pieces that do not fall on blocks.
	net::sha1 h;
	std::string piece(997, 'a');
	std::size_t left = 1000000;
	while (left) {
		std::size_t n = std::min(left, piece.size());
		h.update(net::bytes_view(
		    reinterpret_cast<const std::uint8_t *>(piece.data()), n));
		left -= n;
	}
	STRCMP_EQUAL("34aa973cd4c4daa4f61eeb2bdbad27316534016f",
	    hex_of(h.finish()).c_str());
	// finish starts it over.
	h.update(view("abc"));
	STRCMP_EQUAL("a9993e364706816aba3e25717850c26c9cd0d89d",
	    hex_of(h.finish()).c_str());
}

TEST(sha1, lengths_around_the_padding_boundary)
{
	// 55, 56 and 64 bytes: the length fits in the block, or needs
	// another; each digest differs and pieces give the same.
	for (std::size_t len : {55u, 56u, 63u, 64u, 65u}) {
		std::string s(len, 'x');
		net::sha1 h;
		h.update(view(s.substr(0, 7)));
		h.update(view(s.substr(7)));
		CHECK(hex_of(h.finish()) == hex_of(net::sha1::of(view(s))));
	}
}

TEST_GROUP(nsec3){};

TEST(nsec3, rfc5155_appendix_a_hashes)
{
	STRCMP_EQUAL("0p9mhaveqvm6t7vbl5lop2u3t2rp3tom",
	    hash_of("example.").c_str());
	STRCMP_EQUAL("35mthgpgcu1qg68fab165klnsnk3dpvl",
	    hash_of("a.example.").c_str());
	STRCMP_EQUAL("r53bq7cc2uvmubfu5ocmm6pers9tk9en",
	    hash_of("*.w.example.").c_str());
	// Hashed in lower case, whatever the case asked.
	STRCMP_EQUAL("gjeqe526plbf1g8mklp59enfd789njgi",
	    hash_of("AI.Example.").c_str());
	STRCMP_EQUAL("t644ebqk9bibcna874givr6joj62mlhv",
	    hash_of("xx.example.").c_str());
}

TEST(nsec3, owner_labels)
{
	auto h = dns::nsec3_label_hash(view("0P9MHAVEQVM6T7VBL5LOP2U3T2RP3TOM"));
	CHECK(h.has_value());
	STRCMP_EQUAL("0p9mhaveqvm6t7vbl5lop2u3t2rp3tom", b32(*h).c_str());
	CHECK_FALSE(dns::nsec3_label_hash(view("0p9mhaveqvm6t7vbl5lop2u3t2rp3to"))
	    .has_value());
	CHECK_FALSE(dns::nsec3_label_hash(view("0p9mhaveqvm6t7vbl5lop2u3t2rp3toz"))
	    .has_value());
	CHECK_FALSE(dns::nsec3_label_hash(view("www")).has_value());
	CHECK_FALSE(dns::nsec3_label_hash({}).has_value());
}

TEST(nsec3, nsec3param_from_hostile_bytes)
{
	auto good = from_hex("01 00 00 0c 04 aa bb cc dd");
	auto p = dns::parse_nsec3param(net::bytes_view(good.data(), good.size()));
	CHECK(p.has_value());
	CHECK_EQUAL(1, p->algorithm);
	CHECK_EQUAL(12, p->iterations);
	CHECK_EQUAL(4u, p->salt.size());
	for (std::size_t cut = 0; cut < good.size(); cut++)
		CHECK_FALSE(dns::parse_nsec3param(net::bytes_view(good.data(),
		    cut)).has_value());
	auto longer = good;
	longer.push_back(0);
	CHECK_FALSE(dns::parse_nsec3param(net::bytes_view(longer.data(),
	    longer.size())).has_value());
	auto nosalt = from_hex("01 00 00 00 00");
	CHECK(dns::parse_nsec3param(net::bytes_view(nosalt.data(),
	    nosalt.size()))->salt.empty());
}
