#include <net/if.h>
#include <net/if_arp.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>

#include "libnet/rtnl.h"

#include "netns.h"
#include "tap.h"

#include <CppUTest/TestHarness.h>

#include "skip.h"

namespace {

const net::neighbour *
find(const std::vector<net::neighbour> &v, const char *addr)
{
	auto a = *net::address::parse(addr);
	for (const auto &n : v)
		if (n.addr == a)
			return &n;
	return nullptr;
}

} // namespace

TEST_GROUP(rtnl){};

TEST(rtnl, loopback_is_listed)
{
	auto nl = net::netlink_socket::open();
	CHECK(nl.ok());
	auto links = net::list_links(*nl);
	CHECK(links.ok());
	bool lo = false;
	for (const auto &l : *links)
		if (l.name == "lo") {
			lo = true;
			LONGS_EQUAL(1, l.index);
			LONGS_EQUAL(ARPHRD_LOOPBACK, l.type);
			CHECK((l.flags & IFF_LOOPBACK) != 0);
		}
	CHECK(lo);
	auto byname = net::find_link(*nl, "lo");
	CHECK(byname.ok());
	LONGS_EQUAL(1, byname->index);
	auto none = net::find_link(*nl, "nosuchif0");
	CHECK_FALSE(none.ok());
	LONGS_EQUAL(0, none.err().code);
	STRCMP_EQUAL("nosuchif0: no such interface",
	    none.err().message().c_str());
	CHECK_FALSE(net::find_link(*nl, "").ok());
	CHECK_FALSE(net::find_link(*nl, "x23456789012345678").ok());
	LONGS_EQUAL(1, net::link_by_index(*nl, 1)->index);
}

TEST(rtnl, addresses_routes_and_neighbours_on_a_tap)
{
	private_netns ns;
	if (!ns.entered())
		NET_SKIP("needs root and network namespaces");
	auto nl = net::netlink_socket::open();
	auto tap = tap_link::create(*nl, net::tun_mode::tap, "10.1.0.1", 24);
	CHECK(tap.has_value());
	auto l = net::link_by_index(*nl, tap->index);
	LONGS_EQUAL(ARPHRD_ETHER, l->type);
	CHECK(l->mac.has_value());
	CHECK((l->flags & IFF_UP) != 0);
	LONGS_EQUAL(1500, l->mtu);

	auto addrs = net::list_addresses(*nl, AF_INET);
	CHECK(addrs.ok());
	bool found = false;
	for (const auto &a : *addrs)
		found |= a.index == tap->index && a.prefix == 24 &&
		    a.addr.str() == "10.1.0.1";
	CHECK(found);

	auto r = net::get_route(*nl, *net::address::parse("10.1.0.7"));
	CHECK_TEXT(r.ok(), r.ok() ? "" : r.err().message().c_str());
	LONGS_EQUAL(tap->index, r->oif);
	CHECK_FALSE(r->gateway.has_value());
	STRCMP_EQUAL("10.1.0.1", r->prefsrc->str().c_str());
	auto out = net::get_route(*nl, *net::address::parse("192.0.2.1"));
	CHECK_FALSE(out.ok());
	LONGS_EQUAL(ENETUNREACH, out.err().code);

	net::neighbour n;
	n.ifindex = tap->index;
	n.addr = *net::address::parse("10.1.0.5");
	n.lladdr = *net::mac_address::parse("02:00:00:00:00:05");
	n.state = net::nud::permanent;
	CHECK(net::set_neighbour(*nl, n).ok());
	n.addr = *net::address::parse("10.1.0.6");
	n.state = net::nud::reachable;
	CHECK(net::set_neighbour(*nl, n).ok());
	net::neighbour p;
	p.ifindex = tap->index;
	p.addr = *net::address::parse("10.1.0.9");
	p.proxy = true;
	CHECK(net::set_neighbour(*nl, p).ok());

	auto list = net::list_neighbours(*nl, AF_INET);
	CHECK(list.ok());
	const auto *perm = find(*list, "10.1.0.5");
	CHECK(perm != nullptr);
	LONGS_EQUAL(net::nud::permanent, perm->state);
	STRCMP_EQUAL("02:00:00:00:00:05", perm->lladdr->str().c_str());
	CHECK(find(*list, "10.1.0.6") != nullptr);
	CHECK(find(*list, "10.1.0.9") == nullptr);
	auto proxies = net::list_neighbours(*nl, AF_INET, true);
	CHECK(proxies.ok());
	LONGS_EQUAL(1, proxies->size());
	CHECK((*proxies)[0].proxy);
	LONGS_EQUAL(tap->index, (*proxies)[0].ifindex);

	// Replacing keeps one entry; deleting removes it.
	n.addr = *net::address::parse("10.1.0.5");
	n.lladdr = *net::mac_address::parse("02:00:00:00:00:55");
	n.state = net::nud::permanent;
	CHECK(net::set_neighbour(*nl, n).ok());
	list = net::list_neighbours(*nl, AF_INET);
	STRCMP_EQUAL("02:00:00:00:00:55",
	    find(*list, "10.1.0.5")->lladdr->str().c_str());
	CHECK(net::delete_neighbour(*nl, n).ok());
	CHECK(net::delete_neighbour(*nl, p).ok());
	list = net::list_neighbours(*nl, AF_INET);
	CHECK(find(*list, "10.1.0.5") == nullptr);
	CHECK(net::list_neighbours(*nl, AF_INET, true)->empty());
	auto again = net::delete_neighbour(*nl, n);
	CHECK_FALSE(again.ok());
	LONGS_EQUAL(ENOENT, again.err().code);
	STRCMP_CONTAINS("delete 10.1.0.5", again.err().message().c_str());

	// An unknown interface, and no privilege.
	n.ifindex = 9999;
	CHECK_FALSE(net::set_neighbour(*nl, n).ok());
	n.ifindex = tap->index;
	pid_t pid = fork();
	if (pid == 0) {
		if (setresuid(65534, 65534, 65534) != 0)
			_exit(10);
		auto s = net::netlink_socket::open();
		if (!s)
			_exit(11);
		auto r2 = net::set_neighbour(*s, n);
		_exit(!r2.ok() && r2.err().code == EPERM ? 0 : 12);
	}
	int st = 0;
	waitpid(pid, &st, 0);
	CHECK(WIFEXITED(st));
	LONGS_EQUAL(0, WEXITSTATUS(st));
}
