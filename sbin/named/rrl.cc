// rrl.cc: the accounts.  Each is kept as the time its balance is full
// again (a token bucket as GCRA keeps it): an idle account needs no
// update, and the balance at any time follows from it,
//
//	balance(now) = rate * (1 s - (full_at - now))	while full_at > now
//
// so a response is sent while full_at - now stays within a second after
// its cost (1/rate s) is added, and full_at - now is held within
// 1 + window seconds.
#include "rrl.h"

#include <algorithm>
#include <array>
#include <limits>

namespace named {

namespace {

constexpr std::uint32_t nil = std::numeric_limits<std::uint32_t>::max();
constexpr std::int64_t second = 1000000000;
constexpr unsigned max_shard_bits = 6;
// Accounts a shard holds at least before the table is cut further.
constexpr std::size_t min_per_shard = 256;

std::int64_t
to_ns(std::chrono::steady_clock::time_point t)
{
	return std::chrono::duration_cast<std::chrono::nanoseconds>(
	    t.time_since_epoch()).count();
}

std::size_t
table_size(const rrl_config &cfg)
{
	return std::clamp<std::size_t>(cfg.table_size, 1, rrl_max_table);
}

// The bucket-head count for n entries: a power of two, twice n at least.
std::uint32_t
heads_for(std::size_t n)
{
	std::uint32_t h = 2;
	while (h < 2 * n)
		h <<= 1;
	return h;
}

} // namespace

struct rrl::entry {
	std::uint64_t key = 0;
	net::address block;
	std::int64_t full_at = 0;	// ns
	std::int64_t seen = 0;		// the latest time used, ns
	std::uint32_t slip_count = 0;	// limited in a row
	std::uint32_t dropped = 0;	// since the last report
	std::uint32_t slipped = 0;
	std::uint32_t chain = nil;	// next in its bucket
	std::uint32_t newer = nil, older = nil;
	bool used = false;
};

struct alignas(64) rrl::shard {
	std::mutex mu;
	std::unique_ptr<entry[]> entries;
	std::unique_ptr<std::uint32_t[]> heads;
	std::uint32_t capacity = 0;
	std::uint32_t head_mask = 0;
	std::uint32_t used = 0;
	std::uint32_t newest = nil, oldest = nil;
	// Limited responses: in all, and not yet reported.
	std::uint64_t total_dropped = 0, total_slipped = 0;
	std::uint64_t new_dropped = 0, new_slipped = 0;
};

const char *
rrl_config_error(const rrl_config &cfg)
{
	if (cfg.window < 1 || cfg.window > 3600)
		return "window must be 1 to 3600 seconds";
	if (cfg.slip > 10)
		return "slip must be 0 to 10";
	if (cfg.ipv4_prefix > 32)
		return "ipv4-prefix must be 0 to 32";
	if (cfg.ipv6_prefix > 128)
		return "ipv6-prefix must be 0 to 128";
	if (cfg.table_size < 1 || cfg.table_size > rrl_max_table)
		return "table-size must be 1 to 16777216";
	return nullptr;
}

rrl::rrl(const rrl_config &cfg, const siphash_key &hash_key)
    : cfg_(cfg), hash_key_(hash_key)
{
	cfg_.window = std::clamp(cfg_.window, 1u, 3600u);
	cfg_.ipv4_prefix = std::min(cfg_.ipv4_prefix, 32u);
	cfg_.ipv6_prefix = std::min(cfg_.ipv6_prefix, 128u);
	cfg_.table_size = table_size(cfg);
	window_ns_ = static_cast<std::int64_t>(cfg_.window) * second;
	enabled_ = rate(rrl_kind::answer) || rate(rrl_kind::nodata) ||
	    rate(rrl_kind::nxdomain) || rate(rrl_kind::referral) ||
	    rate(rrl_kind::error);
	while (shard_bits_ < max_shard_bits &&
	    cfg_.table_size >> (shard_bits_ + 1) >= min_per_shard)
		shard_bits_++;
	std::size_t nshards = std::size_t{1} << shard_bits_;
	// Nothing to keep when nothing is limited: a table of one.
	std::size_t total = enabled_ ? cfg_.table_size : 1;
	shards_ = std::make_unique<shard[]>(nshards);
	for (std::size_t i = 0; i < nshards; i++) {
		shard &s = shards_[i];
		std::size_t n = total / nshards + (i < total % nshards);
		n = std::max<std::size_t>(n, 1);
		s.capacity = static_cast<std::uint32_t>(n);
		s.entries = std::make_unique<entry[]>(n);
		std::uint32_t h = heads_for(n);
		s.heads = std::make_unique<std::uint32_t[]>(h);
		std::fill_n(s.heads.get(), h, nil);
		s.head_mask = h - 1;
	}
}

rrl::~rrl() = default;

unsigned
rrl::rate(rrl_kind kind) const
{
	unsigned r = cfg_.responses_per_second;
	switch (kind) {
	case rrl_kind::answer:
		return r;
	case rrl_kind::nodata:
		return cfg_.nodata_per_second.value_or(r);
	case rrl_kind::nxdomain:
		return cfg_.nxdomains_per_second.value_or(r);
	case rrl_kind::referral:
		return cfg_.referrals_per_second.value_or(r);
	case rrl_kind::error:
		return cfg_.errors_per_second.value_or(r);
	}
	return r;
}

rrl::entry &
rrl::find_or_make(shard &s, std::uint64_t key, const net::address &block,
    std::int64_t now)
{
	std::uint32_t &head = s.heads[key & s.head_mask];
	std::uint32_t i = head;
	while (i != nil) {
		entry &e = s.entries[i];
		if (e.key == key && e.block == block)
			break;
		i = e.chain;
	}
	if (i == nil) {
		if (s.used < s.capacity) {
			i = s.used++;
		} else {
			// The least recently used account goes, with what
			// it had not reported (the shard's totals keep it).
			i = s.oldest;
			entry &old = s.entries[i];
			std::uint32_t *p = &s.heads[old.key & s.head_mask];
			while (*p != i)
				p = &s.entries[*p].chain;
			*p = old.chain;
			s.oldest = old.newer;
			if (s.oldest != nil)
				s.entries[s.oldest].older = nil;
			else
				s.newest = nil;
		}
		entry &e = s.entries[i];
		e = entry{};
		e.key = key;
		e.block = block;
		e.full_at = now;
		e.seen = now;
		e.used = true;
		e.chain = head;
		head = i;
	} else if (s.newest != i) {
		// Out of the recency list, to go back in at the front.
		entry &e = s.entries[i];
		if (e.older != nil)
			s.entries[e.older].newer = e.newer;
		else
			s.oldest = e.newer;
		s.entries[e.newer].older = e.older;
	} else {
		return s.entries[i];
	}
	entry &e = s.entries[i];
	e.newer = nil;
	e.older = s.newest;
	if (s.newest != nil)
		s.entries[s.newest].newer = i;
	s.newest = i;
	if (s.oldest == nil)
		s.oldest = i;
	return e;
}

rrl_verdict
rrl::check(const net::address &client, rrl_kind kind, net::bytes_view name,
    std::uint16_t qtype, std::chrono::steady_clock::time_point now)
{
	if (!enabled_)
		return rrl_verdict::send;
	unsigned r = rate(kind);
	if (r == 0)
		return rrl_verdict::send;
	net::address a = client.unmapped();
	for (const auto &c : cfg_.exempt)
		if (c.contains(a))
			return rrl_verdict::send;

	net::address block = a.is_v4() ? a.masked(cfg_.ipv4_prefix) :
	    net::address::v6(a.masked(cfg_.ipv6_prefix).bytes());
	siphash24_stream h(hash_key_);
	h.update_byte(a.is_v4() ? 4 : 6);
	h.update({block.bytes(), block.size()});
	h.update_byte(static_cast<std::uint8_t>(kind));
	if (kind == rrl_kind::answer) {
		h.update_byte(static_cast<std::uint8_t>(qtype >> 8));
		h.update_byte(static_cast<std::uint8_t>(qtype));
	}
	if (kind != rrl_kind::error) {
		// Without case: a flood in random case ("0x20") is still
		// one name.  Length octets are below 64, never letters.
		std::array<std::uint8_t, 64> low;
		for (std::size_t off = 0; off < name.size();
		    off += low.size()) {
			std::size_t n = std::min(low.size(),
			    name.size() - off);
			for (std::size_t j = 0; j < n; j++) {
				std::uint8_t c = name[off + j];
				low[j] = c >= 'A' && c <= 'Z' ?
				    static_cast<std::uint8_t>(c + 32) : c;
			}
			h.update({low.data(), n});
		}
	}
	std::uint64_t key = h.finish();

	shard &s = shards_[shard_bits_ ? key >> (64 - shard_bits_) : 0];
	std::lock_guard<std::mutex> g(s.mu);
	std::int64_t t = to_ns(now);
	entry &e = find_or_make(s, key, block, t);
	// Workers take the time before the lock: an earlier one may come
	// after a later.  It pays nothing back.
	t = std::max(t, e.seen);
	e.seen = t;

	std::int64_t cost = std::max<std::int64_t>(second / r, 1);
	e.full_at = std::min(std::max(e.full_at, t) + cost,
	    t + second + window_ns_);
	if (e.full_at - t <= second) {
		e.slip_count = 0;
		return rrl_verdict::send;
	}
	bool slip = cfg_.slip != 0 && e.slip_count % cfg_.slip == 0;
	e.slip_count++;
	if (slip) {
		if (e.slipped != std::numeric_limits<std::uint32_t>::max())
			e.slipped++;
		s.total_slipped++;
		s.new_slipped++;
	} else {
		if (e.dropped != std::numeric_limits<std::uint32_t>::max())
			e.dropped++;
		s.total_dropped++;
		s.new_dropped++;
	}
	if (cfg_.log_only)
		return rrl_verdict::send;
	return slip ? rrl_verdict::slip : rrl_verdict::drop;
}

rrl_report
rrl::take_report(std::span<rrl_block_report> lines)
{
	rrl_report rep;
	unsigned prefix4 = cfg_.ipv4_prefix, prefix6 = cfg_.ipv6_prefix;
	std::size_t nshards = std::size_t{1} << shard_bits_;
	for (std::size_t k = 0; k < nshards; k++) {
		shard &s = shards_[k];
		std::lock_guard<std::mutex> g(s.mu);
		rep.dropped += s.new_dropped;
		rep.slipped += s.new_slipped;
		s.new_dropped = s.new_slipped = 0;
		for (std::uint32_t i = 0; i < s.used; i++) {
			entry &e = s.entries[i];
			if (!e.used || (e.dropped == 0 && e.slipped == 0))
				continue;
			net::cidr block(e.block,
			    e.block.is_v4() ? prefix4 : prefix6);
			std::size_t j = 0;
			while (j < rep.lines && lines[j].block != block)
				j++;
			if (j == rep.lines) {
				if (j == lines.size())
					continue;
				lines[j] = rrl_block_report{block, 0, 0};
				rep.lines++;
			}
			lines[j].dropped += e.dropped;
			lines[j].slipped += e.slipped;
			e.dropped = e.slipped = 0;
		}
	}
	return rep;
}

std::uint64_t
rrl::total_dropped() const
{
	std::uint64_t n = 0;
	for (std::size_t k = 0; k < (std::size_t{1} << shard_bits_); k++) {
		std::lock_guard<std::mutex> g(shards_[k].mu);
		n += shards_[k].total_dropped;
	}
	return n;
}

std::uint64_t
rrl::total_slipped() const
{
	std::uint64_t n = 0;
	for (std::size_t k = 0; k < (std::size_t{1} << shard_bits_); k++) {
		std::lock_guard<std::mutex> g(shards_[k].mu);
		n += shards_[k].total_slipped;
	}
	return n;
}

std::size_t
rrl::size() const
{
	std::size_t n = 0;
	for (std::size_t k = 0; k < (std::size_t{1} << shard_bits_); k++) {
		std::lock_guard<std::mutex> g(shards_[k].mu);
		n += shards_[k].used;
	}
	return n;
}

} // namespace named
