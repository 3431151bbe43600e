// The hosts_access(5) and hosts_options(5) parser.  Every pattern and
// option is checked and classified here, so that problems are reported
// when the file is read (tcp_wrappers found them only when a connection
// reached the bad rule), while the rule is still taken as tcp_wrappers
// takes it: matching meets a malformed pattern only as one that matches
// nothing.
#include "libnet/hosts_access.h"

#include <algorithm>
#include <utility>

#include "libnet/numparse.h"
#include "libnet/text.h"

namespace net {

namespace {

// tcp_wrappers read a rule into a 2 KiB buffer; ours may be longer but a
// run of continuation lines still must not grow without bound.
constexpr std::size_t max_rule_len = 65536;


bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

bool
has_wildcard(std::string_view s)
{
	return s.find_first_of("*?") != std::string_view::npos;
}

// Digits, dots and wildcards only: text that can only mean an address.
// Such a pattern is never compared with a host name, so a name made to
// look like an address ("10.1.2.evil.example") cannot match "10.1.2.*".
bool
is_address_like(std::string_view s)
{
	for (char c : s)
		if (!is_digit(c) && c != '.' && c != '*' && c != '?')
			return false;
	return true;
}

// Host and daemon name characters, plus the wildcards.
bool
is_name_text(std::string_view s)
{
	for (char c : s) {
		bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    is_digit(c) || c == '-' || c == '.' || c == '_' ||
		    c == '*' || c == '?';
		if (!ok)
			return false;
	}
	return !s.empty();
}

bool
is_client_keyword(std::string_view s)
{
	return iequals(s, "LOCAL") || iequals(s, "KNOWN") ||
	    iequals(s, "UNKNOWN") || iequals(s, "PARANOID");
}

// tcp_wrappers tests a leading '.' (suffix) and a trailing '.' (prefix)
// before wildcards, so "*.example." never globbed; say so instead.
bool
mixes_wildcard_and_dot_end(std::string_view s)
{
	return has_wildcard(s) && (s.front() == '.' || s.back() == '.');
}

text_pattern
make_text_pattern(std::string_view s)
{
	text_pattern t;
	t.text = to_lower(s);
	if (has_wildcard(s))
		t.how = text_match::glob;
	else if (s.front() == '.')
		t.how = text_match::suffix;
	else if (s.back() == '.')
		t.how = text_match::prefix;
	return t;
}

// One to three decimal octets joined by dots, as written in an address:
// the part of "10.1." or ".1.5" that has to meet the address text.
bool
valid_octets(std::string_view s)
{
	auto parts = split(s, '.');
	if (parts.size() > 3)
		return false;
	for (auto p : parts) {
		if (p.empty() || p.size() > 3 || (p.size() > 1 && p[0] == '0'))
			return false;
		if (!parse_uint(p, 0, 255))
			return false;
	}
	return true;
}

// An all-ones mask of the first len bits, in the family of like.
address
prefix_mask(const address &like, unsigned len)
{
	std::uint8_t ones[16];
	for (auto &b : ones)
		b = 0xff;
	address all = like.is_v4() ? address::v4(0xffffffffu) :
	    address::v6(ones);
	return all.masked(len);
}

// tcp_wrappers compares (client & mask) with the network as written, so a
// network with host bits set could never match: refuse it instead.
std::optional<host_pattern>
make_network(const address &a, const address &mask, std::string_view tok,
    std::string &err)
{
	for (std::size_t i = 0; i < a.size(); i++) {
		if ((a.bytes()[i] & ~mask.bytes()[i]) != 0) {
			err = "host bits set in " + quoted(tok);
			return std::nullopt;
		}
	}
	host_pattern p;
	p.what = host_pattern::kind::network;
	p.net = a;
	p.mask = mask;
	return p;
}

// "[v6]" or "[v6]/len".  Scoped addresses are refused: naming an
// interface would need a lookup, and the parser does none.
std::optional<host_pattern>
parse_bracketed(std::string_view tok, std::string_view shown,
    std::string &err)
{
	auto close = tok.find(']');
	if (close == std::string_view::npos) {
		err = "missing ']' in " + quoted(shown);
		return std::nullopt;
	}
	std::string_view inside = tok.substr(1, close - 1);
	std::string_view rest = tok.substr(close + 1);
	std::optional<address> a;
	if (inside.find('%') == std::string_view::npos)
		a = address::parse(inside);
	if (!a) {
		err = "bad address in " + quoted(shown);
		return std::nullopt;
	}
	unsigned len = a->bits();
	if (!rest.empty()) {
		std::optional<std::uint64_t> n;
		if (rest[0] == '/')
			n = parse_uint(rest.substr(1), 0, a->bits());
		if (!n) {
			err = "bad prefix length in " + quoted(shown);
			return std::nullopt;
		}
		len = static_cast<unsigned>(*n);
	}
	return make_network(*a, prefix_mask(*a, len), shown, err);
}

// "n.n.n.n/m.m.m.m" or "n.n.n.n/len".  tcp_wrappers takes any mask, so a
// non-contiguous one is accepted too.
std::optional<host_pattern>
parse_netmask(std::string_view tok, std::string_view shown, std::string &err)
{
	auto slash = tok.find('/');
	auto a = address::parse(tok.substr(0, slash));
	std::string_view m = tok.substr(slash + 1);
	std::optional<address> mask;
	if (a && a->is_v4()) {
		if (!m.empty() && m.find_first_not_of("0123456789") ==
		    std::string_view::npos) {
			if (auto len = parse_uint(m, 0, 32))
				mask = prefix_mask(*a, static_cast<unsigned>(
				    *len));
		} else if (auto ma = address::parse(m); ma && ma->is_v4()) {
			mask = ma;
		}
	}
	if (!mask) {
		err = "bad net/mask " + quoted(shown);
		return std::nullopt;
	}
	return make_network(*a, *mask, shown, err);
}

// A host pattern of a client list, of daemon@host or of a pattern file;
// shown is the whole token for diagnostics.  A malformed one is returned
// as kind::never with err set: tcp_wrappers let such a pattern match
// nothing and kept the rest of its rule.
host_pattern
parse_host_pattern(std::string_view tok, std::string_view shown,
    std::string &err)
{
	host_pattern p;
	using kind = host_pattern::kind;
	auto never = [&](std::string why) {
		err = std::move(why);
		host_pattern n;
		n.what = kind::never;
		return n;
	};
	auto checked = [&](std::optional<host_pattern> h) {
		if (!h) {
			h = host_pattern{};
			h->what = kind::never;
		}
		return *h;
	};
	if (tok.empty())
		return never("missing host after '@' in " + quoted(shown));
	if (tok[0] == '@') {
		// NIS names are case-sensitive, unlike everything else here.
		if (tok.size() == 1)
			return never("missing netgroup name in " +
			    quoted(shown));
		p.what = kind::netgroup;
		p.path = std::string(tok.substr(1));
		return p;
	}
	if (tok[0] == '/') {
		p.what = kind::file;
		p.path = std::string(tok);
		return p;
	}
	if (tok[0] == '[')
		return checked(parse_bracketed(tok, shown, err));
	if (tok.find('/') != std::string_view::npos)
		return checked(parse_netmask(tok, shown, err));
	// Keywords are case-insensitive, as every comparison in tcp_wrappers.
	if (iequals(tok, "ALL"))
		p.what = kind::all;
	else if (iequals(tok, "LOCAL"))
		p.what = kind::local;
	else if (iequals(tok, "KNOWN"))
		p.what = kind::known;
	else if (iequals(tok, "UNKNOWN"))
		p.what = kind::unknown;
	else if (iequals(tok, "PARANOID"))
		p.what = kind::paranoid;
	else if (!is_name_text(tok)) {
		return never("bad host pattern " + quoted(shown));
	} else if (mixes_wildcard_and_dot_end(tok)) {
		return never("wildcard with a leading or trailing '.' in " +
		    quoted(shown));
	} else if (is_address_like(tok)) {
		p.what = kind::address_text;
		p.text = make_text_pattern(tok);
		std::optional<address> a;
		bool ok = true;
		switch (p.text.how) {
		case text_match::glob:
			break;
		case text_match::suffix:
			ok = valid_octets(tok.substr(1));
			break;
		case text_match::prefix:
			ok = valid_octets(tok.substr(0, tok.size() - 1));
			break;
		case text_match::exact:
			// A whole address compares as one, not as text.
			if ((a = address::parse(tok)))
				return checked(make_network(*a,
				    prefix_mask(*a, 32), shown, err));
			ok = false;
			break;
		}
		if (!ok)
			return never("bad address " + quoted(shown));
	} else {
		p.what = kind::name;
		p.text = make_text_pattern(tok);
	}
	return p;
}

// The user part of user@host: the daemon pattern syntax plus KNOWN, as
// tcp_wrappers' string_match (UNKNOWN is then the user "unknown").
std::optional<user_pattern>
parse_user_pattern(std::string_view tok, std::string_view shown,
    std::string &err)
{
	user_pattern u;
	if (iequals(tok, "ALL")) {
		u.what = user_pattern::kind::all;
	} else if (iequals(tok, "KNOWN")) {
		u.what = user_pattern::kind::known;
	} else if (!is_name_text(tok) || mixes_wildcard_and_dot_end(tok)) {
		err = "bad user pattern in " + quoted(shown);
		return std::nullopt;
	} else {
		u.what = user_pattern::kind::text;
		u.text = make_text_pattern(tok);
	}
	return u;
}

host_pattern
parse_client_pattern(std::string_view tok, std::string &err)
{
	// A leading '@' is a netgroup, not an empty user.
	auto at = tok.find('@', 1);
	if (at == std::string_view::npos)
		return parse_host_pattern(tok, tok, err);
	host_pattern h = parse_host_pattern(tok.substr(at + 1), tok, err);
	if (h.what == host_pattern::kind::never)
		return h;
	// ALL@host matches whatever the user, so it asks no ident server
	// (tcp_wrappers asked, for the log only).
	std::string_view user = tok.substr(0, at);
	if (iequals(user, "ALL"))
		return h;
	auto u = parse_user_pattern(user, tok, err);
	if (!u) {
		h = host_pattern{};
		h.what = host_pattern::kind::never;
		return h;
	}
	h.user = std::move(*u);
	return h;
}

daemon_pattern
parse_daemon_pattern(std::string_view tok, std::string &err)
{
	daemon_pattern d;
	auto never = [&](std::string why) {
		err = std::move(why);
		daemon_pattern n;
		n.never = true;
		return n;
	};
	if (tok[0] == '@')
		return never("netgroups are not supported for daemon names: " +
		    quoted(tok));
	std::string_view name = tok;
	auto at = tok.find('@');
	if (at != std::string_view::npos) {
		name = tok.substr(0, at);
		auto h = parse_host_pattern(tok.substr(at + 1), tok, err);
		if (h.what == host_pattern::kind::never)
			return never(err);
		// The server's own names would need a lookup per connection;
		// its addresses are known from the socket.
		using kind = host_pattern::kind;
		if (h.what != kind::all && h.what != kind::network &&
		    h.what != kind::address_text)
			return never("server host names are not supported, "
				     "use an address: " + quoted(tok));
		d.server = std::move(h);
	}
	if (iequals(name, "ALL")) {
		d.all = true;
		return d;
	}
	if (is_client_keyword(name))
		return never("client pattern used as a daemon name: " +
		    quoted(tok));
	if (!is_name_text(name))
		return never("bad daemon name " + quoted(tok));
	if (mixes_wildcard_and_dot_end(name))
		return never("wildcard with a leading or trailing '.' in " +
		    quoted(tok));
	d.name = make_text_pattern(name);
	return d;
}

// The words of a list: separated by blanks and/or commas.
std::vector<std::string_view>
split_list(std::string_view s)
{
	std::vector<std::string_view> out;
	std::size_t i = 0;
	auto is_sep = [](char c) {
		return c == ' ' || c == '\t' || c == ',';
	};
	while (i < s.size()) {
		while (i < s.size() && is_sep(s[i]))
			i++;
		std::size_t start = i;
		while (i < s.size() && !is_sep(s[i]))
			i++;
		if (i > start)
			out.push_back(s.substr(start, i - start));
	}
	return out;
}

// A list with its EXCEPT groups.  Each problem is an error in errs and
// the list is still built as tcp_wrappers reads it: a malformed pattern
// matches nothing, an empty list or one starting with EXCEPT matches
// nothing, and a trailing EXCEPT excludes nothing.
template <class P, class Parse>
void
parse_list(std::string_view field, const char *what, Parse parse_one,
    pattern_list<P> &out, std::vector<std::string> &errs)
{
	auto words = split_list(field);
	out.groups.emplace_back();
	if (words.empty()) {
		errs.push_back(std::string("empty ") + what + " list");
		return;
	}
	for (auto w : words) {
		if (iequals(w, "EXCEPT")) {
			if (out.groups.back().empty())
				errs.push_back(std::string("nothing before "
				    "EXCEPT in the ") + what + " list");
			out.groups.emplace_back();
			continue;
		}
		std::string err;
		out.groups.back().push_back(parse_one(w, err));
		if (!err.empty())
			errs.push_back(std::move(err));
	}
	if (out.groups.back().empty())
		errs.push_back(std::string("nothing after EXCEPT in the ") +
		    what + " list");
}

// Splits at the first sep outside [brackets], which may hold the colons
// of an IPv6 address; nothing when there is none.
std::optional<std::pair<std::string_view, std::string_view>>
split_outside_brackets(std::string_view s, char sep)
{
	int depth = 0;
	for (std::size_t i = 0; i < s.size(); i++) {
		if (s[i] == '[')
			depth++;
		else if (s[i] == ']' && depth > 0)
			depth--;
		else if (s[i] == sep && depth == 0)
			return std::pair{s.substr(0, i), s.substr(i + 1)};
	}
	return std::nullopt;
}

// hosts_options(5): options are separated by ':', and "\:" is a colon
// inside one.
std::vector<std::string>
split_options(std::string_view s)
{
	std::vector<std::string> out(1);
	for (std::size_t i = 0; i < s.size(); i++) {
		if (s[i] == '\\' && i + 1 < s.size() && s[i + 1] == ':') {
			out.back() += ':';
			i++;
		} else if (s[i] == ':') {
			out.emplace_back();
		} else {
			out.back() += s[i];
		}
	}
	return out;
}

// How tcp_wrappers' option table takes each keyword.
struct option_syntax {
	const char *name;
	option_kind what;
	enum { none, optional, needed } arg;
	bool last;		// must end the rule
};

const option_syntax option_table[] = {
    {"allow", option_kind::allow, option_syntax::none, true},
    {"deny", option_kind::deny, option_syntax::none, true},
    {"severity", option_kind::severity, option_syntax::needed, false},
    {"spawn", option_kind::spawn, option_syntax::needed, false},
    {"twist", option_kind::twist, option_syntax::needed, true},
    {"aclexec", option_kind::aclexec, option_syntax::needed, false},
    {"keepalive", option_kind::keepalive, option_syntax::none, false},
    {"linger", option_kind::linger, option_syntax::needed, false},
    {"rfc931", option_kind::rfc931, option_syntax::optional, false},
    {"banners", option_kind::banners, option_syntax::needed, false},
    {"nice", option_kind::nice, option_syntax::optional, false},
    {"setenv", option_kind::setenv, option_syntax::needed, false},
    {"umask", option_kind::umask, option_syntax::needed, false},
    {"user", option_kind::user, option_syntax::needed, false},
    {"group", option_kind::group, option_syntax::needed, false},
};

struct syslog_name {
	const char *name;
	int value;
};

// syslog.h's names, as tcp_wrappers' severity option takes them.
const syslog_name syslog_levels[] = {{"emerg", 0}, {"panic", 0},
    {"alert", 1}, {"crit", 2}, {"err", 3}, {"error", 3}, {"warning", 4},
    {"warn", 4}, {"notice", 5}, {"info", 6}, {"debug", 7}};
const syslog_name syslog_facilities[] = {{"kern", 0 << 3},
    {"user", 1 << 3}, {"mail", 2 << 3}, {"daemon", 3 << 3},
    {"auth", 4 << 3}, {"security", 4 << 3}, {"syslog", 5 << 3},
    {"lpr", 6 << 3}, {"news", 7 << 3}, {"uucp", 8 << 3},
    {"cron", 9 << 3}, {"authpriv", 10 << 3}, {"ftp", 11 << 3},
    {"local0", 16 << 3}, {"local1", 17 << 3}, {"local2", 18 << 3},
    {"local3", 19 << 3}, {"local4", 20 << 3}, {"local5", 21 << 3},
    {"local6", 22 << 3}, {"local7", 23 << 3}};

template <std::size_t N>
std::optional<int>
syslog_value(const syslog_name (&names)[N], std::string_view s)
{
	for (const auto &n : names)
		if (iequals(s, n.name))
			return n.value;
	return std::nullopt;
}

// A whole decimal number in [lo, hi], an optional '-' allowed when lo < 0.
std::optional<long>
parse_long(std::string_view s, long lo, long hi)
{
	bool neg = !s.empty() && s[0] == '-';
	if (neg)
		s.remove_prefix(1);
	auto n = parse_uint(s, 0, static_cast<std::uint64_t>(
	    std::max(hi, -lo)));
	if (!n)
		return std::nullopt;
	long v = neg ? -static_cast<long>(*n) : static_cast<long>(*n);
	if (v < lo || v > hi)
		return std::nullopt;
	return v;
}

// The value of one option checked; false with err set when tcp_wrappers
// would have refused it when the rule matched.
bool
check_option_value(access_option &o, std::string &err)
{
	const std::string &v = o.value;
	switch (o.what) {
	case option_kind::severity: {
		auto dot = v.find('.');
		std::optional<int> fac = 0, lvl;
		if (dot != std::string::npos) {
			fac = syslog_value(syslog_facilities,
			    std::string_view(v).substr(0, dot));
			lvl = syslog_value(syslog_levels,
			    std::string_view(v).substr(dot + 1));
		} else {
			lvl = syslog_value(syslog_levels, v);
		}
		if (!fac || !lvl) {
			err = "bad syslog facility or severity " + quoted(v);
			return false;
		}
		o.number = *lvl;
		o.facility = *fac;
		return true;
	}
	case option_kind::linger:
		if (auto n = parse_long(v, 0, 65535)) {
			o.number = *n;
			return true;
		}
		err = "bad linger value " + quoted(v);
		return false;
	case option_kind::rfc931:
		o.number = 0;
		if (v.empty())
			return true;
		if (auto n = parse_long(v, 1, 3600)) {
			o.number = *n;
			return true;
		}
		err = "bad rfc931 timeout " + quoted(v);
		return false;
	case option_kind::nice:
		o.number = 10;
		if (v.empty())
			return true;
		if (auto n = parse_long(v, -40, 40)) {
			o.number = *n;
			return true;
		}
		err = "bad nice value " + quoted(v);
		return false;
	case option_kind::umask: {
		bool ok = !v.empty() && v.size() <= 4 &&
		    v.find_first_not_of("01234567") == std::string::npos;
		long m = ok ? std::stol(v, nullptr, 8) : -1;
		if (!ok || (m & 0777) != m) {
			err = "bad umask value " + quoted(v);
			return false;
		}
		o.number = m;
		return true;
	}
	case option_kind::setenv: {
		auto sp = v.find_first_of(" \t");
		o.name = v.substr(0, sp);
		std::string_view rest;
		if (sp != std::string::npos)
			rest = trim(std::string_view(v).substr(sp));
		// The value is expanded when the rule is used.
		if (o.name.find('=') != std::string::npos) {
			err = "bad variable name " + quoted(o.name);
			return false;
		}
		o.value = std::string(rest);
		return true;
	}
	case option_kind::user: {
		auto dot = v.find('.');
		o.name = v.substr(0, dot);
		if (dot != std::string::npos)
			o.group_name = v.substr(dot + 1);
		if (o.name.empty() || (dot != std::string::npos &&
		    o.group_name.empty())) {
			err = "bad user " + quoted(v);
			return false;
		}
		return true;
	}
	case option_kind::group:
		o.name = v;
		return true;
	case option_kind::spawn:
	case option_kind::twist:
	case option_kind::aclexec:
	case option_kind::banners:
	case option_kind::allow:
	case option_kind::deny:
	case option_kind::keepalive:
		return true;
	}
	return true;
}

// An unknown %<letter> expands to nothing, as in tcp_wrappers; it is
// most likely a mistake.
void
warn_expansions(const access_option &opt, std::vector<std::string> &warnings)
{
	const std::string &v = opt.value;
	for (std::size_t k = 0; k + 1 < v.size(); k++) {
		if (v[k] != '%')
			continue;
		if (!is_percent_letter(v[k + 1]))
			warnings.push_back("unknown expansion " +
			    quoted(v.substr(k, 2)) + " in option " +
			    quoted(opt.keyword()) + " expands to nothing");
		k++;
	}
}

// hosts_options(5) as tcp_wrappers reads it: the key, then a value after
// blanks, or after one '=' with blanks around it.
void
parse_options(std::string_view field, access_rule &r,
    std::vector<std::string> &errs, std::vector<std::string> &warnings)
{
	auto opts = split_options(field);
	for (std::size_t i = 0; i < opts.size(); i++) {
		std::string_view o = trim(opts[i]);
		std::string err;
		auto end = o.find_first_of(" \t=");
		std::string key = to_lower(o.substr(0, end));
		std::string_view value;
		if (end != std::string_view::npos) {
			value = trim(o.substr(end));
			if (!value.empty() && value[0] == '=')
				value = trim(value.substr(1));
		}
		const option_syntax *syn = nullptr;
		for (const auto &t : option_table)
			if (key == t.name)
				syn = &t;
		if (o.empty())
			err = "missing option name";
		else if (syn == nullptr)
			err = "unknown option " + quoted(o.substr(0, end));
		else if (value.empty() && syn->arg == option_syntax::needed)
			err = "option " + quoted(key) + " requires a value";
		else if (!value.empty() && syn->arg == option_syntax::none)
			err = "option " + quoted(key) + " takes no value";
		else if (syn->last && i + 1 != opts.size())
			err = "option " + quoted(key) +
			    " must be the last option";
		access_option opt;
		if (err.empty()) {
			opt.what = syn->what;
			opt.value = std::string(value);
			(void)check_option_value(opt, err);
		}
		if (!err.empty()) {
			errs.push_back(err + "; a connection this rule "
					     "decides is refused");
			r.bad_option = true;
			r.verdict = access_verdict::deny;
			return;
		}
		if (opt.what == option_kind::spawn ||
		    opt.what == option_kind::twist ||
		    opt.what == option_kind::aclexec ||
		    opt.what == option_kind::setenv)
			warn_expansions(opt, warnings);
		if (opt.what == option_kind::allow)
			r.verdict = access_verdict::grant;
		else if (opt.what == option_kind::deny)
			r.verdict = access_verdict::deny;
		r.options.push_back(std::move(opt));
	}
}

// Drops a comment: a '#' that begins a word runs to the end of the rule.
// tcp_wrappers took such words as patterns, which could match hosts
// named after words of the comment.
std::string_view
strip_rule_comment(std::string_view s)
{
	for (std::size_t i = 0; i < s.size(); i++) {
		if (s[i] != '#')
			continue;
		if (i == 0 || s[i - 1] == ' ' || s[i - 1] == '\t' ||
		    s[i - 1] == ',' || s[i - 1] == ':')
			return s.substr(0, i);
	}
	return s;
}

// One rule, with every problem in errs; nothing only when the line has
// no ':' at all, which tcp_wrappers skipped.
std::optional<access_rule>
parse_rule(std::string_view text, std::vector<std::string> &errs,
    std::vector<std::string> &warnings)
{
	auto f1 = split_outside_brackets(text, ':');
	if (!f1) {
		errs.push_back("missing ':' after daemon list " +
		    quoted(trim(text)) + "; line ignored");
		return std::nullopt;
	}
	std::string_view clients = f1->second, options;
	auto f2 = split_outside_brackets(f1->second, ':');
	if (f2) {
		clients = f2->first;
		options = f2->second;
	}
	access_rule r;
	parse_list(f1->first, "daemon", parse_daemon_pattern, r.daemons, errs);
	parse_list(clients, "client", parse_client_pattern, r.clients, errs);
	if (f2)
		parse_options(options, r, errs, warnings);
	return r;
}

} // namespace

parsed<access_rule>
parse_hosts_access(std::istream &in, std::string_view origin)
{
	parsed<access_rule> out;
	diag_sink diags(out.diagnostics, origin);
	line_reader reader(in, diags);
	std::string line, text;
	unsigned start = 0, prev = 0, pieces = 0;
	bool more = false, too_long = false;

	auto finish = [&]() {
		if (too_long) {
			diags.error(start, "rule longer than " +
			    std::to_string(max_rule_len) + " bytes, ignored");
			return;
		}
		std::string_view s = trim(text);
		if (s.empty())
			return;
		if (s[0] == '#') {
			// As in tcp_wrappers, the continuation is joined first.
			if (pieces > 1)
				diags.warning(start, "comment ends with '\\', "
				    "the next line is part of it");
			return;
		}
		s = strip_rule_comment(s);
		std::vector<std::string> errs, warnings;
		auto r = parse_rule(s, errs, warnings);
		for (auto &e : errs)
			diags.error(start, std::move(e));
		for (auto &w : warnings)
			diags.warning(start, std::move(w));
		if (!r)
			return;
		r->line = start;
		out.entries.push_back(std::move(*r));
	};

	while (reader.next(line)) {
		unsigned n = reader.line_no();
		// The reader dropped an overlong line inside this rule (and
		// said so); what is left of the rule cannot be trusted.
		if (more && n != prev + 1)
			more = false;
		prev = n;
		if (!more) {
			start = n;
			text.clear();
			pieces = 0;
			too_long = false;
		}
		more = !line.empty() && line.back() == '\\';
		if (more)
			line.pop_back();
		pieces++;
		if (text.size() + line.size() > max_rule_len)
			too_long = true;
		else if (!too_long)
			text += line;
		if (!more)
			finish();
	}
	if (more)
		finish();
	return out;
}

parsed<host_pattern>
parse_host_file(std::istream &in, std::string_view origin)
{
	parsed<host_pattern> out;
	diag_sink diags(out.diagnostics, origin);
	line_reader reader(in, diags);
	std::string line;
	while (reader.next(line)) {
		std::string_view s = line;
		auto hash = s.find('#');
		if (hash != std::string_view::npos)
			s = s.substr(0, hash);
		for (auto w : split_fields(s)) {
			std::string err;
			host_pattern p;
			// No colon separates anything here: a bare IPv6
			// address is taken as if in brackets.
			if (w.find(':') != std::string_view::npos &&
			    w[0] != '[')
				p = parse_host_pattern("[" + std::string(w) +
				    "]", w, err);
			else
				p = parse_host_pattern(w, w, err);
			if (p.what == host_pattern::kind::never && w.find(':') !=
			    std::string_view::npos && w[0] != '[' &&
			    w.find('/') != std::string_view::npos) {
				// "v6/len" without brackets.
				auto sl = w.find('/');
				err.clear();
				p = parse_host_pattern("[" + std::string(
				    w.substr(0, sl)) + "]" + std::string(
				    w.substr(sl)), w, err);
			}
			if (!err.empty())
				diags.error(reader.line_no(), err +
				    ", matches nothing");
			out.entries.push_back(std::move(p));
		}
	}
	return out;
}

const char *
access_option::keyword() const
{
	for (const auto &t : option_table)
		if (t.what == what)
			return t.name;
	return "?";
}

bool
access_rule::has_actions() const
{
	for (const auto &o : options)
		if (o.what != option_kind::allow &&
		    o.what != option_kind::deny &&
		    o.what != option_kind::severity)
			return true;
	return false;
}

std::optional<int>
access_rule::severity() const
{
	std::optional<int> lvl;
	for (const auto &o : options)
		if (o.what == option_kind::severity)
			lvl = static_cast<int>(o.number);
	return lvl;
}

bool
is_percent_letter(char c)
{
	return std::string_view("aAcdhHnNprRsu%").find(c) !=
	    std::string_view::npos;
}

std::string
expand_percent(std::string_view text,
    const std::function<std::string(char)> &value)
{
	static constexpr std::string_view ok_chars =
	    "1234567890!@%-_=+:,./"
	    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
	std::string out;
	for (std::size_t i = 0; i < text.size(); i++) {
		if (text[i] != '%' || i + 1 == text.size()) {
			out += text[i];
			continue;
		}
		char c = text[++i];
		std::string v;
		if (c == '%')
			v = "%";
		else if (is_percent_letter(c))
			v = value(c);
		for (char &x : v)
			if (ok_chars.find(x) == std::string_view::npos)
				x = '_';
		out += v;
	}
	return out;
}

std::optional<std::string>
parse_ident_reply(std::string_view reply, unsigned remote_port,
    unsigned local_port)
{
	// RFC 1413: "port , port : USERID : opsys[,charset] : user".
	std::string_view f[4];
	for (int i = 0; i < 3; i++) {
		auto c = reply.find(':');
		if (c == std::string_view::npos)
			return std::nullopt;
		f[i] = reply.substr(0, c);
		reply.remove_prefix(c + 1);
	}
	f[3] = reply;
	auto ports = split(f[0], ',');
	if (ports.size() != 2)
		return std::nullopt;
	auto rp = parse_uint(trim(ports[0]), 1, 65535);
	auto lp = parse_uint(trim(ports[1]), 1, 65535);
	if (!rp || !lp || *rp != remote_port || *lp != local_port)
		return std::nullopt;
	if (trim(f[1]) != "USERID" || trim(f[2]).empty())
		return std::nullopt;
	// The user id may hold colons; it ends at the first blank, as
	// tcp_wrappers' "%255s" took it.
	std::string_view user = f[3];
	while (!user.empty() && (user.front() == ' ' || user.front() == '\t'))
		user.remove_prefix(1);
	user = user.substr(0, user.find_first_of(" \t\r\n"));
	if (user.empty() || user.size() > 255)
		return std::nullopt;
	return std::string(user);
}

} // namespace net
