#include <net/if.h>
#include <net/if_arp.h>
#include <linux/neighbour.h>
#include <linux/rtnetlink.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <set>
#include <string>

#include "libnet/rtnl.h"

#include "netns.h"
#include "nl_build.h"
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

namespace {

// What ip route calls a table, a protocol, a scope and a type.
std::string
name_or_number(unsigned v, std::initializer_list<std::pair<unsigned,
    const char *>> names)
{
	for (const auto &n : names)
		if (n.first == v)
			return n.second;
	return std::to_string(v);
}

// A route as one line of "ip route show", for the fields this suite
// uses (no multipath, no metrics beyond the priority); the table is named
// only in a listing of every table.
std::string
ip_line(const net::route &r, const std::string &dev, bool all_tables)
{
	std::string s;
	if (r.type != net::rtn::unicast)
		s += name_or_number(r.type, {{net::rtn::local, "local"},
		    {net::rtn::broadcast, "broadcast"},
		    {net::rtn::anycast, "anycast"},
		    {net::rtn::multicast, "multicast"},
		    {net::rtn::blackhole, "blackhole"},
		    {net::rtn::unreachable, "unreachable"},
		    {net::rtn::prohibit, "prohibit"}}) + " ";
	if (r.dst.prefix() == 0)
		s += "default";
	else if (r.dst.prefix() == r.dst.network().bits())
		s += r.dst.network().str();
	else
		s += r.dst.str();
	if (r.gateway)
		s += " via " + r.gateway->str();
	if (r.oif != 0)
		s += " dev " + dev;
	if (all_tables && r.table != net::rt_table::main)
		s += " table " + name_or_number(r.table,
		    {{net::rt_table::local, "local"},
			{net::rt_table::default_table, "default"}});
	if (r.protocol != net::rtprot::boot)
		s += " proto " + name_or_number(r.protocol,
		    {{net::rtprot::kernel, "kernel"},
			{net::rtprot::static_route, "static"},
			{net::rtprot::redirect, "redirect"},
			{net::rtprot::ra, "ra"}});
	if (r.scope && *r.scope != net::rt_scope::universe)
		s += " scope " + name_or_number(*r.scope,
		    {{net::rt_scope::link, "link"},
			{net::rt_scope::host, "host"},
			{net::rt_scope::site, "site"},
			{net::rt_scope::nowhere, "nowhere"}});
	if (r.prefsrc)
		s += " src " + r.prefsrc->str();
	// IPv6 routes always carry their metric, IPv4 ones when not 0.
	if (r.metric != 0 || r.family() == AF_INET6)
		s += " metric " + std::to_string(r.metric);
	if ((r.flags & 4) != 0)
		s += " onlink";
	if ((r.flags & 16) != 0)
		s += " linkdown";
	if (r.pref)
		s += std::string(" pref ") +
		    (*r.pref == 1 ? "high" : *r.pref == 3 ? "low" : "medium");
	return s;
}

// The lines a command prints, trailing blanks removed.
std::set<std::string>
lines_of(const char *cmd)
{
	std::set<std::string> out;
	FILE *p = popen(cmd, "r");
	if (p == nullptr)
		return out;
	char buf[512];
	while (std::fgets(buf, sizeof buf, p) != nullptr) {
		std::string l(buf);
		while (!l.empty() && (l.back() == '\n' || l.back() == ' '))
			l.pop_back();
		out.insert(l);
	}
	pclose(p);
	return out;
}

// Our dump of family in table, in ip route's words.
std::set<std::string>
our_lines(net::netlink_socket &nl, int family, std::uint32_t table,
    int index, const std::string &dev)
{
	std::set<std::string> out;
	auto routes = net::list_routes(nl, family, table);
	CHECK_TEXT(routes.ok(), routes.ok() ? "" :
	    routes.err().message().c_str());
	for (const auto &r : *routes) {
		CHECK(r.oif == 0 || r.oif == index);
		out.insert(ip_line(r, dev, table == net::rt_table::unspec));
	}
	return out;
}

std::string
joined(const std::set<std::string> &s)
{
	std::string j;
	for (const auto &l : s)
		j += l + "\n";
	return j;
}

const net::route *
find_route(const std::vector<net::route> &v, const char *dst)
{
	auto c = *net::cidr::parse(dst);
	for (const auto &r : v)
		if (r.dst == c)
			return &r;
	return nullptr;
}

net::route
route_to(const char *dst, const char *via, int oif)
{
	net::route r;
	r.dst = *net::cidr::parse(dst);
	if (via != nullptr)
		r.gateway = *net::address::parse(via);
	r.oif = oif;
	return r;
}

} // namespace

TEST(rtnl, routes_added_listed_and_deleted_as_ip_route_sees_them)
{
	private_netns ns;
	if (!ns.entered())
		NET_SKIP("needs root and network namespaces");
	if (lines_of("ip -V 2>/dev/null").empty())
		NET_SKIP("no ip(8) (iproute2) to compare with");
	auto nl = net::netlink_socket::open();
	auto tap = tap_link::create(*nl, net::tun_mode::tap, "10.1.0.1", 24);
	CHECK(tap.has_value());
	CHECK(net::add_address(*nl, tap->index,
	    *net::address::parse("fd00:1::1"), 64).ok());
	std::string dev = tap->dev.name;
	int ix = tap->index;

	// Through a gateway, with a metric and a protocol of its own.
	net::route gw = route_to("10.2.0.0/24", "10.1.0.254", ix);
	gw.metric = 100;
	gw.protocol = net::rtprot::static_route;
	auto r = net::add_route(*nl, gw);
	CHECK_TEXT(r.ok(), r.ok() ? "" : r.err().message().c_str());
	// Exclusive: a second add of the same route is refused.
	auto again = net::add_route(*nl, gw);
	CHECK_FALSE(again.ok());
	LONGS_EQUAL(EEXIST, again.err().code);
	STRCMP_EQUAL(("add route 10.2.0.0/24 via 10.1.0.254 dev " +
		     std::to_string(ix) + " metric 100: File exists")
			 .c_str(),
	    again.err().message().c_str());
	// Replace: one route, the new gateway.
	gw.gateway = *net::address::parse("10.1.0.253");
	CHECK(net::add_route(*nl, gw, net::route_add::replace).ok());
	auto main4 = net::list_routes(*nl, AF_INET);
	CHECK(main4.ok());
	const net::route *got = find_route(*main4, "10.2.0.0/24");
	CHECK(got != nullptr);
	STRCMP_EQUAL("10.1.0.253", got->gateway->str().c_str());
	LONGS_EQUAL(100, got->metric);
	LONGS_EQUAL(net::rtprot::static_route, got->protocol);
	LONGS_EQUAL(net::rt_scope::universe, *got->scope);
	LONGS_EQUAL(ix, got->oif);
	LONGS_EQUAL(1, std::count_if(main4->begin(), main4->end(),
	    [](const net::route &x) {
		    return x.dst.str() == "10.2.0.0/24";
	    }));

	// On the link: scope link, as ip route gives it.
	CHECK(net::add_route(*nl, route_to("10.3.0.0/16", nullptr, ix)).ok());
	main4 = net::list_routes(*nl, AF_INET);
	LONGS_EQUAL(net::rt_scope::link,
	    *find_route(*main4, "10.3.0.0/16")->scope);
	// Other tables, one beyond the 8 bits of rtm_table; a type without
	// an interface.
	net::route def = route_to("0.0.0.0/0", "10.1.0.254", ix);
	def.table = 100;
	CHECK(net::add_route(*nl, def).ok());
	net::route big = route_to("10.4.0.0/24", nullptr, ix);
	big.table = 1000;
	big.prefsrc = *net::address::parse("10.1.0.1");
	CHECK(net::add_route(*nl, big).ok());
	net::route hole = route_to("10.5.0.0/16", nullptr, 0);
	hole.type = net::rtn::blackhole;
	CHECK(net::add_route(*nl, hole).ok());
	auto t100 = net::list_routes(*nl, AF_INET, 100);
	LONGS_EQUAL(1, t100->size());
	CHECK((*t100)[0].dst.prefix() == 0);
	auto t1000 = net::list_routes(*nl, AF_INET, 1000);
	LONGS_EQUAL(1, t1000->size());
	LONGS_EQUAL(1000, (*t1000)[0].table);

	// IPv6, where the kernel gives every route a metric.
	net::route v6 = route_to("fd00:2::/64", "fd00:1::fe", ix);
	v6.metric = 5;
	CHECK(net::add_route(*nl, v6).ok());
	CHECK(net::add_route(*nl, route_to("fd00:3::/48", nullptr, ix)).ok());
	auto main6 = net::list_routes(*nl, AF_INET6);
	CHECK(main6.ok());
	LONGS_EQUAL(1024, find_route(*main6, "fd00:3::/48")->metric);
	LONGS_EQUAL(5, find_route(*main6, "fd00:2::/64")->metric);

	// Every field of every route, against ip's own reading.
	STRCMP_EQUAL(joined(lines_of("ip -4 route show table all")).c_str(),
	    joined(our_lines(*nl, AF_INET, net::rt_table::unspec, ix, dev))
		.c_str());
	STRCMP_EQUAL(joined(lines_of("ip -6 route show table all")).c_str(),
	    joined(our_lines(*nl, AF_INET6, net::rt_table::unspec, ix, dev))
		.c_str());
	STRCMP_EQUAL(joined(lines_of("ip -4 route show table 1000")).c_str(),
	    joined(our_lines(*nl, AF_INET, 1000, ix, dev)).c_str());

	// Deleting: narrowed by what is given, ESRCH when nothing matches.
	net::route del = route_to("10.2.0.0/24", nullptr, 0);
	del.metric = 7;
	auto none = net::delete_route(*nl, del);
	CHECK_FALSE(none.ok());
	LONGS_EQUAL(ESRCH, none.err().code);
	STRCMP_CONTAINS("delete route 10.2.0.0/24 metric 7 (no such route)",
	    none.err().message().c_str());
	del.metric = 100;
	CHECK(net::delete_route(*nl, del).ok());
	CHECK(net::delete_route(*nl, def).ok());
	CHECK(net::delete_route(*nl, v6).ok());
	CHECK(net::delete_route(*nl, hole).ok());
	main4 = net::list_routes(*nl, AF_INET);
	CHECK(find_route(*main4, "10.2.0.0/24") == nullptr);
	CHECK(find_route(*main4, "10.5.0.0/16") == nullptr);
	CHECK(net::list_routes(*nl, AF_INET, 100)->empty());
	CHECK(find_route(*net::list_routes(*nl, AF_INET6),
	    "fd00:2::/64") == nullptr);
	CHECK(lines_of("ip -4 route show 10.2.0.0/24").empty());

	// Refused before the kernel: a gateway of the other family, no
	// table; and by the kernel, with its reason: a gateway off-link.
	net::route mixed = route_to("10.6.0.0/24", "fd00:1::fe", ix);
	auto m = net::add_route(*nl, mixed);
	CHECK_FALSE(m.ok());
	LONGS_EQUAL(EINVAL, m.err().code);
	STRCMP_CONTAINS("fd00:1::fe is not an IPv4 address",
	    m.err().message().c_str());
	mixed.gateway.reset();
	mixed.table = net::rt_table::unspec;
	CHECK_FALSE(net::add_route(*nl, mixed).ok());
	auto off = net::add_route(*nl, route_to("10.7.0.0/24", "192.0.2.1",
	    ix));
	CHECK_FALSE(off.ok());
	STRCMP_CONTAINS("add route 10.7.0.0/24 via 192.0.2.1",
	    off.err().message().c_str());
	// get_route gives a route too.
	auto to3 = net::get_route(*nl, *net::address::parse("10.3.1.1"));
	CHECK(to3.ok());
	LONGS_EQUAL(ix, to3->oif);
	LONGS_EQUAL(32, to3->dst.prefix());

	// Without privilege nothing changes.
	pid_t pid = fork();
	if (pid == 0) {
		if (setresuid(65534, 65534, 65534) != 0)
			_exit(10);
		auto s = net::netlink_socket::open();
		if (!s || !net::list_routes(*s, AF_INET).ok())
			_exit(11);
		auto a = net::add_route(*s, route_to("10.8.0.0/24", nullptr,
		    ix));
		_exit(!a.ok() && a.err().code == EPERM ? 0 : 12);
	}
	int st = 0;
	waitpid(pid, &st, 0);
	CHECK(WIFEXITED(st));
	LONGS_EQUAL(0, WEXITSTATUS(st));
}

namespace {

// An rtmsg: family, dst_len, table, protocol static, type; no flags.
std::vector<std::uint8_t>
route_msg(std::uint8_t family, std::uint8_t dst_len, std::uint8_t table = 254,
    std::uint8_t type = 1)
{
	return cat({family, dst_len, 0, 0, table, 4, 0, type}, u32_bytes(0));
}

// An ndmsg: family, ifindex, state, flags.
std::vector<std::uint8_t>
neigh_msg(std::uint8_t family, std::uint32_t ifindex, std::uint16_t state,
    std::uint8_t flags)
{
	return host_bytes([&](net::wire_writer &w) {
		w.u8(family);
		w.zeros(3);
		w.u32(ifindex);
		w.u16(state);
		w.u8(flags);
		w.u8(0);
	});
}

// An rtnexthop with its attributes.
std::vector<std::uint8_t>
nexthop(std::uint8_t hops, std::uint32_t ifindex,
    const std::vector<std::uint8_t> &attrs, std::uint16_t len_override = 0)
{
	auto len = static_cast<std::uint16_t>(8 + attrs.size());
	return host_bytes([&](net::wire_writer &w) {
		w.u16(len_override ? len_override : len);
		w.u8(0);
		w.u8(hops);
		w.u32(ifindex);
		w.bytes(attrs);
	});
}

const std::vector<std::uint8_t> ten_2 = {10, 2, 0, 0};
const std::vector<std::uint8_t> ten_gw = {10, 1, 0, 254};

} // namespace

TEST_GROUP(rtnl_decode){};

TEST(rtnl_decode, a_route_with_every_field)
{
	auto m = cat(route_msg(AF_INET, 24, RT_TABLE_UNSPEC),
	    cat(attr(RTA_DST, ten_2),
		cat(attr(RTA_GATEWAY, ten_gw),
		    cat(attr(RTA_OIF, u32_bytes(3)),
			cat(attr(RTA_PRIORITY, u32_bytes(100)),
			    cat(attr(RTA_TABLE, u32_bytes(1000)),
				attr(RTA_PREFSRC, {10, 1, 0, 1})))))));
	auto r = net::decode_route(m);
	CHECK(r.ok());
	CHECK(r->has_value());
	const net::route &rt = **r;
	STRCMP_EQUAL("10.2.0.0/24", rt.dst.str().c_str());
	STRCMP_EQUAL("10.1.0.254", rt.gateway->str().c_str());
	STRCMP_EQUAL("10.1.0.1", rt.prefsrc->str().c_str());
	LONGS_EQUAL(3, rt.oif);
	LONGS_EQUAL(100, rt.metric);
	LONGS_EQUAL(1000, rt.table);
	LONGS_EQUAL(net::rtprot::static_route, rt.protocol);
	LONGS_EQUAL(net::rtn::unicast, rt.type);
	// The default route has no RTA_DST.
	auto d = net::decode_route(route_msg(AF_INET6, 0));
	CHECK(d.ok());
	STRCMP_EQUAL("::/0", (*d)->dst.str().c_str());
	LONGS_EQUAL(254, (*d)->table);
}

TEST(rtnl_decode, multipath_next_hops)
{
	auto hops = cat(nexthop(0, 3, attr(RTA_GATEWAY, ten_gw)),
	    nexthop(2, 4, {}));
	auto m = cat(route_msg(AF_INET, 24),
	    cat(attr(RTA_DST, ten_2), attr(RTA_MULTIPATH, hops)));
	auto r = net::decode_route(m);
	CHECK_TEXT(r.ok(), r.ok() ? "" : r.err().message().c_str());
	const auto &h = (*r)->next_hops;
	LONGS_EQUAL(2, h.size());
	STRCMP_EQUAL("10.1.0.254", h[0].gateway->str().c_str());
	LONGS_EQUAL(3, h[0].oif);
	LONGS_EQUAL(1, h[0].weight);
	CHECK_FALSE(h[1].gateway.has_value());
	LONGS_EQUAL(3, h[1].weight);
	CHECK_FALSE((*r)->gateway.has_value());
}

TEST(rtnl_decode, hostile_routes_are_rejected_whole)
{
	std::vector<std::vector<std::uint8_t>> bad = {
		std::vector<std::uint8_t>(11, 0),	// short rtmsg
		route_msg(AF_INET, 33),			// prefix past 32
		route_msg(AF_INET6, 129),
		cat(route_msg(AF_INET, 24), attr(RTA_DST, {10, 2, 0})),
		cat(route_msg(AF_INET6, 64), attr(RTA_DST, ten_2)),
		cat(route_msg(AF_INET, 24), attr(RTA_GATEWAY, {1, 2, 3, 4, 5})),
		cat(route_msg(AF_INET, 24), attr(RTA_OIF, {1, 0})),
		cat(route_msg(AF_INET, 24),
		    attr(RTA_PRIORITY, {1, 0, 0, 0, 0})),
		cat(route_msg(AF_INET, 24), attr(RTA_TABLE, {})),
		cat(route_msg(AF_INET, 24), attr(RTA_PREFSRC, {})),
		cat(route_msg(AF_INET6, 64), attr(RTA_PREF, {0, 0})),
		cat(route_msg(AF_INET, 24), attr(RTA_DST, ten_2, 40)),
		cat(route_msg(AF_INET, 24), attr(RTA_MULTIPATH,
		    nexthop(0, 3, {}, 200))),
		cat(route_msg(AF_INET, 24), attr(RTA_MULTIPATH,
		    nexthop(0, 3, {}, 4))),
		cat(route_msg(AF_INET, 24), attr(RTA_MULTIPATH, {8, 0, 0})),
		cat(route_msg(AF_INET, 24), attr(RTA_MULTIPATH,
		    nexthop(0, 3, attr(RTA_GATEWAY, {1, 2})))),
	};
	for (std::size_t i = 0; i < bad.size(); i++) {
		auto r = net::decode_route(bad[i]);
		CHECK_TEXT(!r.ok(), ("case " + std::to_string(i)).c_str());
		LONGS_EQUAL(EBADMSG, r.err().code);
		STRCMP_CONTAINS("netlink: ", r.err().message().c_str());
	}
	auto g = net::decode_route(cat(route_msg(AF_INET, 24),
	    attr(RTA_GATEWAY, {1, 2, 3, 4, 5})));
	STRCMP_EQUAL("netlink: route gateway of 5 bytes: Bad message",
	    g.err().message().c_str());
	// Another family is not an error, just not a route of ours.
	auto mpls = net::decode_route(route_msg(28, 20));
	CHECK(mpls.ok());
	CHECK_FALSE(mpls->has_value());
}

TEST(rtnl_decode, neighbours_addresses_and_links)
{
	auto n = net::decode_neighbour(cat(neigh_msg(AF_INET, 2, 0x80, 0),
	    cat(attr(NDA_DST, {10, 1, 0, 5}),
		attr(NDA_LLADDR, {2, 0, 0, 0, 0, 5}))));
	CHECK(n.ok());
	STRCMP_EQUAL("10.1.0.5", (*n)->addr.str().c_str());
	STRCMP_EQUAL("02:00:00:00:00:05", (*n)->lladdr->str().c_str());
	LONGS_EQUAL(net::nud::permanent, (*n)->state);
	LONGS_EQUAL(2, (*n)->ifindex);
	// A proxy entry; a link address of another length is none.
	auto p = net::decode_neighbour(cat(neigh_msg(AF_INET, 2, 0, NTF_PROXY),
	    cat(attr(NDA_DST, {10, 1, 0, 9}), attr(NDA_LLADDR, {}))));
	CHECK((*p)->proxy);
	CHECK_FALSE((*p)->lladdr.has_value());
	CHECK_FALSE(net::decode_neighbour(neigh_msg(AF_INET, 2, 0, 0))->
	    has_value());
	CHECK_FALSE(net::decode_neighbour(cat(neigh_msg(AF_INET6, 2, 0, 0),
	    attr(NDA_DST, {10, 1, 0, 5}))).ok());
	const std::vector<std::uint8_t> three = {2, 0, 0};
	CHECK_FALSE(net::decode_neighbour(three).ok());

	std::vector<std::uint8_t> ifa = {AF_INET6, 64, 0, 0};
	auto ix = u32_bytes(7);
	ifa.insert(ifa.end(), ix.begin(), ix.end());
	std::vector<std::uint8_t> v6(16, 0);
	v6[0] = 0xfd;
	v6[15] = 1;
	auto a = net::decode_address(cat(ifa, attr(IFA_ADDRESS, v6)));
	CHECK(a.ok());
	STRCMP_EQUAL("fd00::1", (*a)->addr.str().c_str());
	LONGS_EQUAL(64, (*a)->prefix);
	LONGS_EQUAL(7, (*a)->index);
	CHECK_FALSE(net::decode_address(cat(ifa, attr(IFA_LOCAL,
	    ten_2))).ok());
	ifa[1] = 129;
	CHECK_FALSE(net::decode_address(cat(ifa, attr(IFA_ADDRESS,
	    v6))).ok());
	const std::vector<std::uint8_t> two = {AF_INET, 8};
	CHECK_FALSE(net::decode_address(two).ok());

	std::vector<std::uint8_t> ifi(16, 0);
	auto l = net::decode_link(cat(ifi, cat(attr(IFLA_IFNAME,
	    {'v', '1', 0}), attr(IFLA_MTU, u32_bytes(1500)))));
	CHECK(l.ok());
	STRCMP_EQUAL("v1", l->name.c_str());
	LONGS_EQUAL(1500, l->mtu);
	CHECK_FALSE(net::decode_link(cat(ifi, attr(IFLA_MTU, {1}))).ok());
	CHECK_FALSE(net::decode_link(std::vector<std::uint8_t>(15)).ok());
	CHECK_FALSE(net::decode_link(cat(ifi, attr(IFLA_IFNAME, {'x'},
	    30))).ok());
}
