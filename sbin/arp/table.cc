#include "table.h"

namespace arp {

std::vector<arp_entry>
merge_entries(const std::vector<net::neighbour> &neigh,
    const std::vector<net::neighbour> &proxies,
    const std::vector<net::link_info> &links)
{
	auto link_of = [&](int index) -> const net::link_info * {
		for (const auto &l : links)
			if (l.index == index)
				return &l;
		return nullptr;
	};
	auto proxy_of = [&](const net::address &a, int index) {
		for (std::size_t i = 0; i < proxies.size(); i++)
			if (proxies[i].addr == a && proxies[i].ifindex == index)
				return static_cast<int>(i);
		return -1;
	};
	std::vector<arp_entry> out;
	for (const auto &n : neigh) {
		if ((n.state & net::nud::noarp) != 0)
			continue;
		arp_entry e;
		e.addr = n.addr;
		e.ifindex = n.ifindex;
		if (const auto *l = link_of(n.ifindex))
			e.ifname = l->name;
		bool unresolved = (n.state & (net::nud::incomplete |
					     net::nud::failed)) != 0;
		if (!unresolved)
			e.mac = n.lladdr;
		e.permanent = (n.state & net::nud::permanent) != 0;
		e.proxy_order = proxy_of(n.addr, n.ifindex);
		e.published = e.proxy_order >= 0;
		out.push_back(std::move(e));
	}
	for (std::size_t i = 0; i < proxies.size(); i++) {
		const net::neighbour &p = proxies[i];
		bool listed = false;
		for (const auto &e : out)
			listed |= e.addr == p.addr && e.ifindex == p.ifindex;
		if (listed)
			continue;
		arp_entry e;
		e.addr = p.addr;
		e.ifindex = p.ifindex;
		if (const auto *l = link_of(p.ifindex)) {
			e.ifname = l->name;
			e.mac = l->mac;
		}
		e.permanent = true;
		e.published = true;
		e.proxy_only = true;
		e.proxy_order = static_cast<int>(i);
		out.push_back(std::move(e));
	}
	return out;
}

net::result<arp_table>
arp_table::open()
{
	auto nl = net::netlink_socket::open();
	if (!nl)
		return nl.err();
	return arp_table(std::move(*nl));
}

net::result<std::vector<arp_entry>>
arp_table::list(int ifindex)
{
	auto neigh = net::list_neighbours(nl_, AF_INET);
	if (!neigh)
		return neigh.err();
	auto proxies = net::list_neighbours(nl_, AF_INET, true);
	if (!proxies)
		return proxies.err();
	auto links = net::list_links(nl_);
	if (!links)
		return links.err();
	auto all = merge_entries(*neigh, *proxies, *links);
	if (ifindex == 0)
		return all;
	std::vector<arp_entry> some;
	for (auto &e : all)
		if (e.ifindex == ifindex)
			some.push_back(std::move(e));
	return some;
}

net::result<net::link_info>
arp_table::link(const std::string &name)
{
	return net::find_link(nl_, name);
}

net::result<net::link_info>
arp_table::link(int index)
{
	return net::link_by_index(nl_, index);
}

net::result<int>
arp_table::interface_for(const net::address &addr, const std::string &iface)
{
	if (!iface.empty()) {
		auto l = link(iface);
		if (!l)
			return l.err();
		return l->index;
	}
	auto rt = net::get_route(nl_, addr);
	if (!rt)
		return net::fail(0, addr.str() + ": no route to it");
	// An ARP entry is for a neighbour: one reached without a gateway.
	if (rt->gateway)
		return net::fail(0, addr.str() +
		    ": not on a directly attached network (via " +
		    rt->gateway->str() + ")");
	return rt->oif;
}

net::result<void>
arp_table::set(const net::address &addr, const net::mac_address &mac,
    int ifindex, bool temp, bool pub)
{
	net::neighbour n;
	n.ifindex = ifindex;
	n.addr = addr;
	n.lladdr = mac;
	n.state = temp ? net::nud::reachable : net::nud::permanent;
	if (auto r = net::set_neighbour(nl_, n); !r)
		return r;
	if (pub) {
		net::neighbour p;
		p.ifindex = ifindex;
		p.addr = addr;
		p.proxy = true;
		if (auto r = net::set_neighbour(nl_, p); !r)
			return r;
	}
	return {};
}

net::result<int>
arp_table::remove(const net::address &addr, int ifindex, bool only_published)
{
	int removed = 0;
	for (bool proxy : {false, true}) {
		if (only_published && !proxy)
			continue;
		auto list = net::list_neighbours(nl_, AF_INET, proxy);
		if (!list)
			return list.err();
		for (const auto &n : *list) {
			if (n.addr != addr || (ifindex != 0 &&
						  n.ifindex != ifindex))
				continue;
			if ((n.state & net::nud::noarp) != 0)
				continue;
			if (auto r = net::delete_neighbour(nl_, n); !r)
				return r.err();
			removed++;
		}
	}
	return removed;
}

} // namespace arp
