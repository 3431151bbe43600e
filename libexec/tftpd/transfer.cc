#include "transfer.h"

#include <algorithm>
#include <cerrno>

namespace tftpd {

transfer::transfer(const transfer_config &cfg, block_source &src)
    : cfg_(cfg), role_(role::sender), src_(&src), rto_(cfg.timeout)
{
	if (cfg_.windowsize < 1)
		cfg_.windowsize = 1;
	std::uint64_t ahead = cfg_.readahead / cfg_.blksize;
	// Two windows at least: one in flight, the next read ahead.
	slots_ = std::max<std::uint64_t>(2 * std::uint64_t{cfg_.windowsize},
	    std::min<std::uint64_t>(ahead, 256));
	ring_.resize(static_cast<std::size_t>(slots_) * (4 + cfg_.blksize));
	len_.resize(static_cast<std::size_t>(slots_));
	load_iov_.reserve(static_cast<std::size_t>(slots_));
	out_.reserve(cfg_.windowsize);
}

transfer::transfer(const transfer_config &cfg, block_sink &dst)
    : cfg_(cfg), role_(role::receiver), dst_(&dst), rto_(cfg.timeout)
{
	if (cfg_.windowsize < 1)
		cfg_.windowsize = 1;
	out_.reserve(1);
}

std::uint8_t *
transfer::slot(std::uint64_t block)
{
	return ring_.data() + (block % slots_) * (4 + cfg_.blksize);
}

void
transfer::arm(time_point now)
{
	deadline_ = now + rto_;
}

void
transfer::start(time_point now)
{
	if (!cfg_.oack.empty())
		send_oack(now);
	else if (role_ == role::sender)
		send_window(now);
	else
		send_ack(0, now);
}

void
transfer::send_oack(time_point now)
{
	oack_pending_ = true;
	out_.clear();
	out_seq_++;
	out_.push_back(iovec{cfg_.oack.data(), cfg_.oack.size()});
	arm(now);
}

bool
transfer::load_until(std::uint64_t last)
{
	if (last_block_ != 0 && last > last_block_)
		last = last_block_;
	if (loaded_ > last)
		return true;
	// Every free slot is filled while at it: the blocks up to
	// base_ + slots_ - 1 cannot overwrite one still unacknowledged.
	if (last_block_ == 0)
		last = base_ + slots_ - 1;
	load_iov_.clear();
	for (std::uint64_t b = loaded_; b <= last; b++)
		load_iov_.push_back(iovec{slot(b) + 4, cfg_.blksize});
	auto got = src_->read_blocks(load_iov_);
	if (!got) {
		fail_with(error_for_errno(got.err().code).code,
		    got.err().message(), true);
		return false;
	}
	std::size_t left = *got;
	for (std::uint64_t b = loaded_; b <= last; b++) {
		std::size_t n = std::min<std::size_t>(left, cfg_.blksize);
		left -= n;
		len_[b % slots_] = n;
		put_data_header(slot(b), static_cast<std::uint16_t>(b));
		if (n < cfg_.blksize) {
			// A short (or empty) block ends the file (RFC 1350
			// section 6).
			last_block_ = b;
			loaded_ = b + 1;
			return true;
		}
	}
	loaded_ = last + 1;
	return true;
}

std::uint64_t
transfer::window() const
{
	// A peer that has not answered yet gets one block at a time, so a
	// forged request cannot draw a whole window at a victim.
	return verified_ ? cfg_.windowsize : 1;
}

void
transfer::read_ahead()
{
	// Nothing to do once the next window is loaded.  Otherwise every
	// free slot is filled (load_until does), which takes in the next
	// window at least, since the ring holds two.
	if (role_ != role::sender || finished_ || last_block_ != 0 ||
	    loaded_ > sent_hi_ + window() || loaded_ > base_ + slots_ - 1)
		return;
	(void)load_until(loaded_);
}

void
transfer::send_window(time_point now)
{
	std::uint64_t end = base_ + window() - 1;
	if (!load_until(end))
		return;
	if (last_block_ != 0 && end > last_block_)
		end = last_block_;
	out_.clear();
	out_seq_++;
	for (std::uint64_t b = base_; b <= end; b++)
		out_.push_back(iovec{slot(b), 4 + len_[b % slots_]});
	sent_hi_ = std::max(sent_hi_, end);
	arm(now);
}

void
transfer::send_ack(std::uint64_t block, time_point now)
{
	put_ack(ack_, static_cast<std::uint16_t>(block));
	out_.clear();
	out_seq_++;
	out_.push_back(iovec{ack_, sizeof ack_});
	arm(now);
}

void
transfer::fail_with(error_code code, std::string why, bool tell_peer)
{
	state_ = state::failed;
	finished_ = true;
	reason_ = std::move(why);
	out_.clear();
	out_seq_++;
	if (tell_peer) {
		error_pkt_ = make_error(code, reason_);
		out_.push_back(iovec{error_pkt_.data(), error_pkt_.size()});
	}
}

void
transfer::abandon(std::string why)
{
	if (finished_)
		return;
	if (state_ == state::done) {
		// A write already stored lingers only for a lost final ACK.
		finished_ = true;
		out_.clear();
		return;
	}
	fail_with(error_code::not_defined, std::move(why), false);
}

void
transfer::on_packet(std::span<const std::uint8_t> pkt, time_point now)
{
	if (finished_)
		return;
	packet_view pv;
	// RFC 1350 gives no answer to garbage; it is dropped.
	if (!parse_packet(pkt, pv))
		return;
	switch (pv.op) {
	case opcode::error:
		// An ERROR ends the transfer and is never answered (RFC 1350
		// section 7), so two broken peers cannot loop.
		if (state_ == state::running) {
			state_ = state::failed;
			reason_ = "peer sent error " +
			    std::to_string(static_cast<unsigned>(pv.code)) +
			    ": " + std::string(pv.message);
		}
		finished_ = true;
		out_.clear();
		return;
	case opcode::ack:
		if (role_ == role::sender) {
			on_ack(pv.block, now);
			return;
		}
		break;
	case opcode::data:
		if (role_ == role::receiver) {
			on_data(pv.block, pv.payload, now);
			return;
		}
		break;
	default:
		break;
	}
	if (dallying_)
		return;
	fail_with(error_code::illegal_operation,
	    role_ == role::sender ? "unexpected packet during read"
				  : "unexpected packet during write",
	    true);
}

void
transfer::on_ack(std::uint16_t block, time_point now)
{
	if (oack_pending_) {
		// RFC 2347: the client confirms the OACK with ACK 0.
		if (block != 0)
			return;
		oack_pending_ = false;
		verified_ = true;
		retries_ = 0;
		rto_ = cfg_.timeout;
		send_window(now);
		return;
	}
	std::uint64_t acked_lo = base_ - 1;
	auto delta = static_cast<std::uint16_t>(
	    block - static_cast<std::uint16_t>(acked_lo));
	// delta 0 is an ACK already seen: answering it with DATA is the
	// Sorcerer's Apprentice bug.  Past sent_hi_ it names nothing sent.
	if (delta == 0 || delta > sent_hi_ - acked_lo)
		return;
	std::uint64_t acked = acked_lo + delta;
	for (std::uint64_t b = base_; b <= acked; b++)
		bytes_ += len_[b % slots_];
	verified_ = true;
	base_ = acked + 1;
	retries_ = 0;
	rto_ = cfg_.timeout;
	if (last_block_ != 0 && acked >= last_block_) {
		state_ = state::done;
		finished_ = true;
		out_.clear();
		return;
	}
	// RFC 7440 section 4: an ACK inside the window means the blocks
	// after it were lost; the next window starts right after it.
	send_window(now);
}

void
transfer::on_data(std::uint16_t block, std::span<const std::uint8_t> payload,
    time_point now)
{
	if (payload.size() > cfg_.blksize) {
		fail_with(error_code::illegal_operation,
		    "block larger than blksize", true);
		return;
	}
	auto want = static_cast<std::uint16_t>(expect_);
	if (block == want && !dallying_) {
		verified_ = true;
		oack_pending_ = false;
		if (auto r = dst_->write(payload); !r) {
			fail_with(error_for_errno(r.err().code).code,
			    r.err().message(), true);
			return;
		}
		bytes_ += payload.size();
		expect_++;
		since_ack_++;
		gap_acked_ = false;
		retries_ = 0;
		rto_ = cfg_.timeout;
		if (payload.size() < cfg_.blksize) {
			if (auto r = dst_->finish(); !r) {
				fail_with(error_for_errno(r.err().code).code,
				    r.err().message(), true);
				return;
			}
			// Done; linger one timeout in case the last ACK is
			// lost and the block comes again (RFC 1350 section 6).
			state_ = state::done;
			dallying_ = true;
			send_ack(expect_ - 1, now);
			return;
		}
		if (since_ack_ >= cfg_.windowsize) {
			since_ack_ = 0;
			send_ack(expect_ - 1, now);
		} else {
			out_.clear();
			arm(now);
		}
		return;
	}
	auto behind = static_cast<std::uint16_t>(want - block);
	if (behind >= 1 && behind <= cfg_.windowsize) {
		// Blocks already stored, sent again because our ACK was lost:
		// the ACK is repeated once, at the block it named.
		if (behind == 1) {
			since_ack_ = 0;
			send_ack(expect_ - 1, now);
		} else {
			out_.clear();
		}
		return;
	}
	if (dallying_ || oack_pending_) {
		out_.clear();
		return;
	}
	// A block from further on: one in between was lost.  RFC 7440
	// section 4: acknowledge the last in order so the sender goes back.
	out_.clear();
	if (!gap_acked_) {
		gap_acked_ = true;
		since_ack_ = 0;
		send_ack(expect_ - 1, now);
	}
}

void
transfer::on_timeout(time_point now)
{
	if (finished_)
		return;
	if (dallying_) {
		finished_ = true;
		out_.clear();
		return;
	}
	unsigned limit = verified_ ? cfg_.max_retries
				   : std::min(cfg_.max_retries,
					 cfg_.unverified_retries);
	if (retries_ >= limit) {
		fail_with(error_code::not_defined, "timed out", false);
		return;
	}
	retries_++;
	if (!cfg_.fixed_timeout)
		rto_ = std::min(rto_ * 2, std::max(cfg_.max_timeout,
		    cfg_.timeout));
	if (oack_pending_)
		send_oack(now);
	else if (role_ == role::sender)
		send_window(now);
	else
		send_ack(expect_ - 1, now);
	retransmits_ += out_.size();
}

} // namespace tftpd
