#include "settings.h"

#include <cstdio>

#include "libnet/numparse.h"

namespace ping {

std::optional<std::int64_t>
parse_seconds(std::string_view s)
{
	std::int64_t whole = 0, frac = 0;
	std::size_t i = 0, digits = 0, fdigits = 0;
	for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; i++, digits++) {
		whole = whole * 10 + (s[i] - '0');
		if (whole > max_seconds_us / 1000000)
			return std::nullopt;
	}
	if (i < s.size() && s[i] == '.') {
		for (i++; i < s.size() && s[i] >= '0' && s[i] <= '9'; i++) {
			// Digits past the microsecond are read and dropped.
			if (fdigits < 6) {
				frac = frac * 10 + (s[i] - '0');
				fdigits++;
			}
			digits++;
		}
	}
	if (i != s.size() || digits == 0)
		return std::nullopt;
	for (; fdigits < 6; fdigits++)
		frac *= 10;
	std::int64_t us = whole * 1000000 + frac;
	if (us > max_seconds_us)
		return std::nullopt;
	return us;
}

std::optional<std::vector<std::uint8_t>>
parse_pattern(std::string_view s)
{
	if (s.empty() || s.size() > 32)
		return std::nullopt;
	std::vector<std::uint8_t> out;
	for (std::size_t i = 0; i < s.size(); i += 2) {
		unsigned v = 0;
		for (std::size_t j = i; j < i + 2 && j < s.size(); j++) {
			auto d = net::hex_digit(s[j]);
			if (!d)
				return std::nullopt;
			v = v * 16 + *d;
		}
		out.push_back(static_cast<std::uint8_t>(v));
	}
	return out;
}

std::size_t
max_size(int family, bool record_route)
{
	// 65535 less the IP header (IPv6: the payload length field is the
	// limit) and the 8-byte ICMP header.
	if (family == AF_INET6)
		return 65535 - 8;
	return 65535 - 20 - (record_route ? 40 : 0) - 8;
}

std::optional<std::string>
needs_root(const settings &s)
{
	// One message for both, as iputils has it: a flood is interval 0.
	if (s.flood ||
	    (s.interval_given && s.interval_us < min_user_interval_us)) {
		char buf[80];
		std::snprintf(buf, sizeof buf,
		    "cannot flood; minimal interval allowed for user is "
		    "%lldms",
		    static_cast<long long>(min_user_interval_us / 1000));
		return std::string(buf);
	}
	if (s.preload > max_user_preload) {
		char buf[80];
		std::snprintf(buf, sizeof buf,
		    "cannot set preload to value greater than %u",
		    max_user_preload);
		return std::string(buf);
	}
	return std::nullopt;
}

} // namespace ping
