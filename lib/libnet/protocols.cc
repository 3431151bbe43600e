#include "libnet/protocols.h"

#include <set>
#include <utility>

#include "libnet/numparse.h"
#include "libnet/text.h"

namespace net {

namespace {

} // namespace

parsed<protocol_entry>
parse_protocols(std::istream &in, std::string_view origin)
{
	parsed<protocol_entry> out;
	diag_sink diags(out.diagnostics, origin);
	std::set<std::string, std::less<>> seen;
	for_each_record(in, diags, [&](const auto &f, unsigned n) {
		if (!is_plain_name(f[0])) {
			diags.error(n, "bad protocol name " + quoted(f[0]));
			return;
		}
		if (f.size() < 2) {
			diags.error(n, "missing protocol number after " +
			    quoted(f[0]));
			return;
		}
		// The IP header field is one byte, but Linux gives numbers
		// above 255 to protocols that exist only at the socket layer,
		// and its /etc/protocols lists them.
		auto number = parse_uint(f[1], 0, 65535);
		if (!number) {
			diags.error(n, "bad protocol number " + quoted(f[1]));
			return;
		}
		protocol_entry e;
		e.name = std::string(f[0]);
		e.number = static_cast<std::uint16_t>(*number);
		e.line = n;
		if (!take_aliases(f, 2, diags, n, e.aliases))
			return;
		if (!seen.insert(e.name).second)
			diags.warning(n, "duplicate protocol " +
			    quoted(e.name) + ", first entry kept");
		out.entries.push_back(std::move(e));
	});
	return out;
}

protocol_table::protocol_table(std::vector<protocol_entry> entries)
    : entries_(std::move(entries))
{
}

const protocol_entry *
protocol_table::by_name(std::string_view name) const
{
	for (const auto &e : entries_)
		if (named(name, e.name, e.aliases, false))
			return &e;
	return nullptr;
}

const protocol_entry *
protocol_table::by_number(unsigned number) const
{
	for (const auto &e : entries_)
		if (e.number == number)
			return &e;
	return nullptr;
}

} // namespace net
