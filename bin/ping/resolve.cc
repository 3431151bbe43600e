#include "resolve.h"

#include <netdb.h>
#include <sys/socket.h>

#include "libnet/log.h"

namespace ping {

namespace {

// The error for an address or name of the other family only, in the
// resolver's words as iputils prints them.
net::error
wrong_family(const std::string &host)
{
	return net::fail(0, net::printable(host, 256) + ": " +
	    gai_strerror(EAI_ADDRFAMILY));
}

} // namespace

std::optional<net::address>
parse_literal(const std::string &host)
{
	addrinfo hints{};
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_DGRAM;
	hints.ai_flags = AI_NUMERICHOST;
	addrinfo *res = nullptr;
	if (getaddrinfo(host.c_str(), nullptr, &hints, &res) != 0)
		return std::nullopt;
	std::optional<net::address> a;
	if (res != nullptr)
		a = net::address::from_sockaddr(res->ai_addr, res->ai_addrlen);
	freeaddrinfo(res);
	return a;
}

bool
is_literal(const std::string &host)
{
	return parse_literal(host).has_value();
}

net::result<host_info>
resolve_host(const std::string &host, int family)
{
	host_info h;
	if (auto lit = parse_literal(host)) {
		if (family != AF_UNSPEC && lit->family() != family)
			return wrong_family(host);
		h.addrs.push_back(*lit);
		h.canonical = host;
		h.literal = true;
		return h;
	}
	addrinfo hints{};
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_DGRAM;
	hints.ai_protocol = IPPROTO_UDP;
	hints.ai_flags = AI_CANONNAME;
	addrinfo *res = nullptr;
	int rc = getaddrinfo(host.c_str(), nullptr, &hints, &res);
	if (rc != 0)
		return net::fail(0, net::printable(host, 256) + ": " +
		    gai_strerror(rc));
	// The canonical name comes with the first entry only.
	if (res != nullptr && res->ai_canonname != nullptr &&
	    res->ai_canonname[0] != '\0')
		h.canonical = net::printable(res->ai_canonname, NI_MAXHOST);
	else
		h.canonical = host;
	for (addrinfo *ai = res; ai != nullptr; ai = ai->ai_next) {
		auto a = net::address::from_sockaddr(ai->ai_addr,
		    ai->ai_addrlen);
		if (a && (family == AF_UNSPEC || a->family() == family))
			h.addrs.push_back(*a);
	}
	freeaddrinfo(res);
	if (h.addrs.empty())
		return wrong_family(host);
	return h;
}

std::string
lookup_name(const net::address &a)
{
	net::endpoint ep{a, 0};
	sockaddr_storage ss;
	socklen_t len = ep.to_sockaddr(ss);
	char host[NI_MAXHOST];
	// Without NI_NAMEREQD, as iputils: a resolver that knows no name
	// answers with the number, and the peer shows as "addr (addr)".
	if (getnameinfo(reinterpret_cast<sockaddr *>(&ss), len, host,
		sizeof host, nullptr, 0, 0) != 0)
		return "";
	return net::printable(host, NI_MAXHOST);
}

} // namespace ping
