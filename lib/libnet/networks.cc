#include "libnet/networks.h"

#include <set>
#include <utility>

#include "libnet/log.h"
#include "libnet/numparse.h"
#include "libnet/text.h"

namespace net {

namespace {

// A token for a diagnostic, quoted; files can hold any byte and the
// message may end up on a terminal or in syslog.
std::string
quoted(std::string_view token)
{
	return "'" + printable(token, 64) + "'";
}

bool
entry_named(const network_entry &e, std::string_view name)
{
	if (iequals(e.name, name))
		return true;
	for (const auto &a : e.aliases)
		if (iequals(a, name))
			return true;
	return false;
}

} // namespace

std::optional<std::uint32_t>
parse_network_number(std::string_view s)
{
	auto parts = split(s, '.');
	if (parts.size() > 4)
		return std::nullopt;
	std::uint32_t value = 0;
	for (auto p : parts) {
		auto v = parse_uint_c(p, 0, 255);
		if (!v)
			return std::nullopt;
		value = value << 8 | static_cast<std::uint32_t>(*v);
	}
	return value;
}

address
to_network_address(std::uint32_t number)
{
	while (number != 0 && (number & 0xff000000u) == 0)
		number <<= 8;
	return address::v4(number);
}

parsed<network_entry>
parse_networks(std::istream &in, std::string_view origin)
{
	parsed<network_entry> out;
	diag_sink diags(out.diagnostics, origin);
	line_reader reader(in, diags);
	std::set<std::string, std::less<>> seen;
	std::string line;
	while (reader.next(line)) {
		unsigned n = reader.line_no();
		auto f = split_fields(strip_comment(line));
		if (f.empty())
			continue;
		if (!is_plain_name(f[0])) {
			diags.error(n, "bad network name " + quoted(f[0]));
			continue;
		}
		if (f.size() < 2) {
			diags.error(n, "missing network number after " +
			    quoted(f[0]));
			continue;
		}
		auto number = parse_network_number(f[1]);
		if (!number) {
			diags.error(n, "bad network number " + quoted(f[1]));
			continue;
		}
		network_entry e;
		e.name = std::string(f[0]);
		e.number = *number;
		e.line = n;
		bool bad_alias = false;
		for (std::size_t i = 2; i < f.size(); i++) {
			if (!is_plain_name(f[i])) {
				diags.error(n, "bad alias " + quoted(f[i]));
				bad_alias = true;
				break;
			}
			e.aliases.emplace_back(f[i]);
		}
		if (bad_alias)
			continue;
		// Names are looked up without regard to case, so "Loopback"
		// repeats "loopback".
		if (!seen.insert(to_lower(e.name)).second)
			diags.warning(n, "duplicate network " + quoted(e.name) +
			    ", first entry kept");
		out.entries.push_back(std::move(e));
	}
	return out;
}

network_table::network_table(std::vector<network_entry> entries)
    : entries_(std::move(entries))
{
}

const network_entry *
network_table::by_name(std::string_view name) const
{
	for (const auto &e : entries_)
		if (entry_named(e, name))
			return &e;
	return nullptr;
}

const network_entry *
network_table::by_number(std::uint32_t number) const
{
	for (const auto &e : entries_)
		if (e.number == number)
			return &e;
	return nullptr;
}

} // namespace net
