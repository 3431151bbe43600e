#include "libnet/master_file.h"

#include "libnet/dns_rdata.h"

#include "libnet/name_text.h"
#include "libnet/numparse.h"
#include "libnet/text.h"

namespace net {

namespace {

bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

bool
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

std::string
upper(std::string_view s)
{
	std::string out(s);
	for (char &c : out)
		if (c >= 'a' && c <= 'z')
			c = static_cast<char>(c - 'a' + 'A');
	return out;
}

// RFC 2181 section 8: a TTL is 31 bits; a larger one is read as 0 by
// some resolvers.
constexpr std::uint32_t max_sane_ttl = 0x7fffffff;

enum class class_word { no, yes, bad };

// Whether s is a class (IN, CH, HS, CS, CLASSnnn, and BIND's spellings
// CHAOS and HESIOD), and which, in the form records carry.
class_word
read_class(std::string_view s, std::string &out)
{
	std::string u = upper(s);
	if (u == "IN" || u == "CH" || u == "HS" || u == "CS") {
		out = u;
		return class_word::yes;
	}
	if (u == "CHAOS" || u == "HESIOD") {
		out = u == "CHAOS" ? "CH" : "HS";
		return class_word::yes;
	}
	// RFC 3597 section 5.
	if (u.size() > 5 && u.compare(0, 5, "CLASS") == 0 &&
	    is_digit(u[5])) {
		if (!parse_uint(std::string_view(u).substr(5), 0, 65535))
			return class_word::bad;
		out = u;
		return class_word::yes;
	}
	return class_word::no;
}

// A type mnemonic or RFC 3597 TYPEnnn: what the type field can hold.
bool
is_type_word(std::string_view s)
{
	if (s.empty() || !is_alpha(s[0]))
		return false;
	for (char c : s)
		if (!is_alpha(c) && !is_digit(c) && c != '-')
			return false;
	return true;
}

} // namespace

lexer_options
master_lexer_options()
{
	lexer_options o;
	o.comment_chars = ";";
	o.parentheses = true;
	o.quotes = true;
	o.escapes = true;
	return o;
}

struct master_reader::frame {
	std::unique_ptr<std::istream> owned;	// null for the top file
	diag_sink sink;
	lexer lex;
	std::string file;
	std::string origin;
	// The last owner named in this file (an included file starts
	// without one, and its includer's comes back after it).
	std::string owner;
	bool owner_bad = false;		// reported: its indented lines too
	bool warned_minimum = false;

	frame(std::istream &in, std::unique_ptr<std::istream> own,
	    std::vector<diagnostic> &d, std::string_view f, std::string o)
	    : owned(std::move(own)), sink(d, f),
	      lex(in, sink, master_lexer_options()), file(f),
	      origin(std::move(o))
	{
	}
};

master_reader::master_reader(std::istream &in, std::string_view file,
    std::string_view origin, std::vector<diagnostic> &diags,
    include_opener open)
    : diags_(diags), open_(std::move(open))
{
	std::string o(origin);
	if (!is_absolute_name(o))
		o += '.';
	if (auto why = check_name_text(o)) {
		diags_.push_back({std::string(file), 0,
		    "bad origin " + quoted(origin) + ": " + *why,
		    severity::error});
		return;
	}
	frames_.push_back(
	    std::make_unique<frame>(in, nullptr, diags_, file, std::move(o)));
}

master_reader::~master_reader() = default;

bool
master_reader::next(master_record &out)
{
	token_line &l = line_;
	while (!frames_.empty()) {
		frame &f = *frames_.back();
		if (!f.lex.next(l)) {
			frames_.pop_back();
			continue;
		}
		const token &first = l.tokens[0];
		if (!first.quoted && first.text[0] == '$') {
			on_directive(l);
			continue;
		}
		if (on_record(l, out))
			return true;
	}
	return false;
}

bool
master_reader::on_directive(const token_line &l)
{
	frame &f = *frames_.back();
	diag_sink &d = f.sink;
	const auto &t = l.tokens;
	std::string kw = upper(t[0].text);
	std::size_t n = t.size() - 1;
	std::string why;
	if (kw == "$ORIGIN") {
		if (n != 1 || t[1].quoted) {
			d.error(l.line, "$ORIGIN: expected one domain name");
			return false;
		}
		auto o = absolute_name(t[1].text, f.origin, &why);
		if (!o) {
			d.error(l.line, "$ORIGIN: bad name " +
			    quoted(t[1].text) + ": " + why);
			return false;
		}
		f.origin = *o;
	} else if (kw == "$TTL") {
		if (n != 1 || t[1].quoted) {
			d.error(l.line, "$TTL: expected one TTL");
			return false;
		}
		auto v = dns::parse_duration(t[1].text);
		if (!v) {
			d.error(l.line, "$TTL: bad TTL " + quoted(t[1].text));
			return false;
		}
		if (*v > max_sane_ttl)
			d.warning(l.line, "$TTL " + std::to_string(*v) +
			    " is over 2147483647 (RFC 2181 section 8)");
		default_ttl_ = *v;
	} else if (kw == "$INCLUDE") {
		if (n < 1 || n > 2) {
			d.error(l.line, "$INCLUDE: expected a file name and "
			    "an optional origin");
			return false;
		}
		std::string origin = f.origin;
		if (n == 2) {
			auto o = absolute_name(t[2].text, f.origin, &why);
			if (t[2].quoted || !o) {
				d.error(l.line, "$INCLUDE: bad origin " +
				    quoted(t[2].text) +
				    (t[2].quoted ? "" : ": " + why));
				return false;
			}
			origin = *o;
		}
		include(l, t[1].text, origin);
	} else {
		d.error(l.line, "unknown directive " + quoted(t[0].text));
		return false;
	}
	return true;
}

void
master_reader::include(const token_line &l, const std::string &path,
    const std::string &origin)
{
	diag_sink &d = frames_.back()->sink;
	std::vector<std::string_view> reading;
	for (const auto &fr : frames_)
		reading.push_back(fr->file);
	auto in = open_include(open_, "$INCLUDE", path, reading,
	    master_include_depth, master_max_includes, includes_, d, l.line);
	if (!in)
		return;
	std::istream &ref = *in;
	frames_.push_back(std::make_unique<frame>(ref, std::move(in), diags_,
	    path, origin));
}

bool
master_reader::on_record(token_line &l, master_record &out)
{
	frame &f = *frames_.back();
	diag_sink &d = f.sink;
	auto &t = l.tokens;
	std::size_t i = 0;
	if (!l.indented) {
		std::string why;
		auto o = t[0].quoted ? std::nullopt :
		    absolute_name(t[0].text, f.origin, &why);
		if (!o) {
			d.error(l.line, "bad owner name " + quoted(t[0].text) +
			    (t[0].quoted ? ": quoted" : ": " + why));
			f.owner.clear();
			f.owner_bad = true;
			return false;
		}
		f.owner = std::move(*o);
		f.owner_bad = false;
		i = 1;
	} else if (f.owner.empty()) {
		// After a bad owner its indented lines are its records: the
		// error was told once.
		if (!f.owner_bad)
			d.error(l.line, "no owner: the line begins with a "
			    "blank, but no record before it in this file "
			    "named one");
		return false;
	}

	// The TTL and the class, in either order (RFC 1035 section 5.1).
	std::optional<std::uint32_t> ttl;
	std::string cls;
	while (i < t.size() && !t[i].quoted) {
		const std::string &s = t[i].text;
		if (!ttl && is_digit(s[0])) {
			ttl = dns::parse_duration(s);
			if (!ttl) {
				d.error(l.line, "bad TTL " + quoted(s));
				return false;
			}
			i++;
			continue;
		}
		if (!cls.empty())
			break;
		auto c = read_class(s, cls);
		if (c == class_word::bad) {
			d.error(l.line, "bad class " + quoted(s));
			return false;
		}
		if (c == class_word::no)
			break;
		i++;
	}
	if (i == t.size()) {
		d.error(l.line, "missing type");
		return false;
	}
	std::string again;
	if (!t[i].quoted && read_class(t[i].text, again) != class_word::no) {
		d.error(l.line, "class given twice: " + quoted(t[i].text));
		return false;
	}
	if (t[i].quoted || !is_type_word(t[i].text)) {
		d.error(l.line, "bad type " + quoted(t[i].text));
		return false;
	}
	out.type = t[i].text;
	for (char &c : out.type)
		if (c >= 'a' && c <= 'z')
			c = static_cast<char>(c - 'a' + 'A');
	const std::string &type = out.type;
	std::size_t rdata = i + 1;

	// RFC 1035's SOA minimum was the default TTL of the zone's records
	// (the manual: "the time-to-live used by records in the file with no
	// explicit time-to-live value"), its seventh field.
	if (type == "SOA" && !soa_minimum_ && t.size() > rdata + 6 &&
	    !t[rdata + 6].quoted)
		soa_minimum_ = dns::parse_duration(t[rdata + 6].text);

	std::uint32_t v;
	if (ttl) {
		v = *ttl;
		if (v > max_sane_ttl)
			d.warning(l.line, "TTL " + std::to_string(v) +
			    " is over 2147483647 (RFC 2181 section 8)");
	} else if (default_ttl_) {
		v = *default_ttl_;
	} else if (soa_minimum_) {
		v = *soa_minimum_;
		if (!f.warned_minimum) {
			f.warned_minimum = true;
			d.warning(l.line, "no $TTL: records without a TTL "
			    "take the SOA minimum, " + std::to_string(v));
		}
	} else if (last_ttl_) {
		v = *last_ttl_;
	} else {
		d.error(l.line, "no TTL, and no $TTL, SOA minimum or record "
		    "before it to take one from");
		return false;
	}
	last_ttl_ = v;
	if (!cls.empty())
		last_class_ = cls;

	out.owner = f.owner;
	out.ttl = v;
	out.rr_class = last_class_;
	out.rdata.resize(t.size() - rdata);
	for (std::size_t k = rdata; k < t.size(); k++)
		out.rdata[k - rdata] = std::move(t[k]);
	out.origin = f.origin;
	out.file = f.file;
	out.line = l.line;
	return true;
}

parsed<master_record>
parse_master_file(std::istream &in, std::string_view file,
    std::string_view origin, const include_opener &open)
{
	parsed<master_record> p;
	master_reader r(in, file, origin, p.diagnostics, open);
	master_record rec;
	while (r.next(rec))
		p.entries.push_back(std::move(rec));
	return p;
}

} // namespace net
