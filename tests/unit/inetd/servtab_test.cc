#include <sstream>

#include "libnet/inetd_conf.h"
#include "servtab.h"

#include <CppUTest/TestHarness.h>

namespace {

net::service_table
services()
{
	std::istringstream in("echo 7/tcp\necho 7/udp\ntftp 69/udp\n"
			      "daytime 13/tcp\nshell 514/tcp cmd\n");
	return net::service_table(net::parse_services(in, "services").entries);
}

net::parsed<inetd::service_spec>
resolve(const std::string &text, const char *default_addr = "")
{
	static net::service_table db = services();
	std::istringstream in(text);
	auto p = net::parse_inetd_conf(in, "inetd.conf");
	for (const auto &d : p.diagnostics)
		FAIL(d.str().c_str());
	std::vector<net::inetd_entry> entries;
	for (auto &i : p.entries)
		entries.push_back(std::get<net::inetd_entry>(i));
	inetd::resolve_context ctx;
	ctx.services = &db;
	ctx.services_path = "/etc/services";
	ctx.default_address = default_addr;
	ctx.resolve_host = [](const std::string &name) {
		std::vector<net::address> v;
		if (name == "both.example") {
			v.push_back(*net::address::parse("192.0.2.5"));
			v.push_back(*net::address::parse("2001:db8::5"));
		}
		return v;
	};
	return inetd::resolve_services(entries, ctx);
}

std::string
binds(const inetd::service_spec &s)
{
	std::string out;
	for (const auto &b : s.binds)
		out += (out.empty() ? "" : " ") + b.str();
	return out;
}

} // namespace

TEST_GROUP(servtab){};

TEST(servtab, ports_sockets_and_daemon_names)
{
	auto p = resolve(
	    "echo stream tcp nowait root internal\n"
	    "echo dgram udp4 wait root internal\n"
	    "tftp dgram udp6 wait nobody /bin/true in.tftpd -s /srv\n"
	    "cmd stream tcp46 nowait root /usr/bin/id /usr/sbin/in.rshd\n"
	    "127.0.0.1,[::1]:2000 stream tcp nowait nobody:nogroup "
	    "/bin/true true\n"
	    "both.example:2001 stream tcp4 nowait nobody /bin/true t\n"
	    "/run/x.sock stream unix nowait nobody /bin/true t\n");
	CHECK(p.diagnostics.empty());
	LONGS_EQUAL(7, p.entries.size());
	STRCMP_EQUAL("0.0.0.0:7 [::]:7", binds(p.entries[0]).c_str());
	STRCMP_EQUAL("echo/tcp", p.entries[0].name.c_str());
	STRCMP_EQUAL("echo", p.entries[0].daemon_name.c_str());
	CHECK(p.entries[0].builtin == inetd::builtin_kind::echo);
	STRCMP_EQUAL("0.0.0.0:7", binds(p.entries[1]).c_str());
	STRCMP_EQUAL("[::]:69", binds(p.entries[2]).c_str());
	STRCMP_EQUAL("in.tftpd", p.entries[2].daemon_name.c_str());
	STRCMP_EQUAL("[::]:514 (v4 too)", binds(p.entries[3]).c_str());
	STRCMP_EQUAL("in.rshd", p.entries[3].daemon_name.c_str());
	STRCMP_EQUAL("127.0.0.1:2000 [::1]:2000", binds(p.entries[4]).c_str());
	STRCMP_EQUAL("127.0.0.1,[::1]:2000/tcp", p.entries[4].name.c_str());
	CHECK(p.entries[4].group.has_value());
	LONGS_EQUAL(65534, p.entries[4].user.uid);
	STRCMP_EQUAL("192.0.2.5:2001", binds(p.entries[5]).c_str());
	STRCMP_EQUAL("/run/x.sock", binds(p.entries[6]).c_str());
}

TEST(servtab, default_address_from_the_command_line)
{
	auto p = resolve("echo stream tcp nowait root internal\n"
			 "[::1]:daytime stream tcp nowait root internal\n",
	    "127.0.0.1");
	CHECK(p.diagnostics.empty());
	STRCMP_EQUAL("127.0.0.1:7", binds(p.entries[0]).c_str());
	STRCMP_EQUAL("[::1]:13", binds(p.entries[1]).c_str());
}

TEST(servtab, every_resolution_problem_is_named)
{
	struct {
		const char *line;
		const char *message;
	} bad[] = {
	    {"nosuch stream tcp nowait root /bin/true t",
		"unknown service 'nosuch/tcp' (not in /etc/services)"},
	    {"tftp stream tcp nowait root /bin/true t",
		"unknown service 'tftp/tcp'"},
	    {"7 stream tcp nowait nosuchuser /bin/true t",
		"unknown user 'nosuchuser'"},
	    {"7 stream tcp nowait root:nosuchgroup /bin/true t",
		"unknown group 'nosuchgroup'"},
	    {"7 stream tcp nowait root /nonexistent/x x",
		"program /nonexistent/x: No such file or directory"},
	    {"7 stream tcp nowait root /etc/passwd x",
		"program /etc/passwd is not an executable file"},
	    {"7 stream tcp nowait root /etc x",
		"program /etc is not an executable file"},
	    {"127.0.0.1:7 stream tcp6 nowait root /bin/true t",
		"address '127.0.0.1' does not go with protocol 'tcp6'"},
	    {"[::1]:7 stream tcp4 nowait root /bin/true t",
		"does not go with protocol 'tcp4'"},
	    {"nowhere.example:7 stream tcp nowait root /bin/true t",
		"cannot resolve host 'nowhere.example'"},
	    {"echo stream tcp wait root internal",
		"cannot be 'wait' on a stream socket"},
	};
	for (const auto &b : bad) {
		std::istringstream in(b.line);
		auto p = net::parse_inetd_conf(in, "inetd.conf");
		CHECK_TEXT(p.diagnostics.empty(), b.line);
		std::vector<net::inetd_entry> entries{
		    std::get<net::inetd_entry>(p.entries.at(0))};
		net::service_table db = services();
		inetd::resolve_context ctx;
		ctx.services = &db;
		ctx.services_path = "/etc/services";
		ctx.resolve_host = [](const std::string &) {
			return std::vector<net::address>{};
		};
		auto r = inetd::resolve_services(entries, ctx);
		LONGS_EQUAL_TEXT(0, r.entries.size(), b.line);
		LONGS_EQUAL_TEXT(1, r.diagnostics.size(), b.line);
		STRCMP_CONTAINS_TEXT(b.message, r.diagnostics[0].message.c_str(),
		    b.line);
		STRCMP_CONTAINS_TEXT("inetd.conf:1: ",
		    r.diagnostics[0].str().c_str(), b.line);
	}
}

namespace {

inetd::resolved_services
resolve_lenient(const std::string &text)
{
	std::istringstream in(text);
	auto p = net::parse_inetd_conf(in, "inetd.conf");
	std::vector<net::inetd_entry> entries;
	for (auto &i : p.entries)
		entries.push_back(std::get<net::inetd_entry>(i));
	static net::service_table db = services();
	inetd::resolve_context ctx;
	ctx.services = &db;
	return inetd::resolve_services(entries, ctx);
}

// Every diagnostic, one a line.
std::string
diagnostics_text(const net::parsed<inetd::service_spec> &r)
{
	std::string out;
	for (const auto &d : r.diagnostics)
		out += d.str() + "\n";
	return out;
}

} // namespace

TEST(servtab, duplicates_and_overlaps)
{
	auto r = resolve_lenient(
	    "echo stream tcp nowait root internal\n"
	    "7 stream tcp6 nowait root internal echo\n"
	    "echo dgram udp wait root internal\n"
	    "127.0.0.1:7 stream tcp nowait root internal echo\n"
	    "127.0.0.1:7 dgram udp wait root internal echo\n");
	// Line 2 repeats [::]:7; line 4 cannot listen beside 0.0.0.0:7 (TCP
	// refuses it); over UDP both bind and the specific socket gets what
	// is sent to its address.
	LONGS_EQUAL(3, r.entries.size());
	STRCMP_EQUAL("inetd.conf:2: duplicate service: [::]:7 is already "
		     "configured at inetd.conf:1\n"
		     "inetd.conf:4: 127.0.0.1:7 and 0.0.0.0:7 (inetd.conf:1) "
		     "cannot both listen: a wildcard address takes the port "
		     "on every address\n",
	    diagnostics_text(r).c_str());
}

TEST(servtab, wildcards_conflict_with_what_they_cover)
{
	struct {
		const char *conf;
		bool conflict;
	} cases[] = {
	    // The plain tcp pair: 0.0.0.0 and an IPv6-only [::].
	    {"2000 stream tcp4 nowait root /bin/true t\n"
	     "2000 stream tcp6 nowait root /bin/true t\n",
		false},
	    // A dual-stack [::] takes the IPv4 port too.
	    {"2000 stream tcp46 nowait root /bin/true t\n"
	     "2000 stream tcp4 nowait root /bin/true t\n",
		true},
	    {"127.0.0.1:2000 stream tcp nowait root /bin/true t\n"
	     "2000 stream tcp46 nowait root /bin/true t\n",
		true},
	    {"[::1]:2000 stream tcp nowait root /bin/true t\n"
	     "2000 stream tcp6 nowait root /bin/true t\n",
		true},
	    // The same [::] once IPv6-only and once dual-stack.
	    {"2000 stream tcp6 nowait root /bin/true t\n"
	     "2000 stream tcp46 nowait root /bin/true t\n",
		true},
	    // Specific addresses side by side, other ports, unix sockets.
	    {"127.0.0.1:2000 stream tcp nowait root /bin/true t\n"
	     "127.0.0.2:2000 stream tcp nowait root /bin/true t\n"
	     "[::1]:2000 stream tcp nowait root /bin/true t\n",
		false},
	    {"2000 stream tcp nowait root /bin/true t\n"
	     "127.0.0.1:2001 stream tcp nowait root /bin/true t\n",
		false},
	    {"/run/a.sock stream unix nowait root /bin/true t\n"
	     "2000 stream tcp nowait root /bin/true t\n",
		false},
	    {"2000 dgram udp46 wait root /bin/true t\n"
	     "127.0.0.1:2000 dgram udp wait root /bin/true t\n",
		false},
	};
	for (const auto &c : cases) {
		auto r = resolve_lenient(c.conf);
		LONGS_EQUAL_TEXT(c.conflict, r.has_errors(), c.conf);
		if (c.conflict)
			STRCMP_CONTAINS_TEXT("cannot both listen",
			    r.diagnostics.at(0).message.c_str(), c.conf);
	}
}

TEST(servtab, limits_that_cannot_apply_are_warnings)
{
	auto r = resolve_lenient(
	    "echo dgram udp wait.10.2 root internal\n"
	    "echo stream tcp nowait.10.2 root internal\n"
	    "/run/a.sock stream unix nowait.4.1 root /bin/true t\n"
	    "/run/b.sock stream unix nowait.4 root /bin/true t\n");
	CHECK_FALSE(r.has_errors());
	LONGS_EQUAL(4, r.entries.size());
	STRCMP_EQUAL("inetd.conf:1: warning: internal dgram service answers "
		     "each datagram at once: .max and .per-source have no "
		     "effect (-C limits a source's datagrams)\n"
		     "inetd.conf:3: warning: unix socket clients have no "
		     "address: .per-source has no effect (the socket's "
		     "permissions decide who may connect)\n",
	    diagnostics_text(r).c_str());
}

TEST(servtab, not_root_is_a_warning)
{
	std::istringstream in("7 stream tcp nowait nobody /bin/true t\n");
	auto p = net::parse_inetd_conf(in, "inetd.conf");
	std::vector<net::inetd_entry> entries{
	    std::get<net::inetd_entry>(p.entries.at(0))};
	net::service_table db = services();
	inetd::resolve_context ctx;
	ctx.services = &db;
	ctx.is_root = false;
	ctx.euid = 1000;
	auto r = inetd::resolve_services(entries, ctx);
	LONGS_EQUAL(1, r.entries.size());
	LONGS_EQUAL(1, r.diagnostics.size());
	CHECK_FALSE(r.has_errors());
	STRCMP_CONTAINS("not running as root", r.diagnostics[0].message.c_str());
}

TEST_GROUP(reload_plan){};

TEST(reload_plan, matches_by_sockets)
{
	auto old = resolve("echo stream tcp nowait root internal\n"
			   "daytime stream tcp nowait root internal\n"
			   "2000 stream tcp nowait nobody /bin/true a\n"
			   "2001 stream tcp4 nowait nobody /bin/true a\n");
	auto next = resolve("2000 stream tcp nowait root /bin/false b\n"
			    "2001 stream tcp nowait nobody /bin/true a\n"
			    "echo stream tcp nowait root internal\n"
			    "2002 stream tcp nowait root /bin/true a\n");
	std::vector<const inetd::service_spec *> o;
	for (const auto &s : old.entries)
		o.push_back(&s);
	auto plan = inetd::plan_reload(o, next.entries);
	// echo kept (0->2), 2000 kept though changed (2->0); daytime gone;
	// 2001 changed protocol, so new sockets: removed and added.
	LONGS_EQUAL(2, plan.kept.size());
	CHECK(plan.kept[0] == std::make_pair(std::size_t{0}, std::size_t{2}));
	CHECK(plan.kept[1] == std::make_pair(std::size_t{2}, std::size_t{0}));
	LONGS_EQUAL(2, plan.removed.size());
	LONGS_EQUAL(1, plan.removed[0]);
	LONGS_EQUAL(3, plan.removed[1]);
	LONGS_EQUAL(2, plan.added.size());
	LONGS_EQUAL(1, plan.added[0]);
	LONGS_EQUAL(3, plan.added[1]);
}

TEST(servtab, unusable_lines_are_named_for_a_reload)
{
	auto r = resolve_lenient(
	    "2000 stream tcp nowait nosuchuser /bin/true a\n"
	    "echo stream tcp nowait root internal\n"
	    "127.0.0.1:nosuch stream tcp4 nowait root /bin/true a\n"
	    "rstatd/1-5 dgram rpc/udp wait root /bin/true a\n"
	    "echo stream tcp nowait root /bin/true x\n"
	    "2001 raw tcp nowait root /bin/true a\n"
	    "2002 stream tcp nowait root /bin/true a\n");
	// Lines 1 and 3 lack what this system has; 4 and 6 are kinds inetd
	// does not run (never running, nothing to keep); 5 lost to line 2.
	LONGS_EQUAL(2, r.entries.size());
	STRCMP_EQUAL("echo/tcp", r.entries[0].name.c_str());
	STRCMP_EQUAL("2002/tcp", r.entries[1].name.c_str());
	LONGS_EQUAL(2, r.unusable.size());
	STRCMP_EQUAL("2000/tcp", r.unusable[0].name.c_str());
	STRCMP_EQUAL("inetd.conf:1", r.unusable[0].where.c_str());
	STRCMP_EQUAL("127.0.0.1:nosuch/tcp4", r.unusable[1].name.c_str());
	STRCMP_EQUAL("inetd.conf:3", r.unusable[1].where.c_str());
	STRCMP_EQUAL("inetd.conf:1: unknown user 'nosuchuser'\n"
		     "inetd.conf:3: unknown service 'nosuch/tcp' (not in )\n"
		     "inetd.conf:4: rpc services are not supported\n"
		     "inetd.conf:5: duplicate service: 0.0.0.0:7 is already "
		     "configured at inetd.conf:2\n"
		     "inetd.conf:6: socket type 'raw' is not supported\n",
	    diagnostics_text(r).c_str());
}

TEST(reload_plan, a_service_whose_line_became_unusable_stays)
{
	auto old = resolve("2000 stream tcp nowait nobody /bin/true a\n"
			   "127.0.0.1:2001 stream tcp nowait nobody "
			   "/bin/true a\n"
			   "2002 stream tcp nowait nobody /bin/true a\n"
			   "2003 stream tcp nowait nobody /bin/true a\n");
	auto next = resolve_lenient(
	    "2000 stream tcp nowait nosuchuser /bin/true a\n"
	    "127.0.0.1:2001 stream tcp nowait nobody /nonexistent/x x\n"
	    "2001 stream tcp nowait nobody /bin/true a\n"
	    "2002 stream tcp nowait nobody /bin/true b\n"
	    "2003 stream tcp4 nowait nosuchuser /bin/true a\n");
	LONGS_EQUAL(2, next.entries.size());
	std::vector<const inetd::service_spec *> o;
	for (const auto &s : old.entries)
		o.push_back(&s);
	auto plan = inetd::plan_reload(o, next.entries, next.unusable);
	// 2000 runs on; 127.0.0.1:2001 would fight the new wildcard 2001 for
	// its port, so it goes; 2002 is kept with its change; 2003's line
	// has another name (tcp4) now: nothing says the old one should stay.
	LONGS_EQUAL(1, plan.unchanged.size());
	LONGS_EQUAL(0, plan.unchanged[0].first);
	STRCMP_EQUAL("inetd.conf:1", plan.unchanged[0].second.c_str());
	LONGS_EQUAL(1, plan.kept.size());
	CHECK(plan.kept[0] == std::make_pair(std::size_t{2}, std::size_t{1}));
	LONGS_EQUAL(2, plan.removed.size());
	LONGS_EQUAL(1, plan.removed[0]);
	LONGS_EQUAL(3, plan.removed[1]);
	LONGS_EQUAL(1, plan.added.size());
	LONGS_EQUAL(0, plan.added[0]);
}

TEST(reload_plan, sockets_collide)
{
	auto r = resolve("2000 stream tcp nowait nobody /bin/true a\n"
			 "2000 dgram udp wait nobody /bin/true a\n"
			 "2001 stream tcp6 nowait nobody /bin/true a\n");
	auto other = resolve("127.0.0.1:2000 stream tcp nowait nobody "
			     "/bin/true a\n"
			     "127.0.0.1:2000 dgram udp wait nobody /bin/true a\n"
			     "[::1]:2001 dgram udp6 wait nobody /bin/true a\n");
	// TCP: the wildcard covers 127.0.0.1; UDP binds both; another
	// socket type never collides.
	CHECK(inetd::sockets_collide(r.entries[0], other.entries[0]));
	CHECK_FALSE(inetd::sockets_collide(r.entries[1], other.entries[1]));
	CHECK(inetd::sockets_collide(r.entries[1], r.entries[1]));
	CHECK_FALSE(inetd::sockets_collide(r.entries[2], other.entries[2]));
	CHECK_FALSE(inetd::sockets_collide(r.entries[0], r.entries[1]));
}

TEST_GROUP(compare_specs){};

TEST(compare_specs, names_what_changed)
{
	auto base = resolve("2000 stream tcp nowait nobody /bin/true a\n")
			.entries.at(0);
	struct {
		const char *line;
		const char *fields;
		bool sockopts;
	} cases[] = {
	    // The same entry on another line (or in another file) is the
	    // same service.
	    {"\n\n2000 stream tcp nowait nobody /bin/true a\n", "", false},
	    {"2000 stream tcp nowait nobody /bin/false a\n", "program", false},
	    {"2000 stream tcp nowait nobody /bin/true a -x\n", "arguments",
		false},
	    {"2000 stream tcp nowait root /bin/true a\n", "user", false},
	    {"2000 stream tcp nowait nobody:nogroup /bin/true a\n", "group",
		false},
	    {"2000 stream tcp nowait.5 nobody /bin/true a\n", "max", false},
	    {"2000 stream tcp nowait.0.3 nobody /bin/true a\n", "per-source",
		false},
	    {"2000 stream tcp,sndbuf=64k nowait nobody /bin/true a\n", "sndbuf",
		true},
	    {"2000 stream tcp,rcvbuf=64k nowait nobody /bin/true a\n", "rcvbuf",
		true},
	    {"2000 stream tcp wait nobody /bin/true a\n", "wait", true},
	    {"2000 stream tcp nowait nobody internal echo\n",
		"internal service,program,arguments", true},
	    {"2000 stream tcp nowait.9 root /bin/false b\n",
		"program,arguments,user,max", false},
	};
	for (const auto &c : cases) {
		auto next = resolve(c.line).entries.at(0);
		CHECK_TEXT(base.same_sockets(next), c.line);
		auto change = inetd::compare_specs(base, next);
		std::string got;
		for (const auto &f : change.fields)
			got += (got.empty() ? "" : ",") + f;
		STRCMP_EQUAL_TEXT(c.fields, got.c_str(), c.line);
		CHECK_EQUAL_TEXT(*c.fields != '\0', change.changed(), c.line);
		CHECK_EQUAL_TEXT(c.sockopts, change.socket_options, c.line);
	}
}

TEST(compare_specs, a_user_is_its_ids)
{
	auto a = resolve("2000 stream tcp nowait nobody /bin/true a\n")
		     .entries.at(0);
	auto b = a;
	b.user.groups.push_back(4242);
	auto c = inetd::compare_specs(a, b);
	LONGS_EQUAL(1, c.fields.size());
	STRCMP_EQUAL("user", c.fields[0].c_str());
	b = a;
	b.user.uid = 4242;
	CHECK(inetd::compare_specs(a, b).changed());
	CHECK_FALSE(inetd::compare_specs(a, a).changed());
}
