#include "libnet/daemon.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

namespace net {

result<void>
daemonize()
{
	pid_t pid = fork();
	if (pid < 0)
		return fail("fork");
	if (pid > 0)
		_exit(0);
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

pidfile::~pidfile()
{
	if (fd_.valid() && owner_ == getpid())
		unlink(path_.c_str());
}

result<pidfile>
pidfile::create(const std::string &path)
{
	int fd = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW,
	    0644);
	if (fd < 0)
		return fail("pidfile " + path);
	pidfile p;
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
