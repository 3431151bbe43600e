#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "libnet/cmdline.h"
#include "libnet/log.h"

#include "fdio.h"

#include <CppUTest/TestHarness.h>

namespace {

const char usage_text[] = "usage: prog [-a] [-n number] operand\n";

struct outcome {
	int status = -1;	// exit status, or -1 if not exited
	std::string out, err;
};

// Runs fn in a child with stdout and stderr captured, and the usage text
// set; what the child printed and how it exited.
template <typename F>
outcome
in_child(F fn)
{
	int out[2], err[2];
	outcome o;
	if (pipe(out) != 0 || pipe(err) != 0)
		return o;
	pid_t pid = fork();
	if (pid == 0) {
		dup2(out[1], 1);
		dup2(err[1], 2);
		close(out[0]);
		close(err[0]);
		net::log_init({"prog", 0, true, false});
		net::set_usage(usage_text);
		fn();
		std::fflush(stdout);
		_exit(77);
	}
	close(out[1]);
	close(err[1]);
	o.out = read_to_eof(out[0]);
	o.err = read_to_eof(err[0]);
	close(out[0]);
	close(err[0]);
	int st;
	if (waitpid(pid, &st, 0) == pid && WIFEXITED(st))
		o.status = WEXITSTATUS(st);
	return o;
}

outcome
help_of(std::vector<const char *> args)
{
	return in_child([&] {
		std::vector<char *> argv;
		for (const char *a : args)
			argv.push_back(const_cast<char *>(a));
		argv.push_back(nullptr);
		net::handle_help(static_cast<int>(args.size()), argv.data());
	});
}

} // namespace

TEST_GROUP(cmdline) {};

TEST(cmdline, help_prints_usage_on_stdout_and_exits_0)
{
	auto o = help_of({"prog", "--help"});
	LONGS_EQUAL(0, o.status);
	STRCMP_EQUAL(usage_text, o.out.c_str());
	STRCMP_EQUAL("", o.err.c_str());
}

TEST(cmdline, help_after_other_options)
{
	auto o = help_of({"prog", "-a", "-n", "3", "--help"});
	LONGS_EQUAL(0, o.status);
	STRCMP_EQUAL(usage_text, o.out.c_str());
}

TEST(cmdline, help_after_an_operand)
{
	auto o = help_of({"prog", "host", "--help"});
	LONGS_EQUAL(0, o.status);
	STRCMP_EQUAL(usage_text, o.out.c_str());
}

TEST(cmdline, help_after_dashdash_is_not_help)
{
	// "prog -- --help": an operand, the program's own business.
	LONGS_EQUAL(77, help_of({"prog", "--", "--help"}).status);
	LONGS_EQUAL(77, help_of({"prog", "-a"}).status);
	LONGS_EQUAL(77, help_of({"prog", "--helpx"}).status);
}

TEST(cmdline, usage_error_prints_usage_on_stderr_and_exits_2)
{
	auto o = in_child([] { net::usage_error(); });
	LONGS_EQUAL(net::exit_usage, o.status);
	LONGS_EQUAL(2, o.status);
	STRCMP_EQUAL("", o.out.c_str());
	STRCMP_EQUAL(usage_text, o.err.c_str());
}

TEST(cmdline, fatal_logs_and_exits_1)
{
	auto o = in_child([] { net::fatal("%s: no such file", "/x"); });
	LONGS_EQUAL(1, o.status);
	STRCMP_EQUAL("prog: /x: no such file\n", o.err.c_str());
}

namespace {
void
hook()
{
	std::fputs("hook ran\n", stdout);
	std::fflush(stdout);
	// A fatal error inside the hook does not run the hook again.
	net::fatal("inside the hook");
}
} // namespace

TEST(cmdline, fatal_runs_its_hook_once)
{
	auto o = in_child([] {
		net::set_fatal_hook(hook);
		net::fatal("outer");
	});
	LONGS_EQUAL(1, o.status);
	STRCMP_EQUAL("hook ran\n", o.out.c_str());
	STRCMP_EQUAL("prog: outer\nprog: inside the hook\n", o.err.c_str());
}

TEST(cmdline, number_arg_in_range)
{
	auto o = in_child([] {
		std::printf("%llu\n", static_cast<unsigned long long>(
		    net::number_arg("-n", "42", 1, 100)));
	});
	LONGS_EQUAL(77, o.status);
	STRCMP_EQUAL("42\n", o.out.c_str());
}

TEST(cmdline, number_arg_refused_is_a_usage_error)
{
	const char *bad[] = {"", "0", "101", "-1", "+5", "5x", " 5",
	    "99999999999999999999999"};
	for (const char *b : bad) {
		auto o = in_child([b] { (void)net::number_arg("-n", b, 1, 100); });
		LONGS_EQUAL(2, o.status);
		STRCMP_EQUAL(("prog: invalid -n: '" + std::string(b) +
		    "' (from 1 to 100)\n").c_str(), o.err.c_str());
	}
}

TEST(cmdline, fatal_status_is_the_programs_own)
{
	auto o = in_child([] {
		net::set_fatal_status(2);
		net::fatal(std::string("a string message"));
	});
	LONGS_EQUAL(2, o.status);
	STRCMP_EQUAL("prog: a string message\n", o.err.c_str());
}

namespace {
void
quiet_hook()
{
	std::fputs("hook ran\n", stdout);
	std::fflush(stdout);
}
} // namespace

TEST(cmdline, stdio_of_a_server_started_by_inetd_is_the_client)
{
	// Usage and --help go to the log as one line, the hook runs (to
	// tell the client), nothing reaches stdout.
	auto o = in_child([] {
		net::set_stdio_is_client(true);
		net::set_fatal_hook(quiet_hook);
		net::usage_error();
	});
	LONGS_EQUAL(2, o.status);
	STRCMP_EQUAL("hook ran\n", o.out.c_str());
	STRCMP_EQUAL("prog: usage: prog [-a] [-n number] operand\n",
	    o.err.c_str());
	o = in_child([] {
		net::set_stdio_is_client(true);
		const char *argv[] = {"prog", "--help", nullptr};
		net::handle_help(2, const_cast<char **>(argv));
	});
	LONGS_EQUAL(2, o.status);
	STRCMP_EQUAL("", o.out.c_str());
}

TEST(cmdline, a_bad_number_runs_the_hook)
{
	auto o = in_child([] {
		net::set_fatal_hook(quiet_hook);
		(void)net::number_arg("-n", "x", 1, 2);
	});
	LONGS_EQUAL(2, o.status);
	STRCMP_EQUAL("hook ran\n", o.out.c_str());
}
