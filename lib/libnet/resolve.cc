#include "libnet/resolve.h"

#include <arpa/inet.h>
#include <netdb.h>

#include <algorithm>
#include <cstring>
#include <memory>

#include "libnet/text.h"

namespace net {

namespace {

struct addrinfo_free {
	void operator()(addrinfo *ai) const { freeaddrinfo(ai); }
};
using addrinfo_ptr = std::unique_ptr<addrinfo, addrinfo_free>;

// Names longer than DNS allows are refused before the resolver sees them.
constexpr std::size_t max_name = 1024;

bool
is_literal(const std::string &host)
{
	in_addr a4;
	return address::parse(host).has_value() ||
	    inet_aton(host.c_str(), &a4) != 0;
}

} // namespace

result<resolved>
resolve(std::string_view host_in, const resolve_options &opts)
{
	std::string host(host_in);
	std::string shown = printable(host_in, 255);
	if (host.empty() || host.size() > max_name ||
	    host.find('\0') != std::string::npos)
		return fail(0, shown + ": Name or service not known");
	addrinfo hints{};
	hints.ai_family = opts.family;
	hints.ai_socktype = SOCK_DGRAM;
	if (opts.numeric_only)
		hints.ai_flags |= AI_NUMERICHOST;
	if (opts.canonical_name)
		hints.ai_flags |= AI_CANONNAME;
	addrinfo *raw = nullptr;
	int rc = getaddrinfo(host.c_str(), nullptr, &hints, &raw);
	addrinfo_ptr res(raw);
	if (rc != 0)
		return fail(0, shown + ": " +
		    (rc == EAI_SYSTEM ? std::string(std::strerror(errno))
				      : std::string(gai_strerror(rc))));
	resolved out;
	out.literal = is_literal(host);
	for (addrinfo *ai = res.get(); ai != nullptr; ai = ai->ai_next) {
		auto a = address::from_sockaddr(ai->ai_addr, ai->ai_addrlen);
		if (a && std::find(out.addresses.begin(), out.addresses.end(),
			     *a) == out.addresses.end())
			out.addresses.push_back(*a);
	}
	if (opts.canonical_name && res && res->ai_canonname != nullptr)
		out.canonical = printable(res->ai_canonname, 255);
	if (out.addresses.empty())
		return fail(0, shown + ": no usable address");
	return out;
}

result<address>
resolve_one(std::string_view host, int family)
{
	resolve_options o;
	o.family = family;
	auto r = resolve(host, o);
	if (!r)
		return r.err();
	return r->addresses.front();
}

std::optional<std::string>
reverse_name(const address &a)
{
	sockaddr_storage ss;
	socklen_t len = endpoint{a.unmapped(), 0}.to_sockaddr(ss);
	char host[NI_MAXHOST];
	if (getnameinfo(reinterpret_cast<sockaddr *>(&ss), len, host,
		sizeof host, nullptr, 0, NI_NAMEREQD) != 0)
		return std::nullopt;
	return printable(host, 255);
}

verified_name_result
verified_name(const address &a_in)
{
	verified_name_result v;
	address a = a_in.unmapped();
	sockaddr_storage ss;
	socklen_t len = endpoint{a, 0}.to_sockaddr(ss);
	char host[NI_MAXHOST];
	if (getnameinfo(reinterpret_cast<sockaddr *>(&ss), len, host,
		sizeof host, nullptr, 0, NI_NAMEREQD) != 0)
		return v;
	// A "name" that is an address literal would confirm itself.
	if (is_literal(host)) {
		v.mismatch = true;
		return v;
	}
	auto r = resolve(host);
	if (r) {
		for (const auto &b : r->addresses) {
			if (b.unmapped() == a) {
				v.name = to_lower(host);
				return v;
			}
		}
	}
	v.mismatch = true;
	return v;
}

} // namespace net
