#include "libnet/protocols.h"

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

} // namespace

parsed<protocol_entry>
parse_protocols(std::istream &in, std::string_view origin)
{
	parsed<protocol_entry> out;
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
			diags.error(n, "bad protocol name " + quoted(f[0]));
			continue;
		}
		if (f.size() < 2) {
			diags.error(n, "missing protocol number after " +
			    quoted(f[0]));
			continue;
		}
		// The IP header field is one byte, but Linux gives numbers
		// above 255 to protocols that exist only at the socket layer,
		// and its /etc/protocols lists them.
		auto number = parse_uint(f[1], 0, 65535);
		if (!number) {
			diags.error(n, "bad protocol number " + quoted(f[1]));
			continue;
		}
		protocol_entry e;
		e.name = std::string(f[0]);
		e.number = static_cast<std::uint16_t>(*number);
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
		if (!seen.insert(e.name).second)
			diags.warning(n, "duplicate protocol " +
			    quoted(e.name) + ", first entry kept");
		out.entries.push_back(std::move(e));
	}
	return out;
}

protocol_table::protocol_table(std::vector<protocol_entry> entries)
    : entries_(std::move(entries))
{
}

const protocol_entry *
protocol_table::by_name(std::string_view name) const
{
	for (const auto &e : entries_) {
		if (e.name == name)
			return &e;
		for (const auto &a : e.aliases)
			if (a == name)
				return &e;
	}
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
