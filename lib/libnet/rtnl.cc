#include "libnet/rtnl.h"

#include <linux/neighbour.h>
#include <linux/rtnetlink.h>
#include <net/if.h>

#include <cstring>

namespace net {

namespace {

// The messages come from the kernel, so a reader in host order; every
// decoder below rejects the whole message on the first inconsistency.
wire_reader
host_reader(bytes_view data)
{
	wire_reader r(data);
	r.set_order(std::endian::native);
	return r;
}

error
bad(const std::string &what)
{
	return error{EBADMSG, "netlink: " + what};
}

// An address attribute of family; a size that does not fit is an error.
result<std::optional<address>>
attr_address(const nl_attr *a, int family, const char *what)
{
	if (a == nullptr)
		return std::optional<address>();
	if (family == AF_INET && a->data.size() == 4) {
		wire_reader r(a->data);
		return std::optional<address>(address::v4(r.u32()));
	}
	if (family == AF_INET6 && a->data.size() == 16)
		return std::optional<address>(address::v6(a->data.data()));
	return bad(std::string(what) + " of " +
	    std::to_string(a->data.size()) + " bytes");
}

// A 32-bit attribute; another size is an error.
result<std::optional<std::uint32_t>>
attr_u32(const nl_attr *a, const char *what)
{
	if (a == nullptr)
		return std::optional<std::uint32_t>();
	if (a->data.size() != 4)
		return bad(std::string(what) + " of " +
		    std::to_string(a->data.size()) + " bytes");
	return std::optional<std::uint32_t>(host_reader(a->data).u32());
}

void
attr_addr_bytes(nl_request &req, std::uint16_t type, const address &a)
{
	req.attr(type, bytes_view(a.bytes(), a.size()));
}

void
write_ifinfomsg(nl_request &req, int index, unsigned flags, unsigned change)
{
	wire_writer &w = req.writer();
	w.u8(AF_UNSPEC);
	w.u8(0);
	w.u16(0);
	w.u32(static_cast<std::uint32_t>(index));
	w.u32(flags);
	w.u32(change);
}

// Runs a dump and decodes each message of type with decode, which
// gives nothing for a message to leave out.
template <class T, class F>
result<std::vector<T>>
dump(netlink_socket &nl, nl_request &req, std::uint16_t type,
    const std::string &what, F decode)
{
	auto replies = nl.transact(req, what);
	if (!replies)
		return replies.err();
	std::vector<T> out;
	for (const auto &m : *replies) {
		if (m.type != type)
			continue;
		auto v = decode(m.payload);
		if (!v)
			return error{v.err().code, what + ": " +
			    v.err().context};
		if (*v)
			out.push_back(std::move(**v));
	}
	return out;
}

} // namespace

result<link_info>
decode_link(bytes_view payload)
{
	wire_reader r = host_reader(payload);
	link_info l;
	r.u8();		// family
	r.u8();		// pad
	l.type = r.u16();
	l.index = static_cast<int>(r.u32());
	l.flags = r.u32();
	r.u32();	// change mask
	if (!r.ok())
		return bad("short ifinfomsg");
	auto attrs = decode_nl_attrs(r.rest());
	if (!attrs)
		return bad(attrs.err().context);
	if (const nl_attr *a = find_nl_attr(*attrs, IFLA_IFNAME))
		l.name.assign(reinterpret_cast<const char *>(a->data.data()),
		    strnlen(reinterpret_cast<const char *>(a->data.data()),
			a->data.size()));
	// Other lengths are other link layers (InfiniBand, tunnels).
	if (const nl_attr *a = find_nl_attr(*attrs, IFLA_ADDRESS);
	    a != nullptr && a->data.size() == 6) {
		wire_reader mr(a->data);
		l.mac = read_mac(mr);
	}
	auto mtu = attr_u32(find_nl_attr(*attrs, IFLA_MTU), "link mtu");
	if (!mtu)
		return mtu.err();
	l.mtu = mtu->value_or(0);
	return l;
}

result<std::vector<link_info>>
list_links(netlink_socket &nl)
{
	nl_request req(RTM_GETLINK, NLM_F_DUMP);
	write_ifinfomsg(req, 0, 0, 0);
	return dump<link_info>(nl, req, RTM_NEWLINK, "list interfaces",
	    [](bytes_view p) -> result<std::optional<link_info>> {
		    auto l = decode_link(p);
		    if (!l)
			    return l.err();
		    return std::optional<link_info>(std::move(*l));
	    });
}

result<link_info>
find_link(netlink_socket &nl, std::string_view name)
{
	if (name.empty() || name.size() >= IFNAMSIZ)
		return fail(0, std::string(name) + ": no such interface");
	nl_request req(RTM_GETLINK, 0);
	write_ifinfomsg(req, 0, 0, 0);
	req.attr_str(IFLA_IFNAME, name);
	auto replies = nl.transact(req, std::string(name));
	if (!replies) {
		if (replies.err().code == ENODEV)
			return fail(0, std::string(name) +
			    ": no such interface");
		return replies.err();
	}
	for (const auto &m : *replies)
		if (m.type == RTM_NEWLINK)
			return decode_link(m.payload);
	return fail(0, std::string(name) + ": no such interface");
}

result<link_info>
link_by_index(netlink_socket &nl, int index)
{
	nl_request req(RTM_GETLINK, 0);
	write_ifinfomsg(req, index, 0, 0);
	std::string what = "interface " + std::to_string(index);
	auto replies = nl.transact(req, what);
	if (!replies) {
		if (replies.err().code == ENODEV)
			return fail(0, what + ": no such interface");
		return replies.err();
	}
	for (const auto &m : *replies)
		if (m.type == RTM_NEWLINK)
			return decode_link(m.payload);
	return fail(0, what + ": no such interface");
}

result<void>
set_link_up(netlink_socket &nl, int index, bool up)
{
	nl_request req(RTM_NEWLINK, 0);
	write_ifinfomsg(req, index, up ? IFF_UP : 0, IFF_UP);
	auto r = nl.transact(req, "set interface " + std::to_string(index) +
	    (up ? " up" : " down"));
	if (!r)
		return r.err();
	return {};
}

result<std::optional<addr_info>>
decode_address(bytes_view payload)
{
	wire_reader r = host_reader(payload);
	int fam = r.u8();
	addr_info a;
	a.prefix = r.u8();
	r.u8();	// flags
	r.u8();	// scope
	a.index = static_cast<int>(r.u32());
	if (!r.ok())
		return bad("short ifaddrmsg");
	if (fam != AF_INET && fam != AF_INET6)
		return std::optional<addr_info>();
	if (a.prefix > (fam == AF_INET ? 32u : 128u))
		return bad("address prefix " + std::to_string(a.prefix));
	auto attrs = decode_nl_attrs(r.rest());
	if (!attrs)
		return bad(attrs.err().context);
	// IFA_LOCAL is the local end on point-to-point links; elsewhere only
	// IFA_ADDRESS is given.
	auto local = attr_address(find_nl_attr(*attrs, IFA_LOCAL), fam,
	    "local address");
	if (!local)
		return local.err();
	auto addr = attr_address(find_nl_attr(*attrs, IFA_ADDRESS), fam,
	    "address");
	if (!addr)
		return addr.err();
	if (!*local && !*addr)
		return std::optional<addr_info>();
	a.addr = *local ? **local : **addr;
	return std::optional<addr_info>(a);
}

result<std::vector<addr_info>>
list_addresses(netlink_socket &nl, int family)
{
	nl_request req(RTM_GETADDR, NLM_F_DUMP);
	wire_writer &w = req.writer();
	w.u8(static_cast<std::uint8_t>(family));
	w.u8(0);
	w.u8(0);
	w.u8(0);
	w.u32(0);
	return dump<addr_info>(nl, req, RTM_NEWADDR, "list addresses",
	    [family](bytes_view p) -> result<std::optional<addr_info>> {
		    auto a = decode_address(p);
		    if (a && *a && (*a)->addr.family() != family)
			    return std::optional<addr_info>();
		    return a;
	    });
}

result<void>
add_address(netlink_socket &nl, int index, const address &a, unsigned prefix)
{
	nl_request req(RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL);
	wire_writer &w = req.writer();
	w.u8(static_cast<std::uint8_t>(a.family()));
	w.u8(static_cast<std::uint8_t>(prefix));
	w.u8(a.is_v6() ? IFA_F_NODAD : 0);
	w.u8(RT_SCOPE_UNIVERSE);
	w.u32(static_cast<std::uint32_t>(index));
	attr_addr_bytes(req, IFA_LOCAL, a);
	attr_addr_bytes(req, IFA_ADDRESS, a);
	auto r = nl.transact(req, "add address " + a.str());
	if (!r)
		return r.err();
	return {};
}

namespace {

// The next hops of RTA_MULTIPATH: struct rtnexthop, each followed by its
// own attributes within its length.
result<std::vector<next_hop>>
decode_next_hops(bytes_view data, int family)
{
	wire_reader r = host_reader(data);
	std::vector<next_hop> hops;
	while (r.remaining() > 0) {
		std::uint16_t len = r.u16();
		next_hop h;
		h.flags = r.u8();
		h.weight = r.u8() + 1u;
		h.oif = static_cast<int>(r.u32());
		if (!r.ok() || len < 8 || len - 8u > r.remaining())
			return bad("next hop length " + std::to_string(len));
		auto attrs = decode_nl_attrs(r.bytes(len - 8u));
		if (!attrs)
			return bad(attrs.err().context);
		auto gw = attr_address(find_nl_attr(*attrs, RTA_GATEWAY),
		    family, "next hop gateway");
		if (!gw)
			return gw.err();
		h.gateway = *gw;
		r.skip(std::min<std::size_t>(((len + 3u) & ~3u) - len,
		    r.remaining()));
		hops.push_back(h);
	}
	return hops;
}

} // namespace

result<std::optional<route>>
decode_route(bytes_view payload)
{
	wire_reader r = host_reader(payload);
	int fam = r.u8();
	unsigned dst_len = r.u8();
	r.u8();	// src_len
	r.u8();	// tos
	route rt;
	rt.table = r.u8();
	rt.protocol = r.u8();
	rt.scope = r.u8();
	rt.type = r.u8();
	rt.flags = r.u32();
	if (!r.ok())
		return bad("short rtmsg");
	if (fam != AF_INET && fam != AF_INET6)
		return std::optional<route>();
	unsigned bits = fam == AF_INET ? 32 : 128;
	if (dst_len > bits)
		return bad("route prefix " + std::to_string(dst_len));
	auto attrs = decode_nl_attrs(r.rest());
	if (!attrs)
		return bad(attrs.err().context);
	auto dst = attr_address(find_nl_attr(*attrs, RTA_DST), fam,
	    "route destination");
	if (!dst)
		return dst.err();
	address any = fam == AF_INET ? address::any4() : address::any6();
	rt.dst = cidr(dst->value_or(any), dst_len);
	auto gw = attr_address(find_nl_attr(*attrs, RTA_GATEWAY), fam,
	    "route gateway");
	if (!gw)
		return gw.err();
	rt.gateway = *gw;
	auto src = attr_address(find_nl_attr(*attrs, RTA_PREFSRC), fam,
	    "route source");
	if (!src)
		return src.err();
	rt.prefsrc = *src;
	auto oif = attr_u32(find_nl_attr(*attrs, RTA_OIF), "route oif");
	auto metric = attr_u32(find_nl_attr(*attrs, RTA_PRIORITY),
	    "route metric");
	auto table = attr_u32(find_nl_attr(*attrs, RTA_TABLE),
	    "route table");
	for (const auto *v : {&oif, &metric, &table})
		if (!*v)
			return v->err();
	rt.oif = static_cast<int>(oif->value_or(0));
	rt.metric = metric->value_or(0);
	// rtm_table holds only 8 bits; RTA_TABLE has the whole number.
	rt.table = table->value_or(rt.table);
	if (const nl_attr *a = find_nl_attr(*attrs, RTA_PREF)) {
		if (a->data.size() != 1)
			return bad("route preference of " +
			    std::to_string(a->data.size()) + " bytes");
		rt.pref = a->data[0];
	}
	if (const nl_attr *a = find_nl_attr(*attrs, RTA_MULTIPATH)) {
		auto hops = decode_next_hops(a->data, fam);
		if (!hops)
			return hops.err();
		rt.next_hops = std::move(*hops);
	}
	return std::optional<route>(std::move(rt));
}

namespace {

// "10.2.0.0/24 via 10.1.0.254 table 100", for messages.
std::string
route_text(const route &r)
{
	std::string s = r.dst.str();
	if (r.gateway)
		s += " via " + r.gateway->str();
	if (r.oif != 0)
		s += " dev " + std::to_string(r.oif);
	if (r.table != rt_table::main)
		s += " table " + std::to_string(r.table);
	if (r.metric != 0)
		s += " metric " + std::to_string(r.metric);
	return s;
}

// The rtmsg and attributes of a route to add or delete.
void
write_route(nl_request &req, const route &r, std::uint8_t protocol,
    std::uint8_t scope, std::uint8_t type)
{
	wire_writer &w = req.writer();
	w.u8(static_cast<std::uint8_t>(r.family()));
	w.u8(static_cast<std::uint8_t>(r.dst.prefix()));
	w.u8(0);	// src_len
	w.u8(0);	// tos
	w.u8(r.table < 256 ? static_cast<std::uint8_t>(r.table)
			   : static_cast<std::uint8_t>(RT_TABLE_UNSPEC));
	w.u8(protocol);
	w.u8(scope);
	w.u8(type);
	w.u32(r.flags);
	if (r.dst.prefix() > 0)
		attr_addr_bytes(req, RTA_DST, r.dst.network());
	req.attr_u32(RTA_TABLE, r.table);
	if (r.gateway)
		attr_addr_bytes(req, RTA_GATEWAY, *r.gateway);
	if (r.oif != 0)
		req.attr_u32(RTA_OIF, static_cast<std::uint32_t>(r.oif));
	if (r.prefsrc)
		attr_addr_bytes(req, RTA_PREFSRC, *r.prefsrc);
	if (r.metric != 0)
		req.attr_u32(RTA_PRIORITY, r.metric);
}

// A route's addresses must all be of its family; the kernel's own word
// for a mix is "Invalid argument" at best.
result<void>
check_families(const route &r, const std::string &what)
{
	for (const auto *a : {&r.gateway, &r.prefsrc})
		if (*a && (*a)->family() != r.family())
			return fail(EINVAL, what + ": " + (*a)->str() +
			    " is not an " +
			    (r.family() == AF_INET ? "IPv4" : "IPv6") +
			    " address");
	if (r.table == rt_table::unspec)
		return fail(EINVAL, what + ": no table");
	return {};
}

} // namespace

result<std::vector<route>>
list_routes(netlink_socket &nl, int family, std::uint32_t table)
{
	nl_request req(RTM_GETROUTE, NLM_F_DUMP);
	wire_writer &w = req.writer();
	w.u8(static_cast<std::uint8_t>(family));
	w.zeros(11);
	// The kernel dumps every table whatever is asked: filter here.
	return dump<route>(nl, req, RTM_NEWROUTE, "list routes",
	    [family, table](bytes_view p) -> result<std::optional<route>> {
		    auto r = decode_route(p);
		    if (r && *r && ((*r)->family() != family ||
			    (table != rt_table::unspec &&
				(*r)->table != table)))
			    return std::optional<route>();
		    return r;
	    });
}

result<void>
add_route(netlink_socket &nl, const route &r, route_add mode)
{
	std::string what = "add route " + route_text(r);
	if (auto c = check_families(r, what); !c)
		return c;
	std::uint8_t scope;
	if (r.scope)
		scope = *r.scope;
	else if (r.type == rtn::local)
		scope = rt_scope::host;
	else if (r.type == rtn::broadcast || r.type == rtn::multicast ||
	    r.type == rtn::anycast)
		scope = rt_scope::link;
	else if (r.family() == AF_INET && r.type == rtn::unicast &&
	    !r.gateway)
		scope = rt_scope::link;
	else
		scope = rt_scope::universe;
	std::uint16_t flags = NLM_F_CREATE |
	    (mode == route_add::replace ? NLM_F_REPLACE : NLM_F_EXCL);
	nl_request req(RTM_NEWROUTE, flags);
	write_route(req, r, r.protocol, scope, r.type);
	auto res = nl.transact(req, what);
	if (!res)
		return res.err();
	return {};
}

result<void>
delete_route(netlink_socket &nl, const route &r)
{
	std::string what = "delete route " + route_text(r);
	if (auto c = check_families(r, what); !c)
		return c;
	// Any protocol, scope and type: the kernel matches what is given.
	nl_request req(RTM_DELROUTE, 0);
	write_route(req, r, rtprot::unspec, rt_scope::nowhere, rtn::unspec);
	auto res = nl.transact(req, what);
	if (!res) {
		// The kernel's ESRCH reads "No such process".
		if (res.err().code == ESRCH)
			return fail(ESRCH, what + " (no such route)");
		return res.err();
	}
	return {};
}

result<route>
get_route(netlink_socket &nl, const address &dst, int oif)
{
	nl_request req(RTM_GETROUTE, 0);
	wire_writer &w = req.writer();
	w.u8(static_cast<std::uint8_t>(dst.family()));
	w.u8(static_cast<std::uint8_t>(dst.bits()));
	w.zeros(10);
	attr_addr_bytes(req, RTA_DST, dst);
	if (oif != 0)
		req.attr_u32(RTA_OIF, static_cast<std::uint32_t>(oif));
	auto replies = nl.transact(req, dst.str());
	if (!replies)
		return replies.err();
	for (const auto &m : *replies) {
		if (m.type != RTM_NEWROUTE)
			continue;
		auto r = decode_route(m.payload);
		if (!r)
			return error{r.err().code, dst.str() + ": " +
			    r.err().context};
		if (*r)
			return std::move(**r);
	}
	return fail(ENETUNREACH, dst.str() + ": no route");
}

result<std::optional<neighbour>>
decode_neighbour(bytes_view payload)
{
	wire_reader r = host_reader(payload);
	int fam = r.u8();
	r.u8();
	r.u16();
	neighbour n;
	n.ifindex = static_cast<int>(r.u32());
	n.state = r.u16();
	std::uint8_t flags = r.u8();
	r.u8();	// type
	if (!r.ok())
		return bad("short ndmsg");
	if (fam != AF_INET && fam != AF_INET6)
		return std::optional<neighbour>();
	n.proxy = (flags & NTF_PROXY) != 0;
	auto attrs = decode_nl_attrs(r.rest());
	if (!attrs)
		return bad(attrs.err().context);
	auto dst = attr_address(find_nl_attr(*attrs, NDA_DST), fam,
	    "neighbour address");
	if (!dst)
		return dst.err();
	if (!*dst)
		return std::optional<neighbour>();
	n.addr = **dst;
	// Other lengths belong to other link layers.
	if (const nl_attr *a = find_nl_attr(*attrs, NDA_LLADDR);
	    a != nullptr && a->data.size() == 6) {
		wire_reader mr(a->data);
		n.lladdr = read_mac(mr);
	}
	return std::optional<neighbour>(n);
}

result<std::vector<neighbour>>
list_neighbours(netlink_socket &nl, int family, bool proxies)
{
	nl_request req(RTM_GETNEIGH, NLM_F_DUMP);
	wire_writer &w = req.writer();
	w.u8(static_cast<std::uint8_t>(family));
	w.u8(0);
	w.u16(0);
	w.u32(0);
	w.u16(0);
	w.u8(proxies ? NTF_PROXY : 0);
	w.u8(0);
	return dump<neighbour>(nl, req, RTM_NEWNEIGH, "list neighbours",
	    [family, proxies](
		bytes_view p) -> result<std::optional<neighbour>> {
		    auto n = decode_neighbour(p);
		    if (n && *n && ((*n)->addr.family() != family ||
			    (*n)->proxy != proxies))
			    return std::optional<neighbour>();
		    return n;
	    });
}

namespace {

void
write_ndmsg(nl_request &req, const neighbour &n)
{
	wire_writer &w = req.writer();
	w.u8(static_cast<std::uint8_t>(n.addr.family()));
	w.u8(0);
	w.u16(0);
	w.u32(static_cast<std::uint32_t>(n.ifindex));
	w.u16(n.proxy ? 0 : n.state);
	w.u8(n.proxy ? NTF_PROXY : 0);
	w.u8(0);
	attr_addr_bytes(req, NDA_DST, n.addr);
}

} // namespace

result<void>
set_neighbour(netlink_socket &nl, const neighbour &n)
{
	nl_request req(RTM_NEWNEIGH, NLM_F_CREATE | NLM_F_REPLACE);
	write_ndmsg(req, n);
	if (!n.proxy && n.lladdr)
		req.attr(NDA_LLADDR, bytes_view(n.lladdr->bytes(), 6));
	auto r = nl.transact(req, std::string(n.proxy ? "publish " : "set ") +
	    n.addr.str());
	if (!r)
		return r.err();
	return {};
}

result<void>
delete_neighbour(netlink_socket &nl, const neighbour &n)
{
	nl_request req(RTM_DELNEIGH, 0);
	write_ndmsg(req, n);
	auto r = nl.transact(req, std::string(n.proxy ? "unpublish "
						      : "delete ") +
	    n.addr.str());
	if (!r)
		return r.err();
	return {};
}

} // namespace net
