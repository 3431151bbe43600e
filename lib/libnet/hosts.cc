#include "libnet/hosts.h"

#include <cstring>
#include <utility>

#include "libnet/log.h"
#include "libnet/text.h"

namespace net {

namespace {

// A token for a diagnostic, quoted; files can hold any byte and the
// message may end up on a terminal or in syslog.
std::string
quoted(std::string_view token)
{
	return "'" + printable(token, 64) + "'";
}

// Scope ids are not part of a host's identity here: the file cannot name
// one (see parse_hosts) and a caller's scope says only where a packet came
// in.
bool
same_address(const address &a, const address &b)
{
	address x = a.unmapped(), y = b.unmapped();
	return x.family() == y.family() &&
	    std::memcmp(x.bytes(), y.bytes(), x.size()) == 0;
}

bool
entry_named(const host_entry &e, std::string_view name)
{
	if (iequals(e.name, name))
		return true;
	for (const auto &a : e.aliases)
		if (iequals(a, name))
			return true;
	return false;
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
	line_reader reader(in, diags);
	std::string line;
	while (reader.next(line)) {
		unsigned n = reader.line_no();
		auto f = split_fields(strip_comment(line));
		if (f.empty())
			continue;
		std::optional<address> a;
		if (f[0].find('%') != std::string_view::npos) {
			// Resolving an interface name is a system call, and a
			// parser makes none; glibc refuses scopes here too.
			diags.error(n, "scoped address " + quoted(f[0]) +
			    " is not supported");
			continue;
		}
		if (f[0].find(':') != std::string_view::npos)
			a = address::parse(f[0]);
		else
			a = parse_ipv4_classic(f[0]);
		if (!a) {
			diags.error(n, "bad address " + quoted(f[0]));
			continue;
		}
		if (f.size() < 2) {
			diags.error(n, "missing host name after " +
			    quoted(f[0]));
			continue;
		}
		if (!is_plain_name(f[1])) {
			diags.error(n, "bad host name " + quoted(f[1]));
			continue;
		}
		host_entry e;
		e.addr = *a;
		e.name = std::string(f[1]);
		e.line = n;
		bool bad_alias = false;
		for (std::size_t i = 2; i < f.size(); i++) {
			if (!is_plain_name(f[i])) {
				diags.error(n, "bad alias " + quoted(f[i]));
				bad_alias = true;
				break;
			}
			e.aliases.emplace_back(f[i]);
		}
		if (bad_alias)
			continue;
		out.entries.push_back(std::move(e));
	}
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
		if (same_address(e.addr, addr))
			return &e;
	return nullptr;
}

} // namespace net
