#include "admission.h"

#include <cstdint>

namespace tftpd {

bool
transfer_table::has(const net::endpoint &peer) const
{
	return by_peer_.count(peer) != 0;
}

unsigned
transfer_table::from(const net::address &addr) const
{
	return transfers_.active(addr);
}

std::optional<request_error>
transfer_table::refusal(const net::endpoint &peer) const
{
	if (max_total_ != 0 && by_peer_.size() >= max_total_)
		return request_error{error_code::not_defined,
		    "too many transfers, try later"};
	if (max_per_source_ != 0 && from(peer.addr) >= max_per_source_)
		return request_error{error_code::not_defined,
		    "too many transfers from this address, try later"};
	return std::nullopt;
}

void
transfer_table::add(const net::endpoint &peer, time_point now)
{
	if (!by_peer_.insert(peer).second)
		return;
	// Counted with no limit of its own: refusal() has checked it.
	(void)transfers_.admit(peer.addr, now, UINT32_MAX, 0, {});
}

void
transfer_table::remove(const net::endpoint &peer, time_point now)
{
	if (by_peer_.erase(peer) == 0)
		return;
	transfers_.release(peer.addr, now);
}

bool
transfer_table::allow_reply(const net::address &addr, time_point now)
{
	return replies_.take(addr, now, reply_burst, reply_interval);
}

void
transfer_table::clear()
{
	by_peer_.clear();
	transfers_.clear();
	replies_.clear();
}

} // namespace tftpd
