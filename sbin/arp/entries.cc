#include "entries.h"

#include <array>

#include "libnet/log.h"
#include "libnet/numparse.h"
#include "libnet/text.h"

namespace arp {

std::optional<net::mac_address>
parse_mac(std::string_view s)
{
	std::array<std::uint8_t, 6> b{};
	std::size_t n = 0;
	// Groups between colons: one digit is a byte, an even number of
	// digits that many bytes in pairs; anything else is no address.
	for (std::size_t i = 0;;) {
		std::size_t end = s.find(':', i);
		if (end == std::string_view::npos)
			end = s.size();
		std::size_t len = end - i;
		if (len == 0 || (len != 1 && len % 2 != 0) ||
		    len > 2 * (b.size() - n))
			return std::nullopt;
		std::size_t step = len == 1 ? 1 : 2;
		for (std::size_t j = i; j < end; j += step) {
			unsigned v = 0;
			for (std::size_t k = j; k < j + step; k++) {
				auto d = net::hex_digit(s[k]);
				if (!d)
					return std::nullopt;
				v = v * 16 + *d;
			}
			b[n++] = static_cast<std::uint8_t>(v);
		}
		if (end == s.size())
			break;
		i = end + 1;
	}
	if (n != b.size())
		return std::nullopt;
	return net::mac_address(b);
}

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
	auto mac = parse_mac(fields[1]);
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
