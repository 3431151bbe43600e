// table.h: the kernel's ARP table as arp shows and changes it: neighbour
// entries of IPv4 and the proxy ("published") entries, through rtnetlink.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "libnet/addr.h"
#include "libnet/ether.h"
#include "libnet/result.h"
#include "libnet/rtnl.h"

namespace arp {

// One line of arp's listing.
struct arp_entry {
	net::address addr;
	int ifindex = 0;
	std::string ifname;
	std::optional<net::mac_address> mac;	// none while unresolved
	bool permanent = false;
	bool published = false;		// a proxy entry exists for it
	bool proxy_only = false;	// published with no neighbour entry:
					// mac is the interface's own
	int proxy_order = -1;	// published: the place of the proxy
				// entry in the kernel's list of them
};

// Merges neighbour and proxy entries into listing lines: a neighbour
// entry is published when a proxy entry has its address and interface;
// the other proxy entries become lines of their own.  NOARP entries
// (broadcast, multicast, point-to-point) are left out as ip neigh does.
std::vector<arp_entry> merge_entries(const std::vector<net::neighbour> &neigh,
    const std::vector<net::neighbour> &proxies,
    const std::vector<net::link_info> &links);

// The ARP table of this host (network namespace).
class arp_table {
public:
	static net::result<arp_table> open();

	// Every entry, or those on interface ifindex when it is not 0.
	net::result<std::vector<arp_entry>> list(int ifindex = 0);

	// The interface index for an entry for addr: the named one, or the
	// one the kernel routes addr through, which must reach it directly.
	net::result<int> interface_for(const net::address &addr,
	    const std::string &iface);

	// The interface named name (error "name: no such interface").
	net::result<net::link_info> link(const std::string &name);
	net::result<net::link_info> link(int index);

	// Creates or replaces the entry for addr on ifindex: permanent
	// unless temp, and published too when pub.
	net::result<void> set(const net::address &addr,
	    const net::mac_address &mac, int ifindex, bool temp, bool pub);

	// Deletes the entries for addr (on ifindex when not 0; the proxy
	// entries only when only_published); how many went.
	net::result<int> remove(const net::address &addr, int ifindex,
	    bool only_published);

	net::netlink_socket &netlink() { return nl_; }

private:
	explicit arp_table(net::netlink_socket nl) : nl_(std::move(nl)) {}

	net::netlink_socket nl_;
};

} // namespace arp
