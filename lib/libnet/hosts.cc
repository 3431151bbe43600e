#include "libnet/hosts.h"

#include <cstring>
#include <utility>

#include "libnet/text.h"

namespace net {

namespace {

bool
entry_named(const host_entry &e, std::string_view name)
{
	return named(name, e.name, e.aliases, true);
}

bool
family_matches(const host_entry &e, int family)
{
	return family == AF_UNSPEC || e.addr.family() == family;
}

} // namespace

parsed<host_entry>
parse_hosts(std::istream &in, std::string_view origin)
{
	parsed<host_entry> out;
	diag_sink diags(out.diagnostics, origin);
	for_each_record(in, diags, [&](const auto &f, unsigned n) {
		std::optional<address> a;
		if (f[0].find('%') != std::string_view::npos) {
			// Resolving an interface name is a system call, and a
			// parser makes none; glibc refuses scopes here too.
			diags.error(n, "scoped address " + quoted(f[0]) +
			    " is not supported");
			return;
		}
		if (f[0].find(':') != std::string_view::npos)
			a = address::parse(f[0]);
		else
			a = parse_ipv4_classic(f[0]);
		if (!a) {
			diags.error(n, "bad address " + quoted(f[0]));
			return;
		}
		if (f.size() < 2) {
			diags.error(n, "missing host name after " +
			    quoted(f[0]));
			return;
		}
		if (!is_plain_name(f[1])) {
			diags.error(n, "bad host name " + quoted(f[1]));
			return;
		}
		host_entry e;
		e.addr = *a;
		e.name = std::string(f[1]);
		e.line = n;
		if (take_aliases(f, 2, diags, n, e.aliases))
			out.entries.push_back(std::move(e));
	});
	return out;
}

host_table::host_table(std::vector<host_entry> entries)
    : entries_(std::move(entries))
{
}

const host_entry *
host_table::by_name(std::string_view name, int family) const
{
	for (const auto &e : entries_)
		if (family_matches(e, family) && entry_named(e, name))
			return &e;
	return nullptr;
}

std::vector<address>
host_table::all_by_name(std::string_view name, int family) const
{
	std::vector<address> out;
	for (const auto &e : entries_) {
		if (!family_matches(e, family) || !entry_named(e, name))
			continue;
		bool seen = false;
		for (const auto &a : out)
			if (a == e.addr)
				seen = true;
		if (!seen)
			out.push_back(e.addr);
	}
	return out;
}

const host_entry *
host_table::by_address(const address &addr) const
{
	for (const auto &e : entries_)
		if (same_host(e.addr, addr))
			return &e;
	return nullptr;
}

} // namespace net
