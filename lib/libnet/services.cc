#include "libnet/services.h"

#include <set>
#include <utility>

#include "libnet/numparse.h"
#include "libnet/text.h"

namespace net {

parsed<service_entry>
parse_services(std::istream &in, std::string_view origin)
{
	parsed<service_entry> out;
	diag_sink diags(out.diagnostics, origin);
	line_reader reader(in, diags);
	std::set<std::pair<std::string, std::string>> seen;
	std::string line;
	while (reader.next(line)) {
		unsigned n = reader.line_no();
		auto f = split_fields(strip_comment(line));
		if (f.empty())
			continue;
		if (f.size() < 2) {
			diags.error(n, "missing port/protocol after '" +
			    std::string(f[0]) + "'");
			continue;
		}
		if (!is_plain_name(f[0])) {
			diags.error(n, "bad service name '" +
			    std::string(f[0]) + "'");
			continue;
		}
		auto slash = f[1].find('/');
		if (slash == std::string_view::npos) {
			diags.error(n, "expected port/protocol, got '" +
			    std::string(f[1]) + "'");
			continue;
		}
		auto port = parse_uint(f[1].substr(0, slash), 0, 65535);
		if (!port) {
			diags.error(n, "bad port number '" +
			    std::string(f[1].substr(0, slash)) + "'");
			continue;
		}
		std::string_view proto = f[1].substr(slash + 1);
		if (!is_plain_name(proto)) {
			diags.error(n, "bad protocol name '" +
			    std::string(proto) + "'");
			continue;
		}
		service_entry e;
		e.name = std::string(f[0]);
		e.port = static_cast<std::uint16_t>(*port);
		e.proto = std::string(proto);
		e.line = n;
		bool bad_alias = false;
		for (std::size_t i = 2; i < f.size(); i++) {
			if (!is_plain_name(f[i])) {
				diags.error(n, "bad alias '" +
				    std::string(f[i]) + "'");
				bad_alias = true;
				break;
			}
			e.aliases.emplace_back(f[i]);
		}
		if (bad_alias)
			continue;
		if (!seen.emplace(e.name, e.proto).second)
			diags.warning(n, "duplicate service " + e.name + "/" +
			    e.proto + ", first entry kept");
		out.entries.push_back(std::move(e));
	}
	return out;
}

service_table::service_table(std::vector<service_entry> entries)
    : entries_(std::move(entries))
{
}

const service_entry *
service_table::by_name(std::string_view name, std::string_view proto) const
{
	for (const auto &e : entries_) {
		if (e.proto != proto)
			continue;
		if (e.name == name)
			return &e;
		for (const auto &a : e.aliases)
			if (a == name)
				return &e;
	}
	return nullptr;
}

const service_entry *
service_table::by_port(std::uint16_t port, std::string_view proto) const
{
	for (const auto &e : entries_)
		if (e.port == port && e.proto == proto)
			return &e;
	return nullptr;
}

} // namespace net
