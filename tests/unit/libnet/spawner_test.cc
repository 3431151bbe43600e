#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <map>
#include <string>
#include <thread>
#include <vector>

#include "libnet/spawner.h"

#include "fdio.h"

#include <CppUTest/TestHarness.h>

namespace {

net::spawn_spec
program(std::vector<std::string> argv, int out = -1)
{
	net::spawn_spec s;
	s.program = argv.front();
	s.argv = std::move(argv);
	s.env = {"PATH=/usr/bin:/bin"};
	s.fds = {-1, out, out};
	return s;
}

// Runs loop until done() or 5 s have gone.
template <class Done>
void
run_until(net::event_loop &loop, Done done)
{
	auto end = net::mono_clock::now() + net::seconds(5);
	while (!done() && net::mono_clock::now() < end)
		(void)loop.run_once(net::milliseconds(50));
}

int
exit_status(pid_t pid)
{
	int st = 0;
	CHECK_EQUAL(pid, waitpid(pid, &st, 0));
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

} // namespace

TEST_GROUP(spawner) {};

TEST(spawner, every_child_runs_and_its_result_arrives_on_the_loop_thread)
{
	net::event_loop loop;
	net::spawner sp(loop);
	int p[2];
	CHECK_EQUAL(0, pipe2(p, O_CLOEXEC));
	std::vector<pid_t> pids;
	std::vector<std::thread::id> threads;
	for (int i = 0; i < 20; i++)
		sp.start(program({"/bin/echo", std::to_string(i)}, p[1]),
		    [&](net::result<net::spawn_result> r) {
			    CHECK(r.ok());
			    CHECK(r->failure.empty());
			    pids.push_back(r->pid);
			    threads.push_back(std::this_thread::get_id());
		    });
	CHECK(sp.pending() > 0);
	run_until(loop, [&] { return pids.size() == 20; });
	LONGS_EQUAL(20, pids.size());
	LONGS_EQUAL(0, sp.pending());
	for (auto t : threads)
		CHECK(t == std::this_thread::get_id());
	close(p[1]);
	for (pid_t pid : pids)
		LONGS_EQUAL(0, exit_status(pid));
	std::string out = read_to_eof(p[0]);
	close(p[0]);
	// Every child ran; each wrote its line.
	std::map<std::string, int> lines;
	std::size_t at = 0;
	for (std::size_t nl; (nl = out.find('\n', at)) != std::string::npos;
	     at = nl + 1)
		lines[out.substr(at, nl - at)]++;
	LONGS_EQUAL(20, lines.size());
}

TEST(spawner, a_program_that_cannot_be_run_says_why)
{
	net::event_loop loop;
	net::spawner sp(loop);
	std::optional<net::result<net::spawn_result>> got;
	sp.start(program({"/nonexistent/program"}),
	    [&](net::result<net::spawn_result> r) { got = std::move(r); });
	run_until(loop, [&] { return got.has_value(); });
	CHECK(got.has_value());
	CHECK(got->ok());
	STRCMP_CONTAINS("exec /nonexistent/program", (*got)->failure.c_str());
	LONGS_EQUAL(127, exit_status((*got)->pid));
}

TEST(spawner, a_pre_exec_check_forks_here_and_delivers_through_the_loop)
{
	net::event_loop loop;
	net::spawner sp(loop);
	int p[2];
	CHECK_EQUAL(0, pipe2(p, O_CLOEXEC));
	auto spec = program({"/bin/echo", "unchanged"}, p[1]);
	spec.pre_exec = [](net::spawn_spec &s) {
		s.argv = {"echo", "changed"};
		return true;
	};
	std::optional<pid_t> pid;
	sp.start(std::move(spec),
	    [&](net::result<net::spawn_result> r) { pid = r->pid; });
	CHECK_FALSE(pid.has_value());
	run_until(loop, [&] { return pid.has_value(); });
	CHECK(pid.has_value());
	close(p[1]);
	LONGS_EQUAL(0, exit_status(*pid));
	STRCMP_EQUAL("changed\n", read_to_eof(p[0]).c_str());
	close(p[0]);
}

TEST(spawner, destroyed_with_spawns_queued_it_neither_hangs_nor_delivers)
{
	std::vector<pid_t> pids;
	{
		net::event_loop loop;
		net::spawner sp(loop);
		for (int i = 0; i < 50; i++)
			sp.start(program({"/bin/true"}),
			    [&](net::result<net::spawn_result> r) {
				    pids.push_back(r->pid);
			    });
	}
	LONGS_EQUAL(0, pids.size());
	// Those it did start are children as any other.
	while (waitpid(-1, nullptr, 0) > 0)
		;
}
