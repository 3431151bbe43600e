#include "entries.h"

#include "libnet/log.h"
#include "libnet/text.h"

namespace arp {

net::result<entry>
parse_entry(const std::vector<std::string_view> &fields)
{
	if (fields.size() < 2)
		return net::fail(0, "expected hostname and ether_addr");
	entry e;
	if (!net::is_plain_name(fields[0]) || fields[0].size() > 253)
		return net::fail(0, "invalid host name: " +
		    net::printable(fields[0], 64));
	e.host = fields[0];
	auto mac = net::mac_address::parse(fields[1]);
	if (!mac)
		return net::fail(0, "invalid ethernet address: " +
		    net::printable(fields[1], 64));
	e.mac = *mac;
	for (std::size_t i = 2; i < fields.size(); i++) {
		std::string_view f = fields[i];
		if (f == "temp")
			e.temp = true;
		else if (f == "pub")
			e.pub = true;
		else if (f == "trail")
			e.trail = true;
		else
			return net::fail(0, "unknown flag: " +
			    net::printable(f, 64) +
			    " (expected temp, pub or trail)");
	}
	return e;
}

net::parsed<entry>
parse_entries(std::istream &in, std::string_view origin)
{
	net::parsed<entry> out;
	net::diag_sink diags(out.diagnostics, origin);
	net::line_reader lines(in, diags);
	std::string line;
	while (lines.next(line)) {
		auto fields = net::split_fields(net::strip_comment(line));
		if (fields.empty())
			continue;
		auto e = parse_entry(fields);
		if (!e) {
			diags.error(lines.line_no(), e.err().message());
			continue;
		}
		e->line = lines.line_no();
		if (e->trail)
			diags.warning(lines.line_no(),
			    "trail: Linux has no trailer encapsulation; "
			    "ignored");
		out.entries.push_back(std::move(*e));
	}
	return out;
}

} // namespace arp
