#include "libnet/rhosts.h"

#include <cstdio>
#include <cstring>
#include <utility>

#include "libnet/text.h"

namespace net {

namespace {

// The BSD extensions this suite refuses, with the reason; nothing when t
// is not one of them.  "+" and netgroups widen trust far beyond what a
// reader of the file sees, and "-" only makes sense next to them.
std::optional<std::string>
refused_form(std::string_view t, bool host_field)
{
	const char *what = host_field ? "hosts" : "users";
	if (t == "+")
		return host_field ?
		    "'+' (trust every host) is not supported; list hosts "
		    "by name" :
		    "'+' (trust every user) is not supported; list users "
		    "by name";
	if (t.starts_with("+@") || t.starts_with("@"))
		return quoted(t) + ": netgroups are not supported (no NIS); "
		    "list " + what + " by name";
	if (t.starts_with("-@"))
		return quoted(t) + ": '-@netgroup' negation is not supported "
		    "(no NIS netgroups)";
	if (t.starts_with("+"))
		return quoted(t) + ": a '+' prefix is not supported; list " +
		    what + " by name";
	if (t.starts_with("-"))
		return quoted(t) + ": '-' negation is not supported; " +
		    what + " not listed are refused already";
	return std::nullopt;
}

// Both names without one trailing dot: "host.example." is absolute but the
// same host as "host.example".
bool
same_host_name(std::string_view a, std::string_view b)
{
	if (!a.empty() && a.back() == '.')
		a.remove_suffix(1);
	if (!b.empty() && b.back() == '.')
		b.remove_suffix(1);
	return !a.empty() && iequals(a, b);
}

// True for text that reads as an IPv4 address, or would to a reader: only
// digits and dots, or any inet_aton(3) form ("0x7f.1").  No host name looks
// like that (top-level labels are never all digits).
bool
looks_numeric(std::string_view s)
{
	if (s.find_first_not_of("0123456789.") == std::string_view::npos)
		return true;
	return parse_ipv4_classic(s).has_value();
}

bool
host_matches(const rhosts_entry &e, const rhosts_query &q)
{
	if (e.host == "*")
		return true;
	if (e.addr)
		return same_host(*e.addr, q.remote_addr);
	if (!q.remote_host)
		return false;
	// A name that reads as an address (a PTR record of "10.0.0.1", say)
	// must never match by name: it is the classic way to pass for a
	// trusted host.
	if (looks_numeric(*q.remote_host) ||
	    q.remote_host->find(':') != std::string::npos)
		return false;
	return same_host_name(e.host, *q.remote_host);
}

bool
user_matches(const rhosts_entry &e, const rhosts_query &q)
{
	if (e.user.empty())
		return q.remote_user == q.local_user;
	if (e.user == "*")
		return true;
	return e.user == q.remote_user;
}

} // namespace

parsed<rhosts_entry>
parse_rhosts(std::istream &in, std::string_view origin)
{
	parsed<rhosts_entry> out;
	diag_sink diags(out.diagnostics, origin);
	for_each_record(in, diags, [&](const auto &f, unsigned n) {
		if (f.size() > 2) {
			diags.error(n, "extra field " + quoted(f[2]) +
			    ", expected 'host [user]'");
			return;
		}
		if (auto why = refused_form(f[0], true)) {
			diags.error(n, std::move(*why));
			return;
		}
		if (f.size() == 2) {
			if (auto why = refused_form(f[1], false)) {
				diags.error(n, std::move(*why));
				return;
			}
		}
		rhosts_entry e;
		e.host = std::string(f[0]);
		e.line = n;
		if (f[0] == "*") {
			// Any host; nothing more to check.
		} else if (f[0].find(':') != std::string_view::npos) {
			// No "%scope": naming an interface needs a system call,
			// and the scope says nothing about who the peer is.
			if (f[0].find('%') == std::string_view::npos)
				e.addr = address::parse(f[0]);
			if (!e.addr) {
				diags.error(n, "bad address " + quoted(f[0]));
				return;
			}
		} else if (!is_plain_name(f[0])) {
			diags.error(n, "bad host name " + quoted(f[0]));
			return;
		} else if (looks_numeric(f[0])) {
			// "10.1" or "167772161" is 10.0.0.1 to inet_aton(3) but
			// may not be to the reader; only the unambiguous form.
			e.addr = address::parse(f[0]);
			if (!e.addr) {
				diags.error(n, parse_ipv4_classic(f[0]) ?
				    "address " + quoted(f[0]) +
					" must be a full dotted quad" :
				    "bad address " + quoted(f[0]));
				return;
			}
		}
		if (f.size() == 2) {
			if (f[1] != "*" && !is_plain_name(f[1])) {
				diags.error(n, "bad user name " + quoted(f[1]));
				return;
			}
			e.user = std::string(f[1]);
		}
		out.entries.push_back(std::move(e));
	});
	return out;
}

bool
rhosts_allows(const std::vector<rhosts_entry> &entries,
    const rhosts_query &q)
{
	if (q.remote_user.empty() || q.local_user.empty())
		return false;
	// HOSTS.EQUIV(4): for the superuser only /.rhosts is consulted.
	// Both the uid and the name are checked, so an alias of uid 0 or a
	// caller that left local_uid unset stays out too.
	if (q.source == rhosts_source::hosts_equiv &&
	    (q.local_uid == 0 || q.local_user == "root"))
		return false;
	for (const auto &e : entries)
		if (host_matches(e, q) && user_matches(e, q))
			return true;
	return false;
}

std::optional<std::string>
check_rhosts_file(const struct stat &st, uid_t owner)
{
	if (!S_ISREG(st.st_mode))
		return std::string("not a regular file");
	if (st.st_uid != owner && st.st_uid != 0)
		return "owned by uid " + std::to_string(st.st_uid) +
		    ", not by uid " + std::to_string(owner) + " or root";
	if (st.st_mode & (S_IWGRP | S_IWOTH)) {
		char mode[8];
		std::snprintf(mode, sizeof mode, "%04o",
		    static_cast<unsigned>(st.st_mode & 07777));
		return std::string("writable by group or others (mode ") +
		    mode + ")";
	}
	return std::nullopt;
}

} // namespace net
