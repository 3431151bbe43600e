#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <syslog.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

#include "libnet/log.h"
#include "libnet/text.h"

#include "fdio.h"

#include <CppUTest/TestHarness.h>

#include "skip.h"

namespace {

// What f writes to fd 2 (stdio's stderr included).
template <class F>
std::string
capture_stderr(F f)
{
	std::fflush(stderr);
	int p[2];
	if (pipe2(p, O_CLOEXEC | O_NONBLOCK) != 0)
		return "pipe failed";
	int saved = dup(2);
	dup2(p[1], 2);
	close(p[1]);
	f();
	std::fflush(stderr);
	dup2(saved, 2);
	close(saved);
	std::string out = read_to_eof(p[0]);
	close(p[0]);
	return out;
}

// The next datagram on fd within 5 s, or "" if none came.
std::string
next_datagram(int fd)
{
	pollfd p{fd, POLLIN, 0};
	if (poll(&p, 1, 5000) != 1)
		return "";
	char buf[2048];
	ssize_t n = recv(fd, buf, sizeof buf, 0);
	return n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : "";
}

// In a child with a private mount namespace and a /dev of its own: logs in
// syslog mode and checks what reaches /dev/log.  Exits 0 when all is as
// the logger promises, or the number of the first broken promise.
[[noreturn]] void
syslog_child()
{
	if (unshare(CLONE_NEWNS) != 0 ||
	    mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0 ||
	    mount("tmpfs", "/dev", "tmpfs", 0, "mode=755") != 0)
		_exit(10);
	int s = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	sockaddr_un sun{};
	sun.sun_family = AF_UNIX;
	std::strcpy(sun.sun_path, "/dev/log");
	if (s < 0 || bind(s, reinterpret_cast<sockaddr *>(&sun), sizeof sun))
		_exit(11);
	std::string err = capture_stderr([] {
		net::log_init({"logtest", LOG_DAEMON, false, false});
		net::log_warn("peer %s said %d", "x", 3);
		net::log_debug("hidden");
		net::log_info("marker");
	});
	if (!err.empty())
		_exit(12);	// syslog mode wrote to stderr
	std::string pid = std::to_string(getpid());
	// <28>: LOG_DAEMON | LOG_WARNING; the ident carries the pid.
	std::string first = next_datagram(s);
	if (first.rfind("<28>", 0) != 0)
		_exit(13);
	if (first.find("logtest[" + pid + "]: peer x said 3") ==
	    std::string::npos)
		_exit(14);
	// The debug line was dropped: the next one is the info marker
	// (<30>: LOG_DAEMON | LOG_INFO).
	std::string second = next_datagram(s);
	if (second.rfind("<30>", 0) != 0 ||
	    second.find("]: marker") == std::string::npos)
		_exit(15);
	_exit(0);
}

} // namespace

TEST_GROUP(log)
{
	void
	teardown() override
	{
		// The logger is process-wide: leave it as other tests expect.
		net::log_init({"libnet", LOG_DAEMON, true, false});
	}
};

TEST(log, stderr_lines_carry_the_ident)
{
	net::log_init({"t", 0, true, false});
	std::string out = capture_stderr([] {
		net::log_err("bind %s: %s", "127.0.0.1:7", "busy");
		net::log_warn("w");
		net::log_notice("n");
		net::log_info("i");
		net::log_msg(net::log_level::err, "m %d", 1);
	});
	STRCMP_EQUAL("t: bind 127.0.0.1:7: busy\nt: w\nt: n\nt: i\nt: m 1\n",
	    out.c_str());
}

TEST(log, debug_lines_only_when_enabled)
{
	net::log_init({"t", 0, true, false});
	CHECK_FALSE(net::log_debug_enabled());
	STRCMP_EQUAL("", capture_stderr([] {
		net::log_debug("quiet %d", 1);
		net::log_msg(net::log_level::debug, "quiet too");
	}).c_str());
	net::log_set_debug(true);
	CHECK(net::log_debug_enabled());
	STRCMP_EQUAL("t: loud 2\n",
	    capture_stderr([] { net::log_debug("loud %d", 2); }).c_str());
	net::log_set_debug(false);
	STRCMP_EQUAL("", capture_stderr([] { net::log_debug("x"); }).c_str());
	net::log_init({"t", 0, true, true});
	CHECK(net::log_debug_enabled());
}

TEST(log, errno_survives_logging)
{
	// Callers log a failure and then report errno (net::fail()).
	net::log_init({"t", 0, true, false});
	capture_stderr([] {
		errno = EBADF;
		net::log_err("closing: %s", "x");
		LONGS_EQUAL(EBADF, errno);
	});
}

TEST(log, an_overlong_message_is_cut_not_overflowed)
{
	net::log_init({"t", 0, true, false});
	std::string huge(5000, 'a');
	std::string out = capture_stderr(
	    [&] { net::log_info("%s", huge.c_str()); });
	// The line buffer holds 2047 bytes of message and its NUL.
	STRCMP_EQUAL(("t: " + std::string(2047, 'a') + "\n").c_str(),
	    out.c_str());
}

TEST(log, a_peer_string_cannot_forge_a_line)
{
	// What a peer sent goes through printable() before it is logged.
	net::log_init({"t", 0, true, false});
	std::string peer = "ok\nt: root logged in\r\x1b[2J";
	std::string out = capture_stderr([&] {
		net::log_info("peer said %s", net::printable(peer).c_str());
	});
	STRCMP_EQUAL("t: peer said ok\\012t: root logged in\\015\\033[2J\n",
	    out.c_str());
}

TEST(log, printable_escapes_and_cuts)
{
	STRCMP_EQUAL("plain text", net::printable("plain text").c_str());
	STRCMP_EQUAL("a\\\\b", net::printable("a\\b").c_str());
	STRCMP_EQUAL("\\000\\177\\377",
	    net::printable(std::string_view("\0\x7f\xff", 3)).c_str());
	STRCMP_EQUAL("abc...", net::printable("abcdef", 3).c_str());
	STRCMP_EQUAL("abc", net::printable("abc", 3).c_str());
	STRCMP_EQUAL("", net::printable("").c_str());
	std::string long_peer(10000, 'x');
	LONGS_EQUAL(256 + 3, net::printable(long_peer).size());
	STRCMP_EQUAL("'a\\011b'", net::quoted("a\tb").c_str());
}

TEST(log, syslog_mode_writes_to_dev_log_only)
{
	if (geteuid() != 0)
		NET_SKIP("needs root (a private /dev/log in a mount namespace)");
	std::fflush(stdout);
	std::fflush(stderr);
	pid_t pid = fork();
	if (pid == 0)
		syslog_child();
	int st = 0;
	CHECK(waitpid(pid, &st, 0) == pid);
	CHECK(WIFEXITED(st));
	if (WEXITSTATUS(st) == 10)
		NET_SKIP("no mount namespace for a private /dev/log");
	LONGS_EQUAL(0, WEXITSTATUS(st));
}
