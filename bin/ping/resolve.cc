#include "resolve.h"

#include <netdb.h>
#include <sys/socket.h>

namespace ping {

net::result<net::address>
resolve_host(const std::string &host, int family)
{
	addrinfo hints{};
	hints.ai_family = family;
	hints.ai_socktype = SOCK_DGRAM;
	addrinfo *res = nullptr;
	int rc = getaddrinfo(host.c_str(), nullptr, &hints, &res);
	if (rc != 0)
		return net::fail(0, host + ": " + gai_strerror(rc));
	std::optional<net::address> a;
	for (addrinfo *ai = res; ai != nullptr && !a; ai = ai->ai_next)
		a = net::address::from_sockaddr(ai->ai_addr, ai->ai_addrlen);
	freeaddrinfo(res);
	if (!a)
		return net::fail(0, host + ": no usable address");
	return *a;
}

bool
is_literal(const std::string &host)
{
	return net::address::parse(host).has_value();
}

} // namespace ping
