// dns_writer.h: the one DNS message writer under the full codec's builder
// and the server's response writer: bytes into a caller's buffer up to a
// limit, owner and rdata names compressed (RFC 1035 section 4.1.4) through
// a fixed table, whole records or nothing.  It never allocates.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "libnet/dns_name.h"
#include "libnet/wire.h"

namespace net::dns {

// The fixed header size of every message.
inline constexpr std::size_t header_size = 12;

// Writes a DNS message into a fixed buffer.
class packet_writer {
public:
	// Names remembered for compression; later names are written whole.
	static constexpr std::size_t max_names = 64;

	// Where a rewind goes back to: the size, the table and the counts.
	struct mark {
		std::size_t size;
		std::size_t names;
		std::array<std::uint16_t, 4> counts;
	};

	// A writer into buf that never writes at or past limit (at most
	// buf.size()).  fold_case: compression matches names without case,
	// so a later name may take an earlier one's case (servers); without
	// it every name keeps its own bytes (the full codec).
	packet_writer(std::span<std::uint8_t> buf, std::size_t limit,
	    bool fold_case);

	// Forgets everything written: the writer is empty again.
	void
	reset()
	{
		pos_ = 0;
		nnames_ = 0;
		counts_ = {};
	}

	// Writes the 12-byte header with zero counts; false when it does not
	// fit.  The counts grow as records are added.
	bool header(std::uint16_t id, std::uint16_t flags);

	// Overwrites the header's flags word.
	void set_flags(std::uint16_t flags);
	std::uint16_t flags() const;

	// Appends a question or a record, its names compressed, and counts it
	// in section 0-3 (question, answer, authority, additional).  False,
	// with nothing written, when it does not fit or the count would pass
	// 65535.  owner must be valid uncompressed wire form; the rdata names
	// of the RFC 1035 types are compressed when they parse, the rest is
	// copied as it is.
	bool question(bytes_view qname, std::uint16_t qtype,
	    std::uint16_t qclass);
	bool record(unsigned section, bytes_view owner, std::uint16_t type,
	    std::uint16_t rclass, std::uint32_t ttl, bytes_view rdata);

	// Moves the limit (never past the buffer nor below what is written):
	// a caller holds back room for an OPT record and gives it back
	// before writing it.
	void set_limit(std::size_t limit);
	std::size_t limit() const { return limit_; }

	mark get_mark() const;
	void rewind(const mark &m);

	std::size_t size() const { return pos_; }
	std::uint16_t count(unsigned section) const { return counts_[section]; }
	bytes_view data() const { return bytes_view(buf_.data(), pos_); }

private:
	// Writes a name at pos_, compressed; false when it does not fit.
	bool put_name(bytes_view wire, bool compress);
	bool put_u16(std::uint16_t v);
	bool put_u32(std::uint32_t v);
	bool matches(bytes_view suffix, std::size_t at) const;
	void set_count(unsigned section, std::uint16_t v);

	struct entry {
		std::uint16_t offset;	// where the suffix starts
		std::uint8_t length;	// its uncompressed wire length
	};

	std::span<std::uint8_t> buf_;
	std::size_t limit_;
	std::size_t pos_ = 0;
	bool fold_case_;
	std::array<std::uint16_t, 4> counts_ = {};
	std::array<entry, max_names> names_;
	std::size_t nnames_ = 0;
};

} // namespace net::dns
