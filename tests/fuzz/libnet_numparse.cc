// Fuzz target: bounded number parsing.  The first 16 bytes give the bounds,
// the rest is the text.  Nothing outside [min, max] is accepted, what is
// accepted is exactly what the digits say, and every well-formed number in
// range is accepted.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

#include "libnet/numparse.h"

namespace {

// The value of s in base (digits only, no prefix), or false on overflow or
// a character that is not a digit of base: a reference slow enough to be
// obviously right.
bool
reference(std::string_view s, unsigned base, std::uint64_t &v)
{
	if (s.empty())
		return false;
	v = 0;
	for (char c : s) {
		unsigned d;
		if (c >= '0' && c <= '9')
			d = static_cast<unsigned>(c - '0');
		else if (c >= 'a' && c <= 'f')
			d = static_cast<unsigned>(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			d = static_cast<unsigned>(c - 'A' + 10);
		else
			return false;
		if (d >= base)
			return false;
		unsigned __int128 w = static_cast<unsigned __int128>(v) * base + d;
		if (w > UINT64_MAX)
			return false;
		v = static_cast<std::uint64_t>(w);
	}
	return true;
}

// Whether parse's answer agrees with the reference for base.
void
check(std::optional<std::uint64_t> got, std::string_view digits,
    unsigned base, std::uint64_t min, std::uint64_t max)
{
	std::uint64_t want = 0;
	bool ok = reference(digits, base, want) && want >= min && want <= max;
	if (got.has_value() != ok || (ok && *got != want))
		std::abort();
	if (got && (*got < min || *got > max))
		std::abort();
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
	if (size < 16)
		return 0;
	std::uint64_t min, max;
	std::memcpy(&min, data, 8);
	std::memcpy(&max, data + 8, 8);
	// Small bounds as often as huge ones.
	if (data[0] & 1) {
		min &= 0xffff;
		max &= 0xffff;
	}
	std::string_view s(reinterpret_cast<const char *>(data + 16), size - 16);

	check(net::parse_uint(s, min, max), s, 10, min, max);

	std::string_view digits = s;
	unsigned base = 10;
	if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		digits = s.substr(2);
		base = 16;
	} else if (s.size() > 1 && s[0] == '0') {
		digits = s.substr(1);
		base = 8;
	}
	check(net::parse_uint_c(s, min, max), digits, base, min, max);

	auto arg = net::parse_arg_number("fuzz", s, min, max);
	auto plain = net::parse_uint(s, min, max);
	if (arg.ok() != plain.has_value() || (plain && *arg != *plain))
		std::abort();
	if (!arg.ok())
		for (char c : arg.err().message())
			if (static_cast<unsigned char>(c) < 0x20 ||
			    static_cast<unsigned char>(c) >= 0x7f)
				std::abort();	// the message is printable

	if (auto d = net::parse_duration_ms(s, min)) {
		std::size_t i = s.find_first_not_of("0123456789");
		std::string_view unit = i == std::string_view::npos ? ""
								      : s.substr(i);
		if (unit != "" && unit != "ms" && unit != "s" && unit != "m" &&
		    unit != "h")
			std::abort();
	}
	for (unsigned char c : s)
		if (auto h = net::hex_digit(static_cast<char>(c)); h && *h > 15)
			std::abort();
	return 0;
}
