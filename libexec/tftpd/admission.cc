#include "admission.h"

namespace tftpd {

bool
transfer_table::has(const net::endpoint &peer) const
{
	return by_peer_.count(peer) != 0;
}

unsigned
transfer_table::from(const net::address &addr) const
{
	auto it = per_source_.find(addr.unmapped());
	return it == per_source_.end() ? 0 : it->second;
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
transfer_table::add(const net::endpoint &peer)
{
	if (!by_peer_.insert(peer).second)
		return;
	per_source_[peer.addr.unmapped()]++;
}

void
transfer_table::remove(const net::endpoint &peer)
{
	if (by_peer_.erase(peer) == 0)
		return;
	auto pc = per_source_.find(peer.addr.unmapped());
	if (pc != per_source_.end() && --pc->second == 0)
		per_source_.erase(pc);
}

void
transfer_table::clear()
{
	by_peer_.clear();
	per_source_.clear();
}

} // namespace tftpd
