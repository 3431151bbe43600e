#include "access.h"

#include <netdb.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "libnet/text.h"

namespace inetd {

namespace {

net::access_table
load_one(const std::string &path, std::vector<net::diagnostic> &diags)
{
	std::ifstream in(path);
	if (!in) {
		if (errno != ENOENT)
			diags.push_back({path, 0, std::string("cannot read: ") +
			    std::strerror(errno), net::severity::error});
		return net::access_table(path, {});
	}
	auto p = net::parse_hosts_access(in, path);
	diags.insert(diags.end(), p.diagnostics.begin(), p.diagnostics.end());
	return net::access_table(path, std::move(p.entries));
}

// The client's name if its reverse lookup gives one whose forward lookup
// includes the address again; *paranoid when that check fails.
std::optional<std::string>
verified_name(const net::address &a, bool *paranoid)
{
	*paranoid = false;
	sockaddr_storage ss;
	socklen_t len = net::endpoint{a, 0}.to_sockaddr(ss);
	char host[NI_MAXHOST];
	if (getnameinfo(reinterpret_cast<sockaddr *>(&ss), len, host,
		sizeof host, nullptr, 0, NI_NAMEREQD) != 0)
		return std::nullopt;
	addrinfo hints{};
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	addrinfo *res = nullptr;
	bool found = false;
	if (getaddrinfo(host, nullptr, &hints, &res) == 0) {
		for (addrinfo *ai = res; ai != nullptr && !found;
		     ai = ai->ai_next) {
			auto b = net::address::from_sockaddr(ai->ai_addr,
			    ai->ai_addrlen);
			found = b && b->unmapped() == a.unmapped();
		}
		freeaddrinfo(res);
	}
	if (!found) {
		*paranoid = true;
		return std::nullopt;
	}
	return net::to_lower(host);
}

} // namespace

access_files
load_access_files(const std::string &allow_path, const std::string &deny_path,
    std::vector<net::diagnostic> &diags)
{
	access_files f;
	f.allow = load_one(allow_path, diags);
	f.deny = load_one(deny_path, diags);
	return f;
}

namespace {

net::access_request
make_request(const std::string &daemon, const net::address &client,
    const std::optional<net::address> &server)
{
	net::access_request req;
	req.daemon = daemon;
	req.client = client.unmapped();
	if (server)
		req.server = server->unmapped();
	return req;
}

} // namespace

std::optional<net::access_decision>
check_access_by_address(const access_files &files, const std::string &daemon,
    const net::address &client, const std::optional<net::address> &server)
{
	return net::decide_access_by_address(files.allow, files.deny,
	    make_request(daemon, client, server));
}

net::access_decision
check_access(const access_files &files, const std::string &daemon,
    const net::address &client, const std::optional<net::address> &server)
{
	net::access_request req = make_request(daemon, client, server);
	if (auto d = net::decide_access_by_address(files.allow, files.deny,
		req))
		return *d;
	req.client_name = verified_name(client, &req.paranoid);
	return net::decide_access(files.allow, files.deny, req);
}

std::vector<std::string>
rules_naming(const access_files &files, const std::string &daemon)
{
	std::vector<std::string> out;
	std::string name = net::to_lower(daemon);
	for (const net::access_table *t : {&files.allow, &files.deny})
		for (const auto &r : t->rules()) {
			if (r.daemons.groups.empty())
				continue;
			for (const auto &p : r.daemons.groups.front())
				if (!p.all && p.name.matches(name)) {
					out.push_back(t->origin() + ":" +
					    std::to_string(r.line));
					break;
				}
		}
	return out;
}

} // namespace inetd
