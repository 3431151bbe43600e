// access.h: hosts.allow and hosts.deny for inetd, built in: loading the
// two files and deciding for one client, looking its name up only when a
// rule needs a name.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "libnet/addr.h"
#include "libnet/diag.h"
#include "libnet/hosts_access.h"

namespace inetd {

struct access_files {
	net::access_table allow;
	net::access_table deny;
};

// Reads both files; a missing file is an empty one (everything allowed,
// as with classic inetd), any other problem is a diagnostic.
access_files load_access_files(const std::string &allow_path,
    const std::string &deny_path, std::vector<net::diagnostic> &diags);

// True when a rule for daemon needs the client's name, so deciding
// means a name lookup (which blocks: inetd then decides in the child).
bool needs_hostname(const access_files &files, const std::string &daemon,
    const std::optional<net::address> &server);

// The decision for client connecting to daemon on server.  The client's
// name is looked up (and verified forward) only when a rule for daemon
// needs it.
net::access_decision check_access(const access_files &files,
    const std::string &daemon, const net::address &client,
    const std::optional<net::address> &server);

} // namespace inetd
