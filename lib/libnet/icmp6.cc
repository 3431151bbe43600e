#include "libnet/icmp6.h"

#include "libnet/ipv4.h"

namespace net {

bool
icmp6_is_error(std::uint8_t type)
{
	return type < 128;
}

result<icmp6_message>
decode_icmp6(bytes_view data, const pseudo_header *ph, checksum_check check)
{
	wire_reader r(data);
	icmp6_message m;
	m.type = r.u8();
	m.code = r.u8();
	m.checksum = r.u16();
	if (!r.ok() || data.size() < 8)
		return fail(0, "icmp6: truncated header");
	if (ph != nullptr) {
		if (!ph->src.is_v6() || !ph->dst.is_v6())
			return fail(0, "icmp6: pseudo-header is not IPv6");
		m.checksum_ok = transport_checksum(*ph, ip_proto::icmpv6,
		    data) == 0;
		if (check == checksum_check::verify && !m.checksum_ok)
			return fail(0, "icmp6: bad checksum");
	}
	m.body = data.subspan(4);
	if (m.type == icmp6_type::echo_request ||
	    m.type == icmp6_type::echo_reply) {
		icmp_echo e;
		e.id = r.u16();
		e.seq = r.u16();
		e.data = r.rest();
		m.echo = e;
	} else if (icmp6_is_error(m.type)) {
		icmp6_error e;
		e.word = r.u32();
		auto orig = decode_ipv6(r.rest(), ipv6_decode::quoted);
		if (!orig)
			return fail(0, "icmp6: quoted packet: " +
			    orig.err().message());
		e.original = std::move(*orig);
		m.error = std::move(e);
	}
	return m;
}

namespace {

void
finish_checksum(wire_writer &w, std::size_t start, const pseudo_header *ph)
{
	if (ph != nullptr)
		w.put_u16_at(start + 2, transport_checksum(*ph,
		    ip_proto::icmpv6, w.since(start)));
}

} // namespace

void
encode_icmp6_echo(wire_writer &w, std::uint8_t type, std::uint16_t id,
    std::uint16_t seq, bytes_view data, const pseudo_header *ph)
{
	std::size_t start = w.offset();
	w.u8(type);
	w.u8(0);
	w.u16(0);
	w.u16(id);
	w.u16(seq);
	w.bytes(data);
	finish_checksum(w, start, ph);
}

void
encode_icmp6_error(wire_writer &w, std::uint8_t type, std::uint8_t code,
    std::uint32_t word, bytes_view original, const pseudo_header *ph)
{
	std::size_t start = w.offset();
	w.u8(type);
	w.u8(code);
	w.u16(0);
	w.u32(word);
	w.bytes(original);
	finish_checksum(w, start, ph);
}

} // namespace net
