// daemon.h: detaching from the terminal and the pidfile that keeps a
// second copy from starting.
#pragma once

#include <sys/types.h>

#include <string>

#include "libnet/result.h"
#include "libnet/unique_fd.h"

namespace net {

// Forks into the background: the parent exits 0, the child starts a new
// session, changes to / and has /dev/null on fds 0-2.
result<void> daemonize();

// Like daemonize(), but the parent stays until the child, once it serves,
// passes the returned descriptor to notify_ready(): it then exits 0, or 1
// if the child exits first, so the command's status says whether the
// daemon started and its pidfile and privileges are in place by then.
result<unique_fd> daemonize_until_ready();

// Tells the waiting parent of daemonize_until_ready() that the daemon is
// serving; closes fd.  Does nothing when fd is not valid.
void notify_ready(unique_fd &fd);

// An exclusively locked file holding the daemon's pid, removed when the
// object is destroyed in the process that wrote it last: through the
// directory opened at creation, so a chroot since does not stop it, and
// emptied instead when the process may no longer remove it (it dropped
// the privileges the directory asks for), so no stale pid is left.
class pidfile {
public:
	pidfile() = default;
	pidfile(pidfile &&) = default;
	pidfile &operator=(pidfile &&) = default;
	~pidfile();

	// Creates and locks path and writes the pid, or, without write_now,
	// leaves it empty for write_pid() once the process that stays has
	// forked (a reader never sees the pid of a parent about to exit);
	// fails with EEXIST naming the running pid when another live process
	// holds it.
	static result<pidfile> create(const std::string &path,
	    bool write_now = true);

	// Rewrites the file with the current pid (after daemonize()).
	result<void> write_pid();

	const std::string &path() const { return path_; }

private:
	std::string path_;
	unique_fd dir_;			// the directory it is in (O_PATH)
	std::string name_;		// its name there
	unique_fd fd_;
	pid_t owner_ = 0;
};

} // namespace net
