#include "spawn.h"

#include <algorithm>

namespace inetd {

void
apply_changes(net::spawn_spec &spec, const child_changes &ch,
    const net::user_info *service_user, std::optional<gid_t> service_group,
    bool switch_user)
{
	for (const auto &v : ch.env) {
		std::string name = v.substr(0, v.find('='));
		std::erase_if(spec.env, [&](const std::string &e) {
			return e.compare(0, name.size() + 1, name + "=") == 0;
		});
		spec.env.push_back(v);
	}
	if (switch_user && (ch.user || ch.group)) {
		const net::user_info *u = ch.user ? &*ch.user : service_user;
		if (u != nullptr)
			spec.user = net::credentials::of(*u,
			    ch.group ? ch.group : service_group);
	}
	if (!ch.command.empty()) {
		spec.program = ch.command.front();
		spec.argv = ch.command;
	}
}

net::spawn_spec
child_spec(const spawn_request &req)
{
	net::spawn_spec spec;
	spec.program = req.program;
	spec.argv = req.argv;
	spec.env = req.env;
	spec.fds = {req.sock, req.sock, req.sock};
	if (req.switch_user && req.user != nullptr)
		spec.user = net::credentials::of(*req.user, req.group);
	spec.open_files = req.open_files;
	if (req.check) {
		// The child's own copies: the request's pointers are only
		// good in inetd, the check runs in the child.
		std::optional<net::user_info> user;
		if (req.user != nullptr)
			user = *req.user;
		spec.pre_exec = [check = req.check, user, group = req.group,
				    sw = req.switch_user](net::spawn_spec &s) {
			child_changes ch;
			if (!check(ch))
				return false;
			apply_changes(s, ch, user ? &*user : nullptr, group, sw);
			return true;
		};
	}
	return spec;
}

net::result<net::spawn_result>
spawn_child(const spawn_request &req)
{
	return net::spawn(child_spec(req));
}

} // namespace inetd
