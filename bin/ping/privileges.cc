#include "privileges.h"

#include <sys/prctl.h>
#include <unistd.h>

#include "libnet/capability.h"

namespace ping {

net::result<void>
give_up_privileges(const std::optional<net::user_info> &unprivileged)
{
	uid_t uid = getuid();
	gid_t gid = getgid();
	if (uid == 0 && geteuid() == 0 && unprivileged) {
		if (auto r = net::drop_privileges(*unprivileged); !r)
			return r;
	} else {
		// A setuid or file-capability install: back to who ran us.
		if (setresgid(gid, gid, gid) != 0)
			return net::fail("setresgid");
		if (setresuid(uid, uid, uid) != 0)
			return net::fail("setresuid");
	}
	if (auto r = net::clear_capabilities(); !r)
		return r;
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
		return net::fail("no_new_privs");
	return {};
}

} // namespace ping
