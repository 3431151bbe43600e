#include "libnet/inetd_conf.h"

#include "libnet/addr.h"
#include "libnet/numparse.h"
#include "libnet/text.h"

namespace net {

namespace {

constexpr std::size_t max_args = 64;
constexpr const char *internal_names[] = {"echo", "discard", "chargen",
    "daytime", "time"};

struct proto_name {
	const char *name;
	inetd_proto proto;
};
constexpr proto_name proto_names[] = {
    {"tcp", inetd_proto::tcp},
    {"udp", inetd_proto::udp},
    {"tcp4", inetd_proto::tcp4},
    {"udp4", inetd_proto::udp4},
    {"tcp6", inetd_proto::tcp6},
    {"udp6", inetd_proto::udp6},
    {"tcp46", inetd_proto::tcp46},
    {"udp46", inetd_proto::udp46},
    {"unix", inetd_proto::unix_stream},
};


bool
is_internal_name(std::string_view s)
{
	for (const char *n : internal_names)
		if (s == n)
			return true;
	return false;
}

// An address as written before the service: "*", an IPv4 literal, a
// bracketed IPv6 literal, or a host name for inetd to resolve.
bool
check_address(std::string_view a, std::string &why)
{
	if (a == "*")
		return true;
	if (a.size() >= 2 && a.front() == '[' && a.back() == ']') {
		auto v6 = address::parse(a.substr(1, a.size() - 2));
		if (v6 && v6->is_v6())
			return true;
		why = "bad IPv6 address " + quoted(a);
		return false;
	}
	if (a.find(':') != std::string_view::npos) {
		why = "IPv6 address " + quoted(a) + " needs brackets, as in "
		    "[::1]:service";
		return false;
	}
	if (!is_plain_name(a)) {
		why = "bad address " + quoted(a);
		return false;
	}
	return true;
}

// Splits "addr,addr" into addresses; false (and why) if one is bad.
bool
parse_address_list(std::string_view list, std::vector<std::string> &out,
    std::string &why)
{
	out.clear();
	for (auto a : split(list, ',')) {
		if (a.empty()) {
			why = "empty address in " + quoted(list);
			return false;
		}
		if (!check_address(a, why))
			return false;
		out.emplace_back(a);
	}
	return true;
}

// The position of the ':' that ends an address prefix in a service field,
// or npos when there is none.
std::size_t
address_prefix_end(std::string_view f)
{
	if (!f.empty() && f.front() == '[') {
		// "[v6]:svc" or "[v6],[v6]:svc": the last "]:" ends the list.
		auto pos = f.rfind("]:");
		return pos == std::string_view::npos ? pos : pos + 1;
	}
	return f.rfind(':');
}

std::optional<int>
parse_bufsize(std::string_view s)
{
	std::uint64_t mul = 1;
	if (!s.empty() && (s.back() == 'k' || s.back() == 'K')) {
		mul = 1024;
		s.remove_suffix(1);
	} else if (!s.empty() && (s.back() == 'm' || s.back() == 'M')) {
		mul = 1024 * 1024;
		s.remove_suffix(1);
	}
	auto n = parse_uint(s, 1, 256ULL * 1024 * 1024);
	if (!n || *n * mul > 256ULL * 1024 * 1024)
		return std::nullopt;
	return static_cast<int>(*n * mul);
}

class line_parser {
public:
	line_parser(diag_sink &diags, std::string_view origin)
	    : diags_(diags), origin_(origin)
	{
	}

	void parse(std::string_view line, unsigned n,
	    std::vector<inetd_item> &out);

private:
	bool parse_proto(std::string_view f, inetd_entry &e);
	bool parse_wait(std::string_view f, inetd_entry &e);
	bool parse_user(std::string_view f, inetd_entry &e);
	bool parse_program(const std::vector<std::string_view> &f,
	    inetd_entry &e);
	void
	error(std::string msg)
	{
		diags_.error(line_, std::move(msg));
	}

	diag_sink &diags_;
	std::string origin_;
	unsigned line_ = 0;
	std::vector<std::string> default_addresses_;
};

void
line_parser::parse(std::string_view text, unsigned n,
    std::vector<inetd_item> &out)
{
	line_ = n;
	auto f = split_fields(text);
	if (f.empty() || f[0].front() == '#')
		return;
	if (f[0] == ".include") {
		if (f.size() != 2) {
			error(".include takes exactly one path");
			return;
		}
		out.emplace_back(inetd_include{std::string(f[1]), origin_, n});
		return;
	}
	if (f.size() == 1 && f[0].size() > 1 && f[0].back() == ':') {
		// "addr:" alone sets the address for the lines after it.
		std::string_view list = f[0].substr(0, f[0].size() - 1);
		std::vector<std::string> addrs;
		std::string why;
		if (!parse_address_list(list, addrs, why)) {
			error(why);
			return;
		}
		if (addrs.size() == 1 && addrs[0] == "*")
			addrs.clear();
		default_addresses_ = std::move(addrs);
		return;
	}
	if (f.size() < 6) {
		error("expected at least 6 fields (service socktype protocol "
		      "wait|nowait user program), found " +
		    std::to_string(f.size()));
		return;
	}
	inetd_entry e;
	e.origin = origin_;
	e.line = n;
	// Lines for what other inetds serve are well formed there: they
	// are returned marked, for inetd to report and leave out, not
	// taken for typing mistakes.
	std::string_view proto = split(f[2], ',')[0];
	if (proto.substr(0, 4) == "rpc/") {
		e.unsupported = "rpc services are not supported";
		out.emplace_back(std::move(e));
		return;
	}
	if (f[1] == "raw" || f[1] == "rdm" || f[1] == "seqpacket") {
		e.unsupported = "socket type " + quoted(f[1]) +
		    " is not supported";
		out.emplace_back(std::move(e));
		return;
	}
	if (!parse_proto(f[2], e))
		return;

	std::string_view svc = f[0];
	if (e.proto == inetd_proto::unix_stream) {
		// A path: colons in it are not an address prefix.
		if (svc.empty() || svc.front() != '/') {
			error("unix socket path " + quoted(svc) +
			    " must be absolute");
			return;
		}
	} else {
		auto colon = address_prefix_end(svc);
		e.addresses = default_addresses_;
		if (colon != std::string_view::npos) {
			std::string why;
			if (!parse_address_list(svc.substr(0, colon),
				e.addresses, why)) {
				error(why);
				return;
			}
			if (e.addresses.size() == 1 && e.addresses[0] == "*")
				e.addresses.clear();
			svc = svc.substr(colon + 1);
		}
		if (!is_plain_name(svc)) {
			error("bad service name " + quoted(svc));
			return;
		}
		if (auto port = parse_uint(svc); port && *port > 65535) {
			error("port " + quoted(svc) + " out of range");
			return;
		}
	}
	e.service = std::string(svc);

	if (f[1] == "stream") {
		e.socktype = inetd_socktype::stream;
	} else if (f[1] == "dgram") {
		e.socktype = inetd_socktype::dgram;
	} else {
		error("unknown socket type " + quoted(f[1]) +
		    " (stream or dgram)");
		return;
	}
	bool stream_proto = inetd_proto_is_stream(e.proto);
	if (stream_proto != (e.socktype == inetd_socktype::stream)) {
		error("socket type " + quoted(f[1]) +
		    " does not go with protocol " +
		    quoted(inetd_proto_name(e.proto)));
		return;
	}
	if (!parse_wait(f[3], e) || !parse_user(f[4], e))
		return;
	if (!parse_program(f, e))
		return;
	out.emplace_back(std::move(e));
}

bool
line_parser::parse_proto(std::string_view f, inetd_entry &e)
{
	auto parts = split(f, ',');
	bool found = false;
	for (const auto &p : proto_names)
		if (parts[0] == p.name) {
			e.proto = p.proto;
			found = true;
		}
	if (!found) {
		error("unknown protocol " + quoted(parts[0]) +
		    " (tcp udp tcp4 udp4 tcp6 udp6 tcp46 udp46 unix)");
		return false;
	}
	for (std::size_t i = 1; i < parts.size(); i++) {
		auto eq = parts[i].find('=');
		std::string_view key = parts[i].substr(0, eq);
		if (eq == std::string_view::npos ||
		    (key != "sndbuf" && key != "rcvbuf")) {
			error("unknown protocol option " + quoted(parts[i]) +
			    " (sndbuf=N or rcvbuf=N)");
			return false;
		}
		auto size = parse_bufsize(parts[i].substr(eq + 1));
		if (!size) {
			error("bad buffer size in " + quoted(parts[i]));
			return false;
		}
		(key == "sndbuf" ? e.sndbuf : e.rcvbuf) = *size;
	}
	return true;
}

bool
line_parser::parse_wait(std::string_view f, inetd_entry &e)
{
	auto parts = split(f, '.');
	if (parts[0] == "wait") {
		e.wait = true;
	} else if (parts[0] == "nowait") {
		e.wait = false;
	} else {
		if (f.find('/') != std::string_view::npos)
			error("bad wait field " + quoted(f) +
			    ": limits are written nowait.max.per-source");
		else
			error("expected wait or nowait, found " + quoted(f));
		return false;
	}
	if (parts.size() > 3) {
		error("bad wait field " + quoted(f) +
		    " (wait|nowait[.max[.per-source]])");
		return false;
	}
	if (parts.size() >= 2) {
		auto m = parse_uint(parts[1], 0, 1000000);
		if (!m) {
			error("bad maximum " + quoted(parts[1]) + " in " +
			    quoted(f));
			return false;
		}
		e.max_children = static_cast<unsigned>(*m);
	}
	if (parts.size() == 3) {
		auto m = parse_uint(parts[2], 0, 1000000);
		if (!m) {
			error("bad per-source maximum " + quoted(parts[2]) +
			    " in " + quoted(f));
			return false;
		}
		e.max_per_source = static_cast<unsigned>(*m);
	}
	return true;
}

bool
line_parser::parse_user(std::string_view f, inetd_entry &e)
{
	auto sep = f.find(':');
	if (sep == std::string_view::npos)
		sep = f.find('.');
	std::string_view user = f.substr(0, sep);
	std::string_view group = sep == std::string_view::npos
	    ? std::string_view{}
	    : f.substr(sep + 1);
	if (!is_plain_name(user)) {
		error("bad user name " + quoted(user));
		return false;
	}
	if (sep != std::string_view::npos && !is_plain_name(group)) {
		error("bad group name " + quoted(group));
		return false;
	}
	e.user = std::string(user);
	e.group = std::string(group);
	return true;
}

bool
line_parser::parse_program(const std::vector<std::string_view> &f,
    inetd_entry &e)
{
	std::string_view prog = f[5];
	if (prog == "internal") {
		e.internal = true;
		if (f.size() > 7) {
			error("internal service takes at most one argument, "
			      "its name");
			return false;
		}
		std::string_view name = f.size() == 7 ? f[6] : e.service;
		if (!is_internal_name(name)) {
			if (f.size() == 7 || e.proto == inetd_proto::unix_stream)
				error("unknown internal service " +
				    quoted(name) +
				    " (echo discard chargen daytime time)");
			else
				error("no internal service named " +
				    quoted(name) + "; on another port "
				    "write its name after internal, as in "
				    "'internal echo'");
			return false;
		}
		e.program = std::string(name);
		return true;
	}
	if (prog.empty() || prog.front() != '/') {
		error("program " + quoted(prog) +
		    " must be an absolute path or internal");
		return false;
	}
	if (f.size() - 6 > max_args) {
		error("more than " + std::to_string(max_args) + " arguments");
		return false;
	}
	e.program = std::string(prog);
	for (std::size_t i = 6; i < f.size(); i++)
		e.argv.emplace_back(f[i]);
	if (e.argv.empty()) {
		auto slash = prog.rfind('/');
		e.argv.emplace_back(prog.substr(slash + 1));
	}
	return true;
}

} // namespace

const char *
inetd_proto_name(inetd_proto p)
{
	for (const auto &n : proto_names)
		if (n.proto == p)
			return n.name;
	return "?";
}

bool
inetd_proto_is_stream(inetd_proto p)
{
	switch (p) {
	case inetd_proto::tcp:
	case inetd_proto::tcp4:
	case inetd_proto::tcp6:
	case inetd_proto::tcp46:
	case inetd_proto::unix_stream:
		return true;
	case inetd_proto::udp:
	case inetd_proto::udp4:
	case inetd_proto::udp6:
	case inetd_proto::udp46:
		break;
	}
	return false;
}

parsed<inetd_item>
parse_inetd_conf(std::istream &in, std::string_view origin)
{
	parsed<inetd_item> out;
	diag_sink diags(out.diagnostics, origin);
	line_reader reader(in, diags);
	line_parser parser(diags, origin);
	std::string line;
	while (reader.next(line))
		parser.parse(line, reader.line_no(), out.entries);
	return out;
}

} // namespace net
