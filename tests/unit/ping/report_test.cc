#include <netinet/in.h>

#include "libnet/icmp.h"
#include "libnet/icmp6.h"

#include "../../../bin/ping/report.h"

#include <CppUTest/TestHarness.h>

TEST_GROUP(report){};

TEST(report, headers_of_both_families)
{
	STRCMP_EQUAL("PING host (10.9.0.2) 56(84) bytes of data.",
	    ping::header_line("host", *net::address::parse("10.9.0.2"), "h2",
		56, 0, "")
		.c_str());
	STRCMP_EQUAL("PING 10.9.0.2 (10.9.0.2) 56(124) bytes of data.",
	    ping::header_line("10.9.0.2", *net::address::parse("10.9.0.2"),
		"", 56, 40, "")
		.c_str());
	STRCMP_EQUAL("PING ::1(::1) 56 data bytes",
	    ping::header_line("::1", *net::address::parse("::1"), "", 56, 0,
		"")
		.c_str());
	// IPv6 names the address as it names a reply's source (iputils).
	STRCMP_EQUAL("PING localhost(localhost (::1)) 56 data bytes",
	    ping::header_line("localhost", *net::address::parse("::1"),
		"localhost", 56, 0, "")
		.c_str());
	STRCMP_EQUAL("PING h (10.9.0.2) from 10.9.0.1 v1: 56(84) bytes of "
		     "data.",
	    ping::header_line("h", *net::address::parse("10.9.0.2"), "", 56,
		0, "10.9.0.1 v1")
		.c_str());
	STRCMP_EQUAL("PATTERN: 0x00ff0a",
	    ping::pattern_line({0, 0xff, 0x0a}).c_str());
	STRCMP_EQUAL("h1 (10.9.0.1)",
	    ping::peer_name("h1", *net::address::parse("10.9.0.1")).c_str());
	STRCMP_EQUAL("10.9.0.1",
	    ping::peer_name("", *net::address::parse("10.9.0.1")).c_str());
}

TEST(report, icmp_errors_in_pings_words)
{
	STRCMP_EQUAL("Destination Host Unreachable",
	    ping::icmp_text(AF_INET, 3, 1, 0).c_str());
	STRCMP_EQUAL("Destination Port Unreachable",
	    ping::icmp_text(AF_INET, 3, 3, 0).c_str());
	STRCMP_EQUAL("Frag needed and DF set (mtu = 1400)",
	    ping::icmp_text(AF_INET, 3, 4, 1400).c_str());
	STRCMP_EQUAL("Dest Unreachable, Bad Code: 77",
	    ping::icmp_text(AF_INET, 3, 77, 0).c_str());
	STRCMP_EQUAL("Time to live exceeded",
	    ping::icmp_text(AF_INET, 11, 0, 0).c_str());
	STRCMP_EQUAL("Redirect Host(New nexthop: 10.9.0.3)",
	    ping::icmp_text(AF_INET, 5, 1, 0x0a090003).c_str());
	STRCMP_EQUAL("Parameter problem: pointer = 20",
	    ping::icmp_text(AF_INET, 12, 0, 20).c_str());
	STRCMP_EQUAL("Destination unreachable: Address unreachable",
	    ping::icmp_text(AF_INET6, 1, 3, 0).c_str());
	STRCMP_EQUAL("Packet too big: mtu=1280",
	    ping::icmp_text(AF_INET6, 2, 0, 1280).c_str());
	STRCMP_EQUAL("Time exceeded: Hop limit",
	    ping::icmp_text(AF_INET6, 3, 0, 0).c_str());
	STRCMP_EQUAL("Parameter problem: Unknown header at 40",
	    ping::icmp_text(AF_INET6, 4, 1, 40).c_str());
	STRCMP_EQUAL("Router Advertisement",
	    ping::icmp_type_name(AF_INET6, 134).c_str());
	STRCMP_EQUAL("type 42", ping::icmp_type_name(AF_INET, 42).c_str());
}

TEST(report, record_route_layout)
{
	STRCMP_EQUAL("RR: \t10.9.0.1\n\t10.9.0.2\n\n",
	    ping::route_lines({"10.9.0.1", "10.9.0.2"}, false).c_str());
	STRCMP_EQUAL("RR: \ta\n\t(truncated route)\n\n",
	    ping::route_lines({"a"}, true).c_str());
}

TEST(report, wrong_data_like_iputils)
{
	std::vector<std::uint8_t> d(56);
	for (std::size_t i = 0; i < d.size(); i++)
		d[i] = static_cast<std::uint8_t>(i);
	d[20] = 0xff;
	// Hex without padding, then the data after the timestamp, 32 bytes
	// to a line.
	STRCMP_EQUAL("wrong data byte #20 should be 0x14 but was 0xff\n"
		     "#16\t10 11 12 13 ff 15 16 17 18 19 1a 1b 1c 1d 1e 1f "
		     "20 21 22 23 24 25 26 27 28 29 2a 2b 2c 2d 2e 2f \n"
		     "#48\t30 31 32 33 34 35 36 37 ",
	    ping::data_mismatch_lines(20, 0x14, d).c_str());
	// A difference in the timestamp: the dump still starts at 16; data
	// too short for one has no dump.
	d.resize(17);
	STRCMP_EQUAL("wrong data byte #3 should be 0x0 but was 0x3\n#16\t10 ",
	    ping::data_mismatch_lines(3, 0, d).c_str());
	d.resize(8);
	STRCMP_EQUAL("wrong data byte #7 should be 0x0 but was 0x7",
	    ping::data_mismatch_lines(7, 0, d).c_str());
	STRCMP_EQUAL("wrong data byte #9 should be 0x1 but was 0x0",
	    ping::data_mismatch_lines(9, 1, d).c_str());
}
