// config.h: one complete inetd configuration, read from its files.
#pragma once

#include <netinet/in.h>

#include <optional>
#include <string>
#include <vector>

#include "access.h"
#include "servtab.h"

namespace inetd {

struct config_paths {
	std::string config;
	std::string services;
	std::string protocols;
	std::string hosts_allow;
	std::string hosts_deny;
	std::string default_address;	// -a
};

struct config {
	std::vector<service_spec> services;
	// Lines left out because they cannot be used here (their errors are
	// among the diagnostics).
	std::vector<unusable_line> unusable;
	access_files access;
	// The socket(2) protocols of tcp and udp from the protocols
	// database, or the built-in numbers when it has none.
	int tcp_protocol = IPPROTO_TCP;
	int udp_protocol = IPPROTO_UDP;
};

// Reads inetd.conf (with its includes), the services and protocols
// databases and the access files, and resolves every entry.  Diagnostics
// are appended.  The result is empty when the files themselves have an
// error (a line that does not parse, a file that cannot be read), so a bad
// edit never replaces a working configuration.  Errors in the access
// files are reported but never hold inetd back: their rules apply as
// libwrap takes them.  A line that parses but cannot be used on this
// system (a service, user, group, host or program it lacks, a kind of
// service inetd does not run, a socket another line has) is left out with
// its error and the rest is returned: what the system lacks must not stop
// every other service.
std::optional<config> load_config(const config_paths &paths,
    std::vector<net::diagnostic> &diags);

// True when any of diags is an error.
bool has_errors(const std::vector<net::diagnostic> &diags);

} // namespace inetd
