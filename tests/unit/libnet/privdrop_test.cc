#include <linux/capability.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "libnet/capability.h"
#include "libnet/daemon.h"
#include "libnet/privdrop.h"

#include <CppUTest/TestHarness.h>

#include "skip.h"

TEST_GROUP(privdrop){};

TEST(privdrop, lookups_by_name_and_number)
{
	auto root = net::lookup_user("root");
	CHECK(root.ok());
	LONGS_EQUAL(0, root->uid);
	auto byid = net::lookup_user("0");
	CHECK(byid.ok());
	STRCMP_EQUAL("root", byid->name.c_str());
	auto none = net::lookup_user("no-such-user-xyz");
	CHECK_FALSE(none.ok());
	STRCMP_EQUAL("user no-such-user-xyz: no such user",
	    none.err().message().c_str());
	CHECK(net::lookup_group("root").ok());
	CHECK_FALSE(net::lookup_group("no-such-group-xyz").ok());
}

TEST(privdrop, drop_to_nobody_is_one_way)
{
	if (geteuid() != 0)
		NET_SKIP("needs root");
	auto nobody = net::lookup_user("nobody");
	CHECK(nobody.ok());
	auto nogroup = net::lookup_group("nogroup");
	pid_t pid = fork();
	if (pid == 0) {
		auto r = net::drop_privileges(*nobody,
		    nogroup.ok() ? std::optional<gid_t>(*nogroup)
				 : std::nullopt);
		if (!r)
			_exit(10);
		if (getuid() != nobody->uid || geteuid() != nobody->uid)
			_exit(11);
		if (setuid(0) == 0)
			_exit(12);
		gid_t g[64];
		int n = getgroups(64, g);
		for (int i = 0; i < n; i++)
			if (g[i] == 0)
				_exit(13);
		_exit(0);
	}
	int st = 0;
	CHECK(waitpid(pid, &st, 0) == pid);
	CHECK(WIFEXITED(st));
	LONGS_EQUAL(0, WEXITSTATUS(st));
}

namespace {

// The exit status of fn run in a child.
template <class F>
int
in_child(F fn)
{
	pid_t pid = fork();
	if (pid == 0)
		_exit(fn());
	int st = 0;
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

// A line of /proc/self/status ("CapPrm:\t0000000000000000").
std::string
status_line(const std::string &key)
{
	std::ifstream f("/proc/self/status");
	std::string line;
	while (std::getline(f, line))
		if (line.compare(0, key.size() + 1, key + ":") == 0)
			return line;
	return "";
}

} // namespace

TEST(privdrop, root_gives_up_everything_for_good)
{
	if (geteuid() != 0 || getuid() != 0)
		NET_SKIP("needs root");
	auto nobody = net::lookup_unprivileged("nobody");
	if (!nobody || !*nobody)
		NET_SKIP("no user nobody");
	uid_t uid = (*nobody)->uid;
	LONGS_EQUAL(0, in_child([&] {
		if (!net::give_up_privileges(*nobody))
			return 10;
		if (getuid() != uid || geteuid() != uid)
			return 11;
		if (setuid(0) == 0 || net::raise_capability(CAP_NET_RAW).ok())
			return 12;
		if (status_line("CapPrm") != "CapPrm:\t0000000000000000" ||
		    status_line("CapEff") != "CapEff:\t0000000000000000")
			return 13;
		if (prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) != 1)
			return 14;
		return 0;
	}));
}

TEST(privdrop, root_with_nowhere_to_go_is_refused)
{
	if (geteuid() != 0 || getuid() != 0)
		NET_SKIP("needs root");
	auto none = net::give_up_privileges(std::nullopt);
	CHECK_FALSE(none.ok());
	STRCMP_EQUAL("no unprivileged user to become: Operation not "
		     "permitted", none.err().message().c_str());
	auto root = net::lookup_user("root");
	auto to_root = net::give_up_privileges(*root);
	CHECK_FALSE(to_root.ok());
	STRCMP_CONTAINS("is root", to_root.err().message().c_str());
	LONGS_EQUAL(0, geteuid());
}

TEST(privdrop, others_return_to_their_real_ids)
{
	if (geteuid() != 0 || getuid() != 0)
		NET_SKIP("needs root");
	auto nobody = net::lookup_user("nobody");
	if (!nobody)
		NET_SKIP("no user nobody");
	// A setuid-root install run by nobody: real ids nobody, effective
	// root.
	uid_t uid = nobody->uid;
	gid_t gid = nobody->gid;
	LONGS_EQUAL(0, in_child([&] {
		if (setresgid(gid, 0, 0) != 0 || setresuid(uid, 0, 0) != 0)
			return 9;
		auto u = net::lookup_unprivileged("nobody");
		if (!u || *u)
			return 10;	// not root: no user to become
		if (!net::give_up_privileges(*u))
			return 11;
		uid_t r, e, s;
		if (getresuid(&r, &e, &s) != 0 || r != uid || e != uid ||
		    s != uid)
			return 12;
		if (seteuid(0) == 0 ||
		    prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) != 1)
			return 13;
		return 0;
	}));
}

TEST_GROUP(pidfile){};

TEST(pidfile, second_instance_is_refused_with_the_pid)
{
	char dir[] = "/tmp/pidXXXXXX";
	CHECK(mkdtemp(dir) != nullptr);
	std::string path = std::string(dir) + "/d.pid";
	{
		auto p = net::pidfile::create(path);
		CHECK(p.ok());
		FILE *f = fopen(path.c_str(), "r");
		long pid = 0;
		CHECK(fscanf(f, "%ld", &pid) == 1);
		fclose(f);
		LONGS_EQUAL(getpid(), pid);
		pid_t child = fork();
		if (child == 0) {
			// A separate open file description: the lock conflicts.
			auto q = net::pidfile::create(path);
			_exit(!q.ok() && q.err().code == EEXIST &&
				q.err().message().find(std::to_string(
				    getppid())) != std::string::npos
			    ? 0 : 1);
		}
		int st = 0;
		waitpid(child, &st, 0);
		LONGS_EQUAL(0, WEXITSTATUS(st));
	}
	CHECK(access(path.c_str(), F_OK) != 0);
	rmdir(dir);
}

TEST(pidfile, removed_through_its_directory_after_the_path_changed)
{
	// As after a chroot: the path the pidfile was made at no longer
	// leads to it, the directory it was made in still does.
	char top[] = "/tmp/pidXXXXXX";
	CHECK(mkdtemp(top) != nullptr);
	std::string a = std::string(top) + "/a", b = std::string(top) + "/b";
	CHECK(mkdir(a.c_str(), 0755) == 0);
	{
		auto p = net::pidfile::create(a + "/d.pid");
		CHECK(p.ok());
		CHECK(rename(a.c_str(), b.c_str()) == 0);
		CHECK(access((b + "/d.pid").c_str(), F_OK) == 0);
	}
	CHECK(access((b + "/d.pid").c_str(), F_OK) != 0);
	rmdir(b.c_str());
	rmdir(top);
}

TEST(pidfile, emptied_when_it_may_not_be_removed)
{
	// Root can remove anything; only a process that gave root up meets
	// a directory it may not write.
	if (geteuid() != 0)
		return;
	char top[] = "/tmp/pidXXXXXX";
	CHECK(mkdtemp(top) != nullptr);
	chmod(top, 0755);
	std::string path = std::string(top) + "/d.pid";
	pid_t child = fork();
	if (child == 0) {
		if (chdir(top) != 0)
			_exit(2);
		{
			auto p = net::pidfile::create("d.pid");
			if (!p.ok())
				_exit(3);
			if (setresgid(65534, 65534, 65534) != 0 ||
			    setresuid(65534, 65534, 65534) != 0)
				_exit(4);
		}
		_exit(0);
	}
	int st = 0;
	waitpid(child, &st, 0);
	LONGS_EQUAL(0, WEXITSTATUS(st));
	struct stat sb;
	CHECK(stat(path.c_str(), &sb) == 0);
	LONGS_EQUAL(0, sb.st_size);
	unlink(path.c_str());
	rmdir(top);
}

TEST_GROUP(daemonize){};

namespace {

// The exit status of a process that daemonizes and whose background half
// then reports ready or just exits.
int
status_of_detaching(bool report)
{
	pid_t pid = fork();
	if (pid == 0) {
		auto r = net::daemonize_until_ready();
		if (!r)
			_exit(3);
		if (report)
			net::notify_ready(*r);
		_exit(0);
	}
	int st = 0;
	waitpid(pid, &st, 0);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

} // namespace

TEST(daemonize, the_parent_exits_with_whether_the_daemon_started)
{
	LONGS_EQUAL(0, status_of_detaching(true));
	LONGS_EQUAL(1, status_of_detaching(false));
}
