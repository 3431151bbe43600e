// rtnl.h: the rtnetlink tables (rtnetlink(7)): links, addresses, routes and
// the neighbour (ARP/NDP) table, including proxy entries.
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

// The addresses of family (AF_INET, AF_INET6) on every interface.
result<std::vector<addr_info>> list_addresses(netlink_socket &nl, int family);

// Adds a.network() ... as a local address with the prefix of a.
result<void> add_address(netlink_socket &nl, int index, const address &a,
    unsigned prefix);

// The route the kernel picked for a destination.
// Route types (the RTN_ values of linux/rtnetlink.h).
namespace rtn {
inline constexpr std::uint8_t unicast = 1;
inline constexpr std::uint8_t local = 2;
inline constexpr std::uint8_t broadcast = 3;
inline constexpr std::uint8_t multicast = 5;
} // namespace rtn

struct route_info {
	int oif = 0;			// output interface
	std::optional<address> gateway;	// next hop, none when on-link
	std::optional<address> prefsrc;	// the source the kernel would use
	std::uint8_t type = 0;		// rtn::unicast, rtn::local, ...
};

// The route the kernel would use to reach dst (ip route get), out of
// interface oif when it is not 0.
result<route_info> get_route(netlink_socket &nl, const address &dst,
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

// The neighbour entries of family, or with proxies the proxy entries.
result<std::vector<neighbour>> list_neighbours(netlink_socket &nl,
    int family, bool proxies = false);

// Creates or replaces an entry (a proxy entry when n.proxy; its lladdr
// and state are ignored).
result<void> set_neighbour(netlink_socket &nl, const neighbour &n);

// Deletes the entry for n.addr on n.ifindex (the proxy one when n.proxy).
result<void> delete_neighbour(netlink_socket &nl, const neighbour &n);

} // namespace net
