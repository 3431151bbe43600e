#include "libnet/networks.h"

#include <set>
#include <utility>

#include "libnet/numparse.h"
#include "libnet/text.h"

namespace net {

namespace {

bool
entry_named(const network_entry &e, std::string_view name)
{
	return named(name, e.name, e.aliases, true);
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
	std::set<std::string, std::less<>> seen;
	for_each_record(in, diags, [&](const auto &f, unsigned n) {
		if (!is_plain_name(f[0])) {
			diags.error(n, "bad network name " + quoted(f[0]));
			return;
		}
		if (f.size() < 2) {
			diags.error(n, "missing network number after " +
			    quoted(f[0]));
			return;
		}
		auto number = parse_network_number(f[1]);
		if (!number) {
			diags.error(n, "bad network number " + quoted(f[1]));
			return;
		}
		network_entry e;
		e.name = std::string(f[0]);
		e.number = *number;
		e.line = n;
		if (!take_aliases(f, 2, diags, n, e.aliases))
			return;
		// Names are looked up without regard to case, so "Loopback"
		// repeats "loopback".
		if (!seen.insert(to_lower(e.name)).second)
			diags.warning(n, "duplicate network " + quoted(e.name) +
			    ", first entry kept");
		out.entries.push_back(std::move(e));
	});
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
