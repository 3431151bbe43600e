// SipHash-2-4 against the reference implementation's vectors: key 00..0f,
// messages 00..(n-1) for n = 0..63, each output as its eight bytes.
#include <array>
#include <cstdint>
#include <vector>

#include "hexbytes.h"
#include "siphash.h"

#include <CppUTest/TestHarness.h>

namespace {

const char *const reference[64] = {
	"310e0edd47db6f72", "fd67dc93c539f874", "5a4fa9d909806c0d",
	"2d7efbd796666785", "b7877127e09427cf", "8da699cd64557618",
	"cee3fe586e46c9cb", "37d1018bf50002ab", "6224939a79f5f593",
	"b0e4a90bdf82009e", "f3b9dd94c5bb5d7a", "a7ad6b22462fb3f4",
	"fbe50e86bc8f1e75", "903d84c02756ea14", "eef27a8e90ca23f7",
	"e545be4961ca29a1", "db9bc2577fcc2a3f", "9447be2cf5e99a69",
	"9cd38d96f0b3c14b", "bd6179a71dc96dbb", "98eea21af25cd6be",
	"c7673b2eb0cbf2d0", "883ea3e395675393", "c8ce5ccd8c030ca8",
	"94af49f6c650adb8", "eab8858ade92e1bc", "f315bb5bb835d817",
	"adcf6b0763612e2f", "a5c91da7acaa4dde", "716595876650a2a6",
	"28ef495c53a387ad", "42c341d8fa92d832", "ce7cf2722f512771",
	"e37859f94623f3a7", "381205bb1ab0e012", "ae97a10fd434e015",
	"b4a31508beff4d31", "81396229f0907902", "4d0cf49ee5d4dcca",
	"5c73336a76d8bf9a", "d0a704536ba93e0e", "925958fcd6420cad",
	"a915c29bc8067318", "952b79f3bc0aa6d4", "f21df2e41d4535f9",
	"87577519048f53a9", "10a56cf5dfcd9adb", "eb75095ccd986cd0",
	"51a9cb9ecba312e6", "96afadfc2ce666c7", "72fe52975a4364ee",
	"5a1645b276d592a1", "b274cb8ebf87870a", "6f9bb4203de7b381",
	"eaecb2a30b22a87f", "9924a43cc1315724", "bd838d3aafbf8db7",
	"0b1a2a3265d51aea", "135079a3231ce660", "932b2846e4d70666",
	"e1915f5cb1eca46c", "f325965ca16d629f", "575ff28e60381be5",
	"724506eb4c328a95",
};

named::siphash_key
reference_key()
{
	named::siphash_key k;
	for (unsigned i = 0; i < 16; i++)
		k[i] = static_cast<std::uint8_t>(i);
	return k;
}

} // namespace

TEST_GROUP(siphash){};

TEST(siphash, reference_vectors)
{
	auto key = reference_key();
	std::vector<std::uint8_t> msg;
	for (unsigned n = 0; n < 64; n++) {
		auto got = fixture::hex(named::siphash_bytes(
		    named::siphash24(key, msg)));
		STRCMP_EQUAL(reference[n], got.c_str());
		msg.push_back(static_cast<std::uint8_t>(n));
	}
}

// The paper's worked example: 15 bytes, 0xa129ca6149be45e5.
TEST(siphash, paper_example_as_a_word)
{
	std::vector<std::uint8_t> msg;
	for (unsigned i = 0; i < 15; i++)
		msg.push_back(static_cast<std::uint8_t>(i));
	UNSIGNED_LONGLONGS_EQUAL(0xa129ca6149be45e5ULL,
	    named::siphash24(reference_key(), msg));
}

// A message in pieces of every size hashes as the whole.
TEST(siphash, pieces_hash_as_the_whole)
{
	auto key = reference_key();
	std::vector<std::uint8_t> msg;
	for (unsigned i = 0; i < 63; i++)
		msg.push_back(static_cast<std::uint8_t>(i * 7));
	std::uint64_t whole = named::siphash24(key, msg);
	for (std::size_t step = 1; step <= 17; step++) {
		named::siphash24_stream s(key);
		for (std::size_t off = 0; off < msg.size(); off += step)
			s.update(net::bytes_view(msg).subspan(off,
			    std::min(step, msg.size() - off)));
		UNSIGNED_LONGLONGS_EQUAL(whole, s.finish());
	}
	named::siphash24_stream b(key);
	for (auto c : msg)
		b.update_byte(c);
	UNSIGNED_LONGLONGS_EQUAL(whole, b.finish());
}
