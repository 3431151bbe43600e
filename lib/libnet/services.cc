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
	std::set<std::pair<std::string, std::string>> seen;
	for_each_record(in, diags, [&](const auto &f, unsigned n) {
		if (f.size() < 2) {
			diags.error(n, "missing port/protocol after " +
			    quoted(f[0]));
			return;
		}
		if (!is_plain_name(f[0])) {
			diags.error(n, "bad service name " + quoted(f[0]));
			return;
		}
		auto slash = f[1].find('/');
		if (slash == std::string_view::npos) {
			diags.error(n, "expected port/protocol, got " +
			    quoted(f[1]));
			return;
		}
		std::string_view number = f[1].substr(0, slash);
		auto port = parse_uint(number, 0, 65535);
		if (!port) {
			diags.error(n, "bad port number " + quoted(number));
			return;
		}
		std::string_view proto = f[1].substr(slash + 1);
		if (!is_plain_name(proto)) {
			diags.error(n, "bad protocol name " + quoted(proto));
			return;
		}
		service_entry e;
		e.name = std::string(f[0]);
		e.port = static_cast<std::uint16_t>(*port);
		e.proto = std::string(proto);
		e.line = n;
		if (!take_aliases(f, 2, diags, n, e.aliases))
			return;
		if (!seen.emplace(e.name, e.proto).second)
			diags.warning(n, "duplicate service " + e.name + "/" +
			    e.proto + ", first entry kept");
		out.entries.push_back(std::move(e));
	});
	return out;
}

service_table::service_table(std::vector<service_entry> entries)
    : entries_(std::move(entries))
{
}

const service_entry *
service_table::by_name(std::string_view name, std::string_view proto) const
{
	for (const auto &e : entries_)
		if (e.proto == proto && named(name, e.name, e.aliases, false))
			return &e;
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
