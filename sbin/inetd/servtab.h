// servtab.h: inetd.conf entries resolved into what inetd runs: ports from
// the services database, the sockets to open, users and groups looked up,
// programs checked.  Every problem is a diagnostic at the entry's line.
#pragma once

#include <compare>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "builtin.h"
#include "libnet/addr.h"
#include "libnet/diag.h"
#include "libnet/inetd_conf.h"
#include "libnet/privdrop.h"
#include "libnet/services.h"
#include "libnet/socket.h"

namespace inetd {

// One socket a service listens on.
struct bind_spec {
	net::endpoint ep;		// inet sockets
	std::string path;		// unix sockets
	net::v6only_mode v6only = net::v6only_mode::on;

	bool is_unix() const { return !path.empty(); }
	// "127.0.0.1:7", "[::]:7", "[::]:7 (v4 too)", "/run/x.sock"
	std::string str() const;

	auto operator<=>(const bind_spec &) const = default;
};

struct service_spec {
	std::string name;		// "echo/tcp", "127.0.0.1:echo/udp4"
	net::inetd_socktype socktype = net::inetd_socktype::stream;
	net::inetd_proto proto = net::inetd_proto::tcp;
	std::vector<bind_spec> binds;
	int sndbuf = 0;
	int rcvbuf = 0;
	bool wait = false;
	unsigned max_children = 0;
	unsigned max_per_source = 0;
	net::user_info user;
	std::optional<gid_t> group;
	std::optional<builtin_kind> builtin;
	std::string program;
	std::vector<std::string> argv;
	std::string daemon_name;	// for hosts.allow/deny: argv[0]'s basename
	std::string origin;
	unsigned line = 0;

	bool is_stream() const
	{
		return socktype == net::inetd_socktype::stream;
	}
	// "file:line" of the entry.
	std::string where() const;
	// True when other listens on exactly the same sockets (a reload keeps
	// them open and updates the rest in place).
	bool same_sockets(const service_spec &other) const;
};

struct resolve_context {
	const net::service_table *services = nullptr;
	std::string services_path;	// named in "unknown service" messages
	std::string default_address;	// -a; empty: the wildcard
	// Host name to addresses (getaddrinfo by default).
	std::function<std::vector<net::address>(const std::string &)>
	    resolve_host;
	bool is_root = true;
	uid_t euid = 0;
};

// A line left out because it cannot be used here.
struct unusable_line {
	std::string name;	// the service_spec::name it would have had
	std::string where;	// "file:line"
};

struct resolved_services : net::parsed<service_spec> {
	// The entries left out for errors, except the unsupported kinds
	// (which never ran): a reload keeps a running service whose line
	// became one of these.
	std::vector<unusable_line> unusable;
};

// Resolves every entry; entries with errors are left out, with their
// diagnostics, and so are later entries that would listen on a socket an
// earlier one already has.
resolved_services resolve_services(
    const std::vector<net::inetd_entry> &entries, const resolve_context &ctx);

// The name of the service an entry describes, as logged: the addresses as
// written, the service and the protocol ("127.0.0.1:echo/udp4").
std::string service_name(const net::inetd_entry &e);

// getaddrinfo(3) for a host name: every address, IPv4 and IPv6.
std::vector<net::address> resolve_host_system(const std::string &name);

// What a reload does with the old and the new services.
struct reload_plan {
	std::vector<std::pair<std::size_t, std::size_t>> kept;	// old, new
	std::vector<std::size_t> removed;			// old
	std::vector<std::size_t> added;				// new
	// Old services whose new line cannot be used: they run on as they
	// were, with the unusable line's place ("file:line").
	std::vector<std::pair<std::size_t, std::string>> unchanged;
};

// Matches old and new services by their sockets (same_sockets).  An old
// service left unmatched whose name is that of an unusable line stays
// (unchanged), unless a new service would listen on one of its sockets.
reload_plan plan_reload(const std::vector<const service_spec *> &old,
    const std::vector<service_spec> &next,
    const std::vector<unusable_line> &unusable = {});

// True when the two cannot listen at once: a socket in common, or (TCP) a
// wildcard address and an address it covers on one port.
bool sockets_collide(const service_spec &a, const service_spec &b);

// What a reload changes in a service it keeps (the same sockets).
struct spec_change {
	// The fields that differ, as logged: "program", "user", ...; empty
	// when the service is unchanged (a line that only moved is).
	std::vector<std::string> fields;
	// The open sockets need their options set again: buffer sizes, or
	// blocking mode and receive times (wait, internal).
	bool socket_options = false;

	bool changed() const { return !fields.empty(); }
};

// Compares a running service with its new entry.
spec_change compare_specs(const service_spec &old, const service_spec &next);

} // namespace inetd
