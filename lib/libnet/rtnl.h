// rtnl.h: the rtnetlink tables (rtnetlink(7)): links, addresses, routes
// (dump, add, replace, delete) and the neighbour (ARP/NDP) table, including
// proxy entries; and the pure decoders of their messages, which read what
// the kernel sends like any other untrusted packet (tests/fuzz).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "libnet/addr.h"
#include "libnet/ether.h"
#include "libnet/netlink.h"
#include "libnet/result.h"

namespace net {

// A network interface.
struct link_info {
	int index = 0;
	std::string name;
	unsigned flags = 0;		// IFF_UP, IFF_NOARP, ...
	std::uint16_t type = 0;		// ARPHRD_ETHER, ARPHRD_LOOPBACK, ...
	std::optional<mac_address> mac;	// when the address has 6 bytes
	unsigned mtu = 0;
};

// Decodes an RTM_NEWLINK payload (ifinfomsg and attributes); anything
// inconsistent rejects the message.
result<link_info> decode_link(bytes_view payload);

// Every interface.
result<std::vector<link_info>> list_links(netlink_socket &nl);

// The interface named name; "name: no such interface" (not an OS error,
// code 0) if there is none.
result<link_info> find_link(netlink_socket &nl, std::string_view name);

// The interface with index; "interface N: no such interface" if none.
result<link_info> link_by_index(netlink_socket &nl, int index);

// Brings an interface up or down.
result<void> set_link_up(netlink_socket &nl, int index, bool up);

// An address assigned to an interface.
struct addr_info {
	int index = 0;
	address addr;			// the local address
	unsigned prefix = 0;
};

// Decodes an RTM_NEWADDR payload; nothing for a family other than IPv4
// and IPv6 or a message without an address.
result<std::optional<addr_info>> decode_address(bytes_view payload);

// The addresses of family (AF_INET, AF_INET6) on every interface.
result<std::vector<addr_info>> list_addresses(netlink_socket &nl, int family);

// Adds a.network() ... as a local address with the prefix of a.
result<void> add_address(netlink_socket &nl, int index, const address &a,
    unsigned prefix);

// Route types (the RTN_ values of linux/rtnetlink.h).
namespace rtn {
inline constexpr std::uint8_t unspec = 0;
inline constexpr std::uint8_t unicast = 1;
inline constexpr std::uint8_t local = 2;
inline constexpr std::uint8_t broadcast = 3;
inline constexpr std::uint8_t anycast = 4;
inline constexpr std::uint8_t multicast = 5;
inline constexpr std::uint8_t blackhole = 6;
inline constexpr std::uint8_t unreachable = 7;
inline constexpr std::uint8_t prohibit = 8;
inline constexpr std::uint8_t throw_route = 9;
} // namespace rtn

// Who installed a route (RTPROT_ values; routing daemons pick their own
// above 4).
namespace rtprot {
inline constexpr std::uint8_t unspec = 0;
inline constexpr std::uint8_t redirect = 1;
inline constexpr std::uint8_t kernel = 2;
inline constexpr std::uint8_t boot = 3;	// ip route's default
inline constexpr std::uint8_t static_route = 4;
inline constexpr std::uint8_t ra = 9;
} // namespace rtprot

// How far a route reaches (RT_SCOPE_ values).
namespace rt_scope {
inline constexpr std::uint8_t universe = 0;
inline constexpr std::uint8_t site = 200;
inline constexpr std::uint8_t link = 253;
inline constexpr std::uint8_t host = 254;
inline constexpr std::uint8_t nowhere = 255;
} // namespace rt_scope

// Well-known routing tables (RT_TABLE_ values; others are 1 to 2^32-1).
namespace rt_table {
inline constexpr std::uint32_t unspec = 0;	// every table, in a dump
inline constexpr std::uint32_t default_table = 253;
inline constexpr std::uint32_t main = 254;
inline constexpr std::uint32_t local = 255;
} // namespace rt_table

// One next hop of a multipath route.
struct next_hop {
	std::optional<address> gateway;
	int oif = 0;
	unsigned weight = 1;
	unsigned flags = 0;		// RTNH_F_ bits
};

// A route of a routing table, as ip route shows and changes it.
struct route {
	cidr dst;			// 0.0.0.0/0 or ::/0 for the default
	std::optional<address> gateway;	// next hop; none when on-link
	int oif = 0;			// output interface, 0: none
	std::optional<address> prefsrc;	// the source the kernel prefers
	std::uint32_t table = rt_table::main;
	std::uint8_t protocol = rtprot::boot;
	// Unset when adding: link for an IPv4 unicast route without a
	// gateway, host for local, universe otherwise, as ip route picks.
	std::optional<std::uint8_t> scope;
	std::uint8_t type = rtn::unicast;
	std::uint32_t metric = 0;	// RTA_PRIORITY: lower wins
	unsigned flags = 0;		// rtm_flags: RTNH_F_ONLINK, ...
	std::optional<std::uint8_t> pref;	// IPv6 router preference
	std::vector<next_hop> next_hops;	// a multipath route's (then
						// gateway and oif are unset)

	// AF_INET or AF_INET6, from dst.
	int family() const { return dst.network().family(); }
};

// Decodes an RTM_NEWROUTE payload (rtmsg and attributes); nothing for a
// family other than IPv4 and IPv6.  Anything inconsistent rejects it.
result<std::optional<route>> decode_route(bytes_view payload);

// The routes of family (AF_INET, AF_INET6) in table, or in every table
// with rt_table::unspec (ip route show table all).
result<std::vector<route>> list_routes(netlink_socket &nl, int family,
    std::uint32_t table = rt_table::main);

// What add_route does when the table holds a route for the same
// destination (and metric): fail with EEXIST, or replace it.
enum class route_add { exclusive, replace };

// Adds r to its table (one next hop: r.next_hops is not sent).  A prefix
// with a gateway of another family is refused before the kernel sees it.
result<void> add_route(netlink_socket &nl, const route &r,
    route_add mode = route_add::exclusive);

// Deletes the route of r.table for r.dst, narrowed by r.metric, gateway
// and oif when they are given; ESRCH ("no such route") when none
// matches.
result<void> delete_route(netlink_socket &nl, const route &r);

// The route the kernel would use to reach dst (ip route get), out of
// interface oif when it is not 0.
result<route> get_route(netlink_socket &nl, const address &dst,
    int oif = 0);

// Neighbour states (the NUD_ bits of linux/neighbour.h).
namespace nud {
inline constexpr std::uint16_t incomplete = 0x01;
inline constexpr std::uint16_t reachable = 0x02;
inline constexpr std::uint16_t stale = 0x04;
inline constexpr std::uint16_t delay = 0x08;
inline constexpr std::uint16_t probe = 0x10;
inline constexpr std::uint16_t failed = 0x20;
inline constexpr std::uint16_t noarp = 0x40;
inline constexpr std::uint16_t permanent = 0x80;
} // namespace nud

// A neighbour (ARP or NDP) table entry.
struct neighbour {
	int ifindex = 0;
	address addr;
	std::optional<mac_address> lladdr;	// none while unresolved
	std::uint16_t state = 0;		// nud bits; 0 for proxies
	bool proxy = false;		// a proxy (published) entry:
					// the kernel answers for addr
};

// Decodes an RTM_NEWNEIGH payload; nothing for a family other than IPv4
// and IPv6 or an entry without a destination.
result<std::optional<neighbour>> decode_neighbour(bytes_view payload);

// The neighbour entries of family, or with proxies the proxy entries.
result<std::vector<neighbour>> list_neighbours(netlink_socket &nl,
    int family, bool proxies = false);

// Creates or replaces an entry (a proxy entry when n.proxy; its lladdr
// and state are ignored).
result<void> set_neighbour(netlink_socket &nl, const neighbour &n);

// Deletes the entry for n.addr on n.ifindex (the proxy one when n.proxy).
result<void> delete_neighbour(netlink_socket &nl, const neighbour &n);

} // namespace net
