#include "libnet/spawn.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <climits>
#include <cstring>

#include "libnet/event_loop.h"

namespace net {

namespace {

// A child's descriptor table is at most this long: 0-2 and a few passed
// descriptors.  A longer table is refused before any child starts.
constexpr std::size_t max_fds = 16;

// A system call; -1 with errno set on failure (syscall(2)).  The child of
// a vfork makes only these and execve: no allocation, no locks.
template <typename... A>
long
sys(long n, A... a)
{
	return syscall(n, static_cast<long>(a)...);
}

// The kernel's struct sigaction with SIG_DFL, no flags and no mask: all
// zero on every architecture this runs on.
struct kernel_sigaction {
	unsigned long words[4] = {};
};

bool
record(step_outcome *out, spawn_step s)
{
	out->err = errno;
	std::atomic_ref(out->step).store(s, std::memory_order_release);
	return false;
}

// What the child does, as plain data it can use without allocating.
struct child_plan {
	const char *program = nullptr;
	char *const *argv = nullptr;
	char *const *envp = nullptr;
	const int *fds = nullptr;
	std::size_t nfds = 0;
	const credentials *user = nullptr;
	bool new_session = true;
	const char *directory = nullptr;
	bool set_open_files = false;
	rlim_t open_files = 0;
	int keep_fd = -1;	// the fork child's status pipe
};

// Closes every descriptor from lo up, except keep.
void
close_from(unsigned lo, int keep)
{
	auto range = [](unsigned a, unsigned b) {
		if (a > b)
			return;
		if (sys(SYS_close_range, a, b, 0) == 0)
			return;
		// Kernels before 5.9: one by one, up to the limit.
		rlimit rl{};
		if (sys(SYS_prlimit64, 0, RLIMIT_NOFILE, 0,
			reinterpret_cast<long>(&rl)) != 0)
			rl.rlim_cur = 65536;
		unsigned top = rl.rlim_cur > 1u << 20 ? 1u << 20
						     : static_cast<unsigned>(
							   rl.rlim_cur);
		for (unsigned fd = a; fd <= b && fd < top; fd++)
			sys(SYS_close, fd);
	};
	if (keep >= 0 && static_cast<unsigned>(keep) >= lo) {
		range(lo, static_cast<unsigned>(keep) - 1);
		range(static_cast<unsigned>(keep) + 1, UINT_MAX);
	} else {
		range(lo, UINT_MAX);
	}
}

// Every signal back to its default disposition: an ignored one
// (SIGPIPE) would otherwise be inherited across exec.
void
default_signals()
{
	const kernel_sigaction dfl;
	for (int s = 1; s < NSIG; s++)
		if (s != SIGKILL && s != SIGSTOP)
			sys(SYS_rt_sigaction, s, reinterpret_cast<long>(&dfl),
			    0, sizeof(unsigned long));
}

// The child's work before exec.  Returns only on failure, with *out
// filled in and *keep_now the descriptor the status pipe is at.
void
become_program(const child_plan &p, step_outcome *out, int *keep_now)
{
	*keep_now = p.keep_fd;
	default_signals();
	if (p.new_session && sys(SYS_setsid) < 0) {
		record(out, spawn_step::setsid);
		return;
	}
	if (p.user != nullptr) {
		step_outcome u = become_user_raw(*p.user);
		if (u.step != spawn_step::none) {
			out->err = u.err;
			std::atomic_ref(out->step).store(u.step,
			    std::memory_order_release);
			return;
		}
	}
	if (p.directory != nullptr && sys(SYS_chdir,
	    reinterpret_cast<long>(p.directory)) != 0) {
		record(out, spawn_step::chdir);
		return;
	}
	// Each source first goes above the table, so that putting one in
	// place never overwrites another still to be moved.
	int keep = p.keep_fd;
	long base = static_cast<long>(std::max<std::size_t>(p.nfds, 3));
	if (keep >= 0 && keep < base) {
		keep = static_cast<int>(sys(SYS_fcntl, keep, F_DUPFD_CLOEXEC,
		    base));
		if (keep < 0) {
			record(out, spawn_step::dup);
			return;
		}
		*keep_now = keep;
	}
	int moved[max_fds];
	for (std::size_t i = 0; i < p.nfds; i++) {
		moved[i] = -1;
		if (p.fds[i] < 0)
			continue;
		moved[i] = static_cast<int>(sys(SYS_fcntl, p.fds[i],
		    F_DUPFD_CLOEXEC, base));
		if (moved[i] < 0) {
			record(out, spawn_step::dup);
			return;
		}
	}
	for (std::size_t i = 0; i < p.nfds; i++) {
		if (moved[i] < 0) {
			sys(SYS_close, i);
			continue;
		}
		if (sys(SYS_dup3, moved[i], i, 0) < 0) {
			record(out, spawn_step::dup);
			return;
		}
	}
	// The table's descriptors are fresh duplicates without
	// close-on-exec; everything above goes, whether or not someone
	// opened it close-on-exec.
	close_from(static_cast<unsigned>(p.nfds), keep);
	if (p.set_open_files) {
		// Set once the descriptors are in place (the parent's may lie
		// above the new limit).  Lowering the soft limit within the hard
		// one cannot fail in a way the program would care about: it
		// keeps the parent's if it does.
		rlimit old{}, lim{};
		if (sys(SYS_prlimit64, 0, RLIMIT_NOFILE, 0,
			reinterpret_cast<long>(&old)) == 0) {
			lim.rlim_cur = std::min(p.open_files, old.rlim_max);
			lim.rlim_max = old.rlim_max;
			sys(SYS_prlimit64, 0, RLIMIT_NOFILE,
			    reinterpret_cast<long>(&lim), 0);
		}
	}
	const unsigned long none = 0;
	sys(SYS_rt_sigprocmask, SIG_SETMASK, reinterpret_cast<long>(&none), 0,
	    sizeof none);
	execve(p.program, p.argv, p.envp);
	record(out, spawn_step::exec);
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

// vfork in a frame of its own holding nothing but plain data: the child
// borrows this frame until it execs or exits and must not return from it.
__attribute__((noinline)) pid_t
vfork_child(const child_plan &plan, step_outcome *outcome)
{
	pid_t pid = vfork();
	if (pid == 0) {
		int keep;
		become_program(plan, outcome, &keep);
		_exit(127);
	}
	return pid;
}

// Signals stay blocked across the fork so that no handler of the
// parent's runs in the child (on the parent's memory, after vfork, or
// writing to the parent's signal pipe, after fork).
class signals_blocked {
public:
	signals_blocked()
	{
		sigset_t all;
		sigfillset(&all);
		sigprocmask(SIG_SETMASK, &all, &saved_);
	}
	~signals_blocked() { sigprocmask(SIG_SETMASK, &saved_, nullptr); }
	signals_blocked(const signals_blocked &) = delete;
	signals_blocked &operator=(const signals_blocked &) = delete;

private:
	sigset_t saved_;
};

const char *
step_name(spawn_step s)
{
	switch (s) {
	case spawn_step::none:
		return "none";
	case spawn_step::setgroups:
		return "setgroups";
	case spawn_step::setgid:
		return "setresgid";
	case spawn_step::setuid:
		return "setresuid";
	case spawn_step::verify:
		return "user switch did not take";
	case spawn_step::setsid:
		return "setsid";
	case spawn_step::chdir:
		return "chdir";
	case spawn_step::dup:
		return "dup";
	case spawn_step::exec:
		return "exec";
	}
	return "?";
}

} // namespace

credentials
credentials::of(const user_info &u, std::optional<gid_t> group)
{
	credentials c;
	c.name = u.name;
	c.uid = u.uid;
	c.gid = group ? *group : u.gid;
	c.groups.push_back(c.gid);
	for (gid_t g : u.groups)
		if (g != u.gid && g != c.gid &&
		    std::find(c.groups.begin(), c.groups.end(), g) ==
			c.groups.end())
			c.groups.push_back(g);
	return c;
}

std::string
describe(const step_outcome &o, const std::string &program)
{
	std::string what = o.step == spawn_step::exec ? "exec " + program
			 : o.step == spawn_step::chdir ? "chdir"
							: step_name(o.step);
	return what + ": " + std::strerror(o.err);
}

step_outcome
become_user_raw(const credentials &c) noexcept
{
	step_outcome out;
	auto failed = [&out](spawn_step s, int e) {
		out.step = s;
		out.err = e;
		return out;
	};
	if (sys(SYS_setgroups, c.groups.size(),
	    reinterpret_cast<long>(c.groups.data())) != 0)
		return failed(spawn_step::setgroups, errno);
	if (sys(SYS_setresgid, c.gid, c.gid, c.gid) != 0)
		return failed(spawn_step::setgid, errno);
	if (sys(SYS_setresuid, c.uid, c.uid, c.uid) != 0)
		return failed(spawn_step::setuid, errno);
	uid_t r = 0, e = 0, s = 0;
	gid_t rg = 0, eg = 0, sg = 0;
	if (sys(SYS_getresuid, reinterpret_cast<long>(&r),
		reinterpret_cast<long>(&e), reinterpret_cast<long>(&s)) != 0 ||
	    r != c.uid || e != c.uid || s != c.uid ||
	    sys(SYS_getresgid, reinterpret_cast<long>(&rg),
		reinterpret_cast<long>(&eg), reinterpret_cast<long>(&sg)) != 0 ||
	    rg != c.gid || eg != c.gid || sg != c.gid)
		return failed(spawn_step::verify, EPERM);
	// Neither root's uid nor (for a group other than root's) its gid
	// may come back.
	if (c.uid != 0 && sys(SYS_setresuid, -1, 0, -1) == 0)
		return failed(spawn_step::verify, EPERM);
	if (c.uid != 0 && c.gid != 0 && sys(SYS_setresgid, -1, 0, -1) == 0)
		return failed(spawn_step::verify, EPERM);
	return out;
}

result<void>
become_user(const credentials &c)
{
	step_outcome o = become_user_raw(c);
	if (o.step == spawn_step::none)
		return {};
	return fail(o.err, std::string(step_name(o.step)) + " for user " +
	    c.name);
}

namespace {

// A plan for spec, pointing into spec and the two arrays, which must
// outlive it.
child_plan
plan_of(const spawn_spec &spec, const std::vector<char *> &argv,
    const std::vector<char *> &envp)
{
	child_plan plan;
	plan.program = spec.program.c_str();
	plan.argv = argv.data();
	plan.envp = envp.data();
	plan.fds = spec.fds.data();
	plan.nfds = spec.fds.size();
	plan.user = spec.user ? &*spec.user : nullptr;
	plan.new_session = spec.new_session;
	plan.directory = spec.directory.empty() ? nullptr
						: spec.directory.c_str();
	plan.set_open_files = spec.open_files.has_value();
	plan.open_files = spec.open_files.value_or(0);
	return plan;
}

// The child of a full fork: the check, then the program; never returns.
[[noreturn]] void
fork_child(const spawn_spec &parent_spec, int status_fd)
{
	default_signals();
	const unsigned long none = 0;
	sys(SYS_rt_sigprocmask, SIG_SETMASK, reinterpret_cast<long>(&none), 0,
	    sizeof none);
	spawn_spec spec = parent_spec;
	if (!spec.pre_exec(spec))
		_exit(0);
	std::string msg;
	if (spec.fds.size() > max_fds) {
		msg = "spawn " + spec.program + ": descriptor table too long";
	} else {
		std::vector<char *> argv = c_array(spec.argv);
		std::vector<char *> envp = c_array(spec.env);
		child_plan plan = plan_of(spec, argv, envp);
		plan.keep_fd = status_fd;
		// Signals blocked again for the steps, as after vfork.
		sigset_t all;
		sigfillset(&all);
		sigprocmask(SIG_SETMASK, &all, nullptr);
		step_outcome o;
		int keep = -1;
		become_program(plan, &o, &keep);
		status_fd = keep;
		msg = describe(o, spec.program);
	}
	if (status_fd >= 0 && write(status_fd, msg.data(), msg.size()) < 0)
		_exit(126);
	_exit(127);
}

} // namespace

result<spawn_result>
spawn(const spawn_spec &spec)
{
	if (spec.fds.size() > max_fds)
		return fail(EINVAL, "spawn " + spec.program +
		    ": descriptor table too long");
	spawn_result res;
	if (!spec.pre_exec) {
		std::vector<char *> argv = c_array(spec.argv);
		std::vector<char *> envp = c_array(spec.env);
		child_plan plan = plan_of(spec, argv, envp);
		step_outcome outcome;
		pid_t pid;
		int vfork_errno;
		{
			signals_blocked blocked;
			pid = vfork_child(plan, &outcome);
			vfork_errno = errno;
		}
		if (pid < 0)
			return fail(vfork_errno, "vfork");
		res.pid = pid;
		if (std::atomic_ref(outcome.step).load(
			std::memory_order_acquire) != spawn_step::none)
			res.failure = describe(outcome, spec.program);
		return res;
	}

	int p[2];
	if (pipe2(p, O_CLOEXEC | O_NONBLOCK) != 0)
		return fail("pipe");
	unique_fd rd(p[0]), wr(p[1]);
	pid_t pid;
	int fork_errno;
	{
		signals_blocked blocked;
		pid = fork();
		fork_errno = errno;
		if (pid == 0)
			fork_child(spec, wr.get());
	}
	if (pid < 0)
		return fail(fork_errno, "fork");
	res.pid = pid;
	res.status = std::move(rd);
	return res;
}

} // namespace net
