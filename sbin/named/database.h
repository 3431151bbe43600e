// database.h: what the server answers from: its zones and the settings of
// the boot file that shape answers, built whole by a load or a reload and
// then never changed.  The threads share it by pointer and a reload swaps
// in a new one (current_database), so a query sees one database from its
// first lookup to its last, never a half-loaded zone.  The cache of part 2
// (the resolver) sits beside the zones here.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "libnet/addr.h"
#include "libnet/dns_name.h"
#include "libnet/named_boot.h"
#include "cookie.h"
#include "ixfr.h"
#include "libnet/dns_tsig.h"
#include "rrl.h"
#include "zone.h"
#include "zone_load.h"

namespace named {

// One zone line of the boot file and what it serves.
struct zone_slot {
	net::boot_zone line;
	std::shared_ptr<const zone> data;	// null: nothing to serve
	std::vector<file_stamp> files;		// as last read
	// A secondary past its expire time (RFC 1035 4.3.5): answered
	// SERVFAIL, as one that never had data.
	bool expired = false;
	// The differences from earlier serials (IXFR), or null.
	std::shared_ptr<const ixfr_history> history;
};

// A zone the server is authoritative for, usable or not.
struct served_zone {
	net::dns::name origin;
	const zone *data = nullptr;	// null: a secondary with no data
	bool expired = false;

	bool usable() const { return data && !expired; }
};

class database {
public:
	std::vector<zone_slot> zones;
	std::vector<net::cidr> xfrnets;		// empty: transfers to all
	bool query_log = false;
	cookie_config cookies;			// DNS cookies (RFC 7873)
	std::shared_ptr<rrl> limiter;		// null: no rate limiting
	// TSIG keys (the boot file's key lines): a transfer request signed
	// with one may transfer even from outside xfrnets.
	std::shared_ptr<const net::dns::tsig_keyring> keys;
	// The server lines: what we send to addr is signed with key.
	struct server_line {
		net::address addr;
		net::dns::tsig_key key;
	};
	std::vector<server_line> servers;

	// Indexes the zones with data; call once they are all in.
	void index();

	// The zone whose origin is the longest suffix of wire, or nullptr;
	// find_zone gives only a zone that can be answered from.
	const served_zone *find_served(bytes_view wire) const;
	const zone *find_zone(bytes_view wire) const;

	// The zone whose origin is the parent side of wire's apex (the zone
	// above it), or nullptr; for DS, answered by the parent.
	const zone *find_parent_zone(const zone &child) const;

	// The zone whose origin is exactly wire, or nullptr.
	const served_zone *find_served_exact(bytes_view wire) const;
	const zone *find_exact(bytes_view wire) const;

	// The slot serving the zone named by wire (primary or secondary),
	// or nullptr.
	const zone_slot *find_slot(bytes_view wire) const;

	// The slot of the secondary zone named by wire, or nullptr.
	const zone_slot *find_secondary(bytes_view wire) const;

	// The key of addr's server line, if it has one.
	std::optional<net::dns::tsig_key> server_key(
	    const net::address &addr) const;

	// True when addr may transfer zones (xfrnets).
	bool may_transfer(const net::address &addr) const;

private:
	std::vector<served_zone> served_;
	std::vector<std::uint32_t> table_;	// served_ index + 1
};

// The database in use, swapped whole by a reload.  Readers on other
// threads keep their own reference and look at the generation once per
// batch of packets; only a new generation takes the lock.
class current_database {
public:
	void set(std::shared_ptr<const database> db);
	std::shared_ptr<const database> get() const;
	std::uint64_t
	generation() const
	{
		return generation_.load(std::memory_order_acquire);
	}

private:
	mutable std::mutex mu_;
	std::shared_ptr<const database> db_;
	std::atomic<std::uint64_t> generation_{0};
};

} // namespace named
