// fdio.h: reading what a test's child or captured stream wrote to a pipe.
#pragma once

#include <poll.h>
#include <unistd.h>

#include <cstddef>
#include <string>

// Everything readable from fd until end of file (or, non-blocking, until
// nothing is left).
inline std::string
read_to_eof(int fd)
{
	std::string out;
	char buf[4096];
	ssize_t n;
	while ((n = read(fd, buf, sizeof buf)) > 0)
		out.append(buf, static_cast<std::size_t>(n));
	return out;
}

// Reads exactly n bytes from fd, waiting up to ms in all between them.
inline bool
read_exactly(int fd, void *buf, std::size_t n, int ms = 5000)
{
	auto *p = static_cast<char *>(buf);
	std::size_t got = 0;
	while (got < n) {
		pollfd pfd{fd, POLLIN, 0};
		if (poll(&pfd, 1, ms) != 1)
			return false;
		ssize_t r = read(fd, p + got, n - got);
		if (r <= 0)
			return false;
		got += static_cast<std::size_t>(r);
	}
	return true;
}
