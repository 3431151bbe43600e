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
	return it == per_source_.end() ? 0 : it->second.transfers;
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
	per_source_[peer.addr.unmapped()].transfers++;
}

void
transfer_table::remove(const net::endpoint &peer)
{
	if (by_peer_.erase(peer) == 0)
		return;
	auto pc = per_source_.find(peer.addr.unmapped());
	if (pc == per_source_.end())
		return;
	// An address still held to its error rate stays until prune().
	if (--pc->second.transfers == 0 && !pc->second.full_at)
		per_source_.erase(pc);
}

bool
transfer_table::allow_reply(const net::address &addr, time_point now)
{
	net::address a = addr.unmapped();
	auto it = per_source_.find(a);
	if (it == per_source_.end() || !it->second.full_at) {
		// A new address to hold to its rate: the table is bounded,
		// whatever number of forged sources a flood uses.
		if (limited_ >= max_reply_sources)
			prune(now);
		if (limited_ >= max_reply_sources)
			return false;
		if (it == per_source_.end())
			it = per_source_.emplace(a, source{}).first;
	}
	source &s = it->second;
	// GCRA: each error moves the time the bucket is full again on by
	// one interval; the burst is how far ahead of now that may be.
	time_point from = s.full_at && *s.full_at > now ? *s.full_at : now;
	time_point next = from + reply_interval;
	if (next - now > reply_burst * reply_interval)
		return false;
	if (!s.full_at) {
		if (limited_ == 0 || next < prune_at_)
			prune_at_ = next;
		limited_++;
	}
	s.full_at = next;
	return true;
}

// Forgets the buckets that are full again, and the addresses that then
// hold nothing; the scan is skipped until the first of them can be.
void
transfer_table::prune(time_point now)
{
	if (now < prune_at_)
		return;
	std::optional<time_point> first;
	for (auto it = per_source_.begin(); it != per_source_.end();) {
		source &s = it->second;
		if (s.full_at && *s.full_at <= now) {
			s.full_at.reset();
			limited_--;
		}
		if (s.full_at && (!first || *s.full_at < *first))
			first = s.full_at;
		if (s.transfers == 0 && !s.full_at)
			it = per_source_.erase(it);
		else
			++it;
	}
	prune_at_ = first ? *first : now;
}

void
transfer_table::clear()
{
	by_peer_.clear();
	per_source_.clear();
	limited_ = 0;
	prune_at_ = time_point{};
}

} // namespace tftpd
