#include "libnet/numparse.h"

#include <string>

#include "libnet/text.h"

namespace net {

namespace {

std::optional<std::uint64_t>
parse_base(std::string_view s, unsigned base, std::uint64_t min,
    std::uint64_t max)
{
	if (s.empty())
		return std::nullopt;
	std::uint64_t v = 0;
	for (char c : s) {
		auto digit = hex_digit(c);
		if (!digit || *digit >= base)
			return std::nullopt;
		unsigned d = *digit;
		if (v > (UINT64_MAX - d) / base)
			return std::nullopt;
		v = v * base + d;
	}
	if (v < min || v > max)
		return std::nullopt;
	return v;
}

} // namespace

std::optional<unsigned>
hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return static_cast<unsigned>(c - '0');
	if (c >= 'a' && c <= 'f')
		return static_cast<unsigned>(c - 'a' + 10);
	if (c >= 'A' && c <= 'F')
		return static_cast<unsigned>(c - 'A' + 10);
	return std::nullopt;
}

std::optional<std::uint64_t>
parse_uint(std::string_view s, std::uint64_t min, std::uint64_t max)
{
	return parse_base(s, 10, min, max);
}

std::optional<std::uint64_t>
parse_uint_c(std::string_view s, std::uint64_t min, std::uint64_t max)
{
	if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		return parse_base(s.substr(2), 16, min, max);
	if (s.size() > 1 && s[0] == '0')
		return parse_base(s.substr(1), 8, min, max);
	return parse_base(s, 10, min, max);
}

std::optional<std::uint64_t>
parse_duration_ms(std::string_view s, std::uint64_t default_unit_ms)
{
	std::size_t i = 0;
	while (i < s.size() && s[i] >= '0' && s[i] <= '9')
		i++;
	auto n = parse_uint(s.substr(0, i));
	if (!n)
		return std::nullopt;
	std::string_view unit = s.substr(i);
	std::uint64_t mul;
	if (unit.empty())
		mul = default_unit_ms;
	else if (unit == "ms")
		mul = 1;
	else if (unit == "s")
		mul = 1000;
	else if (unit == "m")
		mul = 60 * 1000;
	else if (unit == "h")
		mul = 3600 * 1000;
	else
		return std::nullopt;
	if (mul != 0 && *n > UINT64_MAX / mul)
		return std::nullopt;
	return *n * mul;
}

result<std::uint64_t>
parse_arg_number(std::string_view what, std::string_view arg,
    std::uint64_t min, std::uint64_t max)
{
	if (auto v = parse_uint(arg, min, max))
		return *v;
	return fail(0, "invalid " + std::string(what) + ": " + quoted(arg) +
	    " (from " + std::to_string(min) + " to " + std::to_string(max) +
	    ")");
}

} // namespace net
