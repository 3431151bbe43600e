#include "libnet/ether.h"

#include <cstdio>

namespace net {

namespace {

int
hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

} // namespace

std::optional<mac_address>
mac_address::parse(std::string_view s)
{
	std::array<std::uint8_t, 6> b{};
	std::size_t i = 0;
	for (std::size_t part = 0; part < 6; part++) {
		if (part > 0) {
			if (i >= s.size() || s[i] != ':')
				return std::nullopt;
			i++;
		}
		int v = 0, digits = 0;
		while (i < s.size() && digits < 3) {
			int d = hex_digit(s[i]);
			if (d < 0)
				break;
			v = v * 16 + d;
			digits++;
			i++;
		}
		if (digits == 0 || digits > 2)
			return std::nullopt;
		b[part] = static_cast<std::uint8_t>(v);
	}
	if (i != s.size())
		return std::nullopt;
	return mac_address(b);
}

mac_address
mac_address::broadcast()
{
	std::array<std::uint8_t, 6> b;
	b.fill(0xff);
	return mac_address(b);
}

bool
mac_address::is_broadcast() const
{
	for (auto v : b_)
		if (v != 0xff)
			return false;
	return true;
}

bool
mac_address::is_zero() const
{
	for (auto v : b_)
		if (v != 0)
			return false;
	return true;
}

std::string
mac_address::str() const
{
	char buf[18];
	std::snprintf(buf, sizeof buf, "%02x:%02x:%02x:%02x:%02x:%02x", b_[0],
	    b_[1], b_[2], b_[3], b_[4], b_[5]);
	return buf;
}

mac_address
read_mac(wire_reader &r)
{
	std::array<std::uint8_t, 6> b;
	r.copy(b);
	return mac_address(b);
}

void
write_mac(wire_writer &w, const mac_address &m)
{
	w.bytes(bytes_view(m.bytes(), m.size()));
}

result<ether_frame>
decode_ether(bytes_view frame)
{
	wire_reader r(frame);
	ether_frame f;
	f.hdr.dst = read_mac(r);
	f.hdr.src = read_mac(r);
	f.hdr.type = r.u16();
	if (r.ok() && f.hdr.type == ethertype::vlan) {
		f.hdr.vlan_tci = r.u16();
		f.hdr.type = r.u16();
	}
	if (!r.ok())
		return fail(0, "ether: truncated header");
	if (f.hdr.type < 0x0600)
		return fail(0, "ether: 802.3 length field, not an EtherType");
	f.payload = r.rest();
	return f;
}

void
encode_ether(wire_writer &w, const ether_header &h)
{
	write_mac(w, h.dst);
	write_mac(w, h.src);
	if (h.vlan_tci) {
		w.u16(ethertype::vlan);
		w.u16(*h.vlan_tci);
	}
	w.u16(h.type);
}

} // namespace net
