#include "servtab.h"

#include <sys/stat.h>

#include <map>

#include "libnet/numparse.h"
#include "libnet/resolve.h"

namespace inetd {

namespace {

bool
wants_v4(net::inetd_proto p)
{
	using net::inetd_proto;
	return p == inetd_proto::tcp || p == inetd_proto::udp ||
	    p == inetd_proto::tcp4 || p == inetd_proto::udp4;
}

bool
wants_v6(net::inetd_proto p)
{
	using net::inetd_proto;
	return p == inetd_proto::tcp || p == inetd_proto::udp ||
	    p == inetd_proto::tcp6 || p == inetd_proto::udp6 ||
	    p == inetd_proto::tcp46 || p == inetd_proto::udp46;
}

bool
is_dual(net::inetd_proto p)
{
	return p == net::inetd_proto::tcp46 || p == net::inetd_proto::udp46;
}

// True when TCP cannot listen on both: the same address and port, or a
// wildcard and an address it covers (Linux refuses the second listener
// even with SO_REUSEADDR).  UDP binds both, and a datagram goes to the
// most specific socket.
bool
listen_conflict(const bind_spec &a, const bind_spec &b)
{
	if (a.is_unix() || b.is_unix() || a.ep.port != b.ep.port)
		return false;
	auto covers = [](const bind_spec &w, const bind_spec &x) {
		if (!w.ep.addr.is_unspecified())
			return false;
		if (w.ep.addr.family() == x.ep.addr.family())
			return true;
		// A dual-stack IPv6 wildcard takes the IPv4 port as well.
		return w.ep.addr.is_v6() && w.v6only == net::v6only_mode::off &&
		    x.ep.addr.is_v4();
	};
	return a.ep.addr == b.ep.addr || covers(a, b) || covers(b, a);
}

class resolver {
public:
	resolver(const resolve_context &ctx, resolved_services &out)
	    : ctx_(ctx), out_(out)
	{
	}

	void resolve(const net::inetd_entry &e);

private:
	void
	error(const net::inetd_entry &e, std::string msg)
	{
		out_.diagnostics.push_back(
		    {e.origin, e.line, std::move(msg), net::severity::error});
	}
	void
	warning(const net::inetd_entry &e, std::string msg)
	{
		out_.diagnostics.push_back(
		    {e.origin, e.line, std::move(msg),
			net::severity::warning});
	}
	std::optional<std::uint16_t> port_of(const net::inetd_entry &e);
	bool add_binds(const net::inetd_entry &e, std::uint16_t port,
	    service_spec &s);
	bool add_address(const net::inetd_entry &e, const std::string &a,
	    std::uint16_t port, service_spec &s);
	bool check_program(const net::inetd_entry &e);
	bool set_user(const net::inetd_entry &e, service_spec &s);
	enum class outcome { added, unusable, conflict };
	outcome resolve_usable(const net::inetd_entry &e);

	const resolve_context &ctx_;
	resolved_services &out_;
	std::map<std::pair<net::inetd_socktype, bind_spec>, std::string> taken_;
};

std::optional<std::uint16_t>
resolver::port_of(const net::inetd_entry &e)
{
	if (auto n = net::parse_uint(e.service, 0, 65535))
		return static_cast<std::uint16_t>(*n);
	const char *proto = net::inetd_proto_is_stream(e.proto) ? "tcp"
								: "udp";
	const net::service_entry *se = ctx_.services == nullptr
	    ? nullptr
	    : ctx_.services->by_name(e.service, proto);
	if (se == nullptr) {
		error(e, "unknown service '" + e.service + "/" + proto +
		    "' (not in " + ctx_.services_path + ")");
		return std::nullopt;
	}
	return se->port;
}

bool
resolver::add_address(const net::inetd_entry &e, const std::string &a,
    std::uint16_t port, service_spec &s)
{
	auto add = [&](const net::address &addr) {
		bind_spec b;
		b.ep = net::endpoint{addr, port};
		if (addr.is_v6())
			b.v6only = is_dual(e.proto) ? net::v6only_mode::off
						    : net::v6only_mode::on;
		s.binds.push_back(b);
	};
	if (a.empty() || a == "*") {
		if (wants_v4(e.proto))
			add(net::address::any4());
		if (wants_v6(e.proto))
			add(net::address::any6());
		return true;
	}
	std::vector<net::address> addrs;
	if (a.front() == '[') {
		if (auto v6 = net::address::parse(a.substr(1, a.size() - 2)))
			addrs.push_back(*v6);
	} else if (auto lit = net::address::parse(a)) {
		addrs.push_back(*lit);
	} else if (ctx_.resolve_host) {
		addrs = ctx_.resolve_host(a);
		if (addrs.empty()) {
			error(e, "cannot resolve host '" + a + "'");
			return false;
		}
	}
	bool any = false;
	for (const auto &addr : addrs) {
		if ((addr.is_v4() && wants_v4(e.proto)) ||
		    (addr.is_v6() && wants_v6(e.proto))) {
			add(addr);
			any = true;
		}
	}
	if (!any) {
		error(e, "address '" + a + "' does not go with protocol '" +
		    net::inetd_proto_name(e.proto) + "'");
		return false;
	}
	return true;
}

bool
resolver::add_binds(const net::inetd_entry &e, std::uint16_t port,
    service_spec &s)
{
	if (e.proto == net::inetd_proto::unix_stream) {
		bind_spec b;
		b.path = e.service;
		s.binds.push_back(b);
		return true;
	}
	std::vector<std::string> addrs = e.addresses;
	if (addrs.empty())
		addrs.push_back(ctx_.default_address);
	for (const auto &a : addrs)
		if (!add_address(e, a, port, s))
			return false;
	return true;
}

bool
resolver::check_program(const net::inetd_entry &e)
{
	struct stat st;
	if (stat(e.program.c_str(), &st) != 0) {
		error(e, "program " + e.program + ": " +
		    net::last_error("").message().substr(2));
		return false;
	}
	if (!S_ISREG(st.st_mode) || (st.st_mode & 0111) == 0) {
		error(e, "program " + e.program +
		    " is not an executable file");
		return false;
	}
	if (st.st_mode & S_IWOTH)
		warning(e, "program " + e.program +
		    " is writable by anyone: anyone can replace it");
	return true;
}

bool
resolver::set_user(const net::inetd_entry &e, service_spec &s)
{
	auto u = net::lookup_user(e.user);
	if (!u) {
		error(e, "unknown user '" + e.user + "'");
		return false;
	}
	s.user = *u;
	if (!e.group.empty()) {
		auto g = net::lookup_group(e.group);
		if (!g) {
			error(e, "unknown group '" + e.group + "'");
			return false;
		}
		s.group = *g;
	}
	if (!ctx_.is_root && s.user.uid != ctx_.euid)
		warning(e, "inetd is not running as root: the service runs "
			   "as inetd's own user, not as '" + e.user + "'");
	return true;
}

void
resolver::resolve(const net::inetd_entry &e)
{
	if (!e.unsupported.empty()) {
		error(e, e.unsupported);
		return;
	}
	// A line that lost to another one of the file is not kept running
	// from an earlier configuration: the two would fight for the port.
	if (resolve_usable(e) == outcome::unusable)
		out_.unusable.push_back({service_name(e),
		    e.origin + ":" + std::to_string(e.line)});
}

// The entry as a service; anything else comes with its diagnostic.
resolver::outcome
resolver::resolve_usable(const net::inetd_entry &e)
{
	service_spec s;
	s.socktype = e.socktype;
	s.proto = e.proto;
	s.sndbuf = e.sndbuf;
	s.rcvbuf = e.rcvbuf;
	s.wait = e.wait;
	s.max_children = e.max_children;
	s.max_per_source = e.max_per_source;
	s.origin = e.origin;
	s.line = e.line;
	std::uint16_t port = 0;
	if (e.proto != net::inetd_proto::unix_stream) {
		auto p = port_of(e);
		if (!p)
			return outcome::unusable;
		port = *p;
	}
	if (!add_binds(e, port, s) || !set_user(e, s))
		return outcome::unusable;
	if (e.internal) {
		s.builtin = builtin_by_name(e.program);
		s.daemon_name = e.program;
		if (e.wait && s.is_stream()) {
			error(e, "internal service " + e.program +
			    " cannot be 'wait' on a stream socket");
			return outcome::unusable;
		}
	} else {
		if (!check_program(e))
			return outcome::unusable;
		s.program = e.program;
		s.argv = e.argv;
		auto slash = e.argv[0].rfind('/');
		s.daemon_name = e.argv[0].substr(
		    slash == std::string::npos ? 0 : slash + 1);
	}
	s.name = service_name(e);
	for (const auto &b : s.binds) {
		auto key = std::pair{s.socktype, b};
		auto it = taken_.find(key);
		if (it != taken_.end()) {
			error(e, "duplicate service: " + b.str() +
			    " is already configured at " + it->second);
			return outcome::conflict;
		}
		if (!s.is_stream())
			continue;
		for (const auto &[other, where] : taken_) {
			if (other.first != s.socktype ||
			    !listen_conflict(b, other.second))
				continue;
			error(e, b.str() + " and " + other.second.str() +
			    " (" + where + ") cannot both listen: a wildcard "
			    "address takes the port on every address");
			return outcome::conflict;
		}
	}
	if (s.builtin && !s.is_stream() &&
	    (s.max_children != 0 || s.max_per_source != 0))
		warning(e, "internal dgram service answers each datagram at "
			   "once: .max and .per-source have no effect (-C "
			   "limits a source's datagrams)");
	if (e.proto == net::inetd_proto::unix_stream && s.max_per_source != 0)
		warning(e, "unix socket clients have no address: .per-source "
			   "has no effect (the socket's permissions decide "
			   "who may connect)");
	for (const auto &b : s.binds)
		taken_.emplace(std::pair{s.socktype, b}, s.where());
	out_.entries.push_back(std::move(s));
	return outcome::added;
}

} // namespace

std::string
bind_spec::str() const
{
	if (is_unix())
		return path;
	std::string s = ep.str();
	if (ep.addr.is_v6() && v6only == net::v6only_mode::off)
		s += " (v4 too)";
	return s;
}

std::string
service_spec::where() const
{
	return origin + ":" + std::to_string(line);
}

bool
service_spec::same_sockets(const service_spec &other) const
{
	return socktype == other.socktype && binds == other.binds;
}

std::string
service_name(const net::inetd_entry &e)
{
	std::string prefix;
	for (const auto &a : e.addresses)
		prefix += (prefix.empty() ? "" : ",") + a;
	return (prefix.empty() ? "" : prefix + ":") + e.service + "/" +
	    net::inetd_proto_name(e.proto);
}

resolved_services
resolve_services(const std::vector<net::inetd_entry> &entries,
    const resolve_context &ctx)
{
	resolved_services out;
	resolver r(ctx, out);
	for (const auto &e : entries)
		r.resolve(e);
	return out;
}

std::vector<net::address>
resolve_host_system(const std::string &name)
{
	auto r = net::resolve(name);
	if (!r)
		return {};
	return std::move(r->addresses);
}

bool
sockets_collide(const service_spec &a, const service_spec &b)
{
	if (a.socktype != b.socktype)
		return false;
	for (const auto &x : a.binds)
		for (const auto &y : b.binds)
			if (x == y || (a.is_stream() && listen_conflict(x, y)))
				return true;
	return false;
}

reload_plan
plan_reload(const std::vector<const service_spec *> &old,
    const std::vector<service_spec> &next,
    const std::vector<unusable_line> &unusable)
{
	reload_plan plan;
	std::vector<bool> matched(next.size(), false);
	for (std::size_t i = 0; i < old.size(); i++) {
		bool found = false;
		for (std::size_t j = 0; j < next.size() && !found; j++) {
			if (matched[j] || !old[i]->same_sockets(next[j]))
				continue;
			matched[j] = true;
			found = true;
			plan.kept.emplace_back(i, j);
		}
		if (found)
			continue;
		const unusable_line *u = nullptr;
		for (const auto &l : unusable)
			if (l.name == old[i]->name)
				u = &l;
		for (std::size_t j = 0; j < next.size() && u != nullptr; j++)
			if (sockets_collide(*old[i], next[j]))
				u = nullptr;
		if (u != nullptr)
			plan.unchanged.emplace_back(i, u->where);
		else
			plan.removed.push_back(i);
	}
	for (std::size_t j = 0; j < next.size(); j++)
		if (!matched[j])
			plan.added.push_back(j);
	return plan;
}

spec_change
compare_specs(const service_spec &old, const service_spec &next)
{
	spec_change c;
	auto field = [&](bool differs, const char *name) {
		if (differs)
			c.fields.emplace_back(name);
	};
	field(old.builtin != next.builtin, "internal service");
	field(old.program != next.program, "program");
	field(old.argv != next.argv, "arguments");
	// A user is its ids: the same name with another uid or group list
	// (an edited /etc/passwd or /etc/group) is a change too.
	field(old.user.name != next.user.name ||
		old.user.uid != next.user.uid ||
		old.user.gid != next.user.gid ||
		old.user.groups != next.user.groups,
	    "user");
	field(old.group != next.group, "group");
	field(old.wait != next.wait, "wait");
	field(old.max_children != next.max_children, "max");
	field(old.max_per_source != next.max_per_source, "per-source");
	field(old.sndbuf != next.sndbuf, "sndbuf");
	field(old.rcvbuf != next.rcvbuf, "rcvbuf");
	c.socket_options = old.sndbuf != next.sndbuf ||
	    old.rcvbuf != next.rcvbuf || old.wait != next.wait ||
	    old.builtin.has_value() != next.builtin.has_value();
	return c;
}

} // namespace inetd
