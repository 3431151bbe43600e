#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <string>

#include "libnet/result.h"
#include "libnet/unique_fd.h"

#include <CppUTest/TestHarness.h>

namespace {

net::result<int>
half(int n)
{
	if (n % 2 != 0)
		return net::fail(EINVAL, "half " + std::to_string(n));
	return n / 2;
}

net::result<void>
open_missing()
{
	if (open("/nonexistent/file", O_RDONLY | O_CLOEXEC) < 0)
		return net::fail("open /nonexistent/file");
	return {};
}

} // namespace

TEST_GROUP(result){};

TEST(result, value_or_error)
{
	auto a = half(8);
	CHECK(a.ok());
	CHECK(static_cast<bool>(a));
	LONGS_EQUAL(4, *a);
	LONGS_EQUAL(4, a.value());
	auto b = half(7);
	CHECK_FALSE(b.ok());
	CHECK_FALSE(static_cast<bool>(b));
	LONGS_EQUAL(EINVAL, b.err().code);
	STRCMP_EQUAL("half 7", b.err().context.c_str());
	STRCMP_EQUAL("half 7: Invalid argument", b.err().message().c_str());
}

TEST(result, errno_is_taken_when_the_call_fails)
{
	errno = 0;
	auto r = open_missing();
	CHECK_FALSE(r.ok());
	LONGS_EQUAL(ENOENT, r.err().code);
	STRCMP_EQUAL("open /nonexistent/file: No such file or directory",
	    r.err().message().c_str());
	errno = EACCES;
	net::error e = net::last_error("x");
	LONGS_EQUAL(EACCES, e.code);
}

TEST(result, code_zero_is_a_message_of_its_own)
{
	// Not an OS error (a parse failure): no ": Success" tail.
	net::error e = net::fail(0, "pidfile: not a number");
	STRCMP_EQUAL("pidfile: not a number", e.message().c_str());
	net::result<void> r = e;
	CHECK_FALSE(r.ok());
	net::result<void> fine;
	CHECK(fine.ok());
}

TEST(result, move_only_values)
{
	int p[2];
	CHECK(pipe2(p, O_CLOEXEC) == 0);
	close(p[1]);
	net::result<net::unique_fd> r{net::unique_fd(p[0])};
	CHECK(r.ok());
	LONGS_EQUAL(p[0], r->get());
	net::unique_fd taken = std::move(r).value();
	LONGS_EQUAL(p[0], taken.get());
	CHECK(fcntl(p[0], F_GETFD) >= 0);
}
