// admission.h: which requests the server takes on, and which datagrams it
// answers, decided without a socket: a request repeated by a client whose
// transfer is already under way is ignored (that transfer answers it), the
// limits on transfers at once, overall (-m) and per client address (-M),
// turn the excess away, and the errors sent to datagrams that start no
// transfer are rate-limited per client address.
#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <optional>
#include <set>

#include "libnet/addr.h"
#include "packet.h"
#include "transfer.h"

namespace tftpd {

// The errors one address may draw by datagrams that start no transfer:
// reply_burst at once, then one each reply_interval (a token bucket).
// Its source address may be forged, so each answer may go to a victim.
inline constexpr unsigned reply_burst = 10;
inline constexpr std::chrono::seconds reply_interval{1};
// The addresses whose bucket is not full that are remembered at most;
// when there are this many, a new address gets no error until one fills.
inline constexpr std::size_t max_reply_sources = 4096;

class transfer_table {
public:
	// Limits of 0 mean no limit.
	transfer_table(unsigned max_total, unsigned max_per_source)
	    : max_total_(max_total), max_per_source_(max_per_source)
	{
	}

	// True when peer (as the listener saw it) has a transfer going: its
	// request is a copy sent again before our first answer arrived.
	bool has(const net::endpoint &peer) const;

	// The error to answer a new request from peer with when a limit is
	// reached, or nothing when it may start.
	std::optional<request_error> refusal(const net::endpoint &peer) const;

	// Counts a transfer that started for peer (which has none).
	void add(const net::endpoint &peer);

	// Forgets the transfer of peer.
	void remove(const net::endpoint &peer);

	// True, and counted, when addr may be sent an error at now; false
	// when it has had its share (reply_burst, then one each
	// reply_interval), or when max_reply_sources others are being held
	// to theirs.
	bool allow_reply(const net::address &addr, time_point now);

	// Transfers counted.
	std::size_t size() const { return by_peer_.size(); }

	// Transfers counted from addr (IPv4-mapped addresses as IPv4).
	unsigned from(const net::address &addr) const;

	// Addresses whose error bucket is not known to be full.
	std::size_t reply_sources() const { return limited_; }

	void clear();

private:
	// What is known of one client address.
	struct source {
		unsigned transfers = 0;
		// When its error bucket is full again (the theoretical
		// arrival time of GCRA); none when it has never been used
		// since it was last full.
		std::optional<time_point> full_at;
	};

	void prune(time_point now);

	unsigned max_total_;
	unsigned max_per_source_;
	std::set<net::endpoint> by_peer_;
	std::map<net::address, source> per_source_;
	std::size_t limited_ = 0;	// sources with full_at set
	time_point prune_at_{};		// no full_at is earlier
};

} // namespace tftpd
