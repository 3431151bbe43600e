// netns.h: run part of a unit test in a private, empty network namespace
// (root only), so tests may create interfaces and send packets without
// touching the machine's network.  The namespace and everything in it goes
// away when the object is destroyed.
#pragma once

#include <fcntl.h>
#include <sched.h>
#include <unistd.h>

#include <fstream>
#include <string>

class private_netns {
public:
	private_netns()
	{
		if (geteuid() != 0)
			return;
		orig_ = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
		if (orig_ < 0)
			return;
		if (unshare(CLONE_NEWNET) != 0) {
			close(orig_);
			orig_ = -1;
		}
	}
	~private_netns()
	{
		if (orig_ >= 0) {
			setns(orig_, CLONE_NEWNET);
			close(orig_);
		}
	}
	private_netns(const private_netns &) = delete;
	private_netns &operator=(const private_netns &) = delete;

	// False when not root or namespaces are unavailable: skip the test.
	bool entered() const { return orig_ >= 0; }

	// Writes a sysctl of this namespace (path under /proc/sys).
	static bool
	sysctl(const std::string &path, const std::string &value)
	{
		std::ofstream f("/proc/sys/" + path);
		f << value << '\n';
		f.flush();
		return static_cast<bool>(f);
	}

private:
	int orig_ = -1;
};
