#include <sstream>
#include <string>
#include <vector>

#include "libnet/parse_file.h"
#include "libnet/services.h"

#include <CppUTest/TestHarness.h>

#include "skip.h"

namespace {

net::parsed<net::service_entry>
parse(const char *text)
{
	std::istringstream in(text);
	return net::parse_services(in, "test");
}

} // namespace

TEST_GROUP(services){};

TEST(services, parses_names_ports_aliases_and_comments)
{
	auto p = parse("# comment\n"
		       "\n"
		       "echo\t7/tcp\n"
		       "discard 9/udp sink null # trailing\n"
		       "timed 525/udp timeserver\r\n");
	CHECK(p.diagnostics.empty());
	LONGS_EQUAL(3, p.entries.size());
	STRCMP_EQUAL("discard", p.entries[1].name.c_str());
	LONGS_EQUAL(9, p.entries[1].port);
	STRCMP_EQUAL("udp", p.entries[1].proto.c_str());
	LONGS_EQUAL(2, p.entries[1].aliases.size());
	STRCMP_EQUAL("null", p.entries[1].aliases[1].c_str());
	LONGS_EQUAL(4, p.entries[1].line);
	STRCMP_EQUAL("timeserver", p.entries[2].aliases[0].c_str());
}

TEST(services, lookups_by_name_alias_and_port)
{
	auto p = parse("shell 514/tcp cmd\nsyslog 514/udp\n");
	net::service_table t(std::move(p.entries));
	CHECK(t.by_name("shell", "tcp") != nullptr);
	LONGS_EQUAL(514, t.by_name("cmd", "tcp")->port);
	CHECK(t.by_name("shell", "udp") == nullptr);
	STRCMP_EQUAL("syslog", t.by_port(514, "udp")->name.c_str());
	CHECK(t.by_port(515, "tcp") == nullptr);
}

TEST(services, every_malformed_line_gets_a_diagnostic)
{
	const char *bad[] = {
	    "echo\n",
	    "echo 7\n",
	    "echo 7/\n",
	    "echo /tcp\n",
	    "echo 65536/tcp\n",
	    "echo -1/tcp\n",
	    "echo 7x/tcp\n",
	    "echo 99999999999999999999999/tcp\n",
	    "ec;ho 7/tcp\n",
	    "echo 7/t:cp\n",
	    "echo 7/tcp bad$alias\n",
	};
	for (const char *text : bad) {
		auto p = parse(text);
		LONGS_EQUAL_TEXT(0, p.entries.size(), text);
		LONGS_EQUAL_TEXT(1, p.diagnostics.size(), text);
		CHECK_TEXT(p.has_errors(), text);
		STRCMP_CONTAINS("test:1: ", p.diagnostics[0].str().c_str());
	}
}

TEST(services, duplicate_is_a_warning_and_the_first_wins)
{
	auto p = parse("echo 7/tcp\necho 8/tcp\n");
	LONGS_EQUAL(1, p.diagnostics.size());
	CHECK_FALSE(p.has_errors());
	STRCMP_EQUAL("test:2: warning: duplicate service echo/tcp, "
		     "first entry kept",
	    p.diagnostics[0].str().c_str());
	net::service_table t(std::move(p.entries));
	LONGS_EQUAL(7, t.by_name("echo", "tcp")->port);
}

TEST(services, overlong_and_binary_lines_do_not_crash)
{
	std::string text(100000, 'a');
	text += " 7/tcp\nok 1/tcp\n";
	text += std::string("\0\xff\x01 2/tcp\n", 10);
	std::istringstream in(text);
	auto p = net::parse_services(in, "test");
	LONGS_EQUAL(1, p.entries.size());
	STRCMP_EQUAL("ok", p.entries[0].name.c_str());
	LONGS_EQUAL(2, p.diagnostics.size());
	STRCMP_CONTAINS("test:1: line longer than",
	    p.diagnostics[0].str().c_str());
	STRCMP_CONTAINS("test:3: bad service name",
	    p.diagnostics[1].str().c_str());
}

TEST(services, shipped_sample_is_clean_and_has_the_suite_ports)
{
	auto p = net::parse_file(TOP_SRCDIR "/etc/services",
	    net::parse_services);
	CHECK(p.ok());
	for (const auto &d : p->diagnostics)
		FAIL(d.str().c_str());
	net::service_table t(std::move(p->entries));
	LONGS_EQUAL(525, t.by_name("timed", "udp")->port);
	LONGS_EQUAL(69, t.by_name("tftp", "udp")->port);
	LONGS_EQUAL(514, t.by_name("shell", "tcp")->port);
	LONGS_EQUAL(520, t.by_name("route", "udp")->port);
	const char *internal[] = {"echo", "discard", "chargen", "daytime",
	    "time"};
	for (const char *s : internal) {
		CHECK_TEXT(t.by_name(s, "tcp") != nullptr, s);
		CHECK_TEXT(t.by_name(s, "udp") != nullptr, s);
	}
	// Each protocol its own line (the manual's section on services).
	LONGS_EQUAL(22, t.by_name("ssh", "udp")->port);
	LONGS_EQUAL(995, t.by_name("pop3s", "udp")->port);
}

TEST(services, shipped_sample_has_every_service_of_the_system_file)
{
	// Installed over Debian's /etc/services, the sample must not lose a
	// name any package expects: a lookup of each name and alias of the
	// system file gives the same port in the sample as in that file.
	auto sys = net::parse_file("/etc/services", net::parse_services);
	if (!sys.ok())
		NET_SKIP("no /etc/services on this machine");
	auto p = net::parse_file(TOP_SRCDIR "/etc/services",
	    net::parse_services);
	CHECK(p.ok());
	net::service_table sample(std::move(p->entries));
	net::service_table system(sys->entries);
	for (const auto &e : sys->entries) {
		std::vector<std::string> names = e.aliases;
		names.push_back(e.name);
		for (const auto &n : names) {
			std::string what = n + "/" + e.proto;
			const net::service_entry *s = sample.by_name(n, e.proto);
			CHECK_TEXT(s != nullptr, ("missing: " + what).c_str());
			LONGS_EQUAL_TEXT(system.by_name(n, e.proto)->port, s->port,
			    what.c_str());
		}
	}
}

TEST(services, system_file_parses_without_diagnostics)
{
	auto p = net::parse_file("/etc/services", net::parse_services);
	if (!p.ok())
		NET_SKIP("no /etc/services on this machine");
	for (const auto &d : p->diagnostics)
		FAIL(d.str().c_str());
	CHECK(p->entries.size() > 100);
}

TEST(services, missing_file_is_an_error_naming_it)
{
	auto p = net::parse_file("/nonexistent/services",
	    net::parse_services);
	CHECK_FALSE(p.ok());
	STRCMP_EQUAL("open /nonexistent/services: No such file or directory",
	    p.err().message().c_str());
}
