#include "libnet/numparse.h"

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
		unsigned d;
		if (c >= '0' && c <= '9')
			d = static_cast<unsigned>(c - '0');
		else if (c >= 'a' && c <= 'f')
			d = static_cast<unsigned>(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			d = static_cast<unsigned>(c - 'A' + 10);
		else
			return std::nullopt;
		if (d >= base)
			return std::nullopt;
		if (v > (UINT64_MAX - d) / base)
			return std::nullopt;
		v = v * base + d;
	}
	if (v < min || v > max)
		return std::nullopt;
	return v;
}

} // namespace

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

} // namespace net
