#include "libnet/icmp.h"

#include <algorithm>

#include "libnet/checksum.h"

namespace net {

bool
icmp_is_error(std::uint8_t type)
{
	switch (type) {
	case icmp_type::dest_unreach:
	case icmp_type::source_quench:
	case icmp_type::redirect:
	case icmp_type::time_exceeded:
	case icmp_type::param_problem:
		return true;
	default:
		return false;
	}
}

result<icmp_message>
decode_icmp(bytes_view data, checksum_check check)
{
	wire_reader r(data);
	icmp_message m;
	m.type = r.u8();
	m.code = r.u8();
	m.checksum = r.u16();
	if (!r.ok() || data.size() < 8)
		return fail(0, "icmp: truncated header");
	m.checksum_ok = internet_checksum(data) == 0;
	if (check == checksum_check::verify && !m.checksum_ok)
		return fail(0, "icmp: bad checksum");
	m.body = data.subspan(4);
	switch (m.type) {
	case icmp_type::echo_reply:
	case icmp_type::echo_request: {
		icmp_echo e;
		e.id = r.u16();
		e.seq = r.u16();
		e.data = r.rest();
		m.echo = e;
		break;
	}
	case icmp_type::timestamp:
	case icmp_type::timestamp_reply: {
		icmp_timestamp t;
		t.id = r.u16();
		t.seq = r.u16();
		t.originate = r.u32();
		t.receive = r.u32();
		t.transmit = r.u32();
		if (!r.ok() || !r.at_end())
			return fail(0, "icmp: timestamp message of " +
			    std::to_string(data.size()) + " bytes");
		m.timestamp = t;
		break;
	}
	default:
		if (!icmp_is_error(m.type))
			break;
		icmp_error e;
		e.word = r.u32();
		bytes_view quoted = r.rest();
		auto orig = decode_ipv4(quoted, ipv4_decode::quoted);
		if (!orig)
			return fail(0, "icmp: quoted datagram: " +
			    orig.err().message());
		std::size_t whole = orig->hdr.total_length -
		    orig->hdr.header_length();
		if (orig->payload.size() < std::min<std::size_t>(8, whole))
			return fail(0, "icmp: quoted datagram cut inside its "
				       "first 64 bits");
		e.original = std::move(*orig);
		m.error = std::move(e);
		break;
	}
	return m;
}

void
encode_icmp_echo(wire_writer &w, std::uint8_t type, std::uint16_t id,
    std::uint16_t seq, bytes_view data)
{
	std::size_t start = w.offset();
	w.u8(type);
	w.u8(0);
	w.u16(0);
	w.u16(id);
	w.u16(seq);
	w.bytes(data);
	w.put_u16_at(start + 2, internet_checksum(w.since(start)));
}

void
encode_icmp_timestamp(wire_writer &w, std::uint8_t type,
    const icmp_timestamp &t)
{
	std::size_t start = w.offset();
	w.u8(type);
	w.u8(0);
	w.u16(0);
	w.u16(t.id);
	w.u16(t.seq);
	w.u32(t.originate);
	w.u32(t.receive);
	w.u32(t.transmit);
	w.put_u16_at(start + 2, internet_checksum(w.since(start)));
}

void
encode_icmp_error(wire_writer &w, std::uint8_t type, std::uint8_t code,
    std::uint32_t word, bytes_view original)
{
	std::size_t start = w.offset();
	w.u8(type);
	w.u8(code);
	w.u16(0);
	w.u32(word);
	w.bytes(original);
	w.put_u16_at(start + 2, internet_checksum(w.since(start)));
}

} // namespace net
