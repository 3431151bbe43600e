#include "libnet/resolve.h"

#include "libnet/parse_file.h"
#include "libnet/paths.h"
#include "libnet/services.h"

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

} // namespace

std::optional<address>
address_literal(std::string_view host_in)
{
	std::string host(host_in);
	if (host.empty() || host.size() > max_name ||
	    host.find('\0') != std::string::npos)
		return std::nullopt;
	addrinfo hints{};
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_DGRAM;
	hints.ai_flags = AI_NUMERICHOST;
	addrinfo *raw = nullptr;
	if (getaddrinfo(host.c_str(), nullptr, &hints, &raw) != 0)
		return std::nullopt;
	addrinfo_ptr res(raw);
	if (!res)
		return std::nullopt;
	return address::from_sockaddr(res->ai_addr, res->ai_addrlen);
}

result<resolved>
resolve(std::string_view host_in, const resolve_options &opts)
{
	std::string host(host_in);
	std::string shown = printable(host_in, 255);
	auto wrong_family = [&shown] {
		return fail(0, shown + ": " + gai_strerror(EAI_ADDRFAMILY));
	};
	resolved out;
	if (auto lit = address_literal(host)) {
		if (opts.family != AF_UNSPEC && lit->family() != opts.family)
			return wrong_family();
		out.addresses.push_back(*lit);
		out.canonical = host;
		out.literal = true;
		return out;
	}
	if (opts.numeric_only || host.empty() || host.size() > max_name ||
	    host.find('\0') != std::string::npos)
		return fail(0, shown + ": Name or service not known");
	auto lookup = [&](int family, addrinfo_ptr &res) {
		addrinfo hints{};
		hints.ai_family = family;
		hints.ai_socktype = SOCK_DGRAM;
		if (opts.canonical_name)
			hints.ai_flags |= AI_CANONNAME;
		addrinfo *raw = nullptr;
		int rc = getaddrinfo(host.c_str(), nullptr, &hints, &raw);
		res.reset(raw);
		return rc;
	};
	addrinfo_ptr res;
	int rc = lookup(opts.family, res);
	if (rc != 0) {
		// A name of the other family only is told apart from one
		// that does not exist.
		addrinfo_ptr other;
		if (opts.family != AF_UNSPEC && rc != EAI_AGAIN &&
		    lookup(AF_UNSPEC, other) == 0)
			return wrong_family();
		return fail(0, shown + ": " +
		    (rc == EAI_SYSTEM ? std::string(std::strerror(errno))
				      : std::string(gai_strerror(rc))));
	}
	for (addrinfo *ai = res.get(); ai != nullptr; ai = ai->ai_next) {
		auto a = address::from_sockaddr(ai->ai_addr, ai->ai_addrlen);
		if (!a ||
		    (opts.family != AF_UNSPEC && a->family() != opts.family))
			continue;
		if (std::find(out.addresses.begin(), out.addresses.end(), *a) ==
		    out.addresses.end())
			out.addresses.push_back(*a);
	}
	if (out.addresses.empty())
		return fail(0, shown + ": no usable address");
	if (opts.canonical_name)
		out.canonical = res->ai_canonname != nullptr &&
			res->ai_canonname[0] != '\0'
		    ? printable(res->ai_canonname, 255)
		    : shown;
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
	if (address_literal(host)) {
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

std::uint16_t
service_port(std::string_view name, std::string_view proto,
    std::uint16_t fallback)
{
	auto p = parse_file(paths::services, parse_services);
	if (!p)
		return fallback;
	service_table t(std::move(p->entries));
	const service_entry *e = t.by_name(name, proto);
	return e ? e->port : fallback;
}

} // namespace net
