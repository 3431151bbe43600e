#include "libnet/rtnl.h"

#include <linux/neighbour.h>
#include <linux/rtnetlink.h>
#include <net/if.h>

#include <cstring>

namespace net {

namespace {

std::optional<address>
attr_address(const nl_attr *a, int family)
{
	if (a == nullptr)
		return std::nullopt;
	if (family == AF_INET && a->data.size() == 4) {
		wire_reader r(a->data);
		return address::v4(r.u32());
	}
	if (family == AF_INET6 && a->data.size() == 16)
		return address::v6(a->data.data());
	return std::nullopt;
}

void
attr_addr_bytes(nl_request &req, std::uint16_t type, const address &a)
{
	req.attr(type, bytes_view(a.bytes(), a.size()));
}

result<link_info>
decode_link(const nl_reply &m)
{
	wire_reader r(m.payload);
	r.set_order(std::endian::native);
	link_info l;
	r.u8();		// family
	r.u8();		// pad
	l.type = r.u16();
	l.index = static_cast<int>(r.u32());
	l.flags = r.u32();
	r.u32();	// change mask
	if (!r.ok())
		return fail(EBADMSG, "netlink: short ifinfomsg");
	auto attrs = decode_nl_attrs(r.rest());
	if (!attrs)
		return fail(EBADMSG, attrs.err().message());
	if (const nl_attr *a = find_nl_attr(*attrs, IFLA_IFNAME))
		l.name.assign(reinterpret_cast<const char *>(a->data.data()),
		    strnlen(reinterpret_cast<const char *>(a->data.data()),
			a->data.size()));
	if (const nl_attr *a = find_nl_attr(*attrs, IFLA_ADDRESS);
	    a != nullptr && a->data.size() == 6) {
		wire_reader mr(a->data);
		l.mac = read_mac(mr);
	}
	if (const nl_attr *a = find_nl_attr(*attrs, IFLA_MTU);
	    a != nullptr && a->data.size() == 4) {
		wire_reader mr(a->data);
		mr.set_order(std::endian::native);
		l.mtu = mr.u32();
	}
	return l;
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

} // namespace

result<std::vector<link_info>>
list_links(netlink_socket &nl)
{
	nl_request req(RTM_GETLINK, NLM_F_DUMP);
	write_ifinfomsg(req, 0, 0, 0);
	auto replies = nl.transact(req, "list interfaces");
	if (!replies)
		return replies.err();
	std::vector<link_info> links;
	for (const auto &m : *replies) {
		if (m.type != RTM_NEWLINK)
			continue;
		auto l = decode_link(m);
		if (!l)
			return l.err();
		links.push_back(std::move(*l));
	}
	return links;
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
			return decode_link(m);
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
			return decode_link(m);
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
	auto replies = nl.transact(req, "list addresses");
	if (!replies)
		return replies.err();
	std::vector<addr_info> out;
	for (const auto &m : *replies) {
		if (m.type != RTM_NEWADDR)
			continue;
		wire_reader r(m.payload);
		r.set_order(std::endian::native);
		int fam = r.u8();
		addr_info a;
		a.prefix = r.u8();
		r.u8();	// flags
		r.u8();	// scope
		a.index = static_cast<int>(r.u32());
		if (!r.ok())
			return fail(EBADMSG, "netlink: short ifaddrmsg");
		if (fam != family)
			continue;
		auto attrs = decode_nl_attrs(r.rest());
		if (!attrs)
			return fail(EBADMSG, attrs.err().message());
		// IFA_LOCAL is the local end on point-to-point links;
		// elsewhere only IFA_ADDRESS is given.
		auto local = attr_address(find_nl_attr(*attrs, IFA_LOCAL), fam);
		if (!local)
			local = attr_address(find_nl_attr(*attrs, IFA_ADDRESS),
			    fam);
		if (!local)
			continue;
		a.addr = *local;
		out.push_back(a);
	}
	return out;
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

result<route_info>
get_route(netlink_socket &nl, const address &dst, int oif)
{
	nl_request req(RTM_GETROUTE, 0);
	wire_writer &w = req.writer();
	w.u8(static_cast<std::uint8_t>(dst.family()));
	w.u8(static_cast<std::uint8_t>(dst.bits()));
	w.u8(0);
	w.u8(0);
	w.u8(RT_TABLE_UNSPEC);
	w.u8(0);
	w.u8(0);
	w.u8(0);
	w.u32(0);
	attr_addr_bytes(req, RTA_DST, dst);
	if (oif != 0)
		req.attr_u32(RTA_OIF, static_cast<std::uint32_t>(oif));
	auto replies = nl.transact(req, dst.str());
	if (!replies)
		return replies.err();
	for (const auto &m : *replies) {
		if (m.type != RTM_NEWROUTE)
			continue;
		wire_reader r(m.payload);
		r.set_order(std::endian::native);
		int fam = r.u8();
		r.skip(6);
		route_info ri;
		ri.type = r.u8();
		r.u32();
		if (!r.ok())
			return fail(EBADMSG, "netlink: short rtmsg");
		auto attrs = decode_nl_attrs(r.rest());
		if (!attrs)
			return fail(EBADMSG, attrs.err().message());
		if (const nl_attr *a = find_nl_attr(*attrs, RTA_OIF);
		    a != nullptr && a->data.size() == 4) {
			wire_reader ar(a->data);
			ar.set_order(std::endian::native);
			ri.oif = static_cast<int>(ar.u32());
		}
		ri.gateway = attr_address(find_nl_attr(*attrs, RTA_GATEWAY),
		    fam);
		ri.prefsrc = attr_address(find_nl_attr(*attrs, RTA_PREFSRC),
		    fam);
		return ri;
	}
	return fail(ENETUNREACH, dst.str() + ": no route");
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
	auto replies = nl.transact(req, "list neighbours");
	if (!replies)
		return replies.err();
	std::vector<neighbour> out;
	for (const auto &m : *replies) {
		if (m.type != RTM_NEWNEIGH)
			continue;
		wire_reader r(m.payload);
		r.set_order(std::endian::native);
		int fam = r.u8();
		r.u8();
		r.u16();
		neighbour n;
		n.ifindex = static_cast<int>(r.u32());
		n.state = r.u16();
		std::uint8_t flags = r.u8();
		r.u8();	// type
		if (!r.ok())
			return fail(EBADMSG, "netlink: short ndmsg");
		if (fam != family)
			continue;
		n.proxy = (flags & NTF_PROXY) != 0;
		if (n.proxy != proxies)
			continue;
		auto attrs = decode_nl_attrs(r.rest());
		if (!attrs)
			return fail(EBADMSG, attrs.err().message());
		auto dst = attr_address(find_nl_attr(*attrs, NDA_DST), fam);
		if (!dst)
			continue;
		n.addr = *dst;
		if (const nl_attr *a = find_nl_attr(*attrs, NDA_LLADDR);
		    a != nullptr && a->data.size() == 6) {
			wire_reader mr(a->data);
			n.lladdr = read_mac(mr);
		}
		out.push_back(n);
	}
	return out;
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
