// nl_build.h: netlink messages and attributes built by hand, in host
// order, for the netlink and rtnetlink codec tests.
#pragma once

#include <cstdint>
#include <vector>

#include "libnet/wire.h"

// The bytes fill writes, in host order.
template <class F>
std::vector<std::uint8_t>
host_bytes(F fill)
{
	std::vector<std::uint8_t> b;
	net::wire_writer w(b);
	w.set_order(std::endian::native);
	fill(w);
	return b;
}

// A netlink message in host order: header, then body bytes.
inline std::vector<std::uint8_t>
message(std::uint16_t type, std::uint32_t seq,
    const std::vector<std::uint8_t> &body, std::uint32_t len_override = 0)
{
	auto len = static_cast<std::uint32_t>(16 + body.size());
	return host_bytes([&](net::wire_writer &w) {
		w.u32(len_override ? len_override : len);
		w.u16(type);
		w.u16(0);
		w.u32(seq);
		w.u32(1234);
		w.bytes(body);
	});
}

// An attribute padded to 4 bytes; its length field is len_override when
// that is set.
inline std::vector<std::uint8_t>
attr(std::uint16_t type, const std::vector<std::uint8_t> &value,
    std::uint16_t len_override = 0)
{
	auto len = static_cast<std::uint16_t>(4 + value.size());
	auto a = host_bytes([&](net::wire_writer &w) {
		w.u16(len_override ? len_override : len);
		w.u16(type);
		w.bytes(value);
	});
	while (a.size() % 4 != 0)
		a.push_back(0);
	return a;
}

// a, then b.
inline std::vector<std::uint8_t>
cat(std::vector<std::uint8_t> a, const std::vector<std::uint8_t> &b)
{
	a.insert(a.end(), b.begin(), b.end());
	return a;
}

// A number in host order as attribute bytes.
inline std::vector<std::uint8_t>
u32_bytes(std::uint32_t v)
{
	return host_bytes([v](net::wire_writer &w) { w.u32(v); });
}
