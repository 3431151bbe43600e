// sha1.cc: SHA-1 as FIPS 180-4 section 6.1 gives it.
#include "libnet/sha1.h"

#include <algorithm>
#include <cstring>

namespace net {

namespace {

constexpr std::uint32_t
rotl(std::uint32_t x, int n)
{
	return x << n | x >> (32 - n);
}

} // namespace

sha1::sha1()
    : h_{0x67452301u, 0xefcdab89u, 0x98badcfeu, 0x10325476u, 0xc3d2e1f0u}
{
}

void
sha1::block(const std::uint8_t *p)
{
	std::uint32_t w[80];
	for (int t = 0; t < 16; t++)
		w[t] = std::uint32_t(p[4 * t]) << 24 |
		    std::uint32_t(p[4 * t + 1]) << 16 |
		    std::uint32_t(p[4 * t + 2]) << 8 | p[4 * t + 3];
	for (int t = 16; t < 80; t++)
		w[t] = rotl(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
	std::uint32_t a = h_[0], b = h_[1], c = h_[2], d = h_[3], e = h_[4];
	for (int t = 0; t < 80; t++) {
		std::uint32_t f, k;
		if (t < 20) {
			f = (b & c) | (~b & d);
			k = 0x5a827999u;
		} else if (t < 40) {
			f = b ^ c ^ d;
			k = 0x6ed9eba1u;
		} else if (t < 60) {
			f = (b & c) | (b & d) | (c & d);
			k = 0x8f1bbcdcu;
		} else {
			f = b ^ c ^ d;
			k = 0xca62c1d6u;
		}
		std::uint32_t tmp = rotl(a, 5) + f + e + k + w[t];
		e = d;
		d = c;
		c = rotl(b, 30);
		b = a;
		a = tmp;
	}
	h_[0] += a;
	h_[1] += b;
	h_[2] += c;
	h_[3] += d;
	h_[4] += e;
}

void
sha1::update(bytes_view data)
{
	length_ += data.size();
	std::size_t i = 0;
	if (used_) {
		std::size_t take = std::min(data.size(), buf_.size() - used_);
		std::memcpy(buf_.data() + used_, data.data(), take);
		used_ += take;
		i = take;
		if (used_ < buf_.size())
			return;
		block(buf_.data());
		used_ = 0;
	}
	for (; i + 64 <= data.size(); i += 64)
		block(data.data() + i);
	if (i < data.size()) {
		used_ = data.size() - i;
		std::memcpy(buf_.data(), data.data() + i, used_);
	}
}

sha1::digest
sha1::finish()
{
	std::uint64_t bits = length_ * 8;
	std::uint8_t pad[72] = {0x80};
	std::size_t n = (used_ < 56 ? 56 : 120) - used_;
	for (int i = 0; i < 8; i++)
		pad[n + std::size_t(i)] = std::uint8_t(bits >> (56 - 8 * i));
	update(bytes_view(pad, n + 8));
	digest d;
	for (int i = 0; i < 5; i++)
		for (int j = 0; j < 4; j++)
			d[std::size_t(4 * i + j)] =
			    std::uint8_t(h_[std::size_t(i)] >> (24 - 8 * j));
	*this = sha1();
	return d;
}

sha1::digest
sha1::of(bytes_view data)
{
	sha1 s;
	s.update(data);
	return s.finish();
}

} // namespace net
