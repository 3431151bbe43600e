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

TEST(servtab, duplicates_and_overlaps)
{
	std::istringstream in("echo stream tcp nowait root internal\n"
			      "7 stream tcp6 nowait root internal echo\n"
			      "echo dgram udp wait root internal\n"
			      "127.0.0.1:7 stream tcp nowait root internal echo\n");
	auto p = net::parse_inetd_conf(in, "inetd.conf");
	std::vector<net::inetd_entry> entries;
	for (auto &i : p.entries)
		entries.push_back(std::get<net::inetd_entry>(i));
	net::service_table db = services();
	inetd::resolve_context ctx;
	ctx.services = &db;
	auto r = inetd::resolve_services(entries, ctx);
	// Line 2 repeats [::]:7; the udp line and a specific address are
	// different sockets (the second may still fail to bind: logged then).
	LONGS_EQUAL(3, r.entries.size());
	LONGS_EQUAL(1, r.diagnostics.size());
	STRCMP_EQUAL("inetd.conf:2: duplicate service: [::]:7 is already "
		     "configured at inetd.conf:1",
	    r.diagnostics[0].str().c_str());
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
