#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <string>

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
