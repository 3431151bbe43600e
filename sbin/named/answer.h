// answer.h: one query in, one response out, from the database: the
// server's whole answering logic, with no sockets, so that unit tests and
// the fuzz target drive it with bytes.  RFC 1034 section 4.3.2's algorithm
// over the server's zones: authoritative answers (AA), CNAME chains
// followed through every zone served (at most 16 links), wildcards (RFC
// 4592), DNAME (RFC 6672), referrals with glue at delegations (no AA),
// DS answered by the parent side, NXDOMAIN and NODATA with the SOA at the
// negative TTL (RFC 2308), REFUSED for names outside the zones (part 1 is
// not a resolver).  Minimal responses: a positive answer carries no NS
// set in authority; addresses of MX, NS and SRV targets go in additional
// while they fit, glue a referral needs is never dropped (TC instead).
// EDNS0 (RFC 6891) as RFC 8906 section 8 asks; RRSIGs with DO.  No heap
// allocation on this path.  A query signed with TSIG (RFC 8945), as a
// secondary's SOA query is, is verified with the boot file's keys and
// answered signed (NOTAUTH when it fails to verify); that path allocates.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "database.h"
#include "rrl.h"
#include "libnet/addr.h"
#include "libnet/dns_query.h"
#include "stats.h"

namespace named {

enum class transport { udp, tcp };

// What the server advertises and sends at most over UDP with EDNS (the
// 2020 DNS flag day's figure, below the common path MTU).
inline constexpr std::uint16_t edns_udp_size = 1232;

// What became of a query, for the log and the transfer code.
struct answer_info {
	bool reply = false;		// a response was written
	bool transfer = false;		// AXFR or IXFR over TCP: the caller
					// runs it (the response is not used)
	bool notify = false;		// a NOTIFY: answer_notify() answers
					// it, knowing the client
	std::uint16_t rcode = 0;
	bool cookie_verified = false;	// a valid server cookie: not limited
	rrl_kind kind = rrl_kind::error;	// for rate limiting
	net::bytes_view rrl_name;	// the name its account is kept by
};

// Answers packet into out (at least 65535 bytes for TCP, 1232 or more for
// UDP); q is the caller's scratch, parsed here.  The response size, 0
// when there is none (a packet that is not a query gets no reply).
// client and now (cookie_time()) serve DNS cookies.
std::size_t answer_query(const database &db, net::bytes_view packet,
    std::span<std::uint8_t> out, transport t, net::dns::query &q,
    counters &c, answer_info &info, const net::address &client,
    std::uint32_t now);

// The response rate limiting's short form of an answer (a slip): the
// header, the question and OPT, TC set, nothing else, so that a real
// client asks again over TCP.  Its size.
std::size_t slip_response(const net::dns::query &q,
    std::span<std::uint8_t> out);

// The answer to a NOTIFY (RFC 1996) from client, parsed into q by
// answer_query: NOERROR when the zone is a secondary here and client one
// of its masters (accepted is then set: the caller has the zone checked),
// NOTAUTH when it is no secondary here, REFUSED from anyone else.  No
// heap here but for a signed one.
// A NOTIFY signed with TSIG (packet is the whole request) is verified
// with the boot file's keys: a good signature is accepted from any
// address for a secondary zone and the reply is signed; a bad one is
// answered NOTAUTH as RFC 8945 5.3.2 says.  unix_now: time(2).
std::size_t answer_notify(const database &db, const net::dns::query &q,
    net::bytes_view packet, const net::address &client,
    std::span<std::uint8_t> out, bool &accepted, std::uint64_t unix_now);

} // namespace named
