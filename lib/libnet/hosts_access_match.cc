// hosts_access(5) matching over parsed rules.  Nothing here looks anything
// up: the request carries what the caller learnt about the client, and
// its access_lookups answers for netgroups, pattern files and ident.
#include "libnet/hosts_access.h"

#include <sstream>
#include <utility>

#include "libnet/text.h"

namespace net {

namespace {

enum class name_state { known, unknown, paranoid };

// Pattern files naming pattern files: tcp_wrappers followed them without
// end.  Here the chain stops at a depth, and a request reads a bounded
// number of files in all, so that a file naming itself many times costs
// no more than a few reads.
constexpr int max_file_depth = 8;
constexpr int max_file_reads = 32;

// The request in the form the patterns compare against, worked out once.
struct facts {
	std::string daemon;
	address client;		// an IPv4-mapped address as plain IPv4
	std::string client_text;
	name_state state = name_state::unknown;
	std::string name;	// lowercased, when known
	std::optional<address> server;
	std::string server_text;
	access_lookups *lookups = nullptr;
	// The ident answer, asked once per request and only when a user
	// pattern is reached.
	mutable std::optional<std::string> user;
	mutable int file_reads_left = max_file_reads;
};


// Address text without a scope, lowercased: what "10.1." and "10.1.*" see.
std::string
address_text(const address &a)
{
	if (a.is_v6())
		return to_lower(address::v6(a.bytes()).str());
	return a.str();
}

facts
make_facts(const access_request &req)
{
	facts f;
	f.daemon = to_lower(req.daemon);
	f.client = req.client.unmapped();
	f.client_text = address_text(f.client);
	if (req.paranoid) {
		f.state = name_state::paranoid;
	} else if (req.client_name && !req.client_name->empty()) {
		f.state = name_state::known;
		f.name = to_lower(*req.client_name);
	}
	if (req.server) {
		f.server = req.server->unmapped();
		f.server_text = address_text(*f.server);
	}
	f.lookups = req.lookups;
	return f;
}

// Shell-style '*' and '?', by the usual single backtrack to the last '*':
// linear in practice and never exponential on hostile patterns.
bool
glob_match(std::string_view pat, std::string_view s)
{
	std::size_t p = 0, i = 0;
	std::size_t star = std::string_view::npos, mark = 0;
	while (i < s.size()) {
		if (p < pat.size() && (pat[p] == '?' || pat[p] == s[i])) {
			p++;
			i++;
		} else if (p < pat.size() && pat[p] == '*') {
			star = p++;
			mark = i;
		} else if (star != std::string_view::npos) {
			p = star + 1;
			i = ++mark;
		} else {
			return false;
		}
	}
	while (p < pat.size() && pat[p] == '*')
		p++;
	return p == pat.size();
}

// a inside net/mask; an IPv6 pattern also sees an IPv4 client in its
// mapped form, so [::ffff:10.0.0.0]/104 covers 10/8 either way.
bool
network_contains(const host_pattern &p, const address &a)
{
	address x = a;
	if (p.net.is_v6() && x.is_v4()) {
		std::uint8_t b[16] = {};
		b[10] = b[11] = 0xff;
		for (int i = 0; i < 4; i++)
			b[12 + i] = a.bytes()[i];
		x = address::v6(b);
	}
	if (x.family() != p.net.family())
		return false;
	for (std::size_t i = 0; i < x.size(); i++)
		if ((x.bytes()[i] & p.mask.bytes()[i]) != p.net.bytes()[i])
			return false;
	return true;
}

// How far a match may go into pattern files.
struct file_budget {
	int depth = 0;
	int *reads_left = nullptr;
};

bool host_matches(const host_pattern &p, const address &a,
    std::string_view text, name_state state, std::string_view name,
    access_lookups *lookups, file_budget budget);

// innetgr(3) with the verified name, then with the address.
bool
netgroup_matches(const std::string &group, std::string_view text,
    name_state state, std::string_view name, access_lookups *lookups)
{
	if (lookups == nullptr)
		return false;
	if (state == name_state::known &&
	    lookups->in_netgroup(group, std::string(name)))
		return true;
	return lookups->in_netgroup(group, std::string(text));
}

// Any host pattern the file lists, read now: tcp_wrappers read it at each
// match, so an edit counts at once.
bool
file_matches(const std::string &path, const address &a,
    std::string_view text, name_state state, std::string_view name,
    access_lookups *lookups, file_budget budget)
{
	if (lookups == nullptr || budget.reads_left == nullptr ||
	    budget.depth >= max_file_depth || *budget.reads_left <= 0)
		return false;
	--*budget.reads_left;
	auto body = lookups->read_file(path);
	if (!body)
		return false;
	std::istringstream in(*body);
	auto pats = parse_host_file(in, path);
	for (const auto &p : pats.entries)
		if (host_matches(p, a, text, state, name, lookups,
		    {budget.depth + 1, budget.reads_left}))
			return true;
	return false;
}

bool
host_matches(const host_pattern &p, const address &a, std::string_view text,
    name_state state, std::string_view name, access_lookups *lookups,
    file_budget budget)
{
	using kind = host_pattern::kind;
	switch (p.what) {
	case kind::all:
		return true;
	case kind::local:
		return state == name_state::known &&
		    name.find('.') == std::string_view::npos;
	case kind::known:
		return state == name_state::known;
	case kind::unknown:
		return state == name_state::unknown;
	case kind::paranoid:
		return state == name_state::paranoid;
	case kind::network:
		return network_contains(p, a);
	case kind::address_text:
		return p.text.matches(text);
	case kind::name:
		return state == name_state::known && p.text.matches(name);
	case kind::netgroup:
		return netgroup_matches(p.path, text, state, name, lookups);
	case kind::file:
		return file_matches(p.path, a, text, state, name, lookups,
		    budget);
	case kind::never:
		return false;
	}
	return false;
}

// The host part first: as in tcp_wrappers, the client's ident server is
// asked only when the rest of user@host already matches.
bool
client_matches(const host_pattern &p, const facts &f)
{
	if (!host_matches(p, f.client, f.client_text, f.state, f.name,
	    f.lookups, {0, &f.file_reads_left}))
		return false;
	if (!p.user)
		return true;
	if (!f.user)
		f.user = f.lookups != nullptr ? f.lookups->client_user()
					      : std::string("unknown");
	return p.user->matches(*f.user);
}

bool
daemon_matches(const daemon_pattern &d, const facts &f)
{
	if (d.never || (!d.all && !d.name.matches(f.daemon)))
		return false;
	if (!d.server || d.server->what == host_pattern::kind::all)
		return true;
	if (!f.server)
		return false;
	return host_matches(*d.server, *f.server, f.server_text,
	    name_state::unknown, {}, nullptr, {});
}

// groups[0] EXCEPT (groups[1] EXCEPT (...)), evaluated from the right.
template <class P, class Match>
bool
list_matches(const pattern_list<P> &l, const facts &f, Match match)
{
	bool inner = false;
	for (auto g = l.groups.rbegin(); g != l.groups.rend(); ++g) {
		bool any = false;
		for (const auto &p : *g) {
			if (match(p, f)) {
				any = true;
				break;
			}
		}
		inner = any && !inner;
	}
	return inner;
}

} // namespace

bool
text_pattern::matches(std::string_view subject) const
{
	switch (how) {
	case text_match::exact:
		return subject == text;
	case text_match::suffix:
		// Strictly longer: ".example.com" is not "example.com".
		return subject.size() > text.size() &&
		    subject.substr(subject.size() - text.size()) == text;
	case text_match::prefix:
		return subject.substr(0, text.size()) == text;
	case text_match::glob:
		return glob_match(text, subject);
	}
	return false;
}

bool
user_pattern::matches(std::string_view user) const
{
	switch (what) {
	case kind::all:
		return true;
	case kind::known:
		return !iequals(user, "unknown");
	case kind::text:
		return text.matches(to_lower(user));
	}
	return false;
}

// A netgroup may hold the name, and a file any pattern: both are taken to
// need the name, so that a decision made without it is never different.
bool
host_pattern::needs_hostname() const
{
	return what == kind::local || what == kind::known ||
	    what == kind::unknown || what == kind::paranoid ||
	    what == kind::name || what == kind::netgroup ||
	    what == kind::file;
}

bool
host_pattern::needs_lookup() const
{
	return needs_hostname() || user.has_value();
}

access_table::access_table(std::string origin, std::vector<access_rule> rules)
    : origin_(std::move(origin)), rules_(std::move(rules))
{
	for (const auto &r : rules_) {
		bool name = false, lookup = false;
		for (const auto &g : r.clients.groups)
			for (const auto &p : g) {
				name = name || p.needs_hostname();
				lookup = lookup || p.needs_lookup();
			}
		rule_needs_lookup_.push_back(lookup);
		needs_hostname_ = needs_hostname_ || name;
	}
}

bool
access_table::has_files() const
{
	for (const auto &r : rules_)
		for (const auto &g : r.clients.groups)
			for (const auto &p : g)
				if (p.what == host_pattern::kind::file)
					return true;
	return false;
}

bool
access_table::needs_hostname_for(const access_request &req) const
{
	facts f = make_facts(req);
	for (std::size_t i = 0; i < rules_.size(); i++)
		if (rule_needs_lookup_[i] &&
		    list_matches(rules_[i].daemons, f, daemon_matches))
			return true;
	return false;
}

const access_rule *
access_table::match(const access_request &req) const
{
	facts f = make_facts(req);
	for (const auto &r : rules_)
		if (list_matches(r.daemons, f, daemon_matches) &&
		    list_matches(r.clients, f, client_matches))
			return &r;
	return nullptr;
}

const access_rule *
access_table::match_by_address(const access_request &req,
    bool *needs_name) const
{
	*needs_name = false;
	facts f = make_facts(req);
	for (std::size_t i = 0; i < rules_.size(); i++) {
		const access_rule &r = rules_[i];
		if (!list_matches(r.daemons, f, daemon_matches))
			continue;
		// Without the name, UNKNOWN and "EXCEPT name" would match
		// wrongly: such a rule can only be judged with the name (and
		// the netgroups, files and ident answers it needs).
		if (rule_needs_lookup_[i]) {
			*needs_name = true;
			return nullptr;
		}
		if (list_matches(r.clients, f, client_matches))
			return &r;
	}
	return nullptr;
}

std::string
access_decision::where() const
{
	if (line == 0)
		return "";
	return origin + ":" + std::to_string(line);
}

namespace {

access_decision
decided_by(const access_table &t, const access_rule &r, access_verdict dflt)
{
	access_decision d;
	d.granted = r.verdict.value_or(dflt) == access_verdict::grant;
	d.origin = t.origin();
	d.line = r.line;
	d.rule = &r;
	return d;
}

} // namespace

access_decision
decide_access(const access_table &allow, const access_table &deny,
    const access_request &req)
{
	if (const auto *r = allow.match(req))
		return decided_by(allow, *r, access_verdict::grant);
	if (const auto *r = deny.match(req))
		return decided_by(deny, *r, access_verdict::deny);
	return {};
}

std::optional<access_decision>
decide_access_by_address(const access_table &allow, const access_table &deny,
    const access_request &req)
{
	bool needs_name = false;
	if (const auto *r = allow.match_by_address(req, &needs_name))
		return decided_by(allow, *r, access_verdict::grant);
	if (needs_name)
		return std::nullopt;
	if (const auto *r = deny.match_by_address(req, &needs_name))
		return decided_by(deny, *r, access_verdict::deny);
	if (needs_name)
		return std::nullopt;
	return access_decision{};
}

} // namespace net
