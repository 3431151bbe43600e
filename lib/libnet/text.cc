#include "libnet/text.h"

#include <cstdio>

namespace net {

bool
line_reader::next(std::string &line)
{
	for (;;) {
		line.clear();
		bool got = false, too_long = false;
		int c;
		while ((c = in_.get()) != std::char_traits<char>::eof()) {
			got = true;
			if (c == '\n')
				break;
			if (line.size() < max_len_)
				line += static_cast<char>(c);
			else
				too_long = true;
		}
		if (!got)
			return false;
		line_no_++;
		if (too_long) {
			diags_.error(line_no_, "line longer than " +
			    std::to_string(max_len_) + " bytes, ignored");
			continue;
		}
		if (!line.empty() && line.back() == '\r')
			line.pop_back();
		return true;
	}
}

std::string_view
strip_comment(std::string_view s)
{
	auto hash = s.find('#');
	return hash == std::string_view::npos ? s : s.substr(0, hash);
}

std::vector<std::string_view>
split_fields(std::string_view s)
{
	std::vector<std::string_view> out;
	std::size_t i = 0;
	while (i < s.size()) {
		while (i < s.size() && (s[i] == ' ' || s[i] == '\t'))
			i++;
		std::size_t start = i;
		while (i < s.size() && s[i] != ' ' && s[i] != '\t')
			i++;
		if (i > start)
			out.push_back(s.substr(start, i - start));
	}
	return out;
}

std::vector<std::string_view>
split(std::string_view s, char sep)
{
	std::vector<std::string_view> out;
	for (;;) {
		auto pos = s.find(sep);
		out.push_back(s.substr(0, pos));
		if (pos == std::string_view::npos)
			return out;
		s.remove_prefix(pos + 1);
	}
}

std::string_view
trim(std::string_view s)
{
	while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
		s.remove_prefix(1);
	while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
		s.remove_suffix(1);
	return s;
}

bool
is_plain_name(std::string_view s)
{
	if (s.empty())
		return false;
	for (char c : s) {
		bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_';
		if (!ok)
			return false;
	}
	return true;
}

std::string
to_lower(std::string_view s)
{
	std::string out(s);
	for (char &c : out)
		if (c >= 'A' && c <= 'Z')
			c = static_cast<char>(c - 'A' + 'a');
	return out;
}

bool
iequals(std::string_view a, std::string_view b)
{
	if (a.size() != b.size())
		return false;
	for (std::size_t i = 0; i < a.size(); i++) {
		char x = a[i], y = b[i];
		if (x >= 'A' && x <= 'Z')
			x = static_cast<char>(x - 'A' + 'a');
		if (y >= 'A' && y <= 'Z')
			y = static_cast<char>(y - 'A' + 'a');
		if (x != y)
			return false;
	}
	return true;
}

std::string
printable(std::string_view s, std::size_t max)
{
	std::string out;
	out.reserve(s.size() < max ? s.size() : max);
	for (unsigned char c : s) {
		if (out.size() >= max) {
			out += "...";
			break;
		}
		if (c >= 0x20 && c < 0x7f && c != '\\') {
			out += static_cast<char>(c);
		} else if (c == '\\') {
			out += "\\\\";
		} else {
			char buf[5];
			std::snprintf(buf, sizeof buf, "\\%03o", c);
			out += buf;
		}
	}
	return out;
}

std::string
quoted(std::string_view token)
{
	return "'" + printable(token, 64) + "'";
}

bool
take_aliases(const std::vector<std::string_view> &fields, std::size_t first,
    diag_sink &diags, unsigned line, std::vector<std::string> &aliases)
{
	for (std::size_t i = first; i < fields.size(); i++) {
		if (!is_plain_name(fields[i])) {
			diags.error(line, "bad alias " + quoted(fields[i]));
			return false;
		}
		aliases.emplace_back(fields[i]);
	}
	return true;
}

bool
named(std::string_view s, std::string_view name,
    const std::vector<std::string> &aliases, bool fold_case)
{
	auto same = [&](std::string_view x) {
		return fold_case ? iequals(x, s) : x == s;
	};
	if (same(name))
		return true;
	for (const auto &a : aliases)
		if (same(a))
			return true;
	return false;
}

} // namespace net
