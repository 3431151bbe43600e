#include "builtin.h"

namespace inetd {

namespace {

constexpr struct {
	const char *name;
	builtin_kind kind;
} builtins[] = {
    {"echo", builtin_kind::echo},
    {"discard", builtin_kind::discard},
    {"chargen", builtin_kind::chargen},
    {"daytime", builtin_kind::daytime},
    {"time", builtin_kind::time},
};

constexpr unsigned line_chars = 72;
constexpr unsigned line_len = line_chars + 2;
constexpr unsigned ring = 95;

} // namespace

std::optional<builtin_kind>
builtin_by_name(std::string_view name)
{
	for (const auto &b : builtins)
		if (name == b.name)
			return b.kind;
	return std::nullopt;
}

const char *
builtin_name(builtin_kind k)
{
	for (const auto &b : builtins)
		if (b.kind == k)
			return b.name;
	return "?";
}

void
chargen_fill(std::string &out, std::size_t n, std::uint64_t *pos)
{
	std::uint64_t p = *pos;
	for (std::size_t i = 0; i < n; i++, p++) {
		std::uint64_t line = p / line_len;
		unsigned col = static_cast<unsigned>(p % line_len);
		char c;
		if (col == line_chars)
			c = '\r';
		else if (col == line_chars + 1)
			c = '\n';
		else
			c = static_cast<char>(' ' + (line + col) % ring);
		out += c;
	}
	*pos = p;
}

std::string
daytime_text(std::time_t now)
{
	struct tm tm;
	char buf[64];
	if (localtime_r(&now, &tm) == nullptr ||
	    std::strftime(buf, sizeof buf, "%a %b %e %H:%M:%S %Y", &tm) == 0)
		return "?\r\n";
	return std::string(buf) + "\r\n";
}

std::string
time_bytes(std::time_t now)
{
	// 2208988800: the seconds from 1900-01-01 to 1970-01-01 (RFC 868).
	std::uint32_t t = static_cast<std::uint32_t>(
	    static_cast<std::uint64_t>(now) + 2208988800ULL);
	std::string s(4, '\0');
	s[0] = static_cast<char>(t >> 24);
	s[1] = static_cast<char>(t >> 16);
	s[2] = static_cast<char>(t >> 8);
	s[3] = static_cast<char>(t);
	return s;
}

bool
udp_reply_allowed(std::uint16_t port,
    const std::set<std::uint16_t> &internal_ports)
{
	return port >= 1024 && internal_ports.count(port) == 0;
}

} // namespace inetd
