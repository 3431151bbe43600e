// rrl.h: response rate limiting, as BIND 9 and Knot do it, against UDP
// reflection: a forged-source flood makes the server send one victim the
// same response again and again, so identical responses to one client
// block are limited, not queries.
//
// An account per (client block, kind of response, name): the client's
// address cut to ipv4_prefix or ipv6_prefix bits; answers keyed by qname
// and qtype, NODATA by qname, NXDOMAIN by the zone, referrals by the
// delegation point, errors by nothing more.  Each account earns its
// kind's rate of credits a second and starts full; a response costs one;
// while it is in debt the response is limited.  It holds at most one
// second's credit and at most `window` seconds' debt, so a client that
// stops asking is answered again `window` seconds later.  Of the limited
// responses, the first and every slip-th after it is sent truncated (TC,
// question only: a real client asks again over TCP), the rest dropped;
// slip 0 drops all, slip 1 truncates all.
//
// The accounts live in a table of fixed size made at construction,
// reused least recently used first: a flood from forged addresses costs
// no memory, and pushes out the accounts it makes itself before any that
// are busy.  Keys are hashed with SipHash under the caller's secret, so
// names cannot be chosen to collide.  Pure: the time is a parameter.
//
// Threads: check() may be called from every UDP worker at once.  The
// table is cut into shards by key, each under its own lock, held for a
// lookup: workers asked about different accounts rarely meet.  One table
// for all workers, not one each: SO_REUSEPORT spreads one client's
// queries over every worker, and tables of their own would multiply the
// limit by the number of workers.  No allocation after construction.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <vector>

#include "libnet/addr.h"
#include "libnet/wire.h"
#include "siphash.h"

namespace named {

struct rrl_config {
	// Credits a second for answers; the default of the other kinds.
	// Every rate 0: rate limiting is off.  A kind's rate 0: that kind
	// is not limited.
	unsigned responses_per_second = 0;
	std::optional<unsigned> nodata_per_second;
	std::optional<unsigned> nxdomains_per_second;
	std::optional<unsigned> referrals_per_second;
	std::optional<unsigned> errors_per_second;
	unsigned window = 15;		// seconds of debt kept, 1 to 3600
	unsigned slip = 2;		// 0 to 10
	unsigned ipv4_prefix = 24;
	unsigned ipv6_prefix = 56;
	std::size_t table_size = 65536;	// accounts
	bool log_only = false;		// count, but send everything
	std::vector<net::cidr> exempt;	// never limited
};

// The largest table accepted (64 bytes an account).
inline constexpr std::size_t rrl_max_table = 1u << 24;

// Why cfg cannot be used as given ("window must be 1 to 3600"), or null.
// rrl clamps such values; the boot file parser reports them.
const char *rrl_config_error(const rrl_config &cfg);

enum class rrl_kind : std::uint8_t {
	answer,		// a positive answer: key qname and qtype (a
			// wildcard's answer: its owner, "*.zone")
	nodata,		// NOERROR, no answer: key qname
	nxdomain,	// key the zone
	referral,	// key the delegation point
	error,		// SERVFAIL, FORMERR, REFUSED, ...: no name
};

enum class rrl_verdict : std::uint8_t {
	send,		// as built
	slip,		// header and question only, TC set
	drop,		// nothing
};

// Limited responses since the last report, from one client block.
struct rrl_block_report {
	net::cidr block;
	std::uint64_t dropped = 0;
	std::uint64_t slipped = 0;
};

// Limited responses since the last report, all blocks; lines: how many
// of the caller's lines were filled.
struct rrl_report {
	std::size_t lines = 0;
	std::uint64_t dropped = 0;
	std::uint64_t slipped = 0;
};

class rrl {
public:
	// A table for cfg; hash_key: a secret, e.g. from getrandom(2).
	rrl(const rrl_config &cfg, const siphash_key &hash_key);

	~rrl();

	rrl(const rrl &) = delete;
	rrl &operator=(const rrl &) = delete;

	// False when every rate is 0: check() always says send.
	bool enabled() const { return enabled_; }

	// What to do with a response of kind to client; name is the key
	// name in uncompressed wire form (any case; unused for errors),
	// qtype counts for answers only.  A time earlier than one the
	// account has seen counts as no time passed.
	rrl_verdict check(const net::address &client, rrl_kind kind,
	    net::bytes_view name, std::uint16_t qtype,
	    std::chrono::steady_clock::time_point now);

	// Fills lines with the blocks limited since the last call, one line
	// a block, and forgets what it told; a block that does not fit is
	// told next time.  The totals count every limited response,
	// including those of accounts reused since.  For a log line once an
	// interval, never one a response.
	rrl_report take_report(std::span<rrl_block_report> lines);

	// Limited responses since construction (the statistics table).
	std::uint64_t total_dropped() const;
	std::uint64_t total_slipped() const;

	// Accounts in use.
	std::size_t size() const;

	const rrl_config &config() const { return cfg_; }

private:
	struct entry;
	struct shard;

	unsigned rate(rrl_kind kind) const;
	entry &find_or_make(shard &s, std::uint64_t key,
	    const net::address &block, std::int64_t now);

	rrl_config cfg_;
	siphash_key hash_key_;
	bool enabled_ = false;
	std::int64_t window_ns_ = 0;
	unsigned shard_bits_ = 0;
	std::unique_ptr<shard[]> shards_;
};

} // namespace named
