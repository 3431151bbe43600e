// The hosts_access(5) parser.  Every pattern is checked and classified here
// so that matching never meets a malformed one: tcp_wrappers found its
// syntax errors only when a connection reached the bad rule.
#include "libnet/hosts_access.h"

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

// A host pattern of a client list or of daemon@host; shown is the whole
// token for diagnostics.
std::optional<host_pattern>
parse_host_pattern(std::string_view tok, std::string_view shown,
    std::string &err)
{
	host_pattern p;
	using kind = host_pattern::kind;
	if (tok.empty()) {
		err = "missing host after '@' in " + quoted(shown);
		return std::nullopt;
	}
	if (tok[0] == '@') {
		err = "NIS netgroups are not supported: " + quoted(shown);
		return std::nullopt;
	}
	if (tok[0] == '/') {
		err = "file patterns are not supported: " + quoted(shown);
		return std::nullopt;
	}
	if (tok[0] == '[')
		return parse_bracketed(tok, shown, err);
	if (tok.find('/') != std::string_view::npos)
		return parse_netmask(tok, shown, err);
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
		err = "bad host pattern " + quoted(shown);
		return std::nullopt;
	} else if (mixes_wildcard_and_dot_end(tok)) {
		err = "wildcard with a leading or trailing '.' in " +
		    quoted(shown);
		return std::nullopt;
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
				return make_network(*a, prefix_mask(*a, 32),
				    shown, err);
			ok = false;
			break;
		}
		if (!ok) {
			err = "bad address " + quoted(shown);
			return std::nullopt;
		}
	} else {
		p.what = kind::name;
		p.text = make_text_pattern(tok);
	}
	return p;
}

std::optional<host_pattern>
parse_client_pattern(std::string_view tok, std::string &err)
{
	auto at = tok.find('@');
	if (at != std::string_view::npos && at != 0) {
		// ALL@host needs nothing from the client's ident server, so
		// it is just host; any other user part would need an RFC 1413
		// lookup, which this implementation never makes.
		if (!iequals(tok.substr(0, at), "ALL")) {
			err = "ident lookups are not supported: " + quoted(tok);
			return std::nullopt;
		}
		return parse_host_pattern(tok.substr(at + 1), tok, err);
	}
	return parse_host_pattern(tok, tok, err);
}

std::optional<daemon_pattern>
parse_daemon_pattern(std::string_view tok, std::string &err)
{
	daemon_pattern d;
	if (tok[0] == '@') {
		err = "NIS netgroups are not supported: " + quoted(tok);
		return std::nullopt;
	}
	std::string_view name = tok;
	auto at = tok.find('@');
	if (at != std::string_view::npos) {
		name = tok.substr(0, at);
		auto h = parse_host_pattern(tok.substr(at + 1), tok, err);
		if (!h)
			return std::nullopt;
		// The server's own names would need a lookup per connection;
		// its addresses are known from the socket.
		using kind = host_pattern::kind;
		if (h->what != kind::all && h->what != kind::network &&
		    h->what != kind::address_text) {
			err = "server host names are not supported, use an "
			      "address: " + quoted(tok);
			return std::nullopt;
		}
		d.server = std::move(*h);
	}
	if (iequals(name, "ALL")) {
		d.all = true;
		return d;
	}
	if (is_client_keyword(name)) {
		err = "client pattern used as a daemon name: " + quoted(tok);
		return std::nullopt;
	}
	if (!is_name_text(name)) {
		err = "bad daemon name " + quoted(tok);
		return std::nullopt;
	}
	if (mixes_wildcard_and_dot_end(name)) {
		err = "wildcard with a leading or trailing '.' in " +
		    quoted(tok);
		return std::nullopt;
	}
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

template <class P, class Parse>
bool
parse_list(std::string_view field, const char *what, Parse parse_one,
    pattern_list<P> &out, std::string &err)
{
	auto words = split_list(field);
	if (words.empty()) {
		err = std::string("empty ") + what + " list";
		return false;
	}
	out.groups.emplace_back();
	for (auto w : words) {
		if (iequals(w, "EXCEPT")) {
			if (out.groups.back().empty()) {
				err = std::string("nothing before EXCEPT in "
				    "the ") + what + " list";
				return false;
			}
			out.groups.emplace_back();
			continue;
		}
		auto p = parse_one(w, err);
		if (!p)
			return false;
		out.groups.back().push_back(std::move(*p));
	}
	if (out.groups.back().empty()) {
		err = std::string("nothing after EXCEPT in the ") + what +
		    " list";
		return false;
	}
	return true;
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

// The hosts_options(5) keywords other than allow and deny.
bool
is_known_option(std::string_view key)
{
	static const char *const known[] = {"severity", "spawn", "twist",
	    "aclexec", "keepalive", "linger", "rfc931", "banners", "nice",
	    "setenv", "umask", "user"};
	for (const char *k : known)
		if (key == k)
			return true;
	return false;
}

bool
parse_options(std::string_view field, access_rule &r,
    std::vector<std::string> &warnings, std::string &err)
{
	auto opts = split_options(field);
	std::size_t last = opts.size();
	for (std::size_t i = 0; i < opts.size(); i++)
		if (!trim(opts[i]).empty())
			last = i;
	bool fail_closed = false;
	for (std::size_t i = 0; i < opts.size(); i++) {
		std::string_view o = trim(opts[i]);
		if (o.empty())
			continue;
		auto end = o.find_first_of(" \t=");
		std::string key = to_lower(o.substr(0, end));
		std::string_view value;
		if (end != std::string_view::npos)
			value = trim(o.substr(end));
		if (key == "allow" || key == "deny") {
			if (!value.empty()) {
				err = "option " + quoted(key) +
				    " takes no value";
				return false;
			}
			if (i != last) {
				err = "option " + quoted(key) +
				    " must be the last option";
				return false;
			}
			r.verdict = key == "allow" ? access_verdict::grant :
			    access_verdict::deny;
		} else if (key == "twist" || key == "aclexec") {
			// Both decide instead of the real server (twist
			// replaces it, aclexec's exit status grants); not
			// running them must not hand out the real service.
			fail_closed = true;
			warnings.push_back("option " + quoted(key) +
			    " not run (no shell commands are run), matching "
			    "connections are refused");
		} else if (is_known_option(key)) {
			warnings.push_back("option " + quoted(key) +
			    " ignored: no shell commands are run, only allow "
			    "and deny are acted on");
		} else {
			err = "unknown option " + quoted(key);
			return false;
		}
	}
	if (fail_closed)
		r.verdict = access_verdict::deny;
	return true;
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

std::optional<access_rule>
parse_rule(std::string_view text, std::vector<std::string> &warnings,
    std::string &err)
{
	auto f1 = split_outside_brackets(text, ':');
	if (!f1) {
		err = "missing ':' after daemon list " + quoted(trim(text));
		return std::nullopt;
	}
	std::string_view clients = f1->second, options;
	auto f2 = split_outside_brackets(f1->second, ':');
	if (f2) {
		clients = f2->first;
		options = f2->second;
	}
	access_rule r;
	if (!parse_list(f1->first, "daemon", parse_daemon_pattern, r.daemons,
	    err))
		return std::nullopt;
	if (!parse_list(clients, "client", parse_client_pattern, r.clients,
	    err))
		return std::nullopt;
	if (f2 && !parse_options(options, r, warnings, err))
		return std::nullopt;
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
		std::vector<std::string> warnings;
		std::string err;
		auto r = parse_rule(s, warnings, err);
		if (!r) {
			diags.error(start, err);
			return;
		}
		for (auto &w : warnings)
			diags.warning(start, std::move(w));
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

} // namespace net
