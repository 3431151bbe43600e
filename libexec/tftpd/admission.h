// admission.h: which requests the server takes on, decided without a
// socket: a request repeated by a client whose transfer is already under
// way is ignored (that transfer answers it), and the limits on transfers
// at once, overall (-m) and per client address (-M), turn the excess away.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <set>

#include "libnet/addr.h"
#include "packet.h"

namespace tftpd {

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

	// Transfers counted.
	std::size_t size() const { return by_peer_.size(); }

	// Transfers counted from addr (IPv4-mapped addresses as IPv4).
	unsigned from(const net::address &addr) const;

	void clear();

private:
	unsigned max_total_;
	unsigned max_per_source_;
	std::set<net::endpoint> by_peer_;
	std::map<net::address, unsigned> per_source_;
};

} // namespace tftpd
