#include "spawn.h"

#include <fcntl.h>
#include <linux/futex.h>
#include <sched.h>
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "libnet/event_loop.h"

// Where the child may run on inetd's memory without waiting for it: the
// child's system calls are then made without libc, whose wrappers set
// errno, and errno is the parent's (the child shares its thread pointer).
// Elsewhere, and in sanitizer builds (whose runtime follows stacks and
// threads), the child is started with vfork and the parent waits.
#if (defined(__x86_64__) || defined(__aarch64__)) && \
    !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
#define INETD_SHARED_SPAWN 1
#else
#define INETD_SHARED_SPAWN 0
#endif

namespace inetd {

namespace {

// A system call that returns -errno instead of setting errno.
long
raw_call(long n, long a = 0, long b = 0, long c = 0, long d = 0)
{
#if INETD_SHARED_SPAWN && defined(__x86_64__)
	long ret;
	register long r10 asm("r10") = d;
	asm volatile("syscall"
		     : "=a"(ret)
		     : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10)
		     : "rcx", "r11", "memory");
	return ret;
#elif INETD_SHARED_SPAWN && defined(__aarch64__)
	register long x8 asm("x8") = n;
	register long x0 asm("x0") = a;
	register long x1 asm("x1") = b;
	register long x2 asm("x2") = c;
	register long x3 asm("x3") = d;
	asm volatile("svc 0"
		     : "+r"(x0)
		     : "r"(x8), "r"(x1), "r"(x2), "r"(x3)
		     : "memory");
	return x0;
#else
	long r = syscall(n, a, b, c, d);
	return r < 0 ? -errno : r;
#endif
}

// What the child must do, as plain data it can use without allocating.
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
	bool set_open_files;
	unsigned long long open_files;	// soft RLIMIT_NOFILE to set
};

// The kernel's struct rlimit64, as prlimit64 takes it everywhere.
struct kernel_rlimit64 {
	unsigned long long cur;
	unsigned long long max;
};

// Where the child leaves the step that failed and its errno, in memory
// the parent reads once the child has exec'd or exited.
struct child_outcome {
	int step = 0;
	int err = 0;
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

// The kernel's struct sigaction with SIG_DFL, no flags and no mask: all
// zero on every architecture this runs on.
struct kernel_sigaction {
	unsigned long words[4] = {};
};

bool
failed(child_outcome *out, int s, long r)
{
	if (r >= 0)
		return false;
	out->err = static_cast<int>(-r);
	__atomic_store_n(&out->step, s, __ATOMIC_RELEASE);
	return true;
}

// The child's work before exec, in raw system calls only: it runs on
// inetd's memory.  Returns only on failure, with *out filled in.
void
become_server(const child_plan &p, child_outcome *out)
{
	const kernel_sigaction dfl;
	const unsigned long no_signals = 0;
	for (std::size_t i = 0; i < p.nsignals; i++)
		raw_call(SYS_rt_sigaction, p.signals[i],
		    reinterpret_cast<long>(&dfl), 0, sizeof no_signals);
	raw_call(SYS_rt_sigaction, SIGPIPE, reinterpret_cast<long>(&dfl), 0,
	    sizeof no_signals);
	raw_call(SYS_setsid);
	if (p.set_open_files) {
		// Lowering the soft limit within the hard one cannot fail in
		// a way the server would care about: keep inetd's if it does.
		kernel_rlimit64 old{}, lim{};
		if (raw_call(SYS_prlimit64, 0, RLIMIT_NOFILE, 0,
			reinterpret_cast<long>(&old)) == 0) {
			lim.cur = p.open_files < old.max ? p.open_files
							 : old.max;
			lim.max = old.max;
			raw_call(SYS_prlimit64, 0, RLIMIT_NOFILE,
			    reinterpret_cast<long>(&lim), 0);
		}
	}
	if (p.switch_user) {
		if (failed(out, step_setgroups,
			raw_call(SYS_setgroups, static_cast<long>(p.ngroups),
			    reinterpret_cast<long>(p.groups))))
			return;
		if (failed(out, step_setgid,
			raw_call(SYS_setresgid, p.gid, p.gid, p.gid)))
			return;
		if (failed(out, step_setuid,
			raw_call(SYS_setresuid, p.uid, p.uid, p.uid)))
			return;
		if (p.uid != 0 && raw_call(SYS_setresuid, 0, 0, 0) == 0) {
			failed(out, step_verify, -EPERM);
			return;
		}
	}
	for (int fd = 0; fd <= 2; fd++)
		if (p.sock != fd &&
		    failed(out, step_dup, raw_call(SYS_dup3, p.sock, fd, 0)))
			return;
	// fds 0-2 are fresh duplicates without close-on-exec; everything
	// above is closed (the listening sockets and pipes are CLOEXEC too,
	// this also covers anything a library opened without the flag).
	if (p.keep_fd >= 3) {
		unsigned k = static_cast<unsigned>(p.keep_fd);
		if (k > 3)
			raw_call(SYS_close_range, 3, k - 1, 0);
		raw_call(SYS_close_range, k + 1, ~0U, 0);
	} else {
		raw_call(SYS_close_range, 3, ~0U, 0);
	}
	raw_call(SYS_rt_sigprocmask, SIG_SETMASK,
	    reinterpret_cast<long>(&no_signals), 0, sizeof no_signals);
	failed(out, step_exec,
	    raw_call(SYS_execve, reinterpret_cast<long>(p.program),
		reinterpret_cast<long>(p.argv),
		reinterpret_cast<long>(p.envp)));
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
describe(const std::string &program, const child_outcome &o)
{
	std::string what = o.step == step_exec ? "exec " + program
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

// One child's plan and everything it points into, kept alive (and left
// untouched) until the child is done with inetd's memory.
struct launch {
	std::string program;
	std::vector<std::string> argv_s, env_s;
	std::vector<char *> argv, envp;
	std::vector<gid_t> groups;
	std::vector<int> signals;
	gid_t gid = 0;
	child_plan plan{};
	child_outcome outcome;
	pid_t pid = 0;
	// Cleared by the kernel (CLONE_CHILD_CLEARTID) when the child
	// execs or exits, the moment it stops using this memory.
	pid_t in_use = 1;
};

// The plan for l, pointing into l where l now is.
child_plan
plan_for(const launch &l, const spawn_request &req)
{
	gid_t gid = l.gid;
	return child_plan{l.program.c_str(), l.argv.data(), l.envp.data(),
	    req.sock, req.switch_user && req.user != nullptr,
	    req.user != nullptr ? req.user->uid : getuid(), gid,
	    l.groups.data(), l.groups.size(), l.signals.data(),
	    l.signals.size(), -1, req.open_files.has_value(),
	    req.open_files.value_or(0)};
}

void
fill_launch(launch &l, const spawn_request &req)
{
	l.program = req.program;
	l.argv_s = req.argv;
	l.env_s = req.env;
	l.argv = c_array(l.argv_s);
	l.envp = c_array(l.env_s);
	l.gid = req.group ? *req.group
			  : (req.user != nullptr ? req.user->gid : getgid());
	if (req.switch_user && req.user != nullptr)
		l.groups = group_list(req, l.gid);
	l.signals = req.handled_signals;
	l.plan = plan_for(l, req);
}

// req with what a check in the child changed: its variables replace
// those of the same name, and its user, group and command replace the
// service's.
spawn_request
changed_request(const spawn_request &req, const child_changes &ch)
{
	spawn_request r = req;
	for (const auto &v : ch.env) {
		std::string name = v.substr(0, v.find('='));
		std::erase_if(r.env, [&](const std::string &e) {
			return e.compare(0, name.size() + 1, name + "=") == 0;
		});
		r.env.push_back(v);
	}
	if (ch.user)
		r.user = &*ch.user;
	if (ch.group)
		r.group = ch.group;
	if (!ch.command.empty()) {
		r.program = ch.command.front();
		r.argv = ch.command;
	}
	return r;
}

net::result<spawned>
spawn_with_fork(const spawn_request &req)
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
		child_changes ch;
		if (!req.check(ch))
			_exit(0);
		spawn_request mod = changed_request(req, ch);
		launch l;
		fill_launch(l, mod);
		child_outcome o;
		child_plan mine = l.plan;
		mine.nsignals = 0;
		// The status pipe must survive until exec, which closes it.
		mine.keep_fd = wr.get();
		become_server(mine, &o);
		std::string msg = describe(mod.program, o);
		ssize_t n = write(wr.get(), msg.data(), msg.size());
		(void)n;
		_exit(127);
	}
	return spawned{pid, {}, std::move(rd)};
}

#if INETD_SHARED_SPAWN

// The stack a shared-memory child runs on: it makes a handful of system
// calls and nothing else.
constexpr std::size_t child_stack_size = 32 * 1024;

struct running_launch {
	launch l;
	std::unique_ptr<unsigned char[]> stack;
	bool stalled = false;	// waited for in vain: holds no setup slot
};

// Children that may still be using their launch, oldest first, and why
// children that could not become their server failed, until they are
// reaped.  Never destroyed: when inetd exits a child may still be in its
// setup, on a launch and a stack from here.
auto &running_ = *new std::vector<std::unique_ptr<running_launch>>;
auto &spare_stacks_ = *new std::vector<std::unique_ptr<unsigned char[]>>;
auto &failures_ = *new std::map<pid_t, std::string>;

// Forgets the launches their children are done with, keeping what a
// failed one says until spawn_failure asks.
void
sweep_launches()
{
	std::erase_if(running_, [](std::unique_ptr<running_launch> &r) {
		if (__atomic_load_n(&r->l.in_use, __ATOMIC_ACQUIRE) != 0)
			return false;
		int s = __atomic_load_n(&r->l.outcome.step, __ATOMIC_ACQUIRE);
		if (s != step_none)
			failures_[r->l.pid] = describe(r->l.program,
			    r->l.outcome);
		if (spare_stacks_.size() < 64)
			spare_stacks_.push_back(std::move(r->stack));
		return true;
	});
}

// Children allowed in their setup at once: one a CPU.  Measured on two
// CPUs only (tests/bench/inetd), and taken to scale with them: two give
// 10% more connections a second than one at a time (vfork), with the
// same p99; three or more let so many children compete for the CPUs that
// the p99 doubles and connections stall for tens of milliseconds.
std::size_t
setup_slots()
{
	static const std::size_t n = [] {
		long cpus = sysconf(_SC_NPROCESSORS_ONLN);
		return cpus < 1 ? std::size_t{1} : static_cast<std::size_t>(cpus);
	}();
	return n;
}

// Waits (and with it all of inetd) until fewer than setup_slots()
// children are setting up, but not for long: a child stuck before its
// exec (a program on a hung file system) must not stop inetd, so after
// 50 ms the oldest gives up its slot for good and the next one starts.
void
wait_for_setup_slot()
{
	using namespace std::chrono;
	auto give_up = steady_clock::now() + milliseconds(50);
	for (sweep_launches();; sweep_launches()) {
		running_launch *oldest = nullptr;
		std::size_t busy = 0;
		for (auto &r : running_)
			if (!r->stalled && busy++ == 0)
				oldest = r.get();
		if (busy < setup_slots())
			return;
		auto left = give_up - steady_clock::now();
		if (left <= nanoseconds::zero()) {
			oldest->stalled = true;
			continue;
		}
		// The kernel wakes this futex when it clears the word
		// (CLONE_CHILD_CLEARTID), at the child's exec or exit; a slice
		// of 1 ms at most also sees another child get there first.
		pid_t *word = &oldest->l.in_use;
		pid_t v = __atomic_load_n(word, __ATOMIC_ACQUIRE);
		if (v == 0)
			continue;
		timespec ts{0, static_cast<long>(std::min<nanoseconds::rep>(
				   duration_cast<nanoseconds>(left).count(),
				   1000000))};
		(void)syscall(SYS_futex, word, FUTEX_WAIT, v, &ts, nullptr, 0);
	}
}

int
child_main(void *arg)
{
	auto *l = static_cast<launch *>(arg);
	become_server(l->plan, &l->outcome);
	raw_call(SYS_exit_group, 127);
	return 127;
}

// clone without CLONE_VFORK: the child runs on its own stack in inetd's
// memory and inetd goes on at once, instead of sleeping until the exec
// (a vfork parent is suspended for the child's whole setup and the
// kernel half of execve).  The launch stays untouched until the kernel
// clears in_use at the child's exec or exit.
net::result<spawned>
spawn_shared(const spawn_request &req)
{
	sweep_launches();
	wait_for_setup_slot();
	auto r = std::make_unique<running_launch>();
	fill_launch(r->l, req);
	if (!spare_stacks_.empty()) {
		r->stack = std::move(spare_stacks_.back());
		spare_stacks_.pop_back();
	} else {
		r->stack.reset(new unsigned char[child_stack_size]);
	}
	unsigned char *top = r->stack.get() + child_stack_size;
	top -= reinterpret_cast<std::uintptr_t>(top) % 16;
	sigset_t all, saved;
	sigfillset(&all);
	sigprocmask(SIG_SETMASK, &all, &saved);
	pid_t pid = clone(child_main, top,
	    CLONE_VM | CLONE_CHILD_CLEARTID | SIGCHLD, &r->l, nullptr,
	    nullptr, &r->l.in_use);
	int clone_errno = errno;
	sigprocmask(SIG_SETMASK, &saved, nullptr);
	if (pid < 0)
		return net::fail(clone_errno, "clone");
	r->l.pid = pid;
	running_.push_back(std::move(r));
	return spawned{pid, {}, {}};
}

#else

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

// vfork: no page tables copied, no copy-on-write faults in the parent
// afterwards; the parent waits only until the child has exec'd.  Signals
// stay blocked across it so no handler of inetd's can run in the child.
net::result<spawned>
spawn_vfork(const launch &l)
{
	sigset_t all, saved;
	sigfillset(&all);
	sigprocmask(SIG_SETMASK, &all, &saved);
	child_outcome outcome;
	pid_t pid = vfork_server(l.plan, &outcome);
	int fork_errno = errno;
	sigprocmask(SIG_SETMASK, &saved, nullptr);
	if (pid < 0)
		return net::fail(fork_errno, "vfork");
	spawned s;
	s.pid = pid;
	if (outcome.step != step_none)
		s.failure = describe(l.program, outcome);
	return s;
}

#endif

} // namespace

net::result<spawned>
spawn_child(const spawn_request &req)
{
	if (req.check)
		return spawn_with_fork(req);
#if INETD_SHARED_SPAWN
	return spawn_shared(req);
#else
	launch l;
	fill_launch(l, req);
	return spawn_vfork(l);
#endif
}

std::string
spawn_failure(pid_t pid)
{
#if INETD_SHARED_SPAWN
	sweep_launches();
	auto it = failures_.find(pid);
	if (it == failures_.end())
		return {};
	std::string why = std::move(it->second);
	failures_.erase(it);
	return why;
#else
	(void)pid;
	return {};
#endif
}

} // namespace inetd
