#include "libnet/ipv6.h"

#include <algorithm>
#include <array>

#include "libnet/ipv4.h"

namespace net {

namespace {

address
read_ipv6(wire_reader &r)
{
	std::array<std::uint8_t, 16> b;
	r.copy(b);
	return address::v6(b.data());
}

} // namespace

result<ipv6_packet>
decode_ipv6(bytes_view data, ipv6_decode mode)
{
	wire_reader r(data);
	std::uint32_t first = r.u32();
	ipv6_packet p;
	ipv6_header &h = p.hdr;
	h.payload_length = r.u16();
	h.next_header = r.u8();
	h.hop_limit = r.u8();
	h.src = read_ipv6(r);
	h.dst = read_ipv6(r);
	if (!r.ok())
		return fail(0, "ipv6: truncated header");
	if ((first >> 28) != 6)
		return fail(0, "ipv6: version " + std::to_string(first >> 28));
	h.traffic_class = static_cast<std::uint8_t>(first >> 20);
	h.flow_label = first & 0xfffff;
	wire_reader body;
	if (mode == ipv6_decode::received) {
		// A jumbogram (payload length 0 with a hop-by-hop jumbo
		// option, RFC 2675) never reaches this code: links here have
		// MTUs far below 64 KiB.
		if (h.payload_length > r.remaining())
			return fail(0, "ipv6: packet shorter than its payload "
				       "length");
		body = r.sub(h.payload_length);
	} else {
		body = r.sub(std::min<std::size_t>(h.payload_length,
		    r.remaining()));
	}
	std::uint8_t next = h.next_header;
	for (;;) {
		std::size_t len;
		if (next == ip_proto::hopopts || next == ip_proto::routing ||
		    next == ip_proto::dstopts) {
			if (next == ip_proto::hopopts &&
			    body.offset() != 0)
				return fail(0, "ipv6: hop-by-hop header not "
					       "first");
			len = 8;
		} else if (next == ip_proto::fragment) {
			len = 8;
		} else if (next == ip_proto::ah) {
			len = 4;
		} else {
			break;
		}
		if (mode == ipv6_decode::quoted && body.remaining() < 8) {
			// Cut inside the chain: what follows is unknown.
			p.protocol = next;
			(void)body.rest();
			return p;
		}
		wire_reader ext = body;
		std::uint8_t following = ext.u8();
		std::uint8_t hdr_len = ext.u8();
		if (next == ip_proto::fragment) {
			std::uint16_t off = ext.u16();
			p.fragment = true;
			if ((off & 0xfff8) != 0) {
				// Not the first fragment: no upper header.
				body.skip(len);
				if (!body.ok())
					return fail(0, "ipv6: truncated "
						       "fragment header");
				p.protocol = ip_proto::fragment;
				p.payload = body.rest();
				return p;
			}
		} else if (next == ip_proto::ah) {
			len = (hdr_len + 2u) * 4;
		} else {
			len = (hdr_len + 1u) * 8;
		}
		if (mode == ipv6_decode::quoted && len > body.remaining()) {
			p.protocol = next;
			(void)body.rest();
			return p;
		}
		body.skip(len);
		if (!body.ok())
			return fail(0, "ipv6: extension header " +
			    std::to_string(next) + " overruns the packet");
		next = following;
	}
	p.protocol = next;
	p.payload = body.rest();
	return p;
}

void
encode_ipv6(wire_writer &w, const ipv6_header &h, std::size_t payload_size)
{
	w.u32(6u << 28 | std::uint32_t{h.traffic_class} << 20 |
	    (h.flow_label & 0xfffff));
	w.u16(static_cast<std::uint16_t>(payload_size));
	w.u8(h.next_header);
	w.u8(h.hop_limit);
	w.bytes(bytes_view(h.src.bytes(), 16));
	w.bytes(bytes_view(h.dst.bytes(), 16));
}

} // namespace net
