#include "libnet/daemon.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace net {

namespace {

// The child's half of daemonizing.
result<void>
detach_session()
{
	if (setsid() < 0)
		return fail("setsid");
	if (chdir("/") != 0)
		return fail("chdir /");
	int null = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (null < 0)
		return fail("open /dev/null");
	for (int fd = 0; fd <= 2; fd++)
		if (dup2(null, fd) < 0)
			return fail("dup2");
	if (null > 2)
		close(null);
	return {};
}

} // namespace

result<void>
daemonize()
{
	pid_t pid = fork();
	if (pid < 0)
		return fail("fork");
	if (pid > 0)
		_exit(0);
	return detach_session();
}

result<unique_fd>
daemonize_until_ready()
{
	int p[2];
	if (pipe2(p, O_CLOEXEC) != 0)
		return fail("pipe");
	pid_t pid = fork();
	if (pid < 0) {
		close(p[0]);
		close(p[1]);
		return fail("fork");
	}
	if (pid > 0) {
		close(p[1]);
		char c;
		ssize_t n;
		do
			n = read(p[0], &c, 1);
		while (n < 0 && errno == EINTR);
		_exit(n == 1 ? 0 : 1);
	}
	close(p[0]);
	unique_fd ready(p[1]);
	if (auto r = detach_session(); !r)
		return r.err();
	return ready;
}

void
notify_ready(unique_fd &fd)
{
	if (!fd.valid())
		return;
	char c = 1;
	(void)!write(fd.get(), &c, 1);
	fd.reset();
}

pidfile::~pidfile()
{
	if (!fd_.valid() || owner_ != getpid())
		return;
	if (unlinkat(dir_.get(), name_.c_str(), 0) != 0)
		(void)!ftruncate(fd_.get(), 0);
}

result<pidfile>
pidfile::create(const std::string &path, bool write_now)
{
	std::size_t slash = path.rfind('/');
	std::string dir = ".";
	if (slash == 0)
		dir = "/";
	else if (slash != std::string::npos)
		dir = path.substr(0, slash);
	pidfile p;
	p.name_ = slash == std::string::npos ? path : path.substr(slash + 1);
	int dfd = open(dir.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0)
		return fail("pidfile " + path);
	p.dir_.reset(dfd);
	int fd = openat(dfd, p.name_.c_str(),
	    O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
	if (fd < 0)
		return fail("pidfile " + path);
	p.fd_.reset(fd);
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		char buf[32] = {};
		ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
		std::string other = n > 0 ? std::string(buf, strcspn(buf, "\n"))
					  : "?";
		return fail(EEXIST, "pidfile " + path +
		    ": already locked by running pid " + other);
	}
	p.path_ = path;
	if (!write_now) {
		if (ftruncate(fd, 0) != 0)
			return fail("pidfile " + path);
		return p;
	}
	if (auto r = p.write_pid(); !r)
		return r.err();
	return p;
}

result<void>
pidfile::write_pid()
{
	std::string text = std::to_string(getpid()) + "\n";
	if (ftruncate(fd_.get(), 0) != 0 ||
	    pwrite(fd_.get(), text.data(), text.size(), 0) !=
		static_cast<ssize_t>(text.size()))
		return fail("pidfile " + path_);
	owner_ = getpid();
	return {};
}

} // namespace net
