#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>

#include "fdio.h"
#include "skip.h"
#include "spawn.h"

#include <CppUTest/TestHarness.h>

// net::spawn itself is tested in libnet; here, what inetd asks of it.

namespace {

// A request for /bin/sh -c script with sock on fds 0-2, as the current
// user (no switch: unit tests need not be root).
inetd::spawn_request
shell(const std::string &script, int sock)
{
	inetd::spawn_request req;
	req.program = "/bin/sh";
	req.argv = {"sh", "-c", script};
	req.env = {"PATH=/usr/bin:/bin", "WHO=child", "KEEP=1"};
	req.sock = sock;
	req.switch_user = false;
	return req;
}

// Runs req, returns what the server wrote and checks it exited 0.
std::string
serve(const inetd::spawn_request &req_in)
{
	int sv[2];
	CHECK_EQUAL(0, socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv));
	inetd::spawn_request req = req_in;
	req.sock = sv[1];
	auto r = inetd::spawn_child(req);
	close(sv[1]);
	CHECK(r.ok());
	std::string out = read_to_eof(sv[0]);
	close(sv[0]);
	int status = 0;
	CHECK_EQUAL(r->pid, waitpid(r->pid, &status, 0));
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	return out;
}

} // namespace

TEST_GROUP(spawn){};

TEST(spawn, the_socket_on_0_to_2_and_the_environment_inetd_made)
{
	STRCMP_EQUAL("child 1\nout\nerr\n4\n",
	    serve(shell("echo $WHO $KEEP; echo out; echo err >&2;"
		      " ls /proc/self/fd | wc -l", -1))
		.c_str());
}

TEST(spawn, a_check_in_the_child_changes_environment_and_command)
{
	auto req = shell("echo should not run", -1);
	req.check = [](inetd::child_changes &ch) {
		ch.env = {"WHO=changed", "NEW=yes"};
		ch.command = {"/bin/sh", "-c", "echo twisted $WHO $NEW $KEEP"};
		return true;
	};
	STRCMP_EQUAL("twisted changed yes 1\n", serve(req).c_str());
}

TEST(spawn, a_refusing_check_runs_nothing)
{
	auto req = shell("echo should not run", -1);
	req.check = [](inetd::child_changes &) { return false; };
	STRCMP_EQUAL("", serve(req).c_str());
}

TEST(spawn, the_server_gets_the_open_files_limit_inetd_started_with)
{
	rlimit mine{};
	CHECK_EQUAL(0, getrlimit(RLIMIT_NOFILE, &mine));
	if (mine.rlim_max != RLIM_INFINITY && mine.rlim_max < 200)
		NET_SKIP("the hard open-files limit is under 200");
	auto req = shell("ulimit -Sn", -1);
	req.open_files = 100;
	STRCMP_EQUAL("100\n", serve(req).c_str());
	req.check = [](inetd::child_changes &) { return true; };
	STRCMP_EQUAL("100\n", serve(req).c_str());
}

TEST(spawn, changes_of_user_and_group_apply_only_when_inetd_switches)
{
	net::user_info svc;
	svc.name = "svc";
	svc.uid = 1000;
	svc.gid = 1000;
	svc.groups = {1000, 27};
	net::user_info other;
	other.name = "other";
	other.uid = 2000;
	other.gid = 2000;
	other.groups = {2000};

	inetd::child_changes ch;
	ch.user = other;
	net::spawn_spec s;
	inetd::apply_changes(s, ch, &svc, std::nullopt, true);
	CHECK(s.user.has_value());
	LONGS_EQUAL(2000, s.user->uid);
	LONGS_EQUAL(2000, s.user->gid);

	// A group alone keeps the service's user, with that group first.
	inetd::child_changes g;
	g.group = 50;
	net::spawn_spec s2;
	inetd::apply_changes(s2, g, &svc, std::nullopt, true);
	LONGS_EQUAL(1000, s2.user->uid);
	LONGS_EQUAL(50, s2.user->gid);
	LONGS_EQUAL(50, s2.user->groups.front());

	// inetd not root: no switch, whatever the rule says.
	net::spawn_spec s3;
	inetd::apply_changes(s3, ch, &svc, std::nullopt, false);
	CHECK_FALSE(s3.user.has_value());
}
