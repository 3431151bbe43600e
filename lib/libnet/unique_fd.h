// unique_fd.h: the one owner of a file descriptor.
#pragma once

#include <unistd.h>
#include <utility>

namespace net {

// Owns a descriptor and closes it when destroyed; move-only.
class unique_fd {
public:
	unique_fd() = default;
	explicit unique_fd(int fd) : fd_(fd) {}
	unique_fd(const unique_fd &) = delete;
	unique_fd &operator=(const unique_fd &) = delete;
	unique_fd(unique_fd &&o) noexcept : fd_(o.release()) {}
	unique_fd &
	operator=(unique_fd &&o) noexcept
	{
		if (this != &o)
			reset(o.release());
		return *this;
	}
	~unique_fd() { reset(); }

	int get() const { return fd_; }
	bool valid() const { return fd_ >= 0; }
	explicit operator bool() const { return valid(); }

	// Gives up ownership without closing.
	int
	release()
	{
		return std::exchange(fd_, -1);
	}

	// Closes the current descriptor (if any) and takes fd.
	void
	reset(int fd = -1)
	{
		if (fd_ >= 0)
			::close(fd_);
		fd_ = fd;
	}

private:
	int fd_ = -1;
};

} // namespace net
