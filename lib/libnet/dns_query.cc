#include "libnet/dns_query.h"

#include <cstring>

#include "libnet/dns_types.h"

namespace net::dns {

namespace {

std::uint16_t
get16(bytes_view b, std::size_t at)
{
	return static_cast<std::uint16_t>(b[at] << 8 | b[at + 1]);
}

bool
refuse(query &q, query_error e, const char *reason)
{
	q.error = e;
	q.reason = reason;
	return false;
}

// The options of the OPT record whose rdata is at [pos, end).
bool
parse_options(bytes_view p, std::size_t pos, std::size_t end, query &q)
{
	while (pos < end) {
		if (end - pos < 4)
			return refuse(q, query_error::bad_opt,
			    "EDNS option runs past the OPT record");
		std::uint16_t code = get16(p, pos);
		std::uint16_t len = get16(p, pos + 2);
		pos += 4;
		if (end - pos < len)
			return refuse(q, query_error::bad_opt,
			    "EDNS option runs past the OPT record");
		if (code == edns_code::cookie) {
			if (q.has_cookie || !(len == 8 ||
			    (len >= 16 && len <= 40)))
				return refuse(q, query_error::bad_cookie,
				    "COOKIE option of a wrong length");
			q.has_cookie = true;
			q.cookie_len = static_cast<std::uint8_t>(len);
			std::memcpy(q.cookie.data(), p.data() + pos, len);
		} else if (code == edns_code::nsid) {
			q.has_nsid = true;
		}
		pos += len;
	}
	return true;
}

} // namespace

bool
parse_query(bytes_view p, query &q)
{
	q.has_question = false;
	q.has_edns = q.has_nsid = q.has_cookie = q.has_tsig = false;
	q.cookie_len = 0;
	q.udp_size = 0;
	q.edns_version = q.ext_rcode = 0;
	q.do_bit = false;
	q.edns_flags = 0;
	q.tsig_offset = q.question_end = 0;
	q.error = query_error::none;
	q.reason = nullptr;
	if (p.size() < header_size)
		return refuse(q, query_error::short_header,
		    "shorter than a header");
	q.id = get16(p, 0);
	q.flags = get16(p, 2);
	for (unsigned i = 0; i < 4; i++)
		q.counts[i] = get16(p, 4 + 2 * i);
	if (q.flags & flag::qr)
		return refuse(q, query_error::not_a_query, "QR is set");
	if (q.counts[0] > 1)
		return refuse(q, query_error::qdcount,
		    "more than one question");
	std::size_t pos = header_size;
	if (q.counts[0] == 1) {
		if (const char *why = name::read(p, pos, q.qname))
			return refuse(q, query_error::bad_question, why);
		if (p.size() - pos < 4)
			return refuse(q, query_error::bad_question,
			    "question runs past the end");
		q.qtype = get16(p, pos);
		q.qclass = get16(p, pos + 2);
		pos += 4;
		q.question_end = pos;
		q.has_question = true;
	}
	unsigned total = unsigned(q.counts[1]) + q.counts[2] + q.counts[3];
	name owner;
	for (unsigned i = 0; i < total; i++) {
		std::size_t start = pos;
		if (q.has_tsig)
			return refuse(q, query_error::bad_record,
			    "TSIG is not the last record");
		if (const char *why = name::read(p, pos, owner))
			return refuse(q, query_error::bad_record, why);
		if (p.size() - pos < 10)
			return refuse(q, query_error::bad_record,
			    "record runs past the end");
		std::uint16_t type = get16(p, pos);
		std::uint16_t rclass = get16(p, pos + 2);
		std::uint32_t ttl = std::uint32_t(get16(p, pos + 4)) << 16 |
		    get16(p, pos + 6);
		std::uint16_t rdlen = get16(p, pos + 8);
		pos += 10;
		if (p.size() - pos < rdlen)
			return refuse(q, query_error::bad_record,
			    "rdata runs past the end");
		bool in_additional = i >= unsigned(q.counts[1]) + q.counts[2];
		if (type == rr_type::opt) {
			if (!in_additional)
				return refuse(q, query_error::bad_opt,
				    "OPT outside the additional section");
			if (q.has_edns)
				return refuse(q, query_error::opt_twice,
				    "more than one OPT record");
			if (!owner.is_root())
				return refuse(q, query_error::bad_opt,
				    "OPT owner is not the root");
			q.has_edns = true;
			q.udp_size = rclass;
			q.ext_rcode = static_cast<std::uint8_t>(ttl >> 24);
			q.edns_version = static_cast<std::uint8_t>(ttl >> 16);
			q.edns_flags = static_cast<std::uint16_t>(ttl);
			q.do_bit = ttl & 0x8000;
			if (!parse_options(p, pos, pos + rdlen, q))
				return false;
		} else if (type == rr_type::tsig) {
			if (!in_additional)
				return refuse(q, query_error::bad_record,
				    "TSIG outside the additional section");
			q.has_tsig = true;
			q.tsig_offset = start;
		}
		pos += rdlen;
	}
	if (pos != p.size())
		return refuse(q, query_error::trailing_bytes,
		    "bytes after the last record");
	if (q.counts[0] != 1)
		return refuse(q, query_error::qdcount, "no question");
	return true;
}

response_writer::response_writer(std::span<std::uint8_t> buf,
    std::size_t max_size)
    : w_(buf, max_size, true), max_(max_size < buf.size() ? max_size :
      buf.size())
{
}

bool
response_writer::start(const query &q, const response_opt &opt)
{
	opt_ = opt;
	rcode_ = 0;
	section_ = answer;
	std::size_t reserve = opt.present ? 11 + opt.options.size() : 0;
	w_.reset();
	if (reserve > max_)
		return false;
	w_.set_limit(max_ - reserve);
	std::uint16_t flags = static_cast<std::uint16_t>(flag::qr |
	    (q.flags & (0x7800 | flag::rd | flag::cd)));
	if (!w_.header(q.id, flags))
		return false;
	if (q.has_question && !w_.question(q.qname.wire(), q.qtype,
	    q.qclass))
		return false;
	return true;
}

void
response_writer::set_flag(std::uint16_t mask, bool on)
{
	std::uint16_t f = w_.flags();
	w_.set_flags(static_cast<std::uint16_t>(on ? f | mask : f & ~mask));
}

void
response_writer::set_rcode(std::uint16_t rcode)
{
	rcode_ = rcode;
	w_.set_flags(static_cast<std::uint16_t>((w_.flags() & ~15u) |
	    (rcode & 15)));
}

bool
response_writer::add(section s, bytes_view owner, std::uint16_t type,
    std::uint16_t rclass, std::uint32_t ttl, bytes_view rdata)
{
	if (s < section_ || s > additional)
		return false;
	if (!w_.record(s, owner, type, rclass, ttl, rdata))
		return false;
	section_ = s;
	return true;
}

void
response_writer::rewind(const packet_writer::mark &m)
{
	w_.rewind(m);
	// The section goes back to the last one with records.
	section_ = answer;
	for (unsigned s = additional; s > answer; s--)
		if (w_.count(s) > 0) {
			section_ = s;
			break;
		}
}

std::size_t
response_writer::finish()
{
	w_.set_limit(max_);
	if (opt_.present) {
		std::uint32_t ttl = std::uint32_t(rcode_ >> 4 & 0xff) << 24 |
		    std::uint32_t(opt_.version) << 16 |
		    (opt_.do_bit ? 0x8000u : 0);
		(void)w_.record(additional, name::root().wire(),
		    rr_type::opt, opt_.udp_size, ttl, opt_.options);
		opt_.present = false;
	}
	return w_.size();
}

} // namespace net::dns
