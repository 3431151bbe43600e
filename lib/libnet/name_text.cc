#include "libnet/name_text.h"

namespace net {

namespace {

bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

} // namespace

bool
is_absolute_name(std::string_view name)
{
	if (name.empty() || name.back() != '.')
		return false;
	// The dot is escaped when an odd number of backslashes precede it.
	std::size_t slashes = 0;
	for (std::size_t i = name.size() - 1; i > 0 && name[i - 1] == '\\'; i--)
		slashes++;
	return slashes % 2 == 0;
}

std::optional<std::string>
check_name_text(std::string_view name)
{
	if (name.empty())
		return "empty name";
	if (name == ".")
		return std::nullopt;
	// RFC 1035 section 2.3.4: 63 octets a label, 255 the name, counting
	// each label's length octet and the root's.
	std::size_t wire = 1, label = 0, i = 0;
	while (i < name.size()) {
		char c = name[i];
		if (c == '.') {
			if (label == 0)
				return "empty label";
			wire += label + 1;
			label = 0;
			i++;
			continue;
		}
		if (c == '\\') {
			if (i + 1 == name.size())
				return "'\\' escapes nothing";
			if (is_digit(name[i + 1])) {
				if (i + 3 >= name.size() ||
				    !is_digit(name[i + 2]) ||
				    !is_digit(name[i + 3]))
					return "\\DDD without three digits";
				if (name.substr(i + 1, 3) > "255")
					return "\\DDD over 255";
				i += 4;
			} else {
				i += 2;
			}
		} else {
			i++;
		}
		if (++label > 63)
			return "label longer than 63 octets";
	}
	if (label > 0)
		wire += label + 1;
	if (wire > 255)
		return "name longer than 255 octets";
	return std::nullopt;
}

std::optional<std::string>
absolute_name(std::string_view name, std::string_view origin,
    std::string *why)
{
	std::string out;
	if (name == "@")
		out = origin;
	else if (is_absolute_name(name))
		out = name;
	else if (name.empty())
		out.clear();
	else if (origin == ".")
		out = std::string(name) + ".";
	else
		out = std::string(name) + "." + std::string(origin);
	if (auto bad = check_name_text(out)) {
		if (why != nullptr)
			*why = *bad;
		return std::nullopt;
	}
	return out;
}

} // namespace net
