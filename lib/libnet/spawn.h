// spawn.h: the one way the suite starts a program, and the one audited
// switch to another user.
//
// A child gets exactly the descriptors of its table (everything else is
// closed), every signal at its default and none blocked, a session of its
// own, the user and groups asked for (for good, checked), the environment
// it is given and nothing else, and then execs.  Without a pre-exec check
// the child is started with vfork: it shares the parent's memory until
// its exec, allocates nothing and makes only system calls, and the parent
// waits only for that (no page tables copied); with one, a full fork runs
// the check first.  Either way a child that cannot become its program
// says why (spawn_result).
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

namespace net {

// A user and group list to switch to, prepared (allocated) beforehand so
// that the switch itself allocates nothing.
struct credentials {
	std::string name;
	uid_t uid = 0;
	gid_t gid = 0;
	// The whole supplementary list, gid first, as initgroups(name, gid)
	// builds it.
	std::vector<gid_t> groups;

	// u's credentials, with group in place of the primary group when
	// given.
	static credentials of(const user_info &u,
	    std::optional<gid_t> group = {});
};

// The step of a user switch or spawn that failed.
enum class spawn_step {
	none,
	setgroups,
	setgid,
	setuid,
	verify,		// the ids did not take, or root could be regained
	setsid,
	chdir,
	dup,
	exec,
};

// What a child, or a process switching itself, got to.
struct step_outcome {
	spawn_step step = spawn_step::none;
	int err = 0;
};

// "setresuid: Operation not permitted", "exec /x: No such file...".
std::string describe(const step_outcome &o, const std::string &program);

// Switches the calling process to c for good: setgroups, setresgid and
// setresuid (all three ids of each), then checks that each took and, for
// a user other than root, that root cannot be regained.  Makes system
// calls only and allocates nothing: safe between vfork and exec.
step_outcome become_user_raw(const credentials &c) noexcept;

// become_user_raw with a result.
result<void> become_user(const credentials &c);

struct spawn_spec {
	std::string program;		// path to exec
	std::vector<std::string> argv;
	std::vector<std::string> env;	// the whole environment
	// The child's descriptor i is the parent's fds[i]; -1 leaves i
	// closed.  Everything past the table is closed.
	std::vector<int> fds;
	std::optional<credentials> user;	// switched to when set
	bool new_session = true;
	std::string directory;		// chdir there when not empty
	// The soft open-files limit the program starts with (at most the
	// hard one): a daemon's own, raised for its sockets, is not its
	// children's business (select(2) fails on descriptors past 1023).
	std::optional<rlim_t> open_files;
	// Runs first in the child of a full fork, on the child's own copy
	// of the spec, which it may change (hosts_options(5): setenv, user,
	// twist); false ends the child quietly with status 0 (a refused
	// client: the check said why).
	std::function<bool(spawn_spec &)> pre_exec;
};

struct spawn_result {
	pid_t pid = -1;
	// vfork: why the child could not become its program (it has exited
	// and is reaped as usual); empty when it exec'd.
	std::string failure;
	// fork (pre_exec): a close-on-exec, non-blocking pipe that gives
	// end of file when the child exec'd, or why it could not.
	unique_fd status;
};

// Starts the child.  A failure to start one at all (vfork, fork, pipe)
// is an error; a child that starts and fails says so in the result.
result<spawn_result> spawn(const spawn_spec &spec);

} // namespace net
