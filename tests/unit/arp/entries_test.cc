#include <sstream>

#include "../../../sbin/arp/entries.h"

#include <CppUTest/TestHarness.h>

TEST_GROUP(entries){};

TEST(entries, one_entry_with_its_flags)
{
	auto e = arp::parse_entry({"gw", "0:1b:21:a:b:c", "temp", "pub"});
	CHECK(e.ok());
	STRCMP_EQUAL("gw", e->host.c_str());
	STRCMP_EQUAL("00:1b:21:0a:0b:0c", e->mac.str().c_str());
	CHECK(e->temp);
	CHECK(e->pub);
	CHECK_FALSE(e->trail);
	auto p = arp::parse_entry({"10.9.0.5", "02:00:00:00:00:05"});
	CHECK(p.ok());
	CHECK_FALSE(p->temp || p->pub || p->trail);
	CHECK(arp::parse_entry({"h", "02:00:00:00:00:05", "trail"})->trail);
}

TEST(entries, ethernet_addresses_as_net_tools_takes_them)
{
	// Colons between two-digit bytes may go, as in net-tools' in_ether().
	struct {
		const char *in, *out;
	} ok[] = {
	    {"00:11:22:33:44:55", "00:11:22:33:44:55"},
	    {"0:1:2:3:4:5", "00:01:02:03:04:05"},
	    {"001122334455", "00:11:22:33:44:55"},
	    {"001122:334455", "00:11:22:33:44:55"},
	    {"0011:2233:4455", "00:11:22:33:44:55"},
	    {"0:1122:3:44:55", "00:11:22:03:44:55"},
	    {"A:B:C:D:E:F", "0a:0b:0c:0d:0e:0f"},
	    {"0a1B2c3D4e5F", "0a:1b:2c:3d:4e:5f"},
	    {"ffffffffffff", "ff:ff:ff:ff:ff:ff"},
	};
	for (const auto &c : ok) {
		auto m = arp::parse_mac(c.in);
		CHECK_TEXT(m.has_value(), c.in);
		STRCMP_EQUAL(c.out, m->str().c_str());
		auto e = arp::parse_entry({"h", c.in});
		CHECK_TEXT(e.ok(), c.in);
	}
	// What net-tools refuses, and what it reads only in part (it stops
	// after six bytes, or takes a lone last digit as a byte): no other
	// separator, nothing before, after or between.
	const char *bad[] = {"", ":", ":::::", "00-11-22-33-44-55",
	    "00.11.22.33.44.55", "0011.2233.4455", "00 11 22 33 44 55",
	    "00112233445", "0011223344556", "00112233445566",
	    "1:2:3:4:5:6:7", "001122334455:66", "00:11:22:33:44:5g",
	    "0x00:11:22:33:44:55", "00:11:22:33:44:55x", "00:11:22:33:44:555",
	    "123:4:5:6:7:8", "0:11:22:33:44:55:", ":0:11:22:33:44:55",
	    "00::11:22:33:44", "00:11-22:33:44:55", "-0:1:2:3:4:5",
	    "001:122334455", "0:1:2:3:4", "00:11:22:33:44:55\n"};
	for (const char *b : bad) {
		CHECK_TEXT(!arp::parse_mac(b).has_value(), b);
		auto e = arp::parse_entry({"h", b});
		CHECK_TEXT(!e.ok(), b);
		STRCMP_CONTAINS("invalid ethernet address",
		    e.err().message().c_str());
	}
	// Hostile lengths and bytes.
	std::string longest(100000, 'a');
	CHECK(!arp::parse_mac(longest).has_value());
	std::string nul("00112233\0""0455", 13);
	CHECK(!arp::parse_mac(nul).has_value());
	CHECK(!arp::parse_mac("\xff\xfe:1:2:3:4:5").has_value());
}

TEST(entries, bad_entries_say_what_is_wrong)
{
	struct {
		std::vector<std::string_view> fields;
		const char *why;
	} bad[] = {
	    {{}, "expected hostname and ether_addr"},
	    {{"h"}, "expected hostname and ether_addr"},
	    {{"h", "02:00:00:00:00"},
		"invalid ethernet address: 02:00:00:00:00"},
	    {{"h", "zz:00:00:00:00:00"}, "invalid ethernet address"},
	    {{"h", "02:00:00:00:00:05", "perm"}, "unknown flag: perm"},
	    {{"a;rm", "02:00:00:00:00:05"}, "invalid host name"},
	    {{"h\x1b[2J", "02:00:00:00:00:05"}, "invalid host name: h\\033"},
	};
	for (const auto &b : bad) {
		auto e = arp::parse_entry(b.fields);
		CHECK_FALSE(e.ok());
		STRCMP_CONTAINS(b.why, e.err().message().c_str());
	}
}

TEST(entries, files_report_file_and_line_and_keep_the_good_lines)
{
	std::istringstream in("# the gateways\n"
			      "gw1 02:00:00:00:00:01\n"
			      "\n"
			      "gw2 02:00:00:00:00:02 temp pub  # a comment\n"
			      "gw3 bogus\n"
			      "gw4 02:00:00:00:00:04 trail\r\n"
			      "gw5\n"
			      "gw6 02:00:00:00:00:06 permanent\n");
	auto p = arp::parse_entries(in, "/etc/ethers.arp");
	LONGS_EQUAL(3, p.entries.size());
	LONGS_EQUAL(2, p.entries[0].line);
	LONGS_EQUAL(4, p.entries[1].line);
	CHECK(p.entries[1].pub && p.entries[1].temp);
	LONGS_EQUAL(6, p.entries[2].line);
	CHECK(p.entries[2].trail);
	CHECK(p.has_errors());
	LONGS_EQUAL(4, p.diagnostics.size());
	STRCMP_EQUAL("/etc/ethers.arp:5: invalid ethernet address: bogus",
	    p.diagnostics[0].str().c_str());
	STRCMP_EQUAL("/etc/ethers.arp:6: warning: trail: Linux has no "
		     "trailer encapsulation; ignored",
	    p.diagnostics[1].str().c_str());
	STRCMP_EQUAL("/etc/ethers.arp:7: expected hostname and ether_addr",
	    p.diagnostics[2].str().c_str());
	STRCMP_CONTAINS(":8: unknown flag: permanent",
	    p.diagnostics[3].str().c_str());
}

TEST(entries, hostile_files)
{
	std::string big(20000, 'a');
	std::istringstream in(big + " 02:00:00:00:00:01\n" +
	    std::string("\0\0\0 02:00:00:00:00:01\n", 22) +
	    "ok 02:00:00:00:00:01");
	auto p = arp::parse_entries(in, "f");
	LONGS_EQUAL(1, p.entries.size());
	STRCMP_EQUAL("ok", p.entries[0].host.c_str());
	LONGS_EQUAL(2, p.diagnostics.size());
	STRCMP_CONTAINS("f:1: line longer than",
	    p.diagnostics[0].str().c_str());
	STRCMP_CONTAINS("f:2: invalid host name",
	    p.diagnostics[1].str().c_str());
}
