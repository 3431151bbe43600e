#include "libnet/udp.h"

#include "libnet/ipv4.h"

namespace net {

result<udp_datagram>
decode_udp(bytes_view data, const pseudo_header *ph, checksum_check check)
{
	wire_reader r(data);
	udp_datagram d;
	d.hdr.src_port = r.u16();
	d.hdr.dst_port = r.u16();
	d.hdr.length = r.u16();
	d.hdr.checksum = r.u16();
	if (!r.ok())
		return fail(0, "udp: truncated header");
	if (d.hdr.length < 8 || d.hdr.length > data.size())
		return fail(0, "udp: length " + std::to_string(d.hdr.length) +
		    " with " + std::to_string(data.size()) + " bytes present");
	d.payload = r.bytes(d.hdr.length - 8u);
	if (ph != nullptr) {
		if (d.hdr.checksum == 0) {
			if (ph->src.is_v6())
				return fail(0, "udp: zero checksum over IPv6");
			d.checksum_ok = true;
		} else {
			d.checksum_ok = transport_checksum(*ph, ip_proto::udp,
			    data.first(d.hdr.length)) == 0;
		}
		if (check == checksum_check::verify && !d.checksum_ok)
			return fail(0, "udp: bad checksum");
	}
	return d;
}

void
encode_udp(wire_writer &w, std::uint16_t src_port, std::uint16_t dst_port,
    bytes_view payload, const pseudo_header &ph)
{
	std::size_t start = w.offset();
	w.u16(src_port);
	w.u16(dst_port);
	w.u16(static_cast<std::uint16_t>(8 + payload.size()));
	w.u16(0);
	w.bytes(payload);
	std::uint16_t sum = transport_checksum(ph, ip_proto::udp,
	    w.since(start));
	w.put_u16_at(start + 6, sum == 0 ? 0xffff : sum);
}

} // namespace net
