// siphash.cc: SipHash-2-4: two compression rounds per 8-byte word, four
// finalization rounds, words read little-endian.
#include "siphash.h"

namespace named {

namespace {

inline std::uint64_t
rotl(std::uint64_t x, unsigned b)
{
	return (x << b) | (x >> (64 - b));
}

inline std::uint64_t
load64(const std::uint8_t *p)
{
	std::uint64_t v = 0;
	for (unsigned i = 0; i < 8; i++)
		v |= static_cast<std::uint64_t>(p[i]) << (8 * i);
	return v;
}

inline void
sipround(std::uint64_t &v0, std::uint64_t &v1, std::uint64_t &v2,
    std::uint64_t &v3)
{
	v0 += v1;
	v1 = rotl(v1, 13);
	v1 ^= v0;
	v0 = rotl(v0, 32);
	v2 += v3;
	v3 = rotl(v3, 16);
	v3 ^= v2;
	v0 += v3;
	v3 = rotl(v3, 21);
	v3 ^= v0;
	v2 += v1;
	v1 = rotl(v1, 17);
	v1 ^= v2;
	v2 = rotl(v2, 32);
}

} // namespace

siphash24_stream::siphash24_stream(const siphash_key &key)
{
	std::uint64_t k0 = load64(key.data());
	std::uint64_t k1 = load64(key.data() + 8);
	// "somepseudorandomlygeneratedbytes", the paper's constants.
	v0_ = k0 ^ 0x736f6d6570736575ULL;
	v1_ = k1 ^ 0x646f72616e646f6dULL;
	v2_ = k0 ^ 0x6c7967656e657261ULL;
	v3_ = k1 ^ 0x7465646279746573ULL;
}

void
siphash24_stream::compress(std::uint64_t m)
{
	v3_ ^= m;
	sipround(v0_, v1_, v2_, v3_);
	sipround(v0_, v1_, v2_, v3_);
	v0_ ^= m;
}

void
siphash24_stream::update_byte(std::uint8_t b)
{
	tail_ |= static_cast<std::uint64_t>(b) << (8 * ntail_);
	total_++;
	if (++ntail_ == 8) {
		compress(tail_);
		tail_ = 0;
		ntail_ = 0;
	}
}

void
siphash24_stream::update(net::bytes_view part)
{
	std::size_t i = 0;
	while (i < part.size() && ntail_ != 0)
		update_byte(part[i++]);
	for (; part.size() - i >= 8; i += 8) {
		compress(load64(part.data() + i));
		total_ += 8;
	}
	while (i < part.size())
		update_byte(part[i++]);
}

std::uint64_t
siphash24_stream::finish()
{
	// The last word: the bytes left, and the length mod 256 on top.
	compress(tail_ | (total_ & 0xff) << 56);
	v2_ ^= 0xff;
	for (int i = 0; i < 4; i++)
		sipround(v0_, v1_, v2_, v3_);
	return v0_ ^ v1_ ^ v2_ ^ v3_;
}

std::uint64_t
siphash24(const siphash_key &key, net::bytes_view msg)
{
	siphash24_stream s(key);
	s.update(msg);
	return s.finish();
}

std::array<std::uint8_t, 8>
siphash_bytes(std::uint64_t h)
{
	std::array<std::uint8_t, 8> b;
	for (unsigned i = 0; i < 8; i++)
		b[i] = static_cast<std::uint8_t>(h >> (8 * i));
	return b;
}

} // namespace named
