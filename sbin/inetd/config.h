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
	access_files access;
	// The socket(2) protocols of tcp and udp from the protocols
	// database, or the built-in numbers when it has none.
	int tcp_protocol = IPPROTO_TCP;
	int udp_protocol = IPPROTO_UDP;
};

// Reads inetd.conf (with its includes), the services and protocols
// databases and the access files, and resolves every entry.  Diagnostics
// are appended; the result is empty when any of them is an error, so a
// bad edit never replaces a working configuration, except for errors in
// the access files, whose rules are taken as libwrap takes them.
std::optional<config> load_config(const config_paths &paths,
    std::vector<net::diagnostic> &diags);

} // namespace inetd
