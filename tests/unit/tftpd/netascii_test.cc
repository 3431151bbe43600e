#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "netascii.h"

#include <CppUTest/TestHarness.h>

using namespace tftpd;

namespace {

std::string
encode_all(const std::string &in, std::size_t outsz)
{
	netascii_encoder e;
	std::string out;
	std::vector<std::uint8_t> buf(outsz);
	std::span<const std::uint8_t> rest(
	    reinterpret_cast<const std::uint8_t *>(in.data()), in.size());
	for (;;) {
		auto [used, made] = e.encode(rest, buf);
		rest = rest.subspan(used);
		out.append(reinterpret_cast<char *>(buf.data()), made);
		if (rest.empty() && !e.pending())
			break;
	}
	return out;
}

std::string
decode_all(const std::string &in, std::size_t chunk)
{
	netascii_decoder d;
	std::string out;
	std::vector<std::uint8_t> buf(chunk + 1);
	for (std::size_t i = 0; i < in.size(); i += chunk) {
		std::string part = in.substr(i, chunk);
		std::size_t n = d.decode(std::span<const std::uint8_t>(
		    reinterpret_cast<const std::uint8_t *>(part.data()),
		    part.size()), buf.data());
		out.append(reinterpret_cast<char *>(buf.data()), n);
	}
	std::size_t n = d.finish(buf.data());
	out.append(reinterpret_cast<char *>(buf.data()), n);
	return out;
}

} // namespace

TEST_GROUP(netascii){};

TEST(netascii, encode_newlines_and_carriage_returns)
{
	// FreeBSD's rrq_netascii: LF -> CR LF, CR -> CR NUL.
	std::string want("a\r\nb\r\0c\r\n\r\n", 11);
	for (std::size_t sz : {1u, 2u, 3u, 512u}) {
		std::string got = encode_all("a\nb\rc\n\n", sz);
		LONGS_EQUAL(want.size(), got.size());
		MEMCMP_EQUAL(want.data(), got.data(), want.size());
	}
	CHECK(encode_all("", 8).empty());
}

TEST(netascii, decode_pairs_even_split)
{
	std::string in("a\r\nb\r\0c\r\n", 9);
	for (std::size_t chunk : {1u, 2u, 3u, 100u})
		STRCMP_EQUAL("a\nb\rc\n", decode_all(in, chunk).c_str());
	// A lone CR before anything else is kept; one at the very end too.
	STRCMP_EQUAL("x\ry", decode_all("x\ry", 1).c_str());
	STRCMP_EQUAL("x\r\r\n", decode_all("x\r\r\r\n", 2).c_str());
	STRCMP_EQUAL("end\r", decode_all("end\r", 4).c_str());
}

TEST(netascii, round_trip_random_bytes)
{
	std::mt19937 rng(7);
	for (int round = 0; round < 50; round++) {
		std::string s(static_cast<std::size_t>(rng() % 3000), '\0');
		for (auto &c : s) {
			unsigned v = rng() % 8;
			c = v == 0 ? '\r' : v == 1 ? '\n' : v == 2 ? '\0'
			    : static_cast<char>(rng());
		}
		std::string enc = encode_all(s, 1 + rng() % 700);
		std::string dec = decode_all(enc, 1 + rng() % 700);
		CHECK(dec == s);
	}
}
