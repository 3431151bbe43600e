#include "libnet/capability.h"

#include <linux/capability.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace net {

namespace {

// The version 3 interface: two 32-bit words per set.
struct cap_sets {
	__user_cap_header_struct hdr{_LINUX_CAPABILITY_VERSION_3, 0};
	__user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3]{};
};

result<void>
get_caps(cap_sets &c)
{
	if (syscall(SYS_capget, &c.hdr, c.data) != 0)
		return fail("capget");
	return {};
}

} // namespace

bool
capability_permitted(int cap)
{
	cap_sets c;
	if (cap < 0 || cap >= 64 || !get_caps(c))
		return false;
	return (c.data[cap / 32].permitted & (1u << (cap % 32))) != 0;
}

bool
capability_effective(int cap)
{
	cap_sets c;
	if (cap < 0 || cap >= 64 || !get_caps(c))
		return false;
	return (c.data[cap / 32].effective & (1u << (cap % 32))) != 0;
}

result<void>
raise_capability(int cap)
{
	cap_sets c;
	if (cap < 0 || cap >= 64)
		return fail(EINVAL, "raise capability " + std::to_string(cap));
	if (auto r = get_caps(c); !r)
		return r;
	c.data[cap / 32].effective |= 1u << (cap % 32);
	if (syscall(SYS_capset, &c.hdr, c.data) != 0)
		return fail("raise capability " + std::to_string(cap));
	return {};
}

result<void>
clear_capabilities()
{
	cap_sets c;
	if (syscall(SYS_capset, &c.hdr, c.data) != 0)
		return fail("clear capabilities");
	// The ambient set empties with the permitted one; say so explicitly
	// for kernels that keep it separately.
	(void)prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
	return {};
}

} // namespace net
