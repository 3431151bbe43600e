#include "libnet/fs.h"

#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>

namespace net {

namespace {

// glibc 2.36 has no wrapper for openat2.
int
sys_openat2(int dirfd, const char *path, open_how *how)
{
	return static_cast<int>(syscall(SYS_openat2, dirfd, path, how,
	    sizeof *how));
}

} // namespace

result<unique_fd>
open_root(const std::string &path)
{
	int fd = open(path.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return fail("directory " + path);
	return unique_fd(fd);
}

result<unique_fd>
open_beneath(int dirfd, std::string_view path, int flags, mode_t mode,
    resolve_scope scope)
{
	std::string p(path);
	if (p.empty() || p.find('\0') != std::string::npos)
		return fail(ENOENT, "open " + p);
	open_how how{};
	how.flags = static_cast<std::uint64_t>(flags | O_CLOEXEC);
	how.mode = (flags & (O_CREAT | O_TMPFILE)) ? mode : 0;
	how.resolve = RESOLVE_NO_MAGICLINKS |
	    (scope == resolve_scope::beneath ? RESOLVE_BENEATH
					      : RESOLVE_IN_ROOT);
	int fd;
	do
		fd = sys_openat2(dirfd, p.c_str(), &how);
	while (fd < 0 && (errno == EINTR || errno == EAGAIN));
	// The walk refuses every symlink: stricter than in_root asks, and
	// still inside.
	if (fd < 0 && errno == ENOSYS)
		return open_beneath_walk(dirfd, path, flags, mode);
	if (fd < 0)
		return fail("open " + p);
	return unique_fd(fd);
}

result<unique_fd>
open_beneath_walk(int dirfd, std::string_view path, int flags, mode_t mode)
{
	std::string whole(path);
	if (path.empty() || path.find('\0') != std::string_view::npos)
		return fail(ENOENT, "open " + whole);
	if (path.front() == '/')
		return fail(EXDEV, "open " + whole);
	unique_fd cur;
	int at = dirfd;
	std::size_t pos = 0;
	for (;;) {
		std::size_t slash = path.find('/', pos);
		constexpr auto npos = std::string_view::npos;
		std::string comp(path.substr(pos,
		    slash == npos ? npos : slash - pos));
		bool last = slash == npos ||
		    path.find_first_not_of('/', slash) == npos;
		if (comp == "..")
			return fail(EXDEV, "open " + whole);
		if (last) {
			const char *name = comp.empty() ? "." : comp.c_str();
			int fd = openat(at, name,
			    flags | O_CLOEXEC | O_NOFOLLOW, mode);
			if (fd < 0)
				return fail("open " + whole);
			return unique_fd(fd);
		}
		if (!comp.empty() && comp != ".") {
			int fd = openat(at, comp.c_str(), O_PATH | O_DIRECTORY |
			    O_NOFOLLOW | O_CLOEXEC);
			if (fd < 0)
				return fail("open " + whole);
			cur.reset(fd);
			at = fd;
		}
		pos = slash + 1;
	}
}

} // namespace net
