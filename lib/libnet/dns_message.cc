#include "libnet/dns_message.h"

#include <algorithm>
#include <string>

#include "libnet/dns_rdata.h"
#include "libnet/dns_writer.h"

namespace net::dns {

std::uint16_t
header::flags() const
{
	std::uint16_t f = static_cast<std::uint16_t>((opcode & 15) << 11 |
	    (rcode & 15));
	if (qr)
		f |= flag::qr;
	if (aa)
		f |= flag::aa;
	if (tc)
		f |= flag::tc;
	if (rd)
		f |= flag::rd;
	if (ra)
		f |= flag::ra;
	if (z)
		f |= flag::z;
	if (ad)
		f |= flag::ad;
	if (cd)
		f |= flag::cd;
	return f;
}

header
header::from_flags(std::uint16_t id, std::uint16_t f)
{
	header h;
	h.id = id;
	h.qr = f & flag::qr;
	h.opcode = flags_opcode(f);
	h.aa = f & flag::aa;
	h.tc = f & flag::tc;
	h.rd = f & flag::rd;
	h.ra = f & flag::ra;
	h.z = f & flag::z;
	h.ad = f & flag::ad;
	h.cd = f & flag::cd;
	h.rcode = static_cast<std::uint8_t>(f & 15);
	return h;
}

std::uint16_t
message::rcode() const
{
	return static_cast<std::uint16_t>((opt ? opt->ext_rcode << 4 : 0) |
	    hdr.rcode);
}

void
message::set_rcode(std::uint16_t rc)
{
	hdr.rcode = static_cast<std::uint8_t>(rc & 15);
	if (rc > 15 && !opt)
		opt.emplace();
	if (opt)
		opt->ext_rcode = static_cast<std::uint8_t>(rc >> 4);
}

namespace {

const char *const section_names[] = {"question", "answer", "authority",
    "additional"};

error
bad(const std::string &why)
{
	return fail(0, "dns message: " + why);
}

error
bad_at(unsigned section, std::size_t i, const std::string &why)
{
	return bad(std::string(section_names[section]) + " " +
	    std::to_string(i + 1) + ": " + why);
}

// The rdata of a type with compressible names, decompressed; nullptr or
// a reason.
const char *
decompress_rdata(bytes_view msg, std::size_t pos, std::size_t end,
    unsigned before, unsigned names, unsigned after,
    std::vector<std::uint8_t> &out)
{
	if (end - pos < before)
		return "rdata too short";
	out.assign(msg.begin() + pos, msg.begin() + pos + before);
	pos += before;
	for (unsigned i = 0; i < names; i++) {
		name n;
		if (const char *why = name::read(msg, pos, n))
			return why;
		if (pos > end)
			return "name runs past the rdata";
		auto w = n.wire();
		out.insert(out.end(), w.begin(), w.end());
	}
	if (end - pos != after)
		return "rdata length does not match its fields";
	out.insert(out.end(), msg.begin() + pos, msg.begin() + end);
	return nullptr;
}

result<edns>
parse_opt(const record &rr)
{
	if (!rr.owner.is_root())
		return bad("OPT owner is not the root");
	edns e;
	e.udp_size = rr.rclass;
	e.ext_rcode = static_cast<std::uint8_t>(rr.ttl >> 24);
	e.version = static_cast<std::uint8_t>(rr.ttl >> 16);
	e.do_bit = rr.ttl & 0x8000;
	e.z = static_cast<std::uint16_t>(rr.ttl & 0x7fff);
	wire_reader r(rr.rdata);
	while (!r.at_end()) {
		edns_option o;
		o.code = r.u16();
		std::uint16_t len = r.u16();
		auto d = r.bytes(len);
		if (!r.ok())
			return bad("EDNS option runs past the OPT record");
		o.data.assign(d.begin(), d.end());
		e.options.push_back(std::move(o));
	}
	return e;
}

} // namespace

void
encode_edns_options(const std::vector<edns_option> &options,
    std::vector<std::uint8_t> &out)
{
	wire_writer w(out);
	for (const auto &o : options) {
		w.u16(o.code);
		w.u16(static_cast<std::uint16_t>(o.data.size()));
		w.bytes(o.data);
	}
}

result<message>
parse_message(bytes_view data)
{
	if (data.size() < header_size)
		return bad("truncated header");
	wire_reader h(data);
	std::uint16_t id = h.u16();
	std::uint16_t flags = h.u16();
	std::uint16_t counts[4];
	for (auto &c : counts)
		c = h.u16();
	message m;
	m.hdr = header::from_flags(id, flags);
	std::size_t pos = header_size;
	// Counts are not trusted for reservations: a record takes at least
	// 11 bytes, a question 5.
	std::size_t room = data.size() - header_size;
	m.questions.reserve(std::min<std::size_t>(counts[0], room / 5));
	for (std::size_t i = 0; i < counts[0]; i++) {
		question q;
		if (const char *why = name::read(data, pos, q.qname))
			return bad_at(0, i, why);
		if (data.size() - pos < 4)
			return bad_at(0, i, "runs past the end");
		q.qtype = static_cast<std::uint16_t>(data[pos] << 8 |
		    data[pos + 1]);
		q.qclass = static_cast<std::uint16_t>(data[pos + 2] << 8 |
		    data[pos + 3]);
		pos += 4;
		m.questions.push_back(q);
	}
	std::vector<record> *sections[] = {nullptr, &m.answer, &m.authority,
	    &m.additional};
	for (unsigned s = 1; s <= 3; s++) {
		sections[s]->reserve(std::min<std::size_t>(counts[s],
		    room / 11));
		for (std::size_t i = 0; i < counts[s]; i++) {
			record rr;
			if (const char *why = name::read(data, pos, rr.owner))
				return bad_at(s, i, why);
			wire_reader r(data.subspan(pos));
			rr.type = r.u16();
			rr.rclass = r.u16();
			rr.ttl = r.u32();
			std::uint16_t rdlen = r.u16();
			if (!r.ok())
				return bad_at(s, i, "runs past the end");
			pos += 10;
			if (data.size() - pos < rdlen)
				return bad_at(s, i, "rdata runs past the end");
			std::size_t end = pos + rdlen;
			unsigned before, names, after;
			if (compressible_layout(rr.type, before, names,
			    after)) {
				if (const char *why = decompress_rdata(data,
				    pos, end, before, names, after, rr.rdata))
					return bad_at(s, i,
					    type_to_text(rr.type) + " rdata: " +
					    why);
			} else {
				rr.rdata.assign(data.begin() + pos,
				    data.begin() + end);
			}
			pos = end;
			if (const char *why = rdata_check(rr.type, rr.rdata))
				return bad_at(s, i, type_to_text(rr.type) +
				    " rdata: " + why);
			if (rr.type == rr_type::opt) {
				if (s != 3)
					return bad_at(s, i, "OPT record "
					    "outside the additional section");
				if (m.opt)
					return bad("more than one OPT record");
				auto e = parse_opt(rr);
				if (!e)
					return e.err();
				m.opt = std::move(*e);
				continue;
			}
			sections[s]->push_back(std::move(rr));
		}
	}
	if (pos != data.size())
		return bad("bytes after the last record");
	return m;
}

result<std::vector<std::uint8_t>>
build_message(const message &m)
{
	std::vector<std::uint8_t> buf(65535);
	packet_writer w(buf, buf.size(), false);
	const char *too_big = "message longer than 65535 bytes or a count "
	    "over 65535";
	if (!w.header(m.hdr.id, m.hdr.flags()))
		return bad(too_big);
	for (const auto &q : m.questions) {
		if (!q.qname.is_absolute())
			return bad("relative question name");
		if (!w.question(q.qname.wire(), q.qtype, q.qclass))
			return bad(too_big);
	}
	const std::vector<record> *sections[] = {nullptr, &m.answer,
	    &m.authority, &m.additional};
	for (unsigned s = 1; s <= 3; s++) {
		for (const auto &rr : *sections[s]) {
			if (is_compressible_type(rr.type))
				if (const char *why = rdata_check(rr.type,
				    rr.rdata))
					return bad(type_to_text(rr.type) +
					    " rdata: " + why);
			if (!rr.owner.is_absolute())
				return bad("relative owner name");
			if (!w.record(s, rr.owner.wire(), rr.type, rr.rclass,
			    rr.ttl, rr.rdata))
				return bad(too_big);
		}
	}
	if (m.opt) {
		std::vector<std::uint8_t> rdata;
		encode_edns_options(m.opt->options, rdata);
		std::uint32_t ttl = std::uint32_t(m.opt->ext_rcode) << 24 |
		    std::uint32_t(m.opt->version) << 16 |
		    (m.opt->do_bit ? 0x8000u : 0) | (m.opt->z & 0x7fffu);
		if (!w.record(3, name::root().wire(), rr_type::opt,
		    m.opt->udp_size, ttl, rdata))
			return bad(too_big);
	}
	buf.resize(w.size());
	return buf;
}

} // namespace net::dns
