#include "spawn.h"

#include <fcntl.h>
#include <linux/close_range.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "libnet/event_loop.h"

namespace inetd {

namespace {

void
report(int fd, const std::string &msg)
{
	ssize_t n = write(fd, msg.data(), msg.size());
	(void)n;
}

// Closes every descriptor from first on, except keep.
void
close_from(unsigned first, unsigned keep)
{
	if (keep >= first) {
		if (keep > first)
			syscall(SYS_close_range, first, keep - 1, 0);
		syscall(SYS_close_range, keep + 1, ~0U, 0);
	} else {
		syscall(SYS_close_range, first, ~0U, 0);
	}
}

[[noreturn]] void
run_child(const spawn_request &req, char *const argv[], char *const envp[],
    int status_fd)
{
	net::reset_signals_for_exec();
	setsid();
	if (req.check && !req.check())
		_exit(0);
	if (req.switch_user && req.user != nullptr) {
		auto r = net::drop_privileges(*req.user, req.group);
		if (!r) {
			report(status_fd, r.err().message());
			_exit(126);
		}
	}
	for (int fd = 0; fd <= 2; fd++)
		if (req.sock != fd && dup2(req.sock, fd) < 0) {
			report(status_fd, "dup2: " +
			    std::string(std::strerror(errno)));
			_exit(126);
		}
	// The socket stays close-on-exec above fd 2; fds 0-2 are fresh dups
	// without the flag.
	close_from(3, static_cast<unsigned>(status_fd));
	execve(req.program.c_str(), argv, envp);
	report(status_fd, "exec " + req.program + ": " + std::strerror(errno));
	_exit(127);
}

std::vector<char *>
c_array(const std::vector<std::string> &v)
{
	std::vector<char *> out;
	out.reserve(v.size() + 1);
	for (const auto &s : v)
		out.push_back(const_cast<char *>(s.c_str()));
	out.push_back(nullptr);
	return out;
}

} // namespace

net::result<spawned>
spawn_child(const spawn_request &req)
{
	int p[2];
	if (pipe2(p, O_CLOEXEC | O_NONBLOCK) != 0)
		return net::fail("pipe");
	net::unique_fd rd(p[0]), wr(p[1]);
	std::vector<char *> argv = c_array(req.argv);
	std::vector<char *> envp = c_array(req.env);
	pid_t pid = fork();
	if (pid < 0)
		return net::fail("fork");
	if (pid == 0) {
		rd.reset();
		run_child(req, argv.data(), envp.data(), wr.get());
	}
	return spawned{pid, std::move(rd)};
}

} // namespace inetd
