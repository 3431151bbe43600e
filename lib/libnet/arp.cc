#include "libnet/arp.h"

namespace net {

namespace {

constexpr std::uint16_t hw_ethernet = 1;

address
read_ipv4(wire_reader &r)
{
	return address::v4(r.u32());
}

} // namespace

result<arp_packet>
decode_arp(bytes_view data)
{
	wire_reader r(data);
	std::uint16_t htype = r.u16();
	std::uint16_t ptype = r.u16();
	std::uint8_t hlen = r.u8();
	std::uint8_t plen = r.u8();
	arp_packet p;
	p.op = r.u16();
	p.sender_mac = read_mac(r);
	p.sender_ip = read_ipv4(r);
	p.target_mac = read_mac(r);
	p.target_ip = read_ipv4(r);
	if (!r.ok())
		return fail(0, "arp: truncated packet");
	if (htype != hw_ethernet || hlen != 6)
		return fail(0, "arp: hardware is not Ethernet");
	if (ptype != ethertype::ipv4 || plen != 4)
		return fail(0, "arp: protocol is not IPv4");
	if (p.op != arp_op::request && p.op != arp_op::reply)
		return fail(0, "arp: unknown operation " +
		    std::to_string(p.op));
	return p;
}

void
encode_arp(wire_writer &w, const arp_packet &p)
{
	w.u16(hw_ethernet);
	w.u16(ethertype::ipv4);
	w.u8(6);
	w.u8(4);
	w.u16(p.op);
	write_mac(w, p.sender_mac);
	w.u32(p.sender_ip.v4_value());
	write_mac(w, p.target_mac);
	w.u32(p.target_ip.v4_value());
}

} // namespace net
