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

// Case-insensitive ASCII equality.
bool iequals(std::string_view a, std::string_view b);

} // namespace net
