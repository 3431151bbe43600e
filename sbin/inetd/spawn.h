// spawn.h: starting a server for a connection or a socket, on libnet's
// one way to start a program (net::spawn): the socket on fds 0-2 and
// nothing else, every signal at its default, a session of its own, the
// service's user and group for good, the environment inetd made, and the
// open-files limit inetd started with.
#pragma once

#include <sys/resource.h>
#include <sys/types.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "libnet/privdrop.h"
#include "libnet/result.h"
#include "libnet/spawn.h"
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

struct spawn_request {
	std::string program;
	std::vector<std::string> argv;
	std::vector<std::string> env;
	int sock = -1;			// becomes fds 0, 1 and 2
	const net::user_info *user = nullptr;
	std::optional<gid_t> group;
	bool switch_user = true;	// false when inetd is not root
	// The soft open-files limit to start the server with: inetd's own,
	// raised for its sockets, is not the servers' business.  None:
	// inetd's.
	std::optional<rlim_t> open_files;
	// Runs in the child of a full fork before anything else; false ends
	// the child quietly (a refused connection: the check has logged
	// why), and what it sets in its argument is applied to the program
	// run.  Without one the child is started with vfork.
	std::function<bool(child_changes &)> check;
};

// The net::spawn spec for req; its check, when there is one, runs on the
// child's own copies of what it needs.
net::spawn_spec child_spec(const spawn_request &req);

// Starts the server (net::spawn_result: the pid, and why it could not
// become its server, at once or through the status pipe).
net::result<net::spawn_result> spawn_child(const spawn_request &req);

// spec with what a check in the child changed: its variables replace
// those of the same name, its user and group the service's (when inetd
// switches users at all), its command the program.
void apply_changes(net::spawn_spec &spec, const child_changes &ch,
    const net::user_info *service_user, std::optional<gid_t> service_group,
    bool switch_user);

} // namespace inetd
