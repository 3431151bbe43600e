// text.h: the line and field handling every file-format parser shares.
#pragma once

#include <istream>
#include <string>
#include <string_view>
#include <vector>

#include "libnet/diag.h"

namespace net {

// Reads an input line by line, counting lines, dropping a trailing CR and
// refusing lines longer than max_len (reported once, the line skipped).
class line_reader {
public:
	line_reader(std::istream &in, diag_sink &diags,
	    std::size_t max_len = 8192)
	    : in_(in), diags_(diags), max_len_(max_len)
	{
	}

	// The next line (without newline), or false at end of input.
	bool next(std::string &line);

	// The number of the line last returned (1-based).
	unsigned line_no() const { return line_no_; }

private:
	std::istream &in_;
	diag_sink &diags_;
	std::size_t max_len_;
	unsigned line_no_ = 0;
};

// s up to the first '#'.
std::string_view strip_comment(std::string_view s);

// The blank- or tab-separated fields of s.
std::vector<std::string_view> split_fields(std::string_view s);

// s split at each sep character; empty pieces are kept.
std::vector<std::string_view> split(std::string_view s, char sep);

// s without leading and trailing blanks and tabs.
std::string_view trim(std::string_view s);

// True for an ASCII letter, digit, '-', '.', '_' only name (host, service,
// user, protocol names): no control bytes, spaces or shell metacharacters.
bool is_plain_name(std::string_view s);

// ASCII lowercase copy.
std::string to_lower(std::string_view s);

// A copy of s safe to log or print: control and non-ASCII bytes become
// \ooo escapes, and the result is cut at max bytes with "..." appended.
std::string printable(std::string_view s, std::size_t max = 256);

// A token as diagnostics quote it: 'token', printable and cut short.
std::string quoted(std::string_view token);

// Calls record(fields, line) for every line of in that has fields once
// its "#" comment is stripped: the loop of the "name value aliases..."
// formats (hosts, services, protocols, networks, hosts.equiv).
template <class Record>
void
for_each_record(std::istream &in, diag_sink &diags, Record record)
{
	line_reader reader(in, diags);
	std::string line;
	while (reader.next(line)) {
		auto f = split_fields(strip_comment(line));
		if (!f.empty())
			record(f, reader.line_no());
	}
}

// Appends fields[first...] to aliases; reports the first one that is not a
// plain name and returns false.
bool take_aliases(const std::vector<std::string_view> &fields,
    std::size_t first, diag_sink &diags, unsigned line,
    std::vector<std::string> &aliases);

// True when s is name or one of aliases (ASCII case folded if fold_case).
bool named(std::string_view s, std::string_view name,
    const std::vector<std::string> &aliases, bool fold_case);

// Case-insensitive ASCII equality.
bool iequals(std::string_view a, std::string_view b);

} // namespace net
