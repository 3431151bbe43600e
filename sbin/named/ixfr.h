// ixfr.h: the differences between the versions of a zone that a reload
// (or a transfer in) replaced, kept so that IXFR (RFC 1995) can send a
// secondary only what changed.  A difference is found by walking the two
// versions' nodes side by side in canonical order, so it costs one pass
// over both.  The history is bounded (64 versions, 100 000 records in
// all): what it cannot reach back to is sent whole, in AXFR form, as
// section 4 allows.  It lives in memory with the zone and goes with a
// restart only through its journal: the history is written beside the
// zone file (FILE.jnl) when it changes and read back at start when it
// ends at the serial the zone file has.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "libnet/diag.h"
#include "libnet/dns_message.h"
#include "zone.h"

namespace named {

struct zone_diff {
	net::dns::record soa_from, soa_to;
	std::vector<net::dns::record> deleted, added;
};

struct ixfr_history {
	static constexpr std::size_t max_versions = 64;
	static constexpr std::size_t max_records = 100000;

	std::vector<zone_diff> diffs;	// oldest first, each from the
					// serial the one before went to
	std::size_t records = 0;
};

// The difference from old to now, the SOA aside; nothing when it would
// hold more than limit records.
std::optional<zone_diff> diff_zones(const zone &old, const zone &now,
    std::size_t limit);

// The history with the step from old to now added (and the oldest steps
// dropped to keep within the bounds); a fresh one when there was none.
std::shared_ptr<const ixfr_history> extend_history(
    const std::shared_ptr<const ixfr_history> &h, const zone &old,
    const zone &now);

// The records of the incremental answer for a client at serial from:
// the new SOA, then each step's old SOA, deletions, new SOA, additions,
// and the new SOA last.  Nothing when the history does not reach from.
std::optional<std::vector<net::dns::record>> incremental(
    const ixfr_history *h, const zone &now, std::uint32_t from);

// The journal's bytes for h: a magic line, then for each step the counts
// of records deleted and added and the records (old SOA, deleted, new
// SOA, added), each as owner (wire form), type, class, TTL, rdata length
// and rdata, big-endian.
std::vector<std::uint8_t> encode_journal(const ixfr_history &h);

// The history in journal bytes, checked record by record, if it is whole
// and its last step ends at now's serial; null with why otherwise.
std::shared_ptr<const ixfr_history> decode_journal(net::bytes_view data,
    const zone &now, std::string &why);

// The zone a secondary has after an incremental transfer (RFC 1995): old
// with each step applied in order, built with the same checks as a
// transferred zone (errors into diags, at where).  A step must start at
// the serial the one before reached (the first at old's); a record it
// deletes must be there (a second deletion of one record is an error),
// while an added record the zone holds replaces it (a TTL change).  Null
// with why when the steps do not apply: the caller transfers the whole
// zone instead.  The cost is a pass over old, plus the steps.
std::shared_ptr<const zone> apply_diffs(const zone &old,
    const std::vector<zone_diff> &steps, const std::string *where,
    std::vector<net::diagnostic> &diags, std::string &why);

// The zone's SOA as a record.
net::dns::record soa_record(const zone &z);

} // namespace named
