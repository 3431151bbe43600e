#include "config.h"

#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>

#include "libnet/inetd_conf.h"
#include "libnet/log.h"
#include "libnet/parse_file.h"
#include "libnet/protocols.h"

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

// The protocol numbers inetd opens its sockets with, from protocols(5) as
// getprotobyname(3) would give them.  A missing database is no error
// (minimal systems and containers often lack one): the numbers are
// built in.
void
read_protocols(const std::string &path, config &c,
    std::vector<net::diagnostic> &diags)
{
	auto db = net::parse_file(path, net::parse_protocols);
	if (!db) {
		net::log_debug("%s; built-in protocol numbers: tcp %d, udp %d",
		    db.err().message().c_str(), c.tcp_protocol,
		    c.udp_protocol);
		return;
	}
	net::protocol_table table(std::move(db->entries));
	struct {
		const char *name;
		int type;
		int *number;
	} wanted[] = {{"tcp", SOCK_STREAM, &c.tcp_protocol},
	    {"udp", SOCK_DGRAM, &c.udp_protocol}};
	for (const auto &w : wanted) {
		const net::protocol_entry *e = table.by_name(w.name);
		if (e == nullptr) {
			diags.push_back({path, 0,
			    std::string("no entry for ") + w.name +
				"; using " + std::to_string(*w.number),
			    net::severity::warning});
			continue;
		}
		// Tried here, so that -n finds a number the sockets would
		// be refused with.
		int fd = socket(AF_INET, w.type | SOCK_CLOEXEC, e->number);
		if (fd < 0) {
			diags.push_back({path, e->line,
			    std::string(w.name) + " is " +
				std::to_string(e->number) +
				", which this kernel has no " + w.name +
				" sockets for",
			    net::severity::error});
			continue;
		}
		close(fd);
		*w.number = e->number;
	}
}

// A stream wait server accepts its connections itself, and a unix socket
// has no client address: a rule written for either is never applied by
// inetd, which an administrator would not guess.
void
warn_unchecked(const config &c, std::vector<net::diagnostic> &diags)
{
	for (const auto &s : c.services) {
		bool is_unix = !s.binds.empty() && s.binds.front().is_unix();
		if (!is_unix && !(s.is_stream() && s.wait))
			continue;
		for (const auto &where : rules_naming(c.access, s.daemon_name))
			diags.push_back({s.origin, s.line,
			    "the rule at " + where + " for '" + s.daemon_name +
				"' is not applied: " +
				(is_unix ? "unix socket clients have no "
					   "address to check"
					 : "inetd does not see the "
					   "connections of a stream wait "
					   "service, the server must check "
					   "them itself"),
			    net::severity::warning});
	}
}

} // namespace

bool
has_errors(const std::vector<net::diagnostic> &diags)
{
	for (const auto &d : diags)
		if (d.level == net::severity::error)
			return true;
	return false;
}

std::optional<config>
load_config(const config_paths &paths, std::vector<net::diagnostic> &out)
{
	std::vector<net::diagnostic> diags;
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

	config c;
	c.services = std::move(specs.entries);
	c.unusable = std::move(specs.unusable);
	// Errors in the access files are reported (and make -n fail) but
	// never stop inetd: their rules apply as libwrap would take them,
	// and libwrap served on whatever the files held.
	std::vector<net::diagnostic> access_diags;
	c.access = load_access_files(paths.hosts_allow, paths.hosts_deny,
	    access_diags);
	warn_unchecked(c, diags);
	read_protocols(paths.protocols, c, diags);
	// Everything so far is about the files; the resolver's errors are
	// about single lines, which are left out, and the access files'
	// hold nothing back.
	bool refused = has_errors(diags);
	diags.insert(diags.end(), specs.diagnostics.begin(),
	    specs.diagnostics.end());
	diags.insert(diags.end(), access_diags.begin(), access_diags.end());
	sort_diagnostics(diags);
	out.insert(out.end(), diags.begin(), diags.end());
	if (refused)
		return std::nullopt;
	return c;
}

} // namespace inetd
