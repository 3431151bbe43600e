// ixfr.h: the differences between the versions of a zone that a reload
// (or a transfer in) replaced, kept so that IXFR (RFC 1995) can send a
// secondary only what changed.  A difference is found by walking the two
// versions' nodes side by side in canonical order, so it costs one pass
// over both.  The history is bounded (64 versions, 100 000 records in
// all): what it cannot reach back to is sent whole, in AXFR form, as
// section 4 allows.  It lives in memory with the zone and goes with a
// restart; the first IXFR after one is answered with the whole zone.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

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

// The zone's SOA as a record.
net::dns::record soa_record(const zone &z);

} // namespace named
