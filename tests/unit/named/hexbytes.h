// hexbytes.h: bytes from hex text and back, for the RFC vectors.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace fixture {

inline std::vector<std::uint8_t>
unhex(std::string_view s)
{
	auto digit = [](char c) -> unsigned {
		if (c >= '0' && c <= '9')
			return static_cast<unsigned>(c - '0');
		if (c >= 'a' && c <= 'f')
			return static_cast<unsigned>(c - 'a' + 10);
		throw std::invalid_argument("not hex");
	};
	std::vector<std::uint8_t> b;
	for (std::size_t i = 0; i + 1 < s.size(); i += 2)
		b.push_back(static_cast<std::uint8_t>(digit(s[i]) << 4 |
		    digit(s[i + 1])));
	return b;
}

template <typename Bytes>
std::string
hex(const Bytes &b)
{
	static const char d[] = "0123456789abcdef";
	std::string s;
	for (std::uint8_t c : b) {
		s += d[c >> 4];
		s += d[c & 15];
	}
	return s;
}

} // namespace fixture
