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
