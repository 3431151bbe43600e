// privdrop.h: user and group lookup, and the one-way switch to them.
#pragma once

#include <sys/types.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "libnet/result.h"

namespace net {

// What a program needs to become a user, looked up once (at start-up or
// reload) so a child can switch without touching the user database.
struct user_info {
	std::string name;
	uid_t uid = 0;
	gid_t gid = 0;			// primary group
	std::vector<gid_t> groups;	// supplementary groups (initgroups)
	std::string home;
	std::string shell;
};

// The user with this name (or numeric uid), with its group list.
result<user_info> lookup_user(std::string_view name);

// The group with this name (or numeric gid).
result<gid_t> lookup_group(std::string_view name);

// Becomes u (with group overriding the primary group when given) for
// good: supplementary groups, then gid, then uid, all three ids of each;
// then checks that root cannot be regained.  Does nothing when u is root
// and the process already is.
result<void> drop_privileges(const user_info &u,
    std::optional<gid_t> group = {});

// The user a program run by root becomes once its sockets are open, looked
// up now, before anything privileged is opened; nothing when the real user
// is not root (give_up_privileges then returns to the real ids).
result<std::optional<user_info>> lookup_unprivileged(std::string_view name);

// Gives up for good what a program held only to open its sockets: run by
// root, becomes unprivileged (an error, not a fallback, when none is
// given); run by anyone else (setuid, or with a file capability), returns
// to the real user and group ids.  Either way every capability is cleared
// and no_new_privs set, and each step is checked to have taken.
result<void> give_up_privileges(const std::optional<user_info> &unprivileged);

} // namespace net
