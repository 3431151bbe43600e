#include "libnet/tcp.h"

#include <algorithm>

#include "libnet/ipv4.h"

namespace net {

namespace {

constexpr std::size_t max_options = 40;

// The fixed length each known option must have (RFC 9293 3.2, RFC 7323,
// RFC 2018); 0 for variable or unknown.
std::size_t
fixed_length(std::uint8_t kind)
{
	switch (kind) {
	case tcp_opt::mss:
		return 4;
	case tcp_opt::wscale:
		return 3;
	case tcp_opt::sack_permitted:
		return 2;
	case tcp_opt::timestamp:
		return 10;
	default:
		return 0;
	}
}

} // namespace

result<tcp_options>
decode_tcp_options(bytes_view options)
{
	wire_reader r(options);
	tcp_options o;
	while (r.remaining() > 0) {
		std::uint8_t kind = r.u8();
		if (kind == tcp_opt::eol)
			break;
		if (kind == tcp_opt::nop)
			continue;
		std::uint8_t length = r.u8();
		if (!r.ok() || length < 2 || length - 2u > r.remaining())
			return fail(0, "tcp: option " + std::to_string(kind) +
			    " overruns the header");
		std::size_t want = fixed_length(kind);
		if (want != 0 && length != want)
			return fail(0, "tcp: option " + std::to_string(kind) +
			    " has length " + std::to_string(length));
		wire_reader body = r.sub(length - 2u);
		switch (kind) {
		case tcp_opt::mss:
			o.mss = body.u16();
			break;
		case tcp_opt::wscale:
			o.wscale = body.u8();
			break;
		case tcp_opt::sack_permitted:
			o.sack_permitted = true;
			break;
		case tcp_opt::sack:
			// One to four blocks of two sequence numbers.
			if ((length - 2) % 8 != 0 || length < 10)
				return fail(0, "tcp: SACK option of length " +
				    std::to_string(length));
			while (body.remaining() > 0) {
				std::uint32_t left = body.u32();
				std::uint32_t right = body.u32();
				o.sack.emplace_back(left, right);
			}
			break;
		case tcp_opt::timestamp: {
			std::uint32_t val = body.u32();
			std::uint32_t ecr = body.u32();
			o.timestamp.emplace(val, ecr);
			break;
		}
		default:
			break;
		}
		if (!body.ok())
			return fail(0, "tcp: malformed option " +
			    std::to_string(kind));
	}
	return o;
}

result<tcp_segment>
decode_tcp(bytes_view data, const pseudo_header *ph, checksum_check check)
{
	wire_reader r(data);
	tcp_segment s;
	tcp_header &h = s.hdr;
	h.src_port = r.u16();
	h.dst_port = r.u16();
	h.seq = r.u32();
	h.ack = r.u32();
	std::uint8_t off = r.u8();
	h.flags = r.u8();
	h.window = r.u16();
	h.checksum = r.u16();
	h.urgent = r.u16();
	if (!r.ok())
		return fail(0, "tcp: truncated header");
	s.header_length = (off >> 4) * 4u;
	if (s.header_length < 20)
		return fail(0, "tcp: data offset " +
		    std::to_string(s.header_length / 4) + " words");
	bytes_view opts = r.bytes(s.header_length - 20);
	if (!r.ok())
		return fail(0, "tcp: data offset past the segment");
	auto o = decode_tcp_options(opts);
	if (!o)
		return o.err();
	s.opts = std::move(*o);
	s.payload = r.rest();
	if (ph != nullptr) {
		s.checksum_ok = transport_checksum(*ph, ip_proto::tcp, data) ==
		    0;
		if (check == checksum_check::verify && !s.checksum_ok)
			return fail(0, "tcp: bad checksum");
	}
	return s;
}

void
encode_tcp(wire_writer &w, const tcp_header &h, const tcp_options &opts,
    bytes_view payload, const pseudo_header &ph)
{
	std::vector<std::uint8_t> ob;
	wire_writer ow(ob);
	if (opts.mss) {
		ow.u8(tcp_opt::mss);
		ow.u8(4);
		ow.u16(*opts.mss);
	}
	if (opts.sack_permitted) {
		ow.u8(tcp_opt::sack_permitted);
		ow.u8(2);
	}
	if (opts.timestamp) {
		ow.u8(tcp_opt::timestamp);
		ow.u8(10);
		ow.u32(opts.timestamp->first);
		ow.u32(opts.timestamp->second);
	}
	if (opts.wscale) {
		ow.u8(tcp_opt::nop);
		ow.u8(tcp_opt::wscale);
		ow.u8(3);
		ow.u8(*opts.wscale);
	}
	// SACK blocks take the room left after two NOPs, kind and length.
	std::size_t room = ob.size() + 4 < max_options
	    ? (max_options - ob.size() - 4) / 8
	    : 0;
	std::size_t n = std::min<std::size_t>({opts.sack.size(), 4, room});
	if (n > 0) {
		ow.u8(tcp_opt::nop);
		ow.u8(tcp_opt::nop);
		ow.u8(tcp_opt::sack);
		ow.u8(static_cast<std::uint8_t>(2 + 8 * n));
		for (std::size_t i = 0; i < n; i++) {
			ow.u32(opts.sack[i].first);
			ow.u32(opts.sack[i].second);
		}
	}
	ob.resize(std::min((ob.size() + 3) & ~std::size_t{3}, max_options),
	    tcp_opt::eol);
	std::size_t start = w.offset();
	w.u16(h.src_port);
	w.u16(h.dst_port);
	w.u32(h.seq);
	w.u32(h.ack);
	w.u8(static_cast<std::uint8_t>((20 + ob.size()) / 4 << 4));
	w.u8(h.flags);
	w.u16(h.window);
	w.u16(0);
	w.u16(h.urgent);
	w.bytes(ob);
	w.bytes(payload);
	w.put_u16_at(start + 16, transport_checksum(ph, ip_proto::tcp,
	    w.since(start)));
}

std::string
tcp_flags_str(std::uint8_t flags)
{
	static const char *const names[] = {"FIN", "SYN", "RST", "PSH", "ACK",
	    "URG", "ECE", "CWR"};
	std::string s;
	for (int i = 0; i < 8; i++) {
		if ((flags & (1 << i)) == 0)
			continue;
		if (!s.empty())
			s += ',';
		s += names[i];
	}
	return s;
}

} // namespace net
