#include "spawn.h"

#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "libnet/event_loop.h"

namespace inetd {

namespace {

// What the child must do, as plain data the vfork child can use without
// allocating or touching anything the parent owns but these.
struct child_plan {
	const char *program;
	char *const *argv;
	char *const *envp;
	int sock;
	bool switch_user;
	uid_t uid;
	gid_t gid;
	const gid_t *groups;
	std::size_t ngroups;
	const int *signals;
	std::size_t nsignals;
	int keep_fd;		// a close-on-exec descriptor to leave open
};

// Where the vfork child leaves the step that failed and its errno.  The
// child shares the parent's memory until it execs or exits.
struct child_outcome {
	volatile int step = 0;
	volatile int err = 0;
};

enum step : int {
	step_none,
	step_setgroups,
	step_setgid,
	step_setuid,
	step_verify,
	step_dup,
	step_exec,
};

const char *
step_name(int s)
{
	switch (s) {
	case step_setgroups:
		return "setgroups";
	case step_setgid:
		return "setresgid";
	case step_setuid:
		return "setresuid";
	case step_verify:
		return "privilege drop could be undone";
	case step_dup:
		return "dup2";
	case step_exec:
		return "exec";
	}
	return "?";
}

// The child's work between fork and exec, in raw system calls only: it
// may run in a vfork child sharing the parent's memory.  Returns only on
// failure, with *out filled in.
void
become_server(const child_plan &p, child_outcome *out)
{
	struct sigaction dfl;
	std::memset(&dfl, 0, sizeof dfl);
	dfl.sa_handler = SIG_DFL;
	for (std::size_t i = 0; i < p.nsignals; i++)
		sigaction(p.signals[i], &dfl, nullptr);
	sigaction(SIGPIPE, &dfl, nullptr);
	syscall(SYS_setsid);
	if (p.switch_user) {
		if (syscall(SYS_setgroups, p.ngroups, p.groups) != 0) {
			out->step = step_setgroups;
			out->err = errno;
			return;
		}
		if (syscall(SYS_setresgid, p.gid, p.gid, p.gid) != 0) {
			out->step = step_setgid;
			out->err = errno;
			return;
		}
		if (syscall(SYS_setresuid, p.uid, p.uid, p.uid) != 0) {
			out->step = step_setuid;
			out->err = errno;
			return;
		}
		if (p.uid != 0 && syscall(SYS_setresuid, 0, 0, 0) == 0) {
			out->step = step_verify;
			out->err = EPERM;
			return;
		}
	}
	for (int fd = 0; fd <= 2; fd++)
		if (p.sock != fd && syscall(SYS_dup2, p.sock, fd) < 0) {
			out->step = step_dup;
			out->err = errno;
			return;
		}
	// fds 0-2 are fresh duplicates without close-on-exec; everything
	// above is closed (the listening sockets and pipes are CLOEXEC too,
	// this also covers anything a library opened without the flag).
	if (p.keep_fd >= 3) {
		unsigned k = static_cast<unsigned>(p.keep_fd);
		if (k > 3)
			syscall(SYS_close_range, 3U, k - 1, 0U);
		syscall(SYS_close_range, k + 1, ~0U, 0U);
	} else {
		syscall(SYS_close_range, 3U, ~0U, 0U);
	}
	sigset_t none;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, nullptr);
	execve(p.program, p.argv, p.envp);
	out->step = step_exec;
	out->err = errno;
}

// vfork in a frame of its own holding nothing but plain data: the child
// borrows this frame until it execs or exits and must not return from it.
__attribute__((noinline)) pid_t
vfork_server(const child_plan &plan, child_outcome *outcome)
{
	pid_t pid = vfork();
	if (pid == 0) {
		become_server(plan, outcome);
		_exit(127);
	}
	return pid;
}

std::vector<char *>
c_array(const std::vector<std::string> &v)
{
	std::vector<char *> out;
	out.reserve(v.size() + 1);
	for (const auto &s : v)
		out.push_back(const_cast<char *>(s.c_str()));
	out.push_back(nullptr);
	return out;
}

std::string
describe(const spawn_request &req, const child_outcome &o)
{
	std::string what = o.step == step_exec ? "exec " + req.program
					       : step_name(o.step);
	return what + ": " + std::strerror(o.err);
}

// The user's group list with an explicit group in the primary's place, as
// initgroups(name, group) would build it.
std::vector<gid_t>
group_list(const spawn_request &req, gid_t gid)
{
	std::vector<gid_t> groups{gid};
	for (gid_t g : req.user->groups)
		if (g != req.user->gid && g != gid)
			groups.push_back(g);
	return groups;
}

net::result<spawned>
spawn_with_fork(const spawn_request &req, const child_plan &plan)
{
	int p[2];
	if (pipe2(p, O_CLOEXEC | O_NONBLOCK) != 0)
		return net::fail("pipe");
	net::unique_fd rd(p[0]), wr(p[1]);
	pid_t pid = fork();
	if (pid < 0)
		return net::fail("fork");
	if (pid == 0) {
		net::reset_signals_for_exec();
		if (!req.check())
			_exit(0);
		child_outcome o;
		child_plan mine = plan;
		mine.nsignals = 0;
		// The status pipe must survive until exec, which closes it.
		mine.keep_fd = wr.get();
		become_server(mine, &o);
		std::string msg = describe(req, o);
		ssize_t n = write(wr.get(), msg.data(), msg.size());
		(void)n;
		_exit(127);
	}
	return spawned{pid, {}, std::move(rd)};
}

} // namespace

net::result<spawned>
spawn_child(const spawn_request &req)
{
	std::vector<char *> argv = c_array(req.argv);
	std::vector<char *> envp = c_array(req.env);
	gid_t gid = req.group ? *req.group
			      : (req.user != nullptr ? req.user->gid : getgid());
	std::vector<gid_t> groups;
	if (req.switch_user && req.user != nullptr)
		groups = group_list(req, gid);
	child_plan plan{req.program.c_str(), argv.data(), envp.data(), req.sock,
	    req.switch_user && req.user != nullptr,
	    req.user != nullptr ? req.user->uid : getuid(), gid,
	    groups.data(), groups.size(), req.handled_signals.data(),
	    req.handled_signals.size(), -1};
	if (req.check)
		return spawn_with_fork(req, plan);

	// vfork: no page tables copied, no copy-on-write faults in the
	// parent afterwards; the parent waits only until the child has
	// exec'd.  Signals stay blocked across it so no handler of inetd's
	// can run in the child.
	sigset_t all, saved;
	sigfillset(&all);
	sigprocmask(SIG_SETMASK, &all, &saved);
	child_outcome outcome;
	pid_t pid = vfork_server(plan, &outcome);
	int fork_errno = errno;
	sigprocmask(SIG_SETMASK, &saved, nullptr);
	if (pid < 0)
		return net::fail(fork_errno, "vfork");
	spawned s;
	s.pid = pid;
	if (outcome.step != step_none)
		s.failure = describe(req, outcome);
	return s;
}

} // namespace inetd
