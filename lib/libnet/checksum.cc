#include "libnet/checksum.h"

namespace net {

void
checksum_accumulator::add(bytes_view data)
{
	std::size_t i = 0;
	std::uint64_t sum = sum_;
	if (odd_ && !data.empty()) {
		// The previous piece ended mid-word: this byte is its low half.
		sum += data[0];
		i = 1;
		odd_ = false;
	}
	std::size_t n = data.size();
	for (; i + 1 < n; i += 2)
		sum += static_cast<std::uint32_t>(data[i] << 8 | data[i + 1]);
	if (i < n) {
		sum += static_cast<std::uint32_t>(data[i]) << 8;
		odd_ = true;
	}
	sum_ = sum;
}

void
checksum_accumulator::add_u16(std::uint16_t v)
{
	std::uint8_t b[2] = {static_cast<std::uint8_t>(v >> 8),
	    static_cast<std::uint8_t>(v)};
	add(b);
}

void
checksum_accumulator::add_u32(std::uint32_t v)
{
	add_u16(static_cast<std::uint16_t>(v >> 16));
	add_u16(static_cast<std::uint16_t>(v));
}

std::uint16_t
checksum_accumulator::finish() const
{
	std::uint64_t s = sum_;
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return static_cast<std::uint16_t>(~s);
}

std::uint16_t
internet_checksum(bytes_view data)
{
	checksum_accumulator c;
	c.add(data);
	return c.finish();
}

std::uint16_t
transport_checksum(const pseudo_header &ph, std::uint8_t proto,
    bytes_view message)
{
	checksum_accumulator c;
	c.add(bytes_view(ph.src.bytes(), ph.src.size()));
	c.add(bytes_view(ph.dst.bytes(), ph.dst.size()));
	if (ph.src.is_v4()) {
		// RFC 768: zero, protocol, 16-bit length.
		c.add_u16(proto);
		c.add_u16(static_cast<std::uint16_t>(message.size()));
	} else {
		// RFC 8200 8.1: 32-bit length, three zero bytes, next header.
		c.add_u32(static_cast<std::uint32_t>(message.size()));
		c.add_u32(proto);
	}
	c.add(message);
	return c.finish();
}

} // namespace net
