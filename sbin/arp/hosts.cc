#include "hosts.h"

#include <netdb.h>
#include <sys/socket.h>

#include "libnet/log.h"

namespace arp {

net::result<net::address>
resolve_ipv4(const std::string &host)
{
	if (auto a = net::parse_ipv4_classic(host))
		return *a;
	addrinfo hints{};
	hints.ai_family = AF_INET;
	hints.ai_socktype = SOCK_DGRAM;
	addrinfo *res = nullptr;
	if (getaddrinfo(host.c_str(), nullptr, &hints, &res) != 0 ||
	    res == nullptr)
		return net::fail(0, net::printable(host, 64) +
		    ": unknown host");
	auto a = net::address::from_sockaddr(res->ai_addr, res->ai_addrlen);
	freeaddrinfo(res);
	if (!a)
		return net::fail(0, net::printable(host, 64) +
		    ": unknown host");
	return *a;
}

std::string
name_of(const net::address &addr)
{
	net::endpoint ep{addr, 0};
	sockaddr_storage ss;
	socklen_t len = ep.to_sockaddr(ss);
	char host[NI_MAXHOST];
	if (getnameinfo(reinterpret_cast<sockaddr *>(&ss), len, host,
		sizeof host, nullptr, 0, NI_NAMEREQD) != 0)
		return "";
	return net::printable(host, 255);
}

} // namespace arp
