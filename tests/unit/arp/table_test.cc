#include "../../../sbin/arp/format.h"
#include "../../../sbin/arp/table.h"

#include <CppUTest/TestHarness.h>

namespace {

net::neighbour
neigh(const char *addr, int ifindex, std::uint16_t state,
    const char *mac = nullptr)
{
	net::neighbour n;
	n.addr = *net::address::parse(addr);
	n.ifindex = ifindex;
	n.state = state;
	if (mac)
		n.lladdr = *net::mac_address::parse(mac);
	return n;
}

net::neighbour
proxy(const char *addr, int ifindex)
{
	net::neighbour n = neigh(addr, ifindex, 0);
	n.proxy = true;
	return n;
}

std::vector<net::link_info>
links()
{
	net::link_info v1;
	v1.index = 2;
	v1.name = "v1";
	v1.mac = *net::mac_address::parse("02:00:00:00:00:01");
	net::link_info lo;
	lo.index = 1;
	lo.name = "lo";
	return {lo, v1};
}

} // namespace

TEST_GROUP(table){};

TEST(table, entries_merge_with_their_proxies)
{
	auto e = arp::merge_entries(
	    {neigh("10.9.0.2", 2, net::nud::reachable, "02:00:00:00:00:02"),
		neigh("10.9.0.50", 2, net::nud::permanent,
		    "02:00:00:00:00:50"),
		neigh("10.9.0.99", 2, net::nud::incomplete),
		neigh("10.9.0.98", 2, net::nud::failed, "02:00:00:00:00:98"),
		neigh("224.0.0.1", 2, net::nud::noarp, "01:00:5e:00:00:01")},
	    {proxy("10.9.0.50", 2), proxy("10.9.0.60", 2),
		proxy("10.9.0.61", 1)},
	    links());
	LONGS_EQUAL(6, e.size());
	STRCMP_EQUAL("? (10.9.0.2) at 02:00:00:00:00:02 on v1",
	    arp::format_entry(e[0], "").c_str());
	STRCMP_EQUAL("gw (10.9.0.50) at 02:00:00:00:00:50 permanent published "
		     "on v1",
	    arp::format_entry(e[1], "gw").c_str());
	STRCMP_EQUAL("? (10.9.0.99) at (incomplete) on v1",
	    arp::format_entry(e[2], "").c_str());
	// A failed entry's stale address is not shown.
	STRCMP_EQUAL("? (10.9.0.98) at (incomplete) on v1",
	    arp::format_entry(e[3], "").c_str());
	// A proxy entry alone is answered with the interface's address.
	STRCMP_EQUAL("? (10.9.0.60) at 02:00:00:00:00:01 permanent published "
		     "on v1",
	    arp::format_entry(e[4], "").c_str());
	CHECK(e[4].proxy_only);
	STRCMP_EQUAL("? (10.9.0.61) at (none) published on lo",
	    arp::format_entry(e[5], "").c_str());
}

TEST(table, times_in_milliseconds)
{
	STRCMP_EQUAL("0.052", arp::format_ms(52400).c_str());
	STRCMP_EQUAL("1234.568", arp::format_ms(1234567890).c_str());
	STRCMP_EQUAL("0.000", arp::format_ms(-1).c_str());
}

TEST(table, the_linux_form_as_net_tools_prints_it)
{
	// A published neighbour is two rows there, as in /proc/net/arp: the
	// neighbour among the neighbours, the proxy entry among the proxies,
	// which keep the kernel's order.
	auto e = arp::merge_entries(
	    {neigh("10.9.0.2", 2, net::nud::stale, "02:00:00:00:00:02"),
		neigh("10.9.0.50", 2, net::nud::permanent,
		    "02:00:00:00:00:50"),
		neigh("10.9.0.99", 2, net::nud::incomplete)},
	    {proxy("10.9.0.60", 2), proxy("10.9.0.50", 2)}, links());
	auto rows = arp::linux_rows(e);
	LONGS_EQUAL(5, rows.size());
	STRCMP_EQUAL("Address                  HWtype  HWaddress           "
		     "Flags Mask            Iface",
	    arp::linux_header().c_str());
	const char *want[] = {
	    "10.9.0.2                 ether   02:00:00:00:00:02   C     "
	    "                v1",
	    "gateway                  ether   02:00:00:00:00:50   CM    "
	    "                v1",
	    "10.9.0.99                        (incomplete)              "
	    "                v1",
	    "10.9.0.60                *       <from_interface>    MP    "
	    "                v1",
	    "gateway                  *       <from_interface>    MP    "
	    "                v1",
	};
	for (std::size_t i = 0; i < rows.size(); i++) {
		std::string host = rows[i].e->addr.str() == "10.9.0.50"
		    ? "gateway"
		    : "";
		STRCMP_EQUAL(want[i], arp::format_linux(*rows[i].e,
		    rows[i].proxy, host).c_str());
	}
	// Names are cut to the column, as net-tools cuts them.
	STRCMP_EQUAL("a-very-long-host-name-f  ether   02:00:00:00:00:02   C "
		     "                    v1",
	    arp::format_linux(e[0], false,
		"a-very-long-host-name-for-the-printer.example.org")
		.c_str());
	STRCMP_EQUAL("Entries: 5\tSkipped: 3\tFound: 2",
	    arp::counts_line(5, 2).c_str());
}
