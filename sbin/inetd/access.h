// access.h: hosts.allow and hosts.deny for inetd, built in: loading the
// two files and deciding for one client, looking its name up only when a
// rule that could decide needs a name.
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

// The decision for client connecting to daemon on server when it can be
// made from addresses alone (see net::decide_access_by_address); nothing
// when the client's name must be looked up first.
std::optional<net::access_decision> check_access_by_address(
    const access_files &files, const std::string &daemon,
    const net::address &client, const std::optional<net::address> &server);

// The decision for client connecting to daemon on server.  The client's
// name is looked up (and verified forward) only when a rule that could
// decide needs it; the lookup blocks.
net::access_decision check_access(const access_files &files,
    const std::string &daemon, const net::address &client,
    const std::optional<net::address> &server);

// "file:line" of every rule whose daemon list names daemon itself (not
// only ALL), for warning about services inetd cannot check.
std::vector<std::string> rules_naming(const access_files &files,
    const std::string &daemon);

} // namespace inetd
