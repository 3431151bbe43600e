#include "libnet/ipv4.h"

#include <algorithm>

#include "libnet/checksum.h"

namespace net {

namespace {

constexpr std::size_t max_options = 40;

// RR, LSRR, SSRR: type, length, pointer, then 4-byte slots; the pointer is
// the 1-based offset of the next free slot (RFC 791 "Record Route").
bool
decode_route(std::uint8_t type, wire_reader &body, ipv4_route_option &out)
{
	std::size_t length = body.remaining() + 2;
	std::uint8_t pointer = body.u8();
	if (!body.ok() || (length - 3) % 4 != 0 || pointer < 4 ||
	    (pointer - 4) % 4 != 0 || pointer > length + 1)
		return false;
	out.type = type;
	out.slots = (length - 3) / 4;
	std::size_t filled = (pointer - 4) / 4;
	for (std::size_t i = 0; i < out.slots; i++) {
		address a = address::v4(body.u32());
		if (i < filled)
			out.addresses.push_back(a);
	}
	return body.ok();
}

bool
decode_timestamp(wire_reader &body, ipv4_timestamp_option &out)
{
	std::size_t length = body.remaining() + 2;
	std::uint8_t pointer = body.u8();
	std::uint8_t of = body.u8();
	if (!body.ok() || length < 4)
		return false;
	out.overflow = of >> 4;
	out.flags = of & 0x0f;
	std::size_t entry;
	if (out.flags == ipv4_ts::only)
		entry = 4;
	else if (out.flags == ipv4_ts::with_addr ||
	    out.flags == ipv4_ts::prespecified)
		entry = 8;
	else
		return false;
	if ((length - 4) % entry != 0 || pointer < 5 ||
	    (pointer - 5) % entry != 0 || pointer > length + 1)
		return false;
	out.slots = (length - 4) / entry;
	std::size_t filled = (pointer - 5) / entry;
	for (std::size_t i = 0; i < out.slots; i++) {
		ipv4_timestamp_entry e;
		if (entry == 8)
			e.addr = address::v4(body.u32());
		e.time = body.u32();
		if (i < filled)
			out.entries.push_back(e);
	}
	return body.ok();
}

} // namespace

result<ipv4_options>
decode_ipv4_options(bytes_view options)
{
	wire_reader r(options);
	ipv4_options o;
	while (r.remaining() > 0) {
		std::uint8_t type = r.u8();
		if (type == ipv4_opt::eol)
			break;
		if (type == ipv4_opt::nop)
			continue;
		std::uint8_t length = r.u8();
		if (!r.ok() || length < 2 || length - 2u > r.remaining())
			return fail(0, "ipv4: option " + std::to_string(type) +
			    " overruns the header");
		wire_reader body = r.sub(length - 2u);
		bool good = true;
		switch (type) {
		case ipv4_opt::record_route:
			// Each of these may appear once (RFC 1812 5.2.4).
			if (o.record_route)
				return fail(0, "ipv4: repeated record route");
			o.record_route.emplace();
			good = decode_route(type, body, *o.record_route);
			break;
		case ipv4_opt::lsrr:
		case ipv4_opt::ssrr:
			if (o.source_route)
				return fail(0, "ipv4: repeated source route");
			o.source_route.emplace();
			good = decode_route(type, body, *o.source_route);
			break;
		case ipv4_opt::timestamp:
			if (o.timestamp)
				return fail(0, "ipv4: repeated timestamp");
			o.timestamp.emplace();
			good = decode_timestamp(body, *o.timestamp);
			break;
		default:
			// Unknown options are skipped by their length.
			break;
		}
		if (!good)
			return fail(0, "ipv4: malformed option " +
			    std::to_string(type));
	}
	return o;
}

result<ipv4_packet>
decode_ipv4(bytes_view data, ipv4_decode mode)
{
	wire_reader r(data);
	std::uint8_t vihl = r.u8();
	ipv4_packet p;
	ipv4_header &h = p.hdr;
	h.tos = r.u8();
	h.total_length = r.u16();
	h.id = r.u16();
	std::uint16_t frag = r.u16();
	h.ttl = r.u8();
	h.protocol = r.u8();
	h.checksum = r.u16();
	h.src = address::v4(r.u32());
	h.dst = address::v4(r.u32());
	if (!r.ok())
		return fail(0, "ipv4: truncated header");
	if ((vihl >> 4) != 4)
		return fail(0, "ipv4: version " + std::to_string(vihl >> 4));
	std::size_t hlen = (vihl & 0x0fu) * 4;
	if (hlen < 20)
		return fail(0, "ipv4: header length " + std::to_string(hlen));
	if (h.total_length < hlen)
		return fail(0, "ipv4: total length " +
		    std::to_string(h.total_length) + " inside the header");
	h.options = r.bytes(hlen - 20);
	if (!r.ok())
		return fail(0, "ipv4: options truncated");
	if ((frag & 0x8000) != 0)
		return fail(0, "ipv4: reserved flag set");
	h.dont_fragment = (frag & 0x4000) != 0;
	h.more_fragments = (frag & 0x2000) != 0;
	h.fragment_offset = frag & 0x1fff;
	std::size_t want = h.total_length - hlen;
	if (mode != ipv4_decode::quoted) {
		if (mode == ipv4_decode::received &&
		    internet_checksum(data.first(hlen)) != 0)
			return fail(0, "ipv4: bad header checksum");
		if (want > r.remaining())
			return fail(0, "ipv4: datagram shorter than its "
				       "total length");
		p.payload = r.bytes(want);
	} else {
		p.payload = r.bytes(std::min(want, r.remaining()));
	}
	auto opts = decode_ipv4_options(h.options);
	if (!opts)
		return opts.err();
	p.opts = std::move(*opts);
	return p;
}

void
encode_ipv4(wire_writer &w, const ipv4_header &h, std::size_t payload_size)
{
	std::size_t optlen = (h.options.size() + 3) & ~std::size_t{3};
	if (optlen > max_options)
		optlen = max_options;
	std::size_t hlen = 20 + optlen;
	std::size_t start = w.offset();
	w.u8(static_cast<std::uint8_t>(0x40 | hlen / 4));
	w.u8(h.tos);
	w.u16(static_cast<std::uint16_t>(hlen + payload_size));
	w.u16(h.id);
	w.u16(static_cast<std::uint16_t>((h.dont_fragment ? 0x4000 : 0) |
	    (h.more_fragments ? 0x2000 : 0) | (h.fragment_offset & 0x1fff)));
	w.u8(h.ttl);
	w.u8(h.protocol);
	w.u16(0);
	w.u32(h.src.v4_value());
	w.u32(h.dst.v4_value());
	w.bytes(h.options.first(std::min(h.options.size(), optlen)));
	w.zeros(optlen - std::min(h.options.size(), optlen));
	w.put_u16_at(start + 10, internet_checksum(w.since(start)));
}

std::vector<std::uint8_t>
record_route_option(unsigned slots)
{
	if (slots > 9)
		slots = 9;
	std::vector<std::uint8_t> o;
	std::size_t len = 3 + 4 * slots;
	// NOPs first so the option ends on the 4-byte boundary.
	o.insert(o.end(), (4 - len % 4) % 4, ipv4_opt::nop);
	o.push_back(ipv4_opt::record_route);
	o.push_back(static_cast<std::uint8_t>(len));
	o.push_back(4);
	o.insert(o.end(), 4 * slots, 0);
	return o;
}

std::vector<std::uint8_t>
timestamp_option(std::uint8_t flags, unsigned slots,
    const std::vector<address> &prespecified)
{
	std::size_t entry = flags == ipv4_ts::only ? 4 : 8;
	std::size_t most = (max_options - 4) / entry;
	if (flags == ipv4_ts::prespecified)
		slots = static_cast<unsigned>(prespecified.size());
	if (slots > most)
		slots = static_cast<unsigned>(most);
	std::vector<std::uint8_t> o;
	wire_writer w(o);
	w.u8(ipv4_opt::timestamp);
	w.u8(static_cast<std::uint8_t>(4 + entry * slots));
	w.u8(5);
	w.u8(flags);
	for (unsigned i = 0; i < slots; i++) {
		if (entry == 8)
			w.u32(flags == ipv4_ts::prespecified
				? prespecified[i].v4_value()
				: 0);
		w.u32(0);
	}
	return o;
}

} // namespace net
