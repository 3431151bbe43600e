#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>

#include "libnet/spawn.h"

#include "fdio.h"
#include "skip.h"

#include <CppUTest/TestHarness.h>

namespace {

// /bin/sh -c script with sock on fds 0-2, as the current user.
net::spawn_spec
shell(const std::string &script, int sock)
{
	net::spawn_spec s;
	s.program = "/bin/sh";
	s.argv = {"sh", "-c", script};
	s.env = {"PATH=/usr/bin:/bin", "WHO=child"};
	s.fds = {sock, sock, sock};
	return s;
}

struct socket_pair {
	int ours = -1, theirs = -1;
	socket_pair()
	{
		int sv[2];
		CHECK_EQUAL(0, socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC,
				   0, sv));
		ours = sv[0];
		theirs = sv[1];
	}
	~socket_pair()
	{
		close(ours);
		if (theirs >= 0)
			close(theirs);
	}
	// The child has its copy: ours alone is left to read to the end.
	void
	hand_over()
	{
		close(theirs);
		theirs = -1;
	}
};

int
reap(pid_t pid)
{
	int status = 0;
	CHECK_EQUAL(pid, waitpid(pid, &status, 0));
	return status;
}

bool
exited_with(int status, int code)
{
	return WIFEXITED(status) && WEXITSTATUS(status) == code;
}

} // namespace

TEST_GROUP(spawn){};
TEST_GROUP(become_user){};

TEST(spawn, child_gets_its_table_its_environment_and_nothing_else)
{
	socket_pair sp;
	// A descriptor the parent holds without close-on-exec must not
	// leak.
	int leak = open("/dev/null", O_RDONLY);
	CHECK(leak >= 3);
	auto r = net::spawn(shell("echo $WHO; ls /proc/self/fd | wc -l; "
				  "tr '\\0' '\\n' < /proc/$$/environ",
	    sp.theirs));
	sp.hand_over();
	close(leak);
	CHECK(r.ok());
	STRCMP_EQUAL("", r->failure.c_str());
	// ls sees 0-2 and its own directory fd.
	STRCMP_EQUAL("child\n4\nPATH=/usr/bin:/bin\nWHO=child\n",
	    read_to_eof(sp.ours).c_str());
	CHECK(exited_with(reap(r->pid), 0));
}

TEST(spawn, descriptors_are_placed_even_when_the_table_crosses_itself)
{
	// The child's 0 is the parent's 4 and its 1 the parent's 3: a
	// naive dup2 in order would overwrite one with the other.
	int a[2], b[2];
	CHECK(pipe(a) == 0 && pipe(b) == 0);
	// Every end well away from 3 and 4 first, then the child's sources
	// at exactly 4 and 3.
	int ends[4] = {a[0], a[1], b[0], b[1]};
	for (int &e : ends) {
		int high = fcntl(e, F_DUPFD_CLOEXEC, 40);
		close(e);
		e = high;
	}
	int in_w = ends[1], out_r = ends[2];
	int src0 = dup3(ends[0], 4, O_CLOEXEC);
	int src1 = dup3(ends[3], 3, O_CLOEXEC);
	close(ends[0]);
	close(ends[3]);
	CHECK(src0 == 4 && src1 == 3);
	net::spawn_spec s;
	s.program = "/bin/sh";
	s.argv = {"sh", "-c", "read x; echo got $x; ls /proc/self/fd | wc -l"};
	s.env = {"PATH=/usr/bin:/bin"};
	s.fds = {src0, src1, -1};
	auto r = net::spawn(s);
	close(src0);
	close(src1);
	CHECK(r.ok());
	CHECK(write(in_w, "hello\n", 6) == 6);
	close(in_w);
	// fd 2 was left closed: ls sees 0, 1 and its directory.
	STRCMP_EQUAL("got hello\n3\n", read_to_eof(out_r).c_str());
	close(out_r);
	CHECK(exited_with(reap(r->pid), 0));
}

TEST(spawn, signals_are_at_their_defaults_and_none_blocked)
{
	socket_pair sp;
	struct sigaction ign {}, old_pipe {}, old_hup {};
	ign.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &ign, &old_pipe);
	sigaction(SIGHUP, &ign, &old_hup);
	sigset_t usr, saved;
	sigemptyset(&usr);
	sigaddset(&usr, SIGUSR1);
	sigprocmask(SIG_BLOCK, &usr, &saved);
	auto r = net::spawn(shell(
	    "grep -E '^Sig(Blk|Ign):' /proc/self/status", sp.theirs));
	sigprocmask(SIG_SETMASK, &saved, nullptr);
	sigaction(SIGPIPE, &old_pipe, nullptr);
	sigaction(SIGHUP, &old_hup, nullptr);
	sp.hand_over();
	CHECK(r.ok());
	STRCMP_EQUAL("SigBlk:\t0000000000000000\n"
		     "SigIgn:\t0000000000000000\n",
	    read_to_eof(sp.ours).c_str());
	reap(r->pid);
}

TEST(spawn, child_leads_a_session_of_its_own_unless_asked_not_to)
{
	socket_pair sp;
	auto r = net::spawn(shell("ps -o sid= -p $$; echo $$", sp.theirs));
	sp.hand_over();
	CHECK(r.ok());
	std::string out = read_to_eof(sp.ours);
	reap(r->pid);
	// sid == pid
	auto nl = out.find('\n');
	std::string sid = out.substr(0, nl);
	sid.erase(0, sid.find_first_not_of(' '));
	STRCMP_EQUAL((sid + "\n").c_str(), out.substr(nl + 1).c_str());

	socket_pair sp2;
	auto s = shell("ps -o sid= -p $$", sp2.theirs);
	s.new_session = false;
	auto r2 = net::spawn(s);
	sp2.hand_over();
	std::string sid2 = read_to_eof(sp2.ours);
	reap(r2->pid);
	sid2.erase(0, sid2.find_first_not_of(' '));
	LONGS_EQUAL(getsid(0), std::stol(sid2));
}

TEST(spawn, a_program_that_cannot_be_run_is_reported_at_once)
{
	socket_pair sp;
	auto s = shell("", sp.theirs);
	s.program = "/nonexistent/server";
	auto r = net::spawn(s);
	CHECK(r.ok());
	STRCMP_EQUAL("exec /nonexistent/server: No such file or directory",
	    r->failure.c_str());
	CHECK(exited_with(reap(r->pid), 127));
}

TEST(spawn, chdir_and_its_failure)
{
	socket_pair sp;
	auto s = shell("pwd", sp.theirs);
	s.directory = "/tmp";
	auto r = net::spawn(s);
	sp.hand_over();
	CHECK(r.ok());
	STRCMP_EQUAL("/tmp\n", read_to_eof(sp.ours).c_str());
	reap(r->pid);

	socket_pair sp2;
	s = shell("pwd", sp2.theirs);
	s.directory = "/nonexistent";
	r = net::spawn(s);
	CHECK(r.ok());
	STRCMP_EQUAL("chdir: No such file or directory", r->failure.c_str());
	CHECK(exited_with(reap(r->pid), 127));
}

TEST(spawn, pre_exec_runs_first_in_a_full_fork)
{
	socket_pair sp;
	auto s = shell("echo served", sp.theirs);
	s.pre_exec = [](net::spawn_spec &) {
		// A full fork: allocating and writing are fine here.
		std::string note = "checked ";
		ssize_t n = write(1, note.data(), note.size());
		return n == static_cast<ssize_t>(note.size());
	};
	// pre_exec writes on the parent's stdout: point it at the pair.
	int saved = dup(1);
	dup2(sp.theirs, 1);
	auto r = net::spawn(s);
	dup2(saved, 1);
	close(saved);
	sp.hand_over();
	CHECK(r.ok());
	CHECK(r->status.valid());
	STRCMP_EQUAL("checked served\n", read_to_eof(sp.ours).c_str());
	CHECK(exited_with(reap(r->pid), 0));
	// End of file with nothing on the status pipe: it exec'd.
	STRCMP_EQUAL("", read_to_eof(r->status.get()).c_str());
}

TEST(spawn, pre_exec_refusal_ends_the_child_quietly)
{
	socket_pair sp;
	auto s = shell("echo should-not-run", sp.theirs);
	s.pre_exec = [](net::spawn_spec &) { return false; };
	auto r = net::spawn(s);
	sp.hand_over();
	CHECK(r.ok());
	STRCMP_EQUAL("", read_to_eof(sp.ours).c_str());
	CHECK(exited_with(reap(r->pid), 0));
	STRCMP_EQUAL("", read_to_eof(r->status.get()).c_str());
}

TEST(spawn, fork_path_failure_comes_through_the_status_pipe)
{
	socket_pair sp;
	auto s = shell("", sp.theirs);
	s.program = "/nonexistent/server";
	s.pre_exec = [](net::spawn_spec &) { return true; };
	// A table long enough that the status pipe must move above it.
	s.fds = {sp.theirs, sp.theirs, sp.theirs, sp.theirs, sp.theirs,
	    sp.theirs, sp.theirs, sp.theirs, sp.theirs, sp.theirs};
	auto r = net::spawn(s);
	sp.hand_over();
	CHECK(r.ok());
	CHECK(exited_with(reap(r->pid), 127));
	STRCMP_EQUAL("exec /nonexistent/server: No such file or directory",
	    read_to_eof(r->status.get()).c_str());
	// Nothing of the report went to the client.
	STRCMP_EQUAL("", read_to_eof(sp.ours).c_str());
}

TEST(spawn, a_table_too_long_is_refused_before_any_child)
{
	net::spawn_spec s = shell("", 0);
	s.fds.assign(17, 0);
	auto r = net::spawn(s);
	CHECK_FALSE(r.ok());
	LONGS_EQUAL(EINVAL, r.err().code);
}

TEST(spawn, child_becomes_the_user_for_good)
{
	if (geteuid() != 0)
		NET_SKIP("needs root");
	auto nobody = net::lookup_user("nobody");
	CHECK(nobody.ok());
	socket_pair sp;
	auto s = shell("id -u; id -g; id -G; "
		       "grep -E '^(Uid|Gid):' /proc/self/status",
	    sp.theirs);
	s.user = net::credentials::of(*nobody);
	auto r = net::spawn(s);
	sp.hand_over();
	CHECK(r.ok());
	STRCMP_EQUAL("", r->failure.c_str());
	std::string u = std::to_string(nobody->uid);
	std::string g = std::to_string(nobody->gid);
	STRCMP_EQUAL((u + "\n" + g + "\n" + g + "\nUid:\t" + u + "\t" + u +
		     "\t" + u + "\t" + u + "\nGid:\t" + g + "\t" + g + "\t" +
		     g + "\t" + g + "\n")
		.c_str(),
	    read_to_eof(sp.ours).c_str());
	CHECK(exited_with(reap(r->pid), 0));
}

TEST(spawn, an_explicit_group_replaces_the_primary)
{
	if (geteuid() != 0)
		NET_SKIP("needs root");
	auto nobody = net::lookup_user("nobody");
	auto daemon_gid = net::lookup_group("daemon");
	CHECK(nobody.ok() && daemon_gid.ok());
	auto c = net::credentials::of(*nobody, *daemon_gid);
	LONGS_EQUAL(*daemon_gid, c.gid);
	LONGS_EQUAL(*daemon_gid, c.groups.front());
	for (gid_t g : c.groups)
		CHECK(g != nobody->gid || g == *daemon_gid);
	socket_pair sp;
	auto s = shell("id -g; id -G", sp.theirs);
	s.user = c;
	auto r = net::spawn(s);
	sp.hand_over();
	std::string d = std::to_string(*daemon_gid);
	STRCMP_EQUAL((d + "\n" + d + "\n").c_str(),
	    read_to_eof(sp.ours).c_str());
	reap(r->pid);
}

TEST(spawn, a_user_switch_that_cannot_happen_is_reported)
{
	if (geteuid() == 0)
		NET_SKIP("needs a user other than root");
	socket_pair sp;
	auto s = shell("echo should-not-run", sp.theirs);
	net::credentials root;
	root.name = "root";
	root.groups = {0};
	s.user = root;
	auto r = net::spawn(s);
	sp.hand_over();
	CHECK(r.ok());
	STRCMP_EQUAL("setgroups: Operation not permitted", r->failure.c_str());
	STRCMP_EQUAL("", read_to_eof(sp.ours).c_str());
	CHECK(exited_with(reap(r->pid), 127));
}

TEST(spawn, many_children_each_run_their_own_plan)
{
	constexpr int n = 64;
	int fds[n];
	pid_t pids[n];
	for (int i = 0; i < n; i++) {
		int sv[2];
		CHECK_EQUAL(0, socketpair(AF_UNIX,
				   SOCK_STREAM | SOCK_CLOEXEC, 0, sv));
		auto r = net::spawn(shell("echo " + std::to_string(i), sv[1]));
		close(sv[1]);
		CHECK(r.ok());
		fds[i] = sv[0];
		pids[i] = r->pid;
	}
	for (int i = 0; i < n; i++) {
		STRCMP_EQUAL((std::to_string(i) + "\n").c_str(),
		    read_to_eof(fds[i]).c_str());
		close(fds[i]);
		CHECK(exited_with(reap(pids[i]), 0));
	}
}

TEST(become_user, switches_for_good_in_a_child)
{
	if (geteuid() != 0)
		NET_SKIP("needs root");
	auto nobody = net::lookup_user("nobody");
	CHECK(nobody.ok());
	pid_t pid = fork();
	if (pid == 0) {
		auto r = net::become_user(net::credentials::of(*nobody));
		if (!r)
			_exit(10);
		if (setuid(0) == 0 || setgid(0) == 0)
			_exit(11);
		gid_t g[64];
		int k = getgroups(64, g);
		for (int i = 0; i < k; i++)
			if (g[i] == 0)
				_exit(12);
		_exit(0);
	}
	CHECK(exited_with(reap(pid), 0));
}

TEST(spawn, pre_exec_may_change_what_is_run)
{
	socket_pair sp;
	auto s = shell("echo original", sp.theirs);
	s.pre_exec = [](net::spawn_spec &mine) {
		mine.argv = {"sh", "-c", "echo changed $EXTRA"};
		mine.env.push_back("EXTRA=var");
		return true;
	};
	auto r = net::spawn(s);
	sp.hand_over();
	CHECK(r.ok());
	STRCMP_EQUAL("changed var\n", read_to_eof(sp.ours).c_str());
	CHECK(exited_with(reap(r->pid), 0));
	// The parent's spec is as it was.
	LONGS_EQUAL(3, s.argv.size());
	STRCMP_EQUAL("echo original", s.argv[2].c_str());
}

TEST(spawn, the_program_starts_with_the_open_files_limit_asked_for)
{
	rlimit mine{};
	CHECK_EQUAL(0, getrlimit(RLIMIT_NOFILE, &mine));
	if (mine.rlim_max != RLIM_INFINITY && mine.rlim_max < 200)
		NET_SKIP("the hard open-files limit is under 200");
	for (bool forked : {false, true}) {
		socket_pair sp;
		auto s = shell("ulimit -Sn", sp.theirs);
		s.open_files = 100;
		if (forked)
			s.pre_exec = [](net::spawn_spec &) { return true; };
		auto r = net::spawn(s);
		sp.hand_over();
		CHECK(r.ok());
		STRCMP_EQUAL("100\n", read_to_eof(sp.ours).c_str());
		reap(r->pid);
	}
	rlimit after{};
	CHECK_EQUAL(0, getrlimit(RLIMIT_NOFILE, &after));
	CHECK_EQUAL(mine.rlim_cur, after.rlim_cur);
}

TEST(spawn, descriptors_above_the_lowered_limit_still_reach_the_program)
{
	rlimit mine{};
	CHECK_EQUAL(0, getrlimit(RLIMIT_NOFILE, &mine));
	if (mine.rlim_cur < 300)
		NET_SKIP("the soft open-files limit is under 300");
	socket_pair sp;
	// A daemon with many sockets: the client's is above the limit its
	// programs get.
	int high = fcntl(sp.theirs, F_DUPFD_CLOEXEC, 250);
	CHECK(high >= 250);
	auto s = shell("echo reached; ulimit -Sn", high);
	s.open_files = 100;
	auto r = net::spawn(s);
	close(high);
	sp.hand_over();
	CHECK(r.ok());
	STRCMP_EQUAL("", r->failure.c_str());
	STRCMP_EQUAL("reached\n100\n", read_to_eof(sp.ours).c_str());
	CHECK(exited_with(reap(r->pid), 0));
}
