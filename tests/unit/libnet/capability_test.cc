#include <linux/capability.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <netinet/in.h>
#include <unistd.h>

#include "libnet/capability.h"

#include <CppUTest/TestHarness.h>

#include "skip.h"

TEST_GROUP(capability){};

TEST(capability, root_holds_net_raw)
{
	if (geteuid() != 0)
		NET_SKIP("needs root");
	CHECK(net::capability_permitted(CAP_NET_RAW));
	CHECK(net::capability_effective(CAP_NET_RAW));
	CHECK(net::raise_capability(CAP_NET_RAW).ok());
	CHECK_FALSE(net::capability_permitted(-1));
	CHECK_FALSE(net::raise_capability(99).ok());
}

TEST(capability, cleared_capabilities_cannot_come_back)
{
	if (geteuid() != 0)
		NET_SKIP("needs root");
	pid_t pid = fork();
	if (pid == 0) {
		if (!net::clear_capabilities())
			_exit(10);
		if (net::capability_permitted(CAP_NET_RAW) ||
		    net::capability_effective(CAP_NET_RAW))
			_exit(11);
		if (net::raise_capability(CAP_NET_RAW).ok())
			_exit(12);
		// Still uid 0, but a raw socket is refused now.
		int fd = socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);
		if (fd >= 0)
			_exit(13);
		_exit(0);
	}
	int st = 0;
	CHECK(waitpid(pid, &st, 0) == pid);
	CHECK(WIFEXITED(st));
	LONGS_EQUAL(0, WEXITSTATUS(st));
}
