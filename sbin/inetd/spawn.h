// spawn.h: starting a server process for a connection or a socket.
#pragma once

#include <sys/resource.h>
#include <sys/types.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "libnet/privdrop.h"
#include "libnet/result.h"
#include "libnet/unique_fd.h"

namespace inetd {

// What a check run in the child changes about the program it then runs
// (hosts_options(5): setenv, user, group, twist).
struct child_changes {
	std::vector<std::string> env;	// NAME=value, replacing NAME
	std::optional<net::user_info> user;	// instead of the service's
	std::optional<gid_t> group;
	// When not empty: run this (argv[0] the program) instead.
	std::vector<std::string> command;
};

// Everything a child needs, prepared before the child starts so it
// allocates nothing.
struct spawn_request {
	std::string program;
	std::vector<std::string> argv;
	std::vector<std::string> env;
	int sock = -1;			// becomes fds 0, 1 and 2
	const net::user_info *user = nullptr;
	std::optional<gid_t> group;
	bool switch_user = true;	// false when inetd is not root
	// The soft open-files limit to start the server with: inetd's own,
	// raised for its sockets, is not the servers' business (a server
	// using select(2) fails on descriptors past 1024).  None: inetd's.
	std::optional<rlim_t> open_files;
	// Signals inetd handles: the child puts them back to the default
	// before it execs (an ignored signal would otherwise be inherited).
	std::vector<int> handled_signals;
	// Runs in the child before anything else; false ends the child
	// quietly (a refused connection: the check has logged why), and
	// what it sets in its argument is applied to the program run.  A
	// check needs a full fork; without one the child starts on inetd's
	// memory (clone, or vfork where that is not possible) and allocates
	// nothing.
	std::function<bool(child_changes &)> check;
};

struct spawned {
	pid_t pid = -1;
	// Where the parent waited for the child's exec (vfork): why the child
	// could not become the server (it has then exited); empty when exec
	// succeeded.  Otherwise spawn_failure tells, once the child exited.
	std::string failure;
	// fork path: readable end of a close-on-exec pipe; end of file with
	// no data means exec succeeded, otherwise the child wrote why not.
	net::unique_fd status;
};

// Starts a child that gets sock on fds 0-2 and nothing else open, the
// default signal dispositions, a session of its own, the service's user
// and group for good, the given environment, and execs the program.
net::result<spawned> spawn_child(const spawn_request &req);

// Why the child pid, started by spawn_child and since exited, could not
// become its server; empty when it exec'd or when spawned.failure said.
std::string spawn_failure(pid_t pid);

} // namespace inetd
