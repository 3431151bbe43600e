#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <utility>

#include "libnet/unique_fd.h"

#include <CppUTest/TestHarness.h>

namespace {

bool
is_open(int fd)
{
	return fcntl(fd, F_GETFD) >= 0 || errno != EBADF;
}

int
new_fd()
{
	return open("/dev/null", O_RDONLY | O_CLOEXEC);
}

} // namespace

TEST_GROUP(unique_fd){};

TEST(unique_fd, closes_on_destroy)
{
	int fd = new_fd();
	CHECK(fd >= 0);
	{
		net::unique_fd u(fd);
		CHECK(u.valid());
		CHECK(static_cast<bool>(u));
		LONGS_EQUAL(fd, u.get());
		CHECK(is_open(fd));
	}
	CHECK_FALSE(is_open(fd));
}

TEST(unique_fd, empty_owns_nothing)
{
	net::unique_fd u;
	CHECK_FALSE(u.valid());
	LONGS_EQUAL(-1, u.get());
	LONGS_EQUAL(-1, u.release());
	u.reset();
	CHECK_FALSE(u.valid());
}

TEST(unique_fd, move_transfers_ownership)
{
	int fd = new_fd();
	net::unique_fd a(fd);
	net::unique_fd b(std::move(a));
	CHECK_FALSE(a.valid());
	LONGS_EQUAL(fd, b.get());
	{
		net::unique_fd c;
		c = std::move(b);
		CHECK_FALSE(b.valid());
		LONGS_EQUAL(fd, c.get());
		CHECK(is_open(fd));
	}
	// Closed exactly once, by the last owner.
	CHECK_FALSE(is_open(fd));
}

TEST(unique_fd, move_assignment_closes_the_old_descriptor)
{
	int old_fd = new_fd(), fd = new_fd();
	net::unique_fd a(old_fd), b(fd);
	a = std::move(b);
	CHECK_FALSE(is_open(old_fd));
	LONGS_EQUAL(fd, a.get());
	CHECK(is_open(fd));
	net::unique_fd &same = a;
	a = std::move(same);
	// Self-assignment keeps the descriptor open and owned.
	LONGS_EQUAL(fd, a.get());
	CHECK(is_open(fd));
}

TEST(unique_fd, release_gives_up_without_closing)
{
	int fd = new_fd();
	{
		net::unique_fd u(fd);
		LONGS_EQUAL(fd, u.release());
		CHECK_FALSE(u.valid());
	}
	CHECK(is_open(fd));
	close(fd);
}

TEST(unique_fd, reset_closes_and_takes_the_new_one)
{
	int a = new_fd(), b = new_fd();
	net::unique_fd u(a);
	u.reset(b);
	CHECK_FALSE(is_open(a));
	LONGS_EQUAL(b, u.get());
	u.reset();
	CHECK_FALSE(is_open(b));
	CHECK_FALSE(u.valid());
}
