#include "libnet/dns_writer.h"

#include <cstring>

#include "libnet/dns_types.h"

namespace net::dns {

packet_writer::packet_writer(std::span<std::uint8_t> buf, std::size_t limit,
    bool fold_case)
    : buf_(buf), limit_(limit < buf.size() ? limit : buf.size()),
      fold_case_(fold_case)
{
}

void
packet_writer::set_limit(std::size_t limit)
{
	limit_ = limit < buf_.size() ? limit : buf_.size();
	// Never below what is written: the free space is limit_ - pos_.
	if (limit_ < pos_)
		limit_ = pos_;
}

bool
packet_writer::header(std::uint16_t id, std::uint16_t flags)
{
	reset();
	if (limit_ < header_size)
		return false;
	std::memset(buf_.data(), 0, header_size);
	buf_[0] = static_cast<std::uint8_t>(id >> 8);
	buf_[1] = static_cast<std::uint8_t>(id);
	pos_ = header_size;
	set_flags(flags);
	return true;
}

void
packet_writer::set_flags(std::uint16_t flags)
{
	if (pos_ < header_size)
		return;
	buf_[2] = static_cast<std::uint8_t>(flags >> 8);
	buf_[3] = static_cast<std::uint8_t>(flags);
}

std::uint16_t
packet_writer::flags() const
{
	if (pos_ < header_size)
		return 0;
	return static_cast<std::uint16_t>(buf_[2] << 8 | buf_[3]);
}

void
packet_writer::set_count(unsigned section, std::uint16_t v)
{
	counts_[section] = v;
	buf_[4 + 2 * section] = static_cast<std::uint8_t>(v >> 8);
	buf_[5 + 2 * section] = static_cast<std::uint8_t>(v);
}

packet_writer::mark
packet_writer::get_mark() const
{
	return mark{pos_, nnames_, counts_};
}

void
packet_writer::rewind(const mark &m)
{
	pos_ = m.size;
	nnames_ = m.names;
	if (pos_ >= header_size)
		for (unsigned s = 0; s < 4; s++)
			set_count(s, m.counts[s]);
}

bool
packet_writer::put_u16(std::uint16_t v)
{
	if (limit_ - pos_ < 2)
		return false;
	buf_[pos_++] = static_cast<std::uint8_t>(v >> 8);
	buf_[pos_++] = static_cast<std::uint8_t>(v);
	return true;
}

bool
packet_writer::put_u32(std::uint32_t v)
{
	return put_u16(static_cast<std::uint16_t>(v >> 16)) &&
	    put_u16(static_cast<std::uint16_t>(v));
}

// Whether the name written at offset at (perhaps through pointers) is
// suffix.  Only this writer's own bytes are walked, and every pointer it
// wrote points backwards, so the walk ends; the hop bound is for safety.
bool
packet_writer::matches(bytes_view suffix, std::size_t at) const
{
	std::size_t i = 0;
	unsigned hops = 0;
	for (;;) {
		std::uint8_t c = buf_[at];
		if ((c & 0xc0) == 0xc0) {
			if (++hops > 128)
				return false;
			at = std::size_t(c & 0x3f) << 8 | buf_[at + 1];
			continue;
		}
		if (c != suffix[i])
			return false;
		if (c == 0)
			return true;
		if (fold_case_) {
			if (!equal_nocase(&buf_[at + 1], &suffix[i + 1], c))
				return false;
		} else if (std::memcmp(&buf_[at + 1], &suffix[i + 1], c) != 0) {
			return false;
		}
		at += 1 + c;
		i += 1 + c;
	}
}

bool
packet_writer::put_name(bytes_view wire, bool compress)
{
	// The longest remembered suffix, tried from the whole name down.
	std::size_t skip = 0;		// bytes written as labels
	std::size_t pointer = 0;	// 0: none found
	if (compress) {
		for (std::size_t p = 0; wire[p] != 0; p += 1 + wire[p]) {
			std::size_t len = wire.size() - p;
			for (std::size_t k = 0; k < nnames_; k++)
				if (names_[k].length == len &&
				    matches(wire.subspan(p), names_[k].offset)) {
					pointer = names_[k].offset;
					break;
				}
			if (pointer) {
				skip = p;
				break;
			}
		}
		if (!pointer)
			skip = wire.size() - 1;
	} else {
		skip = wire.size() - 1;
	}
	std::size_t need = skip + (pointer ? 2 : 1);
	if (limit_ - pos_ < need)
		return false;
	std::size_t start = pos_;
	std::memcpy(&buf_[pos_], wire.data(), skip);
	pos_ += skip;
	if (pointer) {
		buf_[pos_++] = static_cast<std::uint8_t>(0xc0 | pointer >> 8);
		buf_[pos_++] = static_cast<std::uint8_t>(pointer);
	} else {
		buf_[pos_++] = 0;
	}
	// Remember the labels written out, while offsets fit a pointer.
	for (std::size_t p = 0; p < skip && nnames_ < max_names;
	     p += 1 + wire[p]) {
		if (start + p >= 0x4000)
			break;
		names_[nnames_++] = entry{
		    static_cast<std::uint16_t>(start + p),
		    static_cast<std::uint8_t>(wire.size() - p)};
	}
	return true;
}

bool
packet_writer::question(bytes_view qname, std::uint16_t qtype,
    std::uint16_t qclass)
{
	mark m = get_mark();
	if (pos_ < header_size || counts_[0] == 0xffff ||
	    !put_name(qname, true) || !put_u16(qtype) || !put_u16(qclass)) {
		rewind(m);
		return false;
	}
	set_count(0, static_cast<std::uint16_t>(counts_[0] + 1));
	return true;
}


bool
packet_writer::record(unsigned section, bytes_view owner, std::uint16_t type,
    std::uint16_t rclass, std::uint32_t ttl, bytes_view rdata)
{
	if (section < 1 || section > 3 || pos_ < header_size ||
	    counts_[section] == 0xffff || rdata.size() > 0xffff)
		return false;
	mark m = get_mark();
	bool ok = put_name(owner, true) && put_u16(type) && put_u16(rclass) &&
	    put_u32(ttl) && put_u16(0);
	if (!ok) {
		rewind(m);
		return false;
	}
	std::size_t len_at = pos_ - 2;
	std::size_t start = pos_;
	struct {
		unsigned before, names, after;
	} l;
	bool done = false;
	if (compressible_layout(type, l.before, l.names, l.after)) {
		// Names first checked, so a bad rdata is copied whole instead.
		std::size_t p = l.before;
		std::size_t ends[2] = {};
		bool valid = p <= rdata.size();
		for (unsigned i = 0; valid && i < l.names; i++) {
			std::size_t n = wire_name_length(rdata.subspan(p));
			valid = n != 0;
			p += n;
			ends[i] = p;
		}
		valid = valid && p + l.after == rdata.size();
		if (valid) {
			done = true;
			if (limit_ - pos_ < l.before) {
				rewind(m);
				return false;
			}
			std::memcpy(&buf_[pos_], rdata.data(), l.before);
			pos_ += l.before;
			std::size_t from = l.before;
			for (unsigned i = 0; i < l.names; i++) {
				if (!put_name(rdata.subspan(from,
				    ends[i] - from), true)) {
					rewind(m);
					return false;
				}
				from = ends[i];
			}
			if (limit_ - pos_ < l.after) {
				rewind(m);
				return false;
			}
			std::memcpy(&buf_[pos_], rdata.data() + from, l.after);
			pos_ += l.after;
		}
	}
	if (!done) {
		if (limit_ - pos_ < rdata.size()) {
			rewind(m);
			return false;
		}
		if (!rdata.empty())
			std::memcpy(&buf_[pos_], rdata.data(), rdata.size());
		pos_ += rdata.size();
	}
	std::size_t rdlen = pos_ - start;
	buf_[len_at] = static_cast<std::uint8_t>(rdlen >> 8);
	buf_[len_at + 1] = static_cast<std::uint8_t>(rdlen);
	set_count(section, static_cast<std::uint16_t>(counts_[section] + 1));
	return true;
}

} // namespace net::dns
