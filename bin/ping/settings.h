// settings.h: what the command line asks of ping, and the checks on it
// that do not need the network.
#pragma once

#include <sys/socket.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ping {

// The options and operands, with iputils' defaults.
struct settings {
	std::string host;
	int family = AF_UNSPEC;			// -4, -6
	std::uint64_t count = 0;		// -c; 0: until interrupted
	std::int64_t interval_us = 1000000;	// -i
	bool interval_given = false;
	std::size_t size = 56;			// -s, data bytes
	std::optional<int> ttl;			// -t
	std::optional<std::int64_t> linger_us;	// -W; 0 waits forever
	std::optional<std::int64_t> deadline_us;	// -w
	unsigned preload = 1;			// -l
	std::vector<std::uint8_t> pattern;	// -p
	std::string iface;			// -I: name or source address
	bool flood = false;			// -f
	bool quiet = false;			// -q
	bool numeric = false;			// -n
	bool verbose = false;			// -v
	bool record_route = false;		// -R
	bool dont_route = false;		// -r
};

// The shortest interval, and the largest preload, for users other than
// root: iputils' limits (MINUSERINTERVAL, 2 ms since iputils 20210722; the
// manual's one-per-second default exists to spare the network).
inline constexpr std::int64_t min_user_interval_us = 2000;
inline constexpr unsigned max_user_preload = 3;

// The longest wait -i, -W and -w accept (a week, in microseconds).
inline constexpr std::int64_t max_seconds_us = 7LL * 24 * 3600 * 1000000;

// A non-negative decimal number of seconds ("1", "0.2", ".5", "2.000001")
// in microseconds, read the same in every locale; at most max_seconds_us.
std::optional<std::int64_t> parse_seconds(std::string_view s);

// The -p pattern: 1 to 32 hex digits, two per byte (a last odd digit is a
// byte of its own), as the classic ping reads it.
std::optional<std::vector<std::uint8_t>> parse_pattern(std::string_view s);

// The largest -s for family (IPv4 less the 40 option bytes of -R).
std::size_t max_size(int family, bool record_route);

// Why these settings need root, in iputils' words, or nothing when they
// do not: flooding, intervals below min_user_interval_us, preload above
// max_user_preload.
std::optional<std::string> needs_root(const settings &s);

} // namespace ping
