#include <signal.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "access.h"
#include "fdio.h"
#include "spawn.h"

#include <CppUTest/TestHarness.h>

namespace {

// A scratch directory holding hosts.allow and hosts.deny.
struct scratch {
	std::string dir;

	scratch()
	{
		char tmpl[] = "/tmp/access_test.XXXXXX";
		CHECK(mkdtemp(tmpl) != nullptr);
		dir = tmpl;
	}

	~scratch()
	{
		std::remove(allow().c_str());
		std::remove(deny().c_str());
		rmdir(dir.c_str());
	}

	std::string allow() const { return dir + "/hosts.allow"; }
	std::string deny() const { return dir + "/hosts.deny"; }

	static void
	write(const std::string &path, const std::string &text)
	{
		std::ofstream(path, std::ios::trunc) << text;
	}
};

bool
granted(inetd::access_files &f, const char *daemon, const char *client)
{
	return inetd::check_access(f, daemon, *net::address::parse(client),
	    std::nullopt)
	    .granted;
}

} // namespace

TEST_GROUP(access){};

TEST(access, an_edit_counts_at_the_next_decision)
{
	scratch s;
	scratch::write(s.deny(), "ALL: 10.0.0.2\n");
	std::vector<net::diagnostic> diags;
	auto f = inetd::load_access_files(s.allow(), s.deny(), diags);
	CHECK(diags.empty());
	CHECK(granted(f, "sshd", "10.0.0.1"));
	CHECK_FALSE(granted(f, "sshd", "10.0.0.2"));
	// Same size, same second: the stamp still tells.
	scratch::write(s.deny(), "ALL: 10.0.0.1\n");
	CHECK_FALSE(granted(f, "sshd", "10.0.0.1"));
	CHECK(granted(f, "sshd", "10.0.0.2"));
	// A file that appears.
	scratch::write(s.allow(), "sshd: 10.0.0.1\n");
	CHECK(granted(f, "sshd", "10.0.0.1"));
	auto by_addr = inetd::check_access_by_address(f, "sshd",
	    *net::address::parse("10.0.0.1"), std::nullopt);
	CHECK(by_addr && by_addr->granted);
	// And vanishes.
	std::remove(s.allow().c_str());
	CHECK_FALSE(granted(f, "sshd", "10.0.0.1"));
	// A file with errors applies as libwrap takes it.
	scratch::write(s.deny(), "ALL 10.0.0.3\nALL: 10.0.0.3/33 10.0.0.4\n");
	CHECK(granted(f, "sshd", "10.0.0.3"));
	CHECK_FALSE(granted(f, "sshd", "10.0.0.4"));
}

TEST(access, stamps_tell_files_apart)
{
	scratch s;
	scratch::write(s.allow(), "a\n");
	scratch::write(s.deny(), "a\n");
	auto a = inetd::stamp_of(s.allow());
	CHECK(a.exists);
	CHECK(a == inetd::stamp_of(s.allow()));
	CHECK_FALSE(a == inetd::stamp_of(s.deny()));
	CHECK_FALSE(a == inetd::stamp_of(s.dir + "/none"));
	CHECK(inetd::stamp_of(s.dir + "/none") == inetd::file_stamp{});
}

TEST(access, in_inetd_twist_and_aclexec_refuse_and_options_go_to_a_child)
{
	scratch s;
	scratch::write(s.allow(), "a: ALL: twist /bin/echo no\n"
				  "b: ALL: aclexec /bin/true\n"
				  "c: ALL: setenv X y\n"
				  "d: ALL: severity mail.notice: deny\n"
				  "e: ALL: severity debug: allow\n");
	std::vector<net::diagnostic> diags;
	auto f = inetd::load_access_files(s.allow(), s.deny(), diags);
	CHECK(diags.empty());
	CHECK_FALSE(granted(f, "a", "10.0.0.1"));
	CHECK_FALSE(granted(f, "b", "10.0.0.1"));
	auto client = *net::address::parse("10.0.0.1");
	auto c = inetd::check_access(f, "c", client, std::nullopt);
	CHECK(c.granted);
	CHECK(inetd::needs_child(c));
	CHECK_FALSE(inetd::check_access_by_address(f, "c", client,
	    std::nullopt).has_value());
	auto d = inetd::check_access(f, "d", client, std::nullopt);
	CHECK_FALSE(d.granted);
	CHECK_FALSE(inetd::needs_child(d));
	CHECK(inetd::refusal_level(d) == net::log_level::notice);
	auto e = inetd::check_access(f, "e", client, std::nullopt);
	CHECK(inetd::refusal_level(e) == net::log_level::debug);
	auto none = inetd::check_access(f, "z", client, std::nullopt);
	CHECK(inetd::refusal_level(none) == net::log_level::warning);
}

TEST(access, pattern_files_are_reported_when_the_rules_are_read)
{
	scratch s;
	std::string list = s.dir + "/list";
	scratch::write(list, "10.0.0.1\n10.0.0.1/8\n");
	scratch::write(s.allow(), "a: " + list + "\nb: " + s.dir +
	    "/missing\n");
	std::vector<net::diagnostic> diags;
	auto f = inetd::load_access_files(s.allow(), s.deny(), diags);
	LONGS_EQUAL(2, diags.size());
	STRCMP_CONTAINS((list + ":2: host bits set").c_str(),
	    diags[0].str().c_str());
	STRCMP_CONTAINS((s.allow() + ":2: warning: '" + s.dir +
			    "/missing': No such file or directory")
			    .c_str(),
	    diags[1].str().c_str());
	CHECK(granted(f, "a", "10.0.0.1"));
	std::remove(list.c_str());
}

// What a check in the child sets reaches the program run: variables
// replace those of the same name, a command replaces the program.
TEST(access, child_changes_reach_the_program)
{
	int sv[2];
	CHECK_EQUAL(0, socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv));
	inetd::spawn_request req;
	req.program = "/bin/false";
	req.argv = {"false"};
	req.env = {"PATH=/usr/bin:/bin", "WHO=inetd"};
	req.sock = sv[1];
	req.switch_user = false;
	req.check = [](inetd::child_changes &ch) {
		ch.env = {"WHO=rule", "NEW=1"};
		ch.command = {"/bin/sh", "-c", "echo $WHO $NEW $PATH"};
		return true;
	};
	auto r = inetd::spawn_child(req);
	close(sv[1]);
	CHECK(r.ok());
	STRCMP_EQUAL("rule 1 /usr/bin:/bin\n", read_to_eof(sv[0]).c_str());
	close(sv[0]);
	int status = 0;
	CHECK_EQUAL(r->pid, waitpid(r->pid, &status, 0));
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}
