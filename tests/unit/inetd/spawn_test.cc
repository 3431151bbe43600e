#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>

#include "fdio.h"
#include "spawn.h"

#include <CppUTest/TestHarness.h>
#include "skip.h"

namespace {

// A request for /bin/sh -c script with sock on fds 0-2, as the current
// user (no switch: unit tests need not be root).
inetd::spawn_request
shell(const std::string &script, int sock)
{
	inetd::spawn_request req;
	req.program = "/bin/sh";
	req.argv = {"sh", "-c", script};
	req.env = {"PATH=/usr/bin:/bin", "WHO=child"};
	req.sock = sock;
	req.switch_user = false;
	req.handled_signals = {SIGHUP, SIGTERM};
	return req;
}

int
reap(pid_t pid)
{
	int status = 0;
	CHECK_EQUAL(pid, waitpid(pid, &status, 0));
	return status;
}

} // namespace

TEST_GROUP(spawn){};

TEST(spawn, child_gets_the_socket_the_environment_and_nothing_else)
{
	int sv[2];
	CHECK_EQUAL(0, socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv));
	// A descriptor inetd holds without close-on-exec must not leak.
	int leak = open("/dev/null", O_RDONLY);
	CHECK(leak >= 3);
	auto r = inetd::spawn_child(shell(
	    "echo $WHO; ls /proc/self/fd | wc -l; "
	    "tr '\\0' '\\n' < /proc/$$/environ", sv[1]));
	close(sv[1]);
	close(leak);
	CHECK(r.ok());
	// ls sees 0-2 and its own directory fd.
	STRCMP_EQUAL("child\n4\nPATH=/usr/bin:/bin\nWHO=child\n",
	    read_to_eof(sv[0]).c_str());
	close(sv[0]);
	int status = reap(r->pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	STRCMP_EQUAL("", inetd::spawn_failure(r->pid).c_str());
}

TEST(spawn, handled_signals_are_back_to_default_and_unblocked)
{
	int sv[2];
	CHECK_EQUAL(0, socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv));
	struct sigaction ign {};
	ign.sa_handler = SIG_IGN;
	struct sigaction old_hup {};
	sigaction(SIGHUP, &ign, &old_hup);
	auto r = inetd::spawn_child(shell(
	    "grep -E '^Sig(Blk|Ign):' /proc/self/status", sv[1]));
	sigaction(SIGHUP, &old_hup, nullptr);
	close(sv[1]);
	CHECK(r.ok());
	std::string out = read_to_eof(sv[0]);
	close(sv[0]);
	reap(r->pid);
	// SIGHUP (bit 0) is neither ignored nor blocked in the child.
	CHECK(out.find("SigBlk:\t0000000000000000") != std::string::npos);
	auto ign_at = out.find("SigIgn:\t");
	CHECK(ign_at != std::string::npos);
	std::string mask = out.substr(ign_at + 8, 16);
	CHECK((std::stoull(mask, nullptr, 16) & 1) == 0);
}

TEST(spawn, a_program_that_cannot_be_run_is_reported_once_reaped)
{
	int sv[2];
	CHECK_EQUAL(0, socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv));
	inetd::spawn_request req = shell("", sv[1]);
	req.program = "/nonexistent/server";
	auto r = inetd::spawn_child(req);
	close(sv[1]);
	close(sv[0]);
	CHECK(r.ok());
	int status = reap(r->pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 127);
	// Said once: either at the start (where inetd waits for the exec)
	// or once the child has exited.
	std::string why = r->failure + inetd::spawn_failure(r->pid);
	STRCMP_EQUAL("exec /nonexistent/server: No such file or directory",
	    why.c_str());
	STRCMP_EQUAL("", inetd::spawn_failure(r->pid).c_str());
}

TEST(spawn, many_children_in_flight_each_run_their_own_plan)
{
	constexpr int n = 64;
	int fds[n];
	pid_t pids[n];
	for (int i = 0; i < n; i++) {
		int sv[2];
		CHECK_EQUAL(0, socketpair(AF_UNIX,
				   SOCK_STREAM | SOCK_CLOEXEC, 0, sv));
		auto r = inetd::spawn_child(
		    shell("echo " + std::to_string(i), sv[1]));
		close(sv[1]);
		CHECK(r.ok());
		fds[i] = sv[0];
		pids[i] = r->pid;
	}
	for (int i = 0; i < n; i++) {
		STRCMP_EQUAL((std::to_string(i) + "\n").c_str(),
		    read_to_eof(fds[i]).c_str());
		close(fds[i]);
		int status = reap(pids[i]);
		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
		STRCMP_EQUAL("", inetd::spawn_failure(pids[i]).c_str());
	}
}

TEST(spawn, the_server_gets_the_open_files_limit_inetd_started_with)
{
	rlimit mine{};
	CHECK_EQUAL(0, getrlimit(RLIMIT_NOFILE, &mine));
	if (mine.rlim_max != RLIM_INFINITY && mine.rlim_max < 200)
		NET_SKIP("the hard open-files limit is under 200");
	for (bool check : {false, true}) {
		int sv[2];
		CHECK_EQUAL(0, socketpair(AF_UNIX,
				   SOCK_STREAM | SOCK_CLOEXEC, 0, sv));
		inetd::spawn_request req = shell(
		    "ulimit -Sn; ulimit -Hn", sv[1]);
		req.open_files = 100;
		// The fork path too (a connection whose access rules need a
		// name is checked in the child).
		if (check)
			req.check = [](inetd::child_changes &) {
				return true;
			};
		auto r = inetd::spawn_child(req);
		close(sv[1]);
		CHECK(r.ok());
		std::string hard = mine.rlim_max == RLIM_INFINITY
		    ? "unlimited"
		    : std::to_string(mine.rlim_max);
		STRCMP_EQUAL(("100\n" + hard + "\n").c_str(),
		    read_to_eof(sv[0]).c_str());
		close(sv[0]);
		reap(r->pid);
	}
	rlimit after{};
	CHECK_EQUAL(0, getrlimit(RLIMIT_NOFILE, &after));
	CHECK_EQUAL(mine.rlim_cur, after.rlim_cur);
}
