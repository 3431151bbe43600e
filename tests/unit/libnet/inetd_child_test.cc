#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <string>

#include "libnet/cmdline.h"
#include "libnet/inetd_child.h"
#include "libnet/socket.h"

#include "fdio.h"

#include <CppUTest/TestHarness.h>

namespace {

// Runs fn in a child whose fds 0-2 are sock, as inetd starts a server;
// what the child's fn returns is its exit status.
template <typename F>
int
as_inetd_child(int sock, F fn)
{
	pid_t pid = fork();
	if (pid == 0) {
		for (int fd = 0; fd <= 2; fd++)
			dup2(sock, fd);
		_exit(fn());
	}
	int st = 0;
	waitpid(pid, &st, 0);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

void
tell()
{
	net::farewell("421 Service not available.\r\n");
}

} // namespace

TEST_GROUP(inetd_child){};

TEST(inetd_child, a_stream_connection_on_fd_0)
{
	int sv[2];
	CHECK(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == 0);
	int st = as_inetd_child(sv[1], [] {
		if (!net::started_by_inetd())
			return 10;
		auto c = net::inetd_connection_info();
		if (!c || c->type != SOCK_STREAM)
			return 11;
		return net::farewell("bye\r\n") ? 0 : 12;
	});
	close(sv[1]);
	LONGS_EQUAL(0, st);
	STRCMP_EQUAL("bye\r\n", read_to_eof(sv[0]).c_str());
	close(sv[0]);
}

TEST(inetd_child, a_datagram_socket_on_fd_0_with_its_address)
{
	auto u = net::udp_bind(*net::endpoint::parse("127.0.0.1:0"));
	CHECK(u.ok());
	auto bound = net::local_endpoint(u->get());
	int st = as_inetd_child(u->get(), [&] {
		auto c = net::inetd_connection_info();
		if (!c || c->type != SOCK_DGRAM || !c->local ||
		    *c->local != *bound || c->peer)
			return 11;
		return 0;
	});
	LONGS_EQUAL(0, st);
}

TEST(inetd_child, not_started_by_inetd_from_a_pipe_or_terminal)
{
	int p[2];
	CHECK(pipe(p) == 0);
	int st = as_inetd_child(p[0], [] {
		return net::started_by_inetd() || net::inetd_connection_info()
		    ? 1
		    : 0;
	});
	close(p[0]);
	close(p[1]);
	LONGS_EQUAL(0, st);
}

TEST(inetd_child, a_usage_error_tells_the_client_and_writes_nothing_else)
{
	int sv[2];
	CHECK(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == 0);
	int st = as_inetd_child(sv[1], [] {
		net::serve_from_inetd("test", 0, tell);
		net::set_usage("usage: test [-x]\n");
		net::usage_error();
		return 99;
	});
	close(sv[1]);
	LONGS_EQUAL(net::exit_usage, st);
	// Only the protocol's words reach the client: the usage went to
	// syslog.
	STRCMP_EQUAL("421 Service not available.\r\n",
	    read_to_eof(sv[0]).c_str());
	close(sv[0]);
}
