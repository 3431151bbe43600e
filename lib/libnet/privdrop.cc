#include "libnet/privdrop.h"

#include <grp.h>
#include <pwd.h>
#include <unistd.h>

#include <cerrno>

#include "libnet/numparse.h"

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
	// An explicit group takes the primary group's place in the list too,
	// as initgroups(name, group) would have built it.
	std::vector<gid_t> groups;
	for (gid_t g : u.groups)
		if (g != u.gid)
			groups.push_back(g);
	groups.insert(groups.begin(), gid);
	if (setgroups(groups.size(), groups.data()) != 0)
		return fail("setgroups for " + u.name);
	if (setresgid(gid, gid, gid) != 0)
		return fail("setresgid " + std::to_string(gid));
	if (setresuid(u.uid, u.uid, u.uid) != 0)
		return fail("setresuid " + std::to_string(u.uid));
	uid_t r, e, s;
	gid_t rg, eg, sg;
	if (getresuid(&r, &e, &s) != 0 || r != u.uid || e != u.uid ||
	    s != u.uid || getresgid(&rg, &eg, &sg) != 0 || rg != gid ||
	    eg != gid || sg != gid)
		return fail(EPERM, "privilege drop to " + u.name +
		    " did not take");
	if (u.uid != 0 && (setuid(0) == 0 || seteuid(0) == 0))
		return fail(EPERM, "privilege drop to " + u.name +
		    " is reversible");
	return {};
}

} // namespace net
