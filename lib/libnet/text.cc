#include "libnet/text.h"

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

} // namespace net
