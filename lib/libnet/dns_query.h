// dns_query.h: the name server's hot path.  A query is parsed from bytes
// into a fixed struct and a response is written into the caller's buffer
// with a fixed compression table: no heap allocation anywhere here (the
// unit test counts operator new around both), so a server thread handles
// a query with no allocator traffic.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "libnet/dns_message.h"
#include "libnet/dns_name.h"
#include "libnet/dns_writer.h"
#include "libnet/wire.h"

namespace net::dns {

// Why a query was not accepted.
enum class query_error : std::uint8_t {
	none,
	short_header,	// under 12 bytes: drop, there is no id to answer
	not_a_query,	// QR set: drop, never answer a response
	qdcount,	// not exactly one question (RFC 9619): FORMERR
	bad_question,	// the question does not parse: FORMERR
	bad_record,	// a record after it does not parse: FORMERR
	bad_opt,	// OPT malformed or not at the root: FORMERR
	opt_twice,	// more than one OPT (RFC 6891 6.1.1): FORMERR
	bad_cookie,	// COOKIE of a wrong length (RFC 7873 5.2.2): FORMERR
	trailing_bytes,	// bytes after the last record: FORMERR
};

// True for the errors answered with FORMERR, false for those dropped.
inline bool
answer_formerr(query_error e)
{
	return e != query_error::none && e != query_error::short_header &&
	    e != query_error::not_a_query;
}

// A parsed query.  Fields are valid as far as the parse got: the header
// unless short_header, the question when has_question.
struct query {
	std::uint16_t id = 0;
	std::uint16_t flags = 0;	// the header's flags word as received
	std::uint16_t counts[4] = {};	// qd, an, ns, ar as received

	bool has_question = false;
	name qname;			// with the query's case
	std::uint16_t qtype = 0;
	std::uint16_t qclass = 0;
	std::size_t question_end = 0;	// offset just past the question

	bool has_edns = false;
	std::uint16_t udp_size = 0;	// as sent; RFC 6891 says treat <512
					// as 512
	std::uint8_t edns_version = 0;
	std::uint8_t ext_rcode = 0;
	bool do_bit = false;
	std::uint16_t edns_flags = 0;	// the whole 16-bit flags field
	bool has_nsid = false;		// an NSID option (RFC 5001)
	bool has_cookie = false;
	std::uint8_t cookie_len = 0;	// 8 (client cookie) or 16-40
	std::array<std::uint8_t, 40> cookie = {};

	bool has_tsig = false;		// a TSIG record, last as it must be
	std::size_t tsig_offset = 0;	// where its owner name starts

	query_error error = query_error::none;
	const char *reason = nullptr;	// a static string when error is set

	std::uint8_t opcode() const { return flags_opcode(flags); }
	bool rd() const { return flags & flag::rd; }
	bool cd() const { return flags & flag::cd; }
};

// Parses packet into q (reset first); true for a well-formed query with
// exactly one question.  Records in the answer and authority sections
// (NOTIFY, UPDATE) are walked and checked but not kept.
bool parse_query(bytes_view packet, query &q);

// The OPT record a response carries (RFC 6891 section 6.1.3).
struct response_opt {
	bool present = false;
	std::uint16_t udp_size = 1232;
	std::uint8_t version = 0;
	bool do_bit = false;
	bytes_view options;		// option TLVs, already in wire form
};

// Writes one response into a caller's buffer, never past max_size.
class response_writer {
public:
	enum section : unsigned { answer = 1, authority = 2, additional = 3 };

	// A writer into buf, limited to max_size bytes (512, the client's
	// EDNS size, 65535 for TCP); never more than buf.size().
	response_writer(std::span<std::uint8_t> buf, std::size_t max_size);

	// Starts the response to q: its id, opcode, RD and CD, QR set, rcode
	// 0, and its question exactly as received when it had one.  Room for
	// opt is held back now and filled by finish(); opt.options must stay
	// valid until then.  False when even that does not fit.
	bool start(const query &q, const response_opt &opt = {});

	// Sets or clears header flags (flag::aa, flag::tc, flag::ad, ...).
	void set_flag(std::uint16_t mask, bool on = true);

	// The response code: 4 bits in the header, the rest in the OPT
	// record (lost without one).
	void set_rcode(std::uint16_t rcode);

	// Appends one record to section s, whole or not at all: false when it
	// does not fit (the caller sets TC or stops adding glue) or s comes
	// before a section already written.  owner is uncompressed wire form
	// and rdata uncompressed; both are compressed where RFC 3597 allows.
	bool add(section s, bytes_view owner, std::uint16_t type,
	    std::uint16_t rclass, std::uint32_t ttl, bytes_view rdata);
	bool
	add(section s, const name &owner, std::uint16_t type,
	    std::uint16_t rclass, std::uint32_t ttl, bytes_view rdata)
	{
		return add(s, owner.wire(), type, rclass, ttl, rdata);
	}

	// A point to go back to (an RRset that did not fit whole).
	packet_writer::mark mark() const { return w_.get_mark(); }
	void rewind(const packet_writer::mark &m);

	// Writes the OPT record, if any; the response is complete.  Its size.
	std::size_t finish();

	bytes_view data() const { return w_.data(); }
	std::size_t size() const { return w_.size(); }
	std::uint16_t count(section s) const { return w_.count(s); }

private:
	packet_writer w_;
	std::size_t max_;
	response_opt opt_;
	std::uint16_t rcode_ = 0;
	unsigned section_ = answer;
};

} // namespace net::dns
