#include <sstream>
#include <string>

#include "libnet/networks.h"
#include "libnet/parse_file.h"

#include <CppUTest/TestHarness.h>

#include "skip.h"

namespace {

net::parsed<net::network_entry>
parse(const std::string &text)
{
	std::istringstream in(text);
	return net::parse_networks(in, "test");
}

} // namespace

TEST_GROUP(networks){};

TEST(networks, parses_the_manuals_example)
{
	auto p = parse("# Building 1 Internet\n"
		       "Lachman-Net\t192.35.52\t#General\n"
		       "LAI-TCP-Net\t192.35.53\t#TCP Development\n");
	for (const auto &d : p.diagnostics)
		FAIL(d.str().c_str());
	LONGS_EQUAL(2, p.entries.size());
	STRCMP_EQUAL("Lachman-Net", p.entries[0].name.c_str());
	LONGS_EQUAL(0xc02334, p.entries[0].number);
	LONGS_EQUAL(2, p.entries[0].line);
	LONGS_EQUAL(0xc02335, p.entries[1].number);
	STRCMP_EQUAL("192.35.53.0",
	    net::to_network_address(p.entries[1].number).str().c_str());
}

TEST(networks, numbers_in_every_inet_network_form)
{
	struct {
		const char *text;
		std::uint32_t number;
		const char *addr;
	} cases[] = {
	    {"10", 0xa, "10.0.0.0"},
	    {"127", 0x7f, "127.0.0.0"},
	    {"169.254", 0xa9fe, "169.254.0.0"},
	    {"192.35.52", 0xc02334, "192.35.52.0"},
	    {"127.0.0.0", 0x7f000000, "127.0.0.0"},
	    {"0.0.0.0", 0, "0.0.0.0"},
	    {"0", 0, "0.0.0.0"},
	    {"0xc0.0x23.0x34", 0xc02334, "192.35.52.0"},
	    {"0XA", 0xa, "10.0.0.0"},
	    {"0300.043.064", 0xc02334, "192.35.52.0"},
	    {"012", 0xa, "10.0.0.0"},
	    {"255.255.255.255", 0xffffffff, "255.255.255.255"},
	    {"128", 0x80, "128.0.0.0"},
	};
	for (const auto &c : cases) {
		auto n = net::parse_network_number(c.text);
		CHECK_TEXT(n.has_value(), c.text);
		LONGS_EQUAL_TEXT(c.number, *n, c.text);
		STRCMP_EQUAL_TEXT(c.addr,
		    net::to_network_address(*n).str().c_str(), c.text);
	}
	const char *bad[] = {"", "256", "1.256", "1.2.3.4.5", "1..2", "1.",
	    ".1", "0x", "0x100", "08", "-1", "+1", "1 2", "a", "0xc0.",
	    "4294967295", "10/8"};
	for (const char *s : bad)
		CHECK_TEXT(!net::parse_network_number(s).has_value(), s);
}

TEST(networks, lookups_by_name_alias_and_number)
{
	auto p = parse("loopback 127 lo-net\n"
		       "link-local 169.254\n"
		       "Lachman-Net 192.35.52\n"
		       "again 127\n");
	CHECK(p.diagnostics.empty());
	net::network_table t(std::move(p.entries));
	LONGS_EQUAL(0x7f, t.by_name("loopback")->number);
	LONGS_EQUAL(0x7f, t.by_name("LO-NET")->number);
	LONGS_EQUAL(3, t.by_name("lachman-net")->line);
	CHECK(t.by_name("nosuch") == nullptr);
	STRCMP_EQUAL("loopback", t.by_number(0x7f)->name.c_str());
	STRCMP_EQUAL("link-local", t.by_number(0xa9fe)->name.c_str());
	CHECK(t.by_number(0x7f000000) == nullptr);
}

TEST(networks, duplicate_is_a_warning_and_the_first_wins)
{
	auto p = parse("loopback 127\nLoopback 10\n");
	LONGS_EQUAL(1, p.diagnostics.size());
	CHECK_FALSE(p.has_errors());
	STRCMP_EQUAL("test:2: warning: duplicate network 'Loopback', "
		     "first entry kept",
	    p.diagnostics[0].str().c_str());
	net::network_table t(std::move(p.entries));
	LONGS_EQUAL(0x7f, t.by_name("loopback")->number);
}

TEST(networks, every_malformed_line_gets_one_diagnostic_on_its_line)
{
	struct {
		const char *line;
		const char *want;
	} cases[] = {
	    {"net", "missing network number after 'net'"},
	    {"net 256", "bad network number '256'"},
	    {"net 1.2.3.4.5", "bad network number '1.2.3.4.5'"},
	    {"net 1..2", "bad network number '1..2'"},
	    {"net 10.", "bad network number '10.'"},
	    {"net 0x100", "bad network number '0x100'"},
	    {"net 09", "bad network number '09'"},
	    {"net 10/8", "bad network number '10/8'"},
	    {"net ::1", "bad network number '::1'"},
	    {"n@t 10", "bad network name 'n@t'"},
	    {"net 10 al!as", "bad alias 'al!as'"},
	};
	for (const auto &c : cases) {
		auto p = parse(std::string("ok 1\n   # x\n") + c.line +
		    "\nok2 2\n");
		LONGS_EQUAL_TEXT(2, p.entries.size(), c.line);
		LONGS_EQUAL_TEXT(1, p.diagnostics.size(), c.line);
		CHECK_TEXT(p.has_errors(), c.line);
		STRCMP_EQUAL_TEXT((std::string("test:3: ") + c.want).c_str(),
		    p.diagnostics[0].str().c_str(), c.line);
	}
}

TEST(networks, overlong_nul_and_0xff_lines_do_not_crash)
{
	std::string text(100000, 'n');
	text += " 10\nok 1\n";
	text += std::string("net 1\0\n", 7);
	text += "\xff\xff 10\n";
	std::istringstream in(text);
	auto p = net::parse_networks(in, "test");
	LONGS_EQUAL(1, p.entries.size());
	STRCMP_EQUAL("ok", p.entries[0].name.c_str());
	LONGS_EQUAL(3, p.diagnostics.size());
	STRCMP_CONTAINS("test:1: line longer than",
	    p.diagnostics[0].str().c_str());
	STRCMP_EQUAL("test:3: bad network number '1\\000'",
	    p.diagnostics[1].str().c_str());
	STRCMP_EQUAL("test:4: bad network name '\\377\\377'",
	    p.diagnostics[2].str().c_str());
}

TEST(networks, shipped_sample_is_clean)
{
	auto p = net::parse_file(TOP_SRCDIR "/etc/networks",
	    net::parse_networks);
	CHECK(p.ok());
	for (const auto &d : p->diagnostics)
		FAIL(d.str().c_str());
	net::network_table t(std::move(p->entries));
	STRCMP_EQUAL("127.0.0.0",
	    net::to_network_address(t.by_name("loopback")->number)
		.str().c_str());
	STRCMP_EQUAL("169.254.0.0",
	    net::to_network_address(t.by_name("link-local")->number)
		.str().c_str());
}

TEST(networks, system_file_parses_without_diagnostics)
{
	auto p = net::parse_file("/etc/networks", net::parse_networks);
	if (!p.ok())
		NET_SKIP("no /etc/networks on this machine");
	for (const auto &d : p->diagnostics)
		FAIL(d.str().c_str());
}
