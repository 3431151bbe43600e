#include <sstream>
#include <string>

#include "libnet/hosts.h"
#include "libnet/parse_file.h"

#include <CppUTest/TestHarness.h>

#include "skip.h"

namespace {

net::parsed<net::host_entry>
parse(const std::string &text)
{
	std::istringstream in(text);
	return net::parse_hosts(in, "test");
}

} // namespace

TEST_GROUP(hosts){};

TEST(hosts, parses_addresses_names_aliases_and_comments)
{
	auto p = parse("# comment\n"
		       "\n"
		       "127.0.0.1\tlocalhost\n"
		       "192.0.2.1 gw.example.com gw # trailing\n"
		       "2001:DB8::1 v6.example.com\r\n"
		       "   \t  \n");
	for (const auto &d : p.diagnostics)
		FAIL(d.str().c_str());
	LONGS_EQUAL(3, p.entries.size());
	STRCMP_EQUAL("localhost", p.entries[0].name.c_str());
	LONGS_EQUAL(3, p.entries[0].line);
	STRCMP_EQUAL("192.0.2.1", p.entries[1].addr.str().c_str());
	LONGS_EQUAL(1, p.entries[1].aliases.size());
	STRCMP_EQUAL("gw", p.entries[1].aliases[0].c_str());
	CHECK(p.entries[2].addr.is_v6());
	STRCMP_EQUAL("2001:db8::1", p.entries[2].addr.str().c_str());
	LONGS_EQUAL(5, p.entries[2].line);
}

TEST(hosts, every_classic_ipv4_form_of_the_manual)
{
	struct {
		const char *text;
		const char *want;
	} cases[] = {
	    {"192.0.2.10", "192.0.2.10"},	// a.b.c.d
	    {"10.1", "10.0.0.1"},		// a.b, net.node
	    {"10.65536", "10.1.0.0"},		// b is 24 bits
	    {"10.16777215", "10.255.255.255"},
	    {"128.32.513", "128.32.2.1"},	// a.b.c, c is 16 bits
	    {"172.16.65535", "172.16.255.255"},
	    {"3221225994", "192.0.2.10"},	// a, all 32 bits
	    {"0", "0.0.0.0"},
	    {"4294967295", "255.255.255.255"},
	    {"0xc0.0x00.0x02.0x0a", "192.0.2.10"}, // hex parts
	    {"0XC0.0X0.0X2.0XA", "192.0.2.10"},
	    {"0300.0.02.012", "192.0.2.10"},	// octal parts
	    {"010.0.0.1", "8.0.0.1"},		// the leading-zero trap
	    {"0xc000020a", "192.0.2.10"},
	    {"030000001012", "192.0.2.10"},
	    {"127.1", "127.0.0.1"},
	};
	for (const auto &c : cases) {
		auto p = parse(std::string(c.text) + " h\n");
		LONGS_EQUAL_TEXT(0, p.diagnostics.size(), c.text);
		LONGS_EQUAL_TEXT(1, p.entries.size(), c.text);
		STRCMP_EQUAL_TEXT(c.want, p.entries[0].addr.str().c_str(),
		    c.text);
	}
}

TEST(hosts, lookups_by_name_alias_family_and_address)
{
	auto p = parse("127.0.0.1 localhost\n"
		       "::1 localhost ip6-localhost\n"
		       "192.0.2.1 Gw.Example.COM gw\n"
		       "192.0.2.2 gw\n"
		       "2001:db8::1 gw\n"
		       "192.0.2.1 again\n");
	CHECK(p.diagnostics.empty());
	net::host_table t(std::move(p.entries));
	STRCMP_EQUAL("127.0.0.1", t.by_name("localhost")->addr.str().c_str());
	STRCMP_EQUAL("::1",
	    t.by_name("LOCALHOST", AF_INET6)->addr.str().c_str());
	STRCMP_EQUAL("::1", t.by_name("ip6-localhost")->addr.str().c_str());
	CHECK(t.by_name("ip6-localhost", AF_INET) == nullptr);
	LONGS_EQUAL(3, t.by_name("gw.example.com")->line);
	LONGS_EQUAL(3, t.by_name("GW")->line);
	LONGS_EQUAL(5, t.by_name("gw", AF_INET6)->line);
	CHECK(t.by_name("nosuch") == nullptr);
	CHECK(t.by_name("") == nullptr);

	auto all = t.all_by_name("gw");
	LONGS_EQUAL(3, all.size());
	STRCMP_EQUAL("192.0.2.1", all[0].str().c_str());
	STRCMP_EQUAL("192.0.2.2", all[1].str().c_str());
	STRCMP_EQUAL("2001:db8::1", all[2].str().c_str());
	LONGS_EQUAL(2, t.all_by_name("localhost").size());
	LONGS_EQUAL(1, t.all_by_name("localhost", AF_INET6).size());
	CHECK(t.all_by_name("nosuch").empty());

	auto a = net::address::parse("192.0.2.1");
	STRCMP_EQUAL("Gw.Example.COM", t.by_address(*a)->name.c_str());
	auto mapped = net::address::parse("::ffff:192.0.2.2");
	LONGS_EQUAL(4, t.by_address(*mapped)->line);
	CHECK(t.by_address(net::address::loopback6()) != nullptr);
	CHECK(t.by_address(*net::address::parse("192.0.2.3")) == nullptr);
}

TEST(hosts, a_repeated_address_line_keeps_both_names)
{
	auto p = parse("127.0.0.1 localhost\n127.0.0.1 thishost\n");
	CHECK(p.diagnostics.empty());
	net::host_table t(std::move(p.entries));
	STRCMP_EQUAL("localhost",
	    t.by_address(net::address::loopback4())->name.c_str());
	CHECK(t.by_name("thishost") != nullptr);
}

TEST(hosts, every_malformed_line_gets_one_diagnostic_on_its_line)
{
	struct {
		const char *line;
		const char *want;
	} cases[] = {
	    {"192.0.2.1", "missing host name after '192.0.2.1'"},
	    {"gw 192.0.2.1", "bad address 'gw'"},
	    {"256.0.0.1 h", "bad address '256.0.0.1'"},
	    {"1.2.3.4.5 h", "bad address '1.2.3.4.5'"},
	    {"10.16777216 h", "bad address '10.16777216'"},
	    {"1.2.65536 h", "bad address '1.2.65536'"},
	    {"4294967296 h", "bad address '4294967296'"},
	    {"1..2 h", "bad address '1..2'"},
	    {"1.2.3. h", "bad address '1.2.3.'"},
	    {"08.1.1.1 h", "bad address '08.1.1.1'"},
	    {"0x h", "bad address '0x'"},
	    {"-1 h", "bad address '-1'"},
	    {"+1 h", "bad address '+1'"},
	    {"1.2.3.4x h", "bad address '1.2.3.4x'"},
	    {"::1::2 h", "bad address '::1::2'"},
	    {"fe80::1%eth0 h", "scoped address 'fe80::1%eth0' is not "
				"supported"},
	    {"fe80::1%1 h", "scoped address 'fe80::1%1' is not supported"},
	    {"192.0.2.1 bad;name", "bad host name 'bad;name'"},
	    {"192.0.2.1 h bad/alias", "bad alias 'bad/alias'"},
	    {"192.0.2.1 h\vx", "bad host name 'h\\013x'"},
	};
	for (const auto &c : cases) {
		auto p = parse(std::string("127.0.0.1 ok\n# note\n") + c.line +
		    "\n::1 ok6\n");
		LONGS_EQUAL_TEXT(2, p.entries.size(), c.line);
		LONGS_EQUAL_TEXT(1, p.diagnostics.size(), c.line);
		CHECK_TEXT(p.has_errors(), c.line);
		STRCMP_EQUAL_TEXT((std::string("test:3: ") + c.want).c_str(),
		    p.diagnostics[0].str().c_str(), c.line);
	}
}

TEST(hosts, overlong_nul_and_0xff_lines_do_not_crash)
{
	std::string text(100000, '1');
	text += " h\n127.0.0.1 ok\n";
	text += std::string("127.0.0.1 a\0b\n", 14);
	text += "127.0.0.1 \xff\xfe\n";
	text += std::string("\0\0\0\n", 4);
	std::istringstream in(text);
	auto p = net::parse_hosts(in, "test");
	LONGS_EQUAL(1, p.entries.size());
	STRCMP_EQUAL("ok", p.entries[0].name.c_str());
	LONGS_EQUAL(4, p.diagnostics.size());
	STRCMP_CONTAINS("test:1: line longer than",
	    p.diagnostics[0].str().c_str());
	STRCMP_EQUAL("test:3: bad host name 'a\\000b'",
	    p.diagnostics[1].str().c_str());
	STRCMP_EQUAL("test:4: bad host name '\\377\\376'",
	    p.diagnostics[2].str().c_str());
	STRCMP_EQUAL("test:5: bad address '\\000\\000\\000'",
	    p.diagnostics[3].str().c_str());
}

TEST(hosts, shipped_sample_is_clean_and_has_the_loopbacks)
{
	auto p = net::parse_file(TOP_SRCDIR "/etc/hosts", net::parse_hosts);
	CHECK(p.ok());
	for (const auto &d : p->diagnostics)
		FAIL(d.str().c_str());
	net::host_table t(std::move(p->entries));
	STRCMP_EQUAL("127.0.0.1",
	    t.by_name("localhost", AF_INET)->addr.str().c_str());
	STRCMP_EQUAL("::1",
	    t.by_name("localhost", AF_INET6)->addr.str().c_str());
	LONGS_EQUAL(2, t.entries().size());
}

TEST(hosts, commented_examples_in_the_sample_parse_when_uncommented)
{
	auto f = net::parse_file(TOP_SRCDIR "/etc/hosts",
	    [](std::istream &in, std::string_view) {
		    std::string text, line;
		    while (std::getline(in, line))
			    if (line.size() > 1 && line[0] == '#' &&
				(line[1] == '1' || line[1] == '2' ||
				    line[1] == '3' || line[1] == '0'))
				    text += line.substr(1) + "\n";
		    std::istringstream again(text);
		    return net::parse_hosts(again, "uncommented");
	    });
	CHECK(f.ok());
	for (const auto &d : f->diagnostics)
		FAIL(d.str().c_str());
	net::host_table t(std::move(f->entries));
	CHECK(t.entries().size() >= 6);
	STRCMP_EQUAL("10.0.0.1",
	    t.by_name("node1.example.com")->addr.str().c_str());
	STRCMP_EQUAL("172.16.2.1",
	    t.by_name("node2.example.com")->addr.str().c_str());
	STRCMP_EQUAL("192.0.2.17",
	    t.by_name("node3.example.com")->addr.str().c_str());
	STRCMP_EQUAL("192.0.2.18",
	    t.by_name("node4.example.com")->addr.str().c_str());
	STRCMP_EQUAL("192.0.2.19",
	    t.by_name("node5.example.com")->addr.str().c_str());
	LONGS_EQUAL(2, t.all_by_name("gw").size());
}

TEST(hosts, system_file_parses_without_diagnostics)
{
	auto p = net::parse_file("/etc/hosts", net::parse_hosts);
	if (!p.ok())
		NET_SKIP("no /etc/hosts on this machine");
	for (const auto &d : p->diagnostics)
		FAIL(d.str().c_str());
	CHECK(!p->entries.empty());
}
