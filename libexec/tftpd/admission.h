// admission.h: which requests the server takes on, and which datagrams it
// answers, decided without a socket: a request repeated by a client whose
// transfer is already under way is ignored (that transfer answers it), the
// limits on transfers at once, overall (-m) and per client address (-M),
// turn the excess away, and the errors sent to datagrams that start no
// transfer are rate-limited per client address.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <set>

#include "libnet/addr.h"
#include "libnet/throttle.h"
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
	    : max_total_(max_total), max_per_source_(max_per_source),
	      replies_(max_reply_sources)
	{
	}

	// True when peer (as the listener saw it) has a transfer going: its
	// request is a copy sent again before our first answer arrived.
	bool has(const net::endpoint &peer) const;

	// The error to answer a new request from peer with when a limit is
	// reached, or nothing when it may start.
	std::optional<request_error> refusal(const net::endpoint &peer) const;

	// Counts a transfer that started for peer (which has none).
	void add(const net::endpoint &peer, time_point now);

	// Forgets the transfer of peer.
	void remove(const net::endpoint &peer, time_point now);

	// True, and counted, when addr may be sent an error at now; false
	// when it has had its share (reply_burst, then one each
	// reply_interval), or when max_reply_sources others are still being
	// held to theirs (net::source_table).
	bool allow_reply(const net::address &addr, time_point now);

	// Transfers counted.
	std::size_t size() const { return by_peer_.size(); }

	// Transfers counted from addr's source (IPv4-mapped addresses as
	// IPv4, IPv6 per /64).
	unsigned from(const net::address &addr) const;

	void clear();

private:
	unsigned max_total_;
	unsigned max_per_source_;
	std::set<net::endpoint> by_peer_;
	net::source_table transfers_;
	net::source_table replies_;
};

} // namespace tftpd
