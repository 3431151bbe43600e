#include <sstream>
#include <string>

#include "libnet/parse_file.h"
#include "libnet/protocols.h"

#include <CppUTest/TestHarness.h>

#include "skip.h"

namespace {

net::parsed<net::protocol_entry>
parse(const std::string &text)
{
	std::istringstream in(text);
	return net::parse_protocols(in, "test");
}

} // namespace

TEST_GROUP(protocols){};

TEST(protocols, parses_names_numbers_aliases_and_comments)
{
	auto p = parse("# comment\n"
		       "\n"
		       "ip\t0\tIP\t\t# pseudo\n"
		       "tcp 6 TCP\n"
		       "ipv6-icmp 58 IPv6-ICMP icmp6\r\n"
		       "reserved 255\n"
		       "mptcp 262 MPTCP\n");
	for (const auto &d : p.diagnostics)
		FAIL(d.str().c_str());
	LONGS_EQUAL(5, p.entries.size());
	STRCMP_EQUAL("ip", p.entries[0].name.c_str());
	LONGS_EQUAL(0, p.entries[0].number);
	LONGS_EQUAL(3, p.entries[0].line);
	LONGS_EQUAL(58, p.entries[2].number);
	LONGS_EQUAL(2, p.entries[2].aliases.size());
	STRCMP_EQUAL("icmp6", p.entries[2].aliases[1].c_str());
	LONGS_EQUAL(255, p.entries[3].number);
	CHECK(p.entries[3].aliases.empty());
	// Linux's socket-layer-only numbers are above the header's byte.
	LONGS_EQUAL(262, p.entries[4].number);
}

TEST(protocols, lookups_by_name_alias_and_number)
{
	auto p = parse("ip 0 IP\nhopopt 0 HOPOPT\ntcp 6 TCP\nudp 17 UDP\n"
		       "mptcp 262\n");
	net::protocol_table t(std::move(p.entries));
	LONGS_EQUAL(6, t.by_name("tcp")->number);
	LONGS_EQUAL(17, t.by_name("UDP")->number);
	// Case matters, as for getprotobyname(3).
	CHECK(t.by_name("Tcp") == nullptr);
	CHECK(t.by_name("nosuch") == nullptr);
	STRCMP_EQUAL("ip", t.by_number(0)->name.c_str());
	STRCMP_EQUAL("udp", t.by_number(17)->name.c_str());
	CHECK(t.by_number(18) == nullptr);
	STRCMP_EQUAL("mptcp", t.by_number(262)->name.c_str());
	CHECK(t.by_number(256 + 6 + 65536) == nullptr);
}

TEST(protocols, duplicate_is_a_warning_and_the_first_wins)
{
	auto p = parse("tcp 6 TCP\nudp 17\ntcp 7\n");
	LONGS_EQUAL(1, p.diagnostics.size());
	CHECK_FALSE(p.has_errors());
	STRCMP_EQUAL("test:3: warning: duplicate protocol 'tcp', "
		     "first entry kept",
	    p.diagnostics[0].str().c_str());
	net::protocol_table t(std::move(p.entries));
	LONGS_EQUAL(6, t.by_name("tcp")->number);
	STRCMP_EQUAL("tcp", t.by_number(7)->name.c_str());
}

TEST(protocols, every_malformed_line_gets_one_diagnostic_on_its_line)
{
	struct {
		const char *line;
		const char *want;
	} cases[] = {
	    {"tcp", "missing protocol number after 'tcp'"},
	    {"tcp 65536", "bad protocol number '65536'"},
	    {"tcp -1", "bad protocol number '-1'"},
	    {"tcp +6", "bad protocol number '+6'"},
	    {"tcp 0x6", "bad protocol number '0x6'"},
	    {"tcp 6x", "bad protocol number '6x'"},
	    {"tcp 99999999999999999999999",
		"bad protocol number '99999999999999999999999'"},
	    {"tcp TCP 6", "bad protocol number 'TCP'"},
	    {"t$cp 6", "bad protocol name 't$cp'"},
	    {"6 6", nullptr},
	    {"tcp 6 T/CP", "bad alias 'T/CP'"},
	    {"tcp 6 TCP bad\\alias", "bad alias 'bad\\\\alias'"},
	};
	for (const auto &c : cases) {
		auto p = parse(std::string("ok 1\n\n") + c.line + "\nok2 2\n");
		if (c.want == nullptr) {
			// A numeric name is odd but harmless, as in glibc.
			LONGS_EQUAL_TEXT(0, p.diagnostics.size(), c.line);
			continue;
		}
		LONGS_EQUAL_TEXT(2, p.entries.size(), c.line);
		LONGS_EQUAL_TEXT(1, p.diagnostics.size(), c.line);
		CHECK_TEXT(p.has_errors(), c.line);
		STRCMP_EQUAL_TEXT((std::string("test:3: ") + c.want).c_str(),
		    p.diagnostics[0].str().c_str(), c.line);
	}
}

TEST(protocols, overlong_nul_and_0xff_lines_do_not_crash)
{
	std::string text(100000, 'a');
	text += " 6\nok 1\n";
	text += std::string("tcp\0 6\n", 7);
	text += "\xff 6\n";
	text += std::string("tcp 6 \0\n", 8);
	std::istringstream in(text);
	auto p = net::parse_protocols(in, "test");
	LONGS_EQUAL(1, p.entries.size());
	STRCMP_EQUAL("ok", p.entries[0].name.c_str());
	LONGS_EQUAL(4, p.diagnostics.size());
	STRCMP_CONTAINS("test:1: line longer than",
	    p.diagnostics[0].str().c_str());
	STRCMP_EQUAL("test:3: bad protocol name 'tcp\\000'",
	    p.diagnostics[1].str().c_str());
	STRCMP_EQUAL("test:4: bad protocol name '\\377'",
	    p.diagnostics[2].str().c_str());
	STRCMP_EQUAL("test:5: bad alias '\\000'",
	    p.diagnostics[3].str().c_str());
}

TEST(protocols, shipped_sample_is_clean_and_complete)
{
	auto p = net::parse_file(TOP_SRCDIR "/etc/protocols",
	    net::parse_protocols);
	CHECK(p.ok());
	for (const auto &d : p->diagnostics)
		FAIL(d.str().c_str());
	net::protocol_table t(std::move(p->entries));
	struct {
		const char *name;
		unsigned number;
	} want[] = {
	    {"ip", 0}, {"icmp", 1}, {"igmp", 2}, {"ggp", 3}, {"ipencap", 4},
	    {"st", 5}, {"tcp", 6}, {"egp", 8}, {"igp", 9}, {"pup", 12},
	    {"udp", 17}, {"hmp", 20}, {"xns-idp", 22}, {"rdp", 27},
	    {"iso-tp4", 29}, {"dccp", 33}, {"xtp", 36}, {"ddp", 37},
	    {"idpr-cmtp", 38}, {"ipv6", 41}, {"ipv6-route", 43},
	    {"ipv6-frag", 44}, {"idrp", 45}, {"rsvp", 46}, {"gre", 47},
	    {"esp", 50}, {"ah", 51}, {"skip", 57}, {"ipv6-icmp", 58},
	    {"ipv6-nonxt", 59}, {"ipv6-opts", 60}, {"rspf", 73},
	    {"vmtp", 81}, {"eigrp", 88}, {"ospf", 89}, {"ax.25", 93},
	    {"ipip", 94}, {"etherip", 97}, {"encap", 98}, {"pim", 103},
	    {"ipcomp", 108}, {"vrrp", 112}, {"l2tp", 115}, {"isis", 124},
	    {"sctp", 132}, {"fc", 133}, {"mobility-header", 135},
	    {"udplite", 136}, {"mpls-in-ip", 137}, {"manet", 138},
	    {"hip", 139}, {"shim6", 140}, {"wesp", 141}, {"rohc", 142},
	    {"ethernet", 143},
	};
	for (const auto &w : want) {
		const auto *e = t.by_name(w.name);
		CHECK_TEXT(e != nullptr, w.name);
		LONGS_EQUAL_TEXT(w.number, e->number, w.name);
		CHECK_TEXT(t.by_number(w.number) == e ||
			w.number == 0, w.name);
		CHECK_TEXT(e->aliases.size() >= 1, w.name);
	}
	STRCMP_EQUAL("tcp", t.by_name("TCP")->name.c_str());
	STRCMP_EQUAL("ipv6-icmp", t.by_name("IPv6-ICMP")->name.c_str());
}

TEST(protocols, system_file_parses_without_diagnostics)
{
	auto p = net::parse_file("/etc/protocols", net::parse_protocols);
	if (!p.ok())
		NET_SKIP("no /etc/protocols on this machine");
	for (const auto &d : p->diagnostics)
		FAIL(d.str().c_str());
	net::protocol_table t(std::move(p->entries));
	CHECK(t.entries().size() > 10);
	LONGS_EQUAL(6, t.by_name("tcp")->number);
}
