// access.h: hosts.allow and hosts.deny for inetd, built in: loading the
// two files, reading them again when they change, deciding for one
// client (looking its name up only when a rule that could decide needs a
// name), and acting on the options of the deciding rule in the child
// started for a connection.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <ctime>
#include <optional>
#include <string>
#include <vector>

#include "libnet/addr.h"
#include "libnet/diag.h"
#include "libnet/hosts_access.h"
#include "libnet/log.h"
#include "libnet/privdrop.h"
#include "spawn.h"

namespace inetd {

// Enough of stat(2) to tell that a file changed or was replaced; a file
// that is not there has exists false.
struct file_stamp {
	bool exists = false;
	dev_t dev = 0;
	ino_t ino = 0;
	off_t size = 0;
	timespec mtime{};
	timespec ctime{};

	bool operator==(const file_stamp &o) const;
};

// The stamp of path now.
file_stamp stamp_of(const std::string &path);

struct access_files {
	net::access_table allow;
	net::access_table deny;
	std::string allow_path;
	std::string deny_path;
	file_stamp allow_stamp;
	file_stamp deny_stamp;

	// Reads again a file whose stamp changed since it was read (a file
	// that appeared or vanished counts), logging what is wrong in it;
	// libwrap read both files for every connection, and admins rely on
	// an edit counting at once.  Two stat(2) calls when nothing changed.
	void refresh();
};

// Reads both files; a missing file is an empty one (everything allowed,
// as with classic inetd), any other problem is a diagnostic, and so is a
// /path pattern whose file cannot be read or has errors.
access_files load_access_files(const std::string &allow_path,
    const std::string &deny_path, std::vector<net::diagnostic> &diags);

// The decision for client connecting to daemon on server when it can be
// made from addresses alone (see net::decide_access_by_address) and the
// deciding rule has no option that must act in the server's process;
// nothing when the rest must be done in the child.  Rereads changed files
// first.
std::optional<net::access_decision> check_access_by_address(
    access_files &files, const std::string &daemon,
    const net::address &client, const std::optional<net::address> &server);

// The decision for client connecting to daemon on server, made in inetd's
// process (internal services, datagrams).  The client's name is looked
// up (and verified forward) only when a rule that could decide needs it,
// netgroups and pattern files are consulted, and the lookups block; no
// ident server is asked (the user is "unknown").  A rule with twist or
// aclexec, which cannot run here, refuses.  Rereads changed files first.
net::access_decision check_access(access_files &files,
    const std::string &daemon, const net::address &client,
    const std::optional<net::address> &server);

// True when the deciding rule has options that act in the server's
// process or run commands: a connection it decides must go to a child,
// which decides again and acts on them (check_in_child).
bool needs_child(const net::access_decision &d);

// The level at which a refusal by d is logged: the rule's severity
// option, or warning.
net::log_level refusal_level(const net::access_decision &d);

// What the child started for one client knows about it.
struct child_context {
	std::string service;	// "name/proto", for log lines
	std::string daemon;
	net::endpoint remote;
	std::optional<net::endpoint> local;
	int sock = -1;		// the connection, or the datagram socket
	bool connection = false;	// sock is this client's own stream
	const net::user_info *user = nullptr;	// the service's
	std::optional<gid_t> group;
	bool switch_user = true;	// inetd runs as root
	std::vector<std::string> env;	// the server's environment
};

// Runs in the child started for a client (it may block): decides with
// every lookup the rules need, including an ident query (RFC 1413) for a
// user@host pattern of a stream service, then acts on the deciding rule's
// options in order (hosts_options(5)); logs and returns false when the
// client is refused, otherwise fills ch with what changes about the
// program to run.
bool check_in_child(access_files &files, const child_context &ctx,
    child_changes &ch);

// The user name the ident server of remote gives for its connection to
// local (RFC 1413), or "unknown" when none answers within timeout.
std::string ident_user(const net::endpoint &remote,
    const net::endpoint &local, std::chrono::milliseconds timeout);

// How long an ident query may take when no rfc931 option says.
constexpr std::chrono::seconds ident_timeout{3};

// "file:line" of every rule whose daemon list names daemon itself (not
// only ALL), for warning about services inetd cannot check.
std::vector<std::string> rules_naming(const access_files &files,
    const std::string &daemon);

} // namespace inetd
