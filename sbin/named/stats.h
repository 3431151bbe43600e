// stats.h: the server's counters.  Each thread bumps its own set (one
// writer, no locked instruction on the hot path); SIGABRT sums them all
// into the readable table the manual's SIGIOT wrote.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace named {

struct counters {
	static constexpr unsigned type_slots = 257;	// 256: any higher
	static constexpr unsigned rcode_slots = 24;

	std::atomic<std::uint64_t> by_type[type_slots] = {};
	std::atomic<std::uint64_t> by_rcode[rcode_slots] = {};
	std::atomic<std::uint64_t> udp{0};
	std::atomic<std::uint64_t> tcp{0};
	std::atomic<std::uint64_t> dropped{0};	// not answered: no header, QR
	std::atomic<std::uint64_t> truncated{0};
	std::atomic<std::uint64_t> xfr_out{0};
	std::atomic<std::uint64_t> xfr_refused{0};
	std::atomic<std::uint64_t> tcp_refused{0};	// connection limits
	std::atomic<std::uint64_t> rrl_dropped{0};
	std::atomic<std::uint64_t> rrl_slipped{0};
	std::atomic<std::uint64_t> badcookie{0};
	std::atomic<std::uint64_t> tsig_failed{0};

	// One more; only the owning thread writes.
	static void
	bump(std::atomic<std::uint64_t> &c)
	{
		c.store(c.load(std::memory_order_relaxed) + 1,
		    std::memory_order_relaxed);
	}
};

// Every thread's counters.
class stats {
public:
	// A new set for one thread, alive as long as this registry.
	counters &make();

	// What was turned away in all: packets dropped (no header, QR set,
	// cut short), queries answered FORMERR, TCP connections refused.
	struct rejects {
		std::uint64_t dropped = 0;
		std::uint64_t formerr = 0;
		std::uint64_t tcp_refused = 0;
	};
	rejects rejected() const;

	// The table: totals by transport, response code and query type,
	// then transfers, under a header with the time and the uptime.
	std::string table(long uptime_seconds) const;

private:
	mutable std::mutex mu_;
	std::vector<std::unique_ptr<counters>> sets_;
};

} // namespace named
