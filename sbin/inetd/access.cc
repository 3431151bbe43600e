#include "access.h"

#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include "libnet/event_loop.h"
#include "libnet/resolve.h"
#include "libnet/text.h"
#include "libnet/unique_fd.h"

namespace inetd {

namespace {

// Pattern files and banners larger than this are not an access list an
// admin wrote; reading stops there.
constexpr std::size_t max_file_size = 1 << 20;

file_stamp
stamp_from(const struct stat &st)
{
	file_stamp s;
	s.exists = true;
	s.dev = st.st_dev;
	s.ino = st.st_ino;
	s.size = st.st_size;
	s.mtime = st.st_mtim;
	s.ctime = st.st_ctim;
	return s;
}

// The whole file at path, at most max_file_size bytes, and its stamp
// taken from the descriptor it was read through: an edit made while it
// is read changes the file's stamp after this one, so it is read again.
std::optional<std::string>
read_whole(const std::string &path, file_stamp *stamp, int *err)
{
	net::unique_fd fd(open(path.c_str(), O_RDONLY | O_CLOEXEC));
	if (!fd.valid()) {
		*err = errno;
		return std::nullopt;
	}
	struct stat st;
	if (fstat(fd.get(), &st) != 0) {
		*err = errno;
		return std::nullopt;
	}
	if (stamp != nullptr)
		*stamp = stamp_from(st);
	std::string text;
	char buf[8192];
	for (;;) {
		ssize_t n = read(fd.get(), buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			*err = errno;
			return std::nullopt;
		}
		if (n == 0 || text.size() >= max_file_size)
			break;
		text.append(buf, static_cast<std::size_t>(n));
	}
	return text;
}

// Each /path pattern of the table: its file read and parsed now, so that
// a missing file or a bad pattern in it is reported with the rest (at
// match time it is read again, and only matches or not).
void
check_pattern_files(const net::access_table &t,
    std::vector<net::diagnostic> &diags)
{
	std::vector<std::string> seen;
	for (const auto &r : t.rules())
		for (const auto &g : r.clients.groups)
			for (const auto &p : g) {
				if (p.what != net::host_pattern::kind::file)
					continue;
				bool again = false;
				for (const auto &s : seen)
					again = again || s == p.path;
				if (again)
					continue;
				seen.push_back(p.path);
				int err = 0;
				auto text = read_whole(p.path, nullptr, &err);
				if (!text) {
					diags.push_back({t.origin(), r.line,
					    net::quoted(p.path) + ": " +
						std::strerror(err) +
						"; the pattern matches "
						"nothing",
					    net::severity::warning});
					continue;
				}
				std::istringstream in(*text);
				auto f = net::parse_host_file(in, p.path);
				diags.insert(diags.end(),
				    f.diagnostics.begin(),
				    f.diagnostics.end());
			}
}

net::access_table
load_one(const std::string &path, file_stamp *stamp,
    std::vector<net::diagnostic> &diags)
{
	int err = 0;
	auto text = read_whole(path, stamp, &err);
	if (!text) {
		if (err == ENOENT) {
			*stamp = file_stamp{};
		} else {
			// Not read again until it changes: a file that
			// cannot be read is not reported per connection.
			*stamp = stamp_of(path);
			diags.push_back({path, 0, std::string("cannot read: ") +
			    std::strerror(err), net::severity::error});
		}
		return net::access_table(path, {});
	}
	std::istringstream in(*text);
	auto p = net::parse_hosts_access(in, path);
	diags.insert(diags.end(), p.diagnostics.begin(), p.diagnostics.end());
	net::access_table t(path, std::move(p.entries));
	check_pattern_files(t, diags);
	return t;
}

void
log_diagnostics(const std::vector<net::diagnostic> &diags)
{
	for (const auto &d : diags)
		net::log_msg(d.level == net::severity::error
			? net::log_level::err
			: net::log_level::warning,
		    "%s", d.str().c_str());
}

// The client's name if its reverse lookup gives one whose forward lookup
// includes the address again; *paranoid when that check fails.
std::optional<std::string>
verified_name(const net::address &a, bool *paranoid)
{
	auto v = net::verified_name(a);
	*paranoid = v.mismatch;
	return v.name;
}

// The name of a, unverified, for %H and %N; nothing when it has none.
std::optional<std::string>
unverified_name(const net::address &a)
{
	auto n = net::reverse_name(a);
	if (!n)
		return std::nullopt;
	return net::to_lower(*n);
}

// Netgroups through innetgr(3) (nsswitch.conf decides where they come
// from), pattern files read now, and the ident server of a stream client.
class system_lookups : public net::access_lookups {
public:
	system_lookups(std::optional<net::endpoint> remote,
	    std::optional<net::endpoint> local)
	    : remote_(remote), local_(local)
	{
	}

	bool
	in_netgroup(const std::string &group, const std::string &host) override
	{
		return innetgr(group.c_str(), host.c_str(), nullptr,
			   nullptr) == 1;
	}

	std::optional<std::string>
	read_file(const std::string &path) override
	{
		int err = 0;
		return read_whole(path, nullptr, &err);
	}

	std::string
	client_user() override
	{
		return user(ident_timeout);
	}

	// The ident answer, asked once; "unknown" without a stream client.
	std::string
	user(std::chrono::milliseconds timeout)
	{
		if (!user_) {
			if (remote_ && local_)
				user_ = ident_user(*remote_, *local_, timeout);
			else
				user_ = "unknown";
		}
		return *user_;
	}

	bool asked() const { return user_.has_value(); }

private:
	std::optional<net::endpoint> remote_;
	std::optional<net::endpoint> local_;
	std::optional<std::string> user_;
};

net::access_request
make_request(const std::string &daemon, const net::address &client,
    const std::optional<net::address> &server)
{
	net::access_request req;
	req.daemon = daemon;
	req.client = client.unmapped();
	if (server)
		req.server = server->unmapped();
	return req;
}

// The full decision: by address when that decides, else with the
// client's verified name; netgroups, files and ident through lookups.
net::access_decision
decide(access_files &files, net::access_request &req,
    net::access_lookups &lookups)
{
	if (auto d = net::decide_access_by_address(files.allow, files.deny,
		req))
		return *d;
	req.lookups = &lookups;
	if (files.allow.needs_hostname_for(req) ||
	    files.deny.needs_hostname_for(req))
		req.client_name = verified_name(req.client, &req.paranoid);
	return net::decide_access(files.allow, files.deny, req);
}

bool
has_option(const net::access_rule *r, net::option_kind k)
{
	if (r == nullptr)
		return false;
	for (const auto &o : r->options)
		if (o.what == k)
			return true;
	return false;
}

net::log_level
level_of_syslog(int level)
{
	if (level <= 3)
		return net::log_level::err;
	if (level == 4)
		return net::log_level::warning;
	if (level == 5)
		return net::log_level::notice;
	if (level == 6)
		return net::log_level::info;
	return net::log_level::debug;
}

// What the child knows and can look up for %-expansions, each value
// worked out when first used.
class expander {
public:
	expander(const child_context &ctx, const net::access_request &req,
	    system_lookups &lookups)
	    : ctx_(ctx), req_(req), lookups_(lookups)
	{
	}

	std::string
	expand(std::string_view text)
	{
		return net::expand_percent(text,
		    [this](char c) { return value(c); });
	}

private:
	std::string
	client_name()
	{
		if (req_.paranoid)
			return "paranoid";
		if (req_.client_name)
			return *req_.client_name;
		if (!name_) {
			bool paranoid = false;
			auto n = verified_name(req_.client, &paranoid);
			name_ = n ? *n : paranoid ? "paranoid" : "unknown";
		}
		return *name_;
	}

	std::string
	server_name()
	{
		if (!server_name_) {
			std::optional<std::string> n;
			if (ctx_.local)
				n = unverified_name(ctx_.local->addr.unmapped());
			server_name_ = n ? *n : "unknown";
		}
		return *server_name_;
	}

	std::string
	value(char c)
	{
		std::string addr = req_.client.str();
		std::string saddr = ctx_.local
		    ? ctx_.local->addr.unmapped().str()
		    : std::string("unknown");
		auto known = [](const std::string &n) {
			return n != "unknown" && n != "paranoid";
		};
		switch (c) {
		case 'a':
			return addr;
		case 'A':
			return saddr;
		case 'c': {
			std::string host = known(client_name())
			    ? client_name()
			    : addr;
			if (lookups_.asked() && known(lookups_.user(
			    ident_timeout)))
				return lookups_.user(ident_timeout) + "@" +
				    host;
			return host;
		}
		case 'd':
			return ctx_.daemon;
		case 'h':
			return known(client_name()) ? client_name() : addr;
		case 'H':
			return known(server_name()) ? server_name() : saddr;
		case 'n':
			return client_name();
		case 'N':
			return server_name();
		case 'p':
			return std::to_string(getpid());
		case 'r':
			return std::to_string(ctx_.remote.port);
		case 'R':
			return std::to_string(ctx_.local ? ctx_.local->port
							 : 0);
		case 's':
			return ctx_.local ? ctx_.daemon + "@" + saddr
					  : ctx_.daemon;
		case 'u':
			return lookups_.user(ident_timeout);
		}
		return "";
	}

	const child_context &ctx_;
	const net::access_request &req_;
	system_lookups &lookups_;
	std::optional<std::string> name_;
	std::optional<std::string> server_name_;
};

// A shell command for spawn and aclexec, as tcp_wrappers ran it: /bin/sh
// -c, standard input, output and error on /dev/null, waited for; run as
// the user the server would run as, with the server's environment.
// Returns its wait status, or -1 when it could not be started.
int
run_shell(const std::string &cmd, const child_context &ctx,
    const net::user_info *user, std::optional<gid_t> group,
    const std::vector<std::string> &env)
{
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);
		if (null < 0)
			_exit(127);
		for (int fd = 0; fd <= 2; fd++)
			dup2(null, fd);
		if (null > 2)
			close(null);
		if (ctx.switch_user && user != nullptr &&
		    !net::drop_privileges(*user, group))
			_exit(126);
		std::vector<char *> envp;
		for (const auto &e : env)
			envp.push_back(const_cast<char *>(e.c_str()));
		envp.push_back(nullptr);
		const char *argv[] = {"sh", "-c", cmd.c_str(), nullptr};
		execve("/bin/sh", const_cast<char **>(argv), envp.data());
		_exit(127);
	}
	int status = 0;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return status;
}

// banners: the file named after the daemon in dir, %-expanded line by
// line, each newline sent as CRLF; no file, no banner.
void
send_banner(const std::string &dir, const child_context &ctx, expander &x)
{
	int err = 0;
	auto text = read_whole(dir + "/" + ctx.daemon, nullptr, &err);
	if (!text)
		return;
	std::string out;
	std::istringstream in(*text);
	std::string line;
	while (std::getline(in, line)) {
		out += x.expand(line);
		if (!in.eof())
			out += "\r\n";
	}
	std::size_t off = 0;
	while (off < out.size()) {
		ssize_t n = write(ctx.sock, out.data() + off, out.size() - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		off += static_cast<std::size_t>(n);
	}
}

std::string
shown_peer(const child_context &ctx)
{
	return net::endpoint{ctx.remote.addr.unmapped(), ctx.remote.port}
	    .str();
}

} // namespace

bool
file_stamp::operator==(const file_stamp &o) const
{
	if (exists != o.exists)
		return false;
	return !exists ||
	    (dev == o.dev && ino == o.ino && size == o.size &&
		mtime.tv_sec == o.mtime.tv_sec &&
		mtime.tv_nsec == o.mtime.tv_nsec &&
		ctime.tv_sec == o.ctime.tv_sec &&
		ctime.tv_nsec == o.ctime.tv_nsec);
}

file_stamp
stamp_of(const std::string &path)
{
	struct stat st;
	if (stat(path.c_str(), &st) != 0)
		return {};
	return stamp_from(st);
}

void
access_files::refresh()
{
	struct one {
		const std::string &path;
		net::access_table &table;
		file_stamp &stamp;
	} files[] = {{allow_path, allow, allow_stamp},
	    {deny_path, deny, deny_stamp}};
	for (auto &f : files) {
		if (f.path.empty() || stamp_of(f.path) == f.stamp)
			continue;
		std::vector<net::diagnostic> diags;
		f.table = load_one(f.path, &f.stamp, diags);
		net::log_notice("%s: changed, %zu rules in force%s",
		    f.path.c_str(), f.table.rules().size(),
		    f.stamp.exists ? "" : " (no file)");
		log_diagnostics(diags);
	}
}

access_files
load_access_files(const std::string &allow_path, const std::string &deny_path,
    std::vector<net::diagnostic> &diags)
{
	access_files f;
	f.allow_path = allow_path;
	f.deny_path = deny_path;
	f.allow = load_one(allow_path, &f.allow_stamp, diags);
	f.deny = load_one(deny_path, &f.deny_stamp, diags);
	return f;
}

std::optional<net::access_decision>
check_access_by_address(access_files &files, const std::string &daemon,
    const net::address &client, const std::optional<net::address> &server)
{
	files.refresh();
	auto d = net::decide_access_by_address(files.allow, files.deny,
	    make_request(daemon, client, server));
	if (d && needs_child(*d))
		return std::nullopt;
	return d;
}

net::access_decision
check_access(access_files &files, const std::string &daemon,
    const net::address &client, const std::optional<net::address> &server)
{
	files.refresh();
	net::access_request req = make_request(daemon, client, server);
	system_lookups lookups(std::nullopt, std::nullopt);
	net::access_decision d = decide(files, req, lookups);
	// Nothing here could stand in for the server these would replace
	// or decide for: refuse rather than hand the service out.
	if (has_option(d.rule, net::option_kind::twist) ||
	    has_option(d.rule, net::option_kind::aclexec))
		d.granted = false;
	return d;
}

bool
needs_child(const net::access_decision &d)
{
	return d.rule != nullptr && d.rule->has_actions();
}

net::log_level
refusal_level(const net::access_decision &d)
{
	if (d.rule != nullptr)
		if (auto s = d.rule->severity())
			return level_of_syslog(*s);
	return net::log_level::warning;
}

bool
check_in_child(access_files &files, const child_context &ctx,
    child_changes &ch)
{
	files.refresh();
	net::access_request req = make_request(ctx.daemon, ctx.remote.addr,
	    ctx.local ? std::optional(ctx.local->addr) : std::nullopt);
	// Only a client's own connection has an ident server to ask.
	system_lookups lookups(
	    ctx.connection ? std::optional(ctx.remote) : std::nullopt,
	    ctx.connection ? ctx.local : std::nullopt);
	net::access_decision d = decide(files, req, lookups);
	expander x(ctx, req, lookups);
	const net::user_info *user = ctx.user;
	std::optional<gid_t> group = ctx.group;
	std::vector<std::string> env = ctx.env;
	bool granted = d.granted;
	std::string why;	// a failed option, for the log
	auto refuse = [&](std::string reason) {
		granted = false;
		why = std::move(reason);
	};
	const std::vector<net::access_option> none;
	const auto &opts = d.rule != nullptr ? d.rule->options : none;
	for (const auto &o : opts) {
		if (!why.empty() || !ch.command.empty())
			break;
		using k = net::option_kind;
		switch (o.what) {
		case k::allow:
		case k::deny:
		case k::severity:
			break;
		case k::setenv: {
			std::string v = o.name + "=" + x.expand(o.value);
			ch.env.push_back(v);
			std::erase_if(env, [&](const std::string &e) {
				return e.compare(0, o.name.size() + 1,
					   o.name + "=") == 0;
			});
			env.push_back(v);
			break;
		}
		case k::umask:
			umask(static_cast<mode_t>(o.number));
			break;
		case k::nice:
			errno = 0;
			if (nice(static_cast<int>(o.number)) == -1 &&
			    errno != 0)
				refuse(std::string("nice: ") +
				    std::strerror(errno));
			break;
		case k::keepalive:
			if (ctx.connection) {
				int on = 1;
				if (setsockopt(ctx.sock, SOL_SOCKET,
					SO_KEEPALIVE, &on, sizeof on) != 0)
					refuse(std::string("keepalive: ") +
					    std::strerror(errno));
			}
			break;
		case k::linger:
			if (ctx.connection) {
				linger l{o.number != 0 ? 1 : 0,
				    static_cast<int>(o.number)};
				if (setsockopt(ctx.sock, SOL_SOCKET,
					SO_LINGER, &l, sizeof l) != 0)
					refuse(std::string("linger: ") +
					    std::strerror(errno));
			}
			break;
		case k::rfc931:
			(void)lookups.user(o.number > 0
				? std::chrono::seconds(o.number)
				: std::chrono::seconds(ident_timeout));
			break;
		case k::banners:
			if (ctx.connection)
				send_banner(o.value, ctx, x);
			break;
		case k::user: {
			auto u = net::lookup_user(o.name);
			if (!u) {
				refuse("unknown user " + net::quoted(o.name));
				break;
			}
			if (!ctx.switch_user && u->uid != geteuid()) {
				refuse("user " + net::quoted(o.name) +
				    " needs inetd to run as root");
				break;
			}
			ch.user = std::move(*u);
			user = &*ch.user;
			group.reset();
			ch.group.reset();
			if (!o.group_name.empty()) {
				auto g = net::lookup_group(o.group_name);
				if (!g) {
					refuse("unknown group " +
					    net::quoted(o.group_name));
					break;
				}
				group = *g;
				ch.group = *g;
			}
			break;
		}
		case k::group: {
			auto g = net::lookup_group(o.name);
			if (!g) {
				refuse("unknown group " + net::quoted(o.name));
				break;
			}
			group = *g;
			ch.group = *g;
			break;
		}
		case k::spawn: {
			int st = run_shell(x.expand(o.value), ctx, user, group,
			    env);
			if (st < 0)
				refuse(std::string("spawn: ") +
				    std::strerror(errno));
			break;
		}
		case k::aclexec: {
			int st = run_shell(x.expand(o.value), ctx, user, group,
			    env);
			if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
				refuse("aclexec " + net::quoted(o.value) +
				    " did not exit 0");
			break;
		}
		case k::twist:
			ch.command = {"/bin/sh", "-c", x.expand(o.value)};
			granted = true;
			break;
		}
	}
	if (!granted) {
		std::string where = d.where();
		if (!why.empty())
			where += (where.empty() ? "" : ": ") + why;
		else if (d.rule != nullptr && d.rule->bad_option)
			where += ": bad option";
		net::log_msg(refusal_level(d), "%s: refused connect from %s (%s)",
		    ctx.service.c_str(), shown_peer(ctx).c_str(),
		    where.c_str());
		// A refused datagram is taken off the queue, as inetd itself
		// does, or it would start the next child.
		if (!ctx.connection) {
			std::uint8_t b;
			(void)recv(ctx.sock, &b, 1, MSG_DONTWAIT);
		}
		return false;
	}
	if (!ch.command.empty())
		net::log_info("%s: twist %s to %s", ctx.service.c_str(),
		    shown_peer(ctx).c_str(), net::printable(
			ch.command.back()).c_str());
	// The environment from the rule reaches the server; umask and nice
	// are this process's, which the server inherits.
	return true;
}

std::string
ident_user(const net::endpoint &remote, const net::endpoint &local,
    std::chrono::milliseconds timeout)
{
	using clock = std::chrono::steady_clock;
	auto deadline = clock::now() + timeout;
	net::endpoint to{remote.addr.unmapped(), 113};
	net::endpoint from{local.addr.unmapped(), 0};
	sockaddr_storage ss;
	socklen_t len = from.to_sockaddr(ss);
	net::unique_fd fd(socket(ss.ss_family,
	    SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
	if (!fd.valid())
		return "unknown";
	// From the address the client connected to, so that its ident
	// server can find the connection (RFC 1413 section 2).
	if (bind(fd.get(), reinterpret_cast<sockaddr *>(&ss), len) != 0)
		return "unknown";
	len = to.to_sockaddr(ss);
	auto wait_for = [&](short ev) {
		for (;;) {
			auto left = std::chrono::duration_cast<
			    std::chrono::milliseconds>(deadline - clock::now());
			if (left.count() <= 0)
				return false;
			pollfd p{fd.get(), ev, 0};
			int n = poll(&p, 1, static_cast<int>(left.count()));
			if (n < 0 && errno == EINTR)
				continue;
			return n > 0;
		}
	};
	if (connect(fd.get(), reinterpret_cast<sockaddr *>(&ss), len) != 0) {
		if (errno != EINPROGRESS || !wait_for(POLLOUT))
			return "unknown";
		int err = 0;
		socklen_t el = sizeof err;
		if (getsockopt(fd.get(), SOL_SOCKET, SO_ERROR, &err, &el) != 0 ||
		    err != 0)
			return "unknown";
	}
	std::string q = std::to_string(remote.port) + " , " +
	    std::to_string(local.port) + "\r\n";
	if (send(fd.get(), q.data(), q.size(), MSG_NOSIGNAL) !=
	    static_cast<ssize_t>(q.size()))
		return "unknown";
	// RFC 1413: a reply is at most 1000 characters and ends in CRLF.
	std::string reply;
	while (reply.size() < 1000 && reply.find('\n') == std::string::npos) {
		if (!wait_for(POLLIN))
			return "unknown";
		char buf[512];
		ssize_t n = recv(fd.get(), buf, sizeof buf, 0);
		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n <= 0)
			break;
		reply.append(buf, static_cast<std::size_t>(n));
	}
	auto u = net::parse_ident_reply(reply.substr(0, reply.find('\n')),
	    remote.port, local.port);
	return u ? *u : "unknown";
}

std::vector<std::string>
rules_naming(const access_files &files, const std::string &daemon)
{
	std::vector<std::string> out;
	std::string name = net::to_lower(daemon);
	for (const net::access_table *t : {&files.allow, &files.deny})
		for (const auto &r : t->rules()) {
			if (r.daemons.groups.empty())
				continue;
			for (const auto &p : r.daemons.groups.front())
				if (!p.all && !p.never &&
				    p.name.matches(name)) {
					out.push_back(t->origin() + ":" +
					    std::to_string(r.line));
					break;
				}
		}
	return out;
}

} // namespace inetd
