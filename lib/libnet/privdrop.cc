#include "libnet/privdrop.h"

#include <grp.h>
#include <pwd.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <cerrno>

#include "libnet/capability.h"
#include "libnet/numparse.h"
#include "libnet/spawn.h"

namespace net {

result<user_info>
lookup_user(std::string_view name)
{
	std::string n(name);
	std::vector<char> buf(16384);
	passwd pw, *res = nullptr;
	int rc;
	if (auto id = parse_uint(name, 0, UINT32_MAX - 1))
		rc = getpwuid_r(static_cast<uid_t>(*id), &pw, buf.data(),
		    buf.size(), &res);
	else
		rc = getpwnam_r(n.c_str(), &pw, buf.data(), buf.size(), &res);
	if (rc != 0)
		return fail(rc, "user " + n);
	if (res == nullptr)
		return fail(0, "user " + n + ": no such user");
	user_info u;
	u.name = pw.pw_name;
	u.uid = pw.pw_uid;
	u.gid = pw.pw_gid;
	u.home = pw.pw_dir;
	u.shell = pw.pw_shell;
	int ngroups = 64;
	for (;;) {
		u.groups.resize(static_cast<std::size_t>(ngroups));
		int want = ngroups;
		if (getgrouplist(u.name.c_str(), u.gid, u.groups.data(),
			&want) >= 0) {
			u.groups.resize(static_cast<std::size_t>(want));
			break;
		}
		if (want <= ngroups || want > 65536)
			return fail(EINVAL, "user " + n + ": group list");
		ngroups = want;
	}
	return u;
}

result<gid_t>
lookup_group(std::string_view name)
{
	std::string n(name);
	std::vector<char> buf(16384);
	group gr, *res = nullptr;
	int rc;
	if (auto id = parse_uint(name, 0, UINT32_MAX - 1))
		rc = getgrgid_r(static_cast<gid_t>(*id), &gr, buf.data(),
		    buf.size(), &res);
	else
		rc = getgrnam_r(n.c_str(), &gr, buf.data(), buf.size(), &res);
	if (rc != 0)
		return fail(rc, "group " + n);
	if (res == nullptr)
		return fail(0, "group " + n + ": no such group");
	return gr.gr_gid;
}

result<void>
drop_privileges(const user_info &u, std::optional<gid_t> group)
{
	gid_t gid = group ? *group : u.gid;
	if (u.uid == 0 && geteuid() == 0 && getegid() == gid)
		return {};
	if (geteuid() != 0) {
		// Not root: nothing can be switched; fine only if already there.
		if (geteuid() == u.uid && getegid() == gid)
			return {};
		return fail(EPERM, "switch to user " + u.name + ": not root");
	}
	// The one audited switch: groups, gid, uid, each checked, root
	// not regained.
	return become_user(credentials::of(u, group));
}

result<std::optional<user_info>>
lookup_unprivileged(std::string_view name)
{
	if (getuid() != 0)
		return std::optional<user_info>();
	auto u = lookup_user(name);
	if (!u)
		return u.err();
	return std::optional<user_info>(std::move(*u));
}

result<void>
give_up_privileges(const std::optional<user_info> &unprivileged)
{
	uid_t uid = getuid();
	gid_t gid = getgid();
	if (uid == 0) {
		// Root with nowhere to go stays root: refuse rather than run
		// the rest of the program with every privilege.
		if (!unprivileged)
			return fail(EPERM, "no unprivileged user to become");
		if (unprivileged->uid == 0)
			return fail(EPERM, "user " + unprivileged->name +
			    " is root");
		if (auto r = drop_privileges(*unprivileged); !r)
			return r;
		uid = unprivileged->uid;
		gid = getgid();
	} else {
		if (setresgid(gid, gid, gid) != 0)
			return fail("setresgid " + std::to_string(gid));
		if (setresuid(uid, uid, uid) != 0)
			return fail("setresuid " + std::to_string(uid));
	}
	if (auto r = clear_capabilities(); !r)
		return r;
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
		return fail("set no_new_privs");
	uid_t r, e, s;
	gid_t rg, eg, sg;
	if (getresuid(&r, &e, &s) != 0 || r != uid || e != uid || s != uid ||
	    getresgid(&rg, &eg, &sg) != 0 || rg != gid || eg != gid ||
	    sg != gid)
		return fail(EPERM, "privilege drop did not take");
	if (setuid(0) == 0 || seteuid(0) == 0)
		return fail(EPERM, "privilege drop is reversible");
	if (prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) != 1)
		return fail(EPERM, "no_new_privs did not take");
	return {};
}

} // namespace net
