#include "config.h"

#include <unistd.h>

#include <algorithm>

#include "libnet/inetd_conf.h"
#include "libnet/parse_file.h"

namespace inetd {

namespace {

// Parser and resolver findings interleaved back into reading order: files
// in the order first named, lines ascending within each.
void
sort_diagnostics(std::vector<net::diagnostic> &diags)
{
	std::vector<std::string> files;
	auto rank = [&](const std::string &origin) {
		for (std::size_t i = 0; i < files.size(); i++)
			if (files[i] == origin)
				return i;
		files.push_back(origin);
		return files.size() - 1;
	};
	for (const auto &d : diags)
		(void)rank(d.origin);
	std::stable_sort(diags.begin(), diags.end(),
	    [&](const net::diagnostic &a, const net::diagnostic &b) {
		    std::size_t ra = rank(a.origin), rb = rank(b.origin);
		    return ra != rb ? ra < rb : a.line < b.line;
	    });
}

} // namespace

std::optional<config>
load_config(const config_paths &paths, std::vector<net::diagnostic> &diags)
{
	auto conf = net::load_inetd_conf(paths.config);
	diags.insert(diags.end(), conf.diagnostics.begin(),
	    conf.diagnostics.end());

	net::service_table services;
	auto db = net::parse_file(paths.services, net::parse_services);
	if (db) {
		// The system's database is not ours to police: its own
		// problems do not stop inetd, only a missing service does.
		services = net::service_table(std::move(db->entries));
	} else {
		diags.push_back({paths.services, 0, db.err().message(),
		    net::severity::warning});
	}

	resolve_context ctx;
	ctx.services = &services;
	ctx.services_path = paths.services;
	ctx.default_address = paths.default_address;
	ctx.resolve_host = resolve_host_system;
	ctx.euid = geteuid();
	ctx.is_root = ctx.euid == 0;
	auto specs = resolve_services(conf.entries, ctx);
	diags.insert(diags.end(), specs.diagnostics.begin(),
	    specs.diagnostics.end());

	sort_diagnostics(diags);
	config c;
	c.services = std::move(specs.entries);
	c.access = load_access_files(paths.hosts_allow, paths.hosts_deny,
	    diags);
	for (const auto &d : diags)
		if (d.level == net::severity::error)
			return std::nullopt;
	return c;
}

} // namespace inetd
