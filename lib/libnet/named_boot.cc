#include "libnet/named_boot.h"

#include <map>

#include "libnet/lexer.h"
#include "libnet/name_text.h"
#include "libnet/numparse.h"
#include "libnet/text.h"

namespace net {

namespace {

// What each directive takes, for the message about a line that does not.
struct directive {
	const char *name;
	const char *usage;
	std::size_t min_args;
	std::size_t max_args;
};

constexpr std::size_t many = ~std::size_t(0);

const directive directives[] = {
	{"directory", "directory path", 1, 1},
	{"primary", "primary zone file", 2, 2},
	{"secondary", "secondary zone address... [backup-file]", 2, many},
	{"stub", "stub zone address... [backup-file]", 2, many},
	{"cache", "cache . file", 2, 3},
	{"forwarders", "forwarders address...", 1, many},
	{"slave", "slave", 0, 0},
	{"sortlist", "sortlist network...", 1, many},
	{"xfrnets", "xfrnets network[&mask]...", 1, many},
	{"tcplist", "tcplist network[&mask]...", 1, many},
	{"bogusns", "bogusns address...", 1, many},
	{"limit", "limit name number", 2, 2},
	{"options", "options option...", 1, many},
	{"check-names",
	    "check-names primary|secondary|response warn|fail|ignore", 2, 2},
	{"include", "include file", 1, 1},
	{"key", "key name algorithm secret-file", 3, 3},
	{"server", "server address key name", 3, 3},
	{"rate-limit", "rate-limit setting value... | exempt network... | "
	    "log-only", 1, many},
	{"cookies", "cookies yes|no|require [secret-file]", 1, 2},
	{"domain", "domain name", 1, 1},
	{"suffixes", "suffixes name...", 0, many},
};

// TSIG algorithms (RFC 8945 section 6), and the name RFC 2845 gave MD5.
const char *const algorithms[] = {
	"hmac-md5", "hmac-sha1", "hmac-sha224", "hmac-sha256",
	"hmac-sha384", "hmac-sha512",
};

std::string
join_path(const std::string &dir, const std::string &file)
{
	if (file.empty() || file[0] == '/' || dir.empty())
		return file;
	if (dir.back() == '/')
		return dir + file;
	return dir + "/" + file;
}

// BIND 4's rule for a network written without a mask is the mask of its
// address class; ours widens it to cover every non-zero byte given, so
// "128.32.6.0" is the subnet 128.32.6/24 its writer meant rather than a
// network with bits outside its mask.
unsigned
natural_prefix(std::uint32_t a)
{
	unsigned p = (a >> 31) == 0 ? 8 : (a >> 30) == 2 ? 16 :
	    (a >> 29) == 6 ? 24 : 32;
	while (p < 32 && (a & (0xffffffffu >> p)) != 0)
		p += 8;
	return p;
}

class boot_parser {
public:
	boot_parser(named_boot &out, const include_opener &open)
	    : out_(out), open_(open)
	{
	}

	void parse(std::istream &in, std::string_view origin);

private:
	void on_line(const token_line &l, diag_sink &d);
	void on_zone(boot_zone_type type, const token_line &l, diag_sink &d);
	void on_include(const token_line &l, diag_sink &d);
	void on_limit(const token_line &l, diag_sink &d);
	void on_options(const token_line &l, diag_sink &d);
	void on_check_names(const token_line &l, diag_sink &d);
	void on_key(const token_line &l, diag_sink &d);
	void on_server(const token_line &l, diag_sink &d);
	void on_rate_limit(const token_line &l, diag_sink &d);
	void on_cookies(const token_line &l, diag_sink &d);
	void addresses(const token_line &l, diag_sink &d,
	    std::vector<boot_address> &to);
	void networks(const token_line &l, diag_sink &d,
	    std::vector<boot_network> &to);

	named_boot &out_;
	const include_opener &open_;
	std::vector<std::string> reading_;	// the include chain
	std::string directory_;			// in effect
	std::map<std::string, boot_place> zones_;	// folded name: first
	std::map<std::string, boot_place> keys_;
	std::size_t includes_ = 0;
};

boot_place
place(const diag_sink &d, unsigned line)
{
	return {std::string(d.origin()), line};
}

std::string
where_str(const boot_place &p)
{
	return p.origin + ":" + std::to_string(p.line);
}

void
boot_parser::parse(std::istream &in, std::string_view origin)
{
	diag_sink d(out_.diagnostics, origin);
	reading_.emplace_back(origin);
	// The manual: lines cannot be continued.  Neither are there quotes
	// or escapes: a file name is the word as written.
	lexer_options o;
	o.comment_chars = ";";
	o.quotes = false;
	o.escapes = false;
	lexer lx(in, d, o);
	token_line l;
	while (lx.next(l))
		on_line(l, d);
	reading_.pop_back();
}

void
boot_parser::on_line(const token_line &l, diag_sink &d)
{
	const std::string &kw = l.tokens[0].text;
	const directive *dir = nullptr;
	for (const auto &x : directives)
		if (iequals(kw, x.name))
			dir = &x;
	if (dir == nullptr) {
		d.error(l.line, "unknown directive " + quoted(kw));
		return;
	}
	std::size_t n = l.tokens.size() - 1;
	if (n < dir->min_args || n > dir->max_args) {
		d.error(l.line, std::string(dir->name) +
		    ": wrong number of arguments (expected '" + dir->usage +
		    "')");
		return;
	}
	std::string name = dir->name;
	const auto &t = l.tokens;
	if (name == "directory") {
		directory_ = t[1].text;
		out_.directory = directory_;
		out_.directory_where = place(d, l.line);
	} else if (name == "primary") {
		on_zone(boot_zone_type::primary, l, d);
	} else if (name == "secondary") {
		on_zone(boot_zone_type::secondary, l, d);
	} else if (name == "stub") {
		on_zone(boot_zone_type::stub, l, d);
	} else if (name == "cache") {
		on_zone(boot_zone_type::cache, l, d);
	} else if (name == "forwarders") {
		addresses(l, d, out_.forwarders);
	} else if (name == "slave") {
		out_.slave = place(d, l.line);
	} else if (name == "sortlist") {
		networks(l, d, out_.sortlist);
	} else if (name == "xfrnets" || name == "tcplist") {
		networks(l, d, out_.xfrnets);
	} else if (name == "bogusns") {
		addresses(l, d, out_.bogusns);
	} else if (name == "limit") {
		on_limit(l, d);
	} else if (name == "options") {
		on_options(l, d);
	} else if (name == "check-names") {
		on_check_names(l, d);
	} else if (name == "include") {
		on_include(l, d);
	} else if (name == "key") {
		on_key(l, d);
	} else if (name == "server") {
		on_server(l, d);
	} else if (name == "rate-limit") {
		on_rate_limit(l, d);
	} else if (name == "cookies") {
		on_cookies(l, d);
	} else {
		// The manual's NOTES: replaced by the resolver's search list.
		d.warning(l.line, name + " is obsolete and ignored");
	}
}

void
boot_parser::on_zone(boot_zone_type type, const token_line &l, diag_sink &d)
{
	const auto &t = l.tokens;
	const char *what = boot_zone_type_name(type);
	boot_zone z;
	z.type = type;
	z.where = place(d, l.line);
	z.directory = directory_;
	std::string why;
	auto name = absolute_name(t[1].text, ".", &why);
	if (!name) {
		d.error(l.line, std::string(what) + ": bad zone name " +
		    quoted(t[1].text) + ": " + why);
		return;
	}
	z.name = *name;
	if (type == boot_zone_type::cache) {
		if (z.name != ".") {
			d.error(l.line, "cache: the zone must be '.', not " +
			    quoted(t[1].text));
			return;
		}
		z.file = t[2].text;
		// BIND 4 read a refresh time here that it no longer used.
		if (t.size() > 3)
			d.warning(l.line, "cache: " + quoted(t[3].text) +
			    " after the file name ignored");
		out_.zones.push_back(std::move(z));
		return;
	}
	if (type == boot_zone_type::primary) {
		z.file = t[2].text;
	} else {
		// The manual: "The first non-dotted-quad address on this line
		// will be taken as a filename", and nothing may follow it.
		std::size_t i = 2;
		for (; i < t.size(); i++) {
			auto a = address::parse(t[i].text);
			if (!a)
				break;
			z.masters.push_back(*a);
		}
		if (z.masters.empty()) {
			d.error(l.line, std::string(what) + " " +
			    quoted(t[1].text) + ": no master address");
			return;
		}
		if (z.masters.size() > boot_max_masters) {
			d.error(l.line, std::string(what) + " " +
			    quoted(t[1].text) + ": more than " +
			    std::to_string(boot_max_masters) +
			    " master addresses");
			return;
		}
		if (i < t.size()) {
			z.file = t[i].text;
			if (z.file.find_first_not_of("0123456789.") ==
			    std::string::npos)
				d.warning(l.line, std::string(what) +
				    ": backup file " + quoted(z.file) +
				    " looks like a mistyped address");
		}
		if (i + 1 < t.size()) {
			d.error(l.line, std::string(what) + ": " +
			    quoted(t[i + 1].text) + " after the backup file");
			return;
		}
	}
	std::string key = to_lower(z.name);
	auto [it, fresh] = zones_.emplace(key, z.where);
	if (!fresh) {
		d.error(l.line, std::string(what) + ": zone " +
		    quoted(z.name) + " already given at " +
		    where_str(it->second));
		return;
	}
	out_.zones.push_back(std::move(z));
}

void
boot_parser::on_include(const token_line &l, diag_sink &d)
{
	std::string path = join_path(directory_, l.tokens[1].text);
	std::vector<std::string_view> reading(reading_.begin(),
	    reading_.end());
	auto in = open_include(open_, "include", path, reading,
	    boot_include_depth, boot_max_includes, includes_, d, l.line);
	if (!in)
		return;
	parse(*in, path);
}

void
boot_parser::on_limit(const token_line &l, diag_sink &d)
{
	const std::string &what = l.tokens[1].text;
	const std::string &num = l.tokens[2].text;
	std::optional<boot_limit> *to = nullptr;
	if (iequals(what, "transfers-in"))
		to = &out_.transfers_in;
	else if (iequals(what, "transfers-per-ns"))
		to = &out_.transfers_per_ns;
	else if (iequals(what, "files"))
		to = &out_.files;
	else if (iequals(what, "datasize"))
		to = &out_.datasize;
	if (to == nullptr) {
		d.error(l.line, "limit: unknown limit " + quoted(what));
		return;
	}
	std::uint64_t scale = 1;
	std::string_view digits = num;
	if (to == &out_.datasize && !digits.empty()) {
		switch (digits.back()) {
		case 'k': case 'K':
			scale = 1024;
			break;
		case 'm': case 'M':
			scale = 1024 * 1024;
			break;
		case 'g': case 'G':
			scale = 1024 * 1024 * 1024;
			break;
		}
		if (scale != 1)
			digits.remove_suffix(1);
	}
	auto v = parse_uint(digits, 0, UINT64_MAX / scale);
	if (!v) {
		d.error(l.line, "limit " + what + ": bad number " +
		    quoted(num));
		return;
	}
	*to = boot_limit{*v * scale, place(d, l.line)};
}

void
boot_parser::on_options(const token_line &l, diag_sink &d)
{
	auto &o = out_.options;
	for (std::size_t i = 1; i < l.tokens.size(); i++) {
		const std::string &opt = l.tokens[i].text;
		std::optional<boot_place> *to = nullptr;
		if (iequals(opt, "no-recursion"))
			to = &o.no_recursion;
		else if (iequals(opt, "no-fetch-glue"))
			to = &o.no_fetch_glue;
		else if (iequals(opt, "query-log"))
			to = &o.query_log;
		else if (iequals(opt, "forward-only"))
			to = &o.forward_only;
		else if (iequals(opt, "fake-iquery"))
			to = &o.fake_iquery;
		if (to == nullptr)
			d.error(l.line, "options: unknown option " +
			    quoted(opt));
		else
			*to = place(d, l.line);
	}
}

void
boot_parser::on_check_names(const token_line &l, diag_sink &d)
{
	const std::string &kind = l.tokens[1].text;
	const std::string &act = l.tokens[2].text;
	boot_check_names *to = nullptr;
	if (iequals(kind, "primary"))
		to = &out_.check_primary;
	else if (iequals(kind, "secondary"))
		to = &out_.check_secondary;
	else if (iequals(kind, "response"))
		to = &out_.check_response;
	if (to == nullptr) {
		d.error(l.line, "check-names: " + quoted(kind) +
		    " is not primary, secondary or response");
		return;
	}
	boot_check c;
	if (iequals(act, "warn"))
		c = boot_check::warn;
	else if (iequals(act, "fail"))
		c = boot_check::fail;
	else if (iequals(act, "ignore"))
		c = boot_check::ignore;
	else {
		d.error(l.line, "check-names: " + quoted(act) +
		    " is not warn, fail or ignore");
		return;
	}
	*to = boot_check_names{c, place(d, l.line)};
}

void
boot_parser::on_key(const token_line &l, diag_sink &d)
{
	const auto &t = l.tokens;
	std::string why;
	auto name = absolute_name(t[1].text, ".", &why);
	if (!name) {
		d.error(l.line, "key: bad key name " + quoted(t[1].text) +
		    ": " + why);
		return;
	}
	std::string alg = to_lower(t[2].text);
	if (alg == "hmac-md5.sig-alg.reg.int" ||
	    alg == "hmac-md5.sig-alg.reg.int.")
		alg = "hmac-md5";
	bool known = false;
	for (const char *a : algorithms)
		if (alg == a)
			known = true;
	if (!known) {
		d.error(l.line, "key " + quoted(*name) +
		    ": unknown algorithm " + quoted(t[2].text));
		return;
	}
	boot_key k{*name, alg, t[3].text, directory_, place(d, l.line)};
	auto [it, fresh] = keys_.emplace(to_lower(*name), k.where);
	if (!fresh) {
		d.error(l.line, "key " + quoted(*name) + " already given at " +
		    where_str(it->second));
		return;
	}
	out_.keys.push_back(std::move(k));
}

void
boot_parser::on_server(const token_line &l, diag_sink &d)
{
	const auto &t = l.tokens;
	auto a = address::parse(t[1].text);
	if (!a) {
		d.error(l.line, "server: bad address " + quoted(t[1].text));
		return;
	}
	if (to_lower(t[2].text) != "key") {
		d.error(l.line, "server " + t[1].text + ": expected \"key\", "
		    "not " + quoted(t[2].text));
		return;
	}
	std::string why;
	auto name = absolute_name(t[3].text, ".", &why);
	if (!name) {
		d.error(l.line, "server " + t[1].text + ": bad key name " +
		    quoted(t[3].text) + ": " + why);
		return;
	}
	for (const auto &s : out_.servers)
		if (same_host(s.addr, *a)) {
			d.error(l.line, "server " + t[1].text +
			    ": already given at " + where_str(s.where));
			return;
		}
	out_.servers.push_back({a->unmapped(), *name, place(d, l.line)});
}

// The settings of rate-limit lines, with their ranges (BIND 9's where it
// has the setting).
struct rate_setting {
	const char *name;
	std::optional<unsigned> boot_rate_limit::*field;
	unsigned min, max;
};

const rate_setting rate_settings[] = {
	{"responses", &boot_rate_limit::responses, 0, 1000000},
	{"nodata", &boot_rate_limit::nodata, 0, 1000000},
	{"nxdomains", &boot_rate_limit::nxdomains, 0, 1000000},
	{"referrals", &boot_rate_limit::referrals, 0, 1000000},
	{"errors", &boot_rate_limit::errors, 0, 1000000},
	{"window", &boot_rate_limit::window, 1, 3600},
	{"slip", &boot_rate_limit::slip, 0, 10},
	{"ipv4-prefix", &boot_rate_limit::ipv4_prefix, 0, 32},
	{"ipv6-prefix", &boot_rate_limit::ipv6_prefix, 0, 128},
	{"table-size", &boot_rate_limit::table_size, 1, 1u << 24},
};

void
boot_parser::on_rate_limit(const token_line &l, diag_sink &d)
{
	const auto &t = l.tokens;
	if (!out_.rate_limit)
		out_.rate_limit.emplace();
	boot_rate_limit &rl = *out_.rate_limit;
	rl.where = place(d, l.line);
	if (iequals(t[1].text, "exempt")) {
		if (t.size() < 3) {
			d.error(l.line, "rate-limit exempt: no network");
			return;
		}
		token_line nets;
		nets.line = l.line;
		nets.tokens.assign(t.begin() + 1, t.end());
		networks(nets, d, rl.exempt);
		return;
	}
	for (std::size_t i = 1; i < t.size(); i++) {
		const std::string &what = t[i].text;
		if (iequals(what, "log-only")) {
			rl.log_only = true;
			continue;
		}
		const rate_setting *s = nullptr;
		for (const auto &x : rate_settings)
			if (iequals(what, x.name))
				s = &x;
		if (s == nullptr) {
			d.error(l.line, "rate-limit: unknown setting " +
			    quoted(what));
			return;
		}
		if (i + 1 == t.size()) {
			d.error(l.line, "rate-limit " + what + ": no value");
			return;
		}
		const std::string &num = t[++i].text;
		auto v = parse_uint(num, s->min, s->max);
		if (!v) {
			d.error(l.line, "rate-limit " + what + ": " +
			    quoted(num) + " is not a number from " +
			    std::to_string(s->min) + " to " +
			    std::to_string(s->max));
			return;
		}
		rl.*(s->field) = static_cast<unsigned>(*v);
	}
}

void
boot_parser::on_cookies(const token_line &l, diag_sink &d)
{
	const auto &t = l.tokens;
	boot_cookies c;
	if (iequals(t[1].text, "yes"))
		c.mode = boot_cookie_mode::yes;
	else if (iequals(t[1].text, "no"))
		c.mode = boot_cookie_mode::no;
	else if (iequals(t[1].text, "require"))
		c.mode = boot_cookie_mode::require;
	else {
		d.error(l.line, "cookies: " + quoted(t[1].text) +
		    " is not yes, no or require");
		return;
	}
	if (t.size() > 2)
		c.secret_file = t[2].text;
	c.directory = directory_;
	c.where = place(d, l.line);
	if (out_.cookies)
		d.warning(l.line, "cookies: replaces the line at " +
		    where_str(out_.cookies->where));
	out_.cookies = std::move(c);
}

void
boot_parser::addresses(const token_line &l, diag_sink &d,
    std::vector<boot_address> &to)
{
	for (std::size_t i = 1; i < l.tokens.size(); i++) {
		const std::string &s = l.tokens[i].text;
		auto a = address::parse(s);
		if (!a) {
			d.error(l.line, l.tokens[0].text + ": bad address " +
			    quoted(s));
			continue;
		}
		to.push_back({*a, place(d, l.line)});
	}
}

void
boot_parser::networks(const token_line &l, diag_sink &d,
    std::vector<boot_network> &to)
{
	for (std::size_t i = 1; i < l.tokens.size(); i++) {
		std::string s = l.tokens[i].text;
		auto amp = s.find('&');
		if (amp != std::string::npos)
			s[amp] = '/';
		std::optional<cidr> c;
		auto a = address::parse(s);
		if (a && a->is_v4())
			c = cidr(*a, natural_prefix(a->v4_value()));
		else
			c = cidr::parse(s);
		if (!c) {
			d.error(l.line, l.tokens[0].text + ": bad network " +
			    quoted(l.tokens[i].text));
			continue;
		}
		auto slash = s.find('/');
		auto given = address::parse(
		    std::string_view(s).substr(0, slash));
		if (given && !(*given == c->network()))
			d.warning(l.line, l.tokens[0].text + ": " +
			    quoted(l.tokens[i].text) +
			    " has bits outside its mask; taken as " +
			    c->str());
		to.push_back({*c, place(d, l.line)});
	}
}

} // namespace

std::string
boot_zone::path() const
{
	return join_path(directory, file);
}

std::string
boot_key::path() const
{
	return join_path(directory, secret_file);
}

std::string
boot_cookies::path() const
{
	return join_path(directory, secret_file);
}

bool
named_boot::has_errors() const
{
	for (const auto &d : diagnostics)
		if (d.level == severity::error)
			return true;
	return false;
}

const char *
boot_zone_type_name(boot_zone_type t)
{
	switch (t) {
	case boot_zone_type::primary:
		return "primary";
	case boot_zone_type::secondary:
		return "secondary";
	case boot_zone_type::stub:
		return "stub";
	case boot_zone_type::cache:
		return "cache";
	}
	return "?";
}

named_boot
parse_named_boot(std::istream &in, std::string_view origin,
    const include_opener &open)
{
	named_boot out;
	boot_parser p(out, open);
	p.parse(in, origin);
	// The manual: "If slave is used, then you must specify forwarders."
	if (out.forwarders.empty()) {
		if (out.slave)
			out.diagnostics.push_back({out.slave->origin,
			    out.slave->line, "slave without forwarders",
			    severity::error});
		if (const auto &f = out.options.forward_only)
			out.diagnostics.push_back({f->origin, f->line,
			    "forward-only without forwarders",
			    severity::error});
	}
	// A server line may come before the key line it names.
	for (const auto &sv : out.servers) {
		bool known = false;
		for (const auto &k : out.keys)
			if (to_lower(k.name) == to_lower(sv.key))
				known = true;
		if (!known)
			out.diagnostics.push_back({sv.where.origin,
			    sv.where.line, "server " + sv.addr.str() +
			    ": no key line gives the key " + quoted(sv.key),
			    severity::error});
	}
	return out;
}

} // namespace net
