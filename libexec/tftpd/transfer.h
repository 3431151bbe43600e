// transfer.h: one TFTP transfer as a pure state machine.  It is fed the
// packets the peer sends and the passing of time, both with `now`, and
// answers with the packets to send and the next deadline; it never
// touches a socket or a clock, so every loss, duplicate and rollover case
// is unit-tested with injected time.
//
// A read (RRQ) sends DATA in windows of windowsize blocks (RFC 7440; 1 is
// RFC 1350's lock-step) and moves on when the peer acknowledges; a write
// (WRQ) receives DATA and acknowledges each window.  Block numbers are
// 64-bit inside and wrap to 0 after 65535 on the wire, so files past
// 65535 blocks transfer.  A duplicate ACK never makes DATA go out again
// (the Sorcerer's Apprentice bug, RFC 1123 section 4.2.3.1): only the
// retransmission timer does.
#pragma once

#include <sys/uio.h>

#include <chrono>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "files.h"
#include "packet.h"

namespace tftpd {

using clock = std::chrono::steady_clock;
using time_point = clock::time_point;
using duration = clock::duration;

struct transfer_config {
	unsigned blksize = default_blksize;
	unsigned windowsize = 1;
	// The first retransmission timeout, and the backoff ceiling.
	duration timeout = std::chrono::seconds(1);
	duration max_timeout = std::chrono::seconds(8);
	bool fixed_timeout = false;	// RFC 2349 timeout: no backoff
	unsigned max_retries = 5;	// retransmissions before giving up
	// Retransmissions to a peer that never answered: its address may be
	// forged, and every resend would be traffic reflected at a victim.
	unsigned unverified_retries = 2;
	std::vector<std::uint8_t> oack;	// sent first when not empty
	// Bytes read from the file at a time when windows are smaller, so a
	// lock-step transfer of small blocks is not one read per block.
	std::size_t readahead = 64 * 1024;
};

class transfer {
public:
	enum class role { sender, receiver };
	enum class state { running, done, failed };

	// A read: blocks come from src (not owned, must outlive this).
	transfer(const transfer_config &cfg, block_source &src);
	// A write: blocks go to dst (not owned, must outlive this).
	transfer(const transfer_config &cfg, block_sink &dst);

	transfer(const transfer &) = delete;
	transfer &operator=(const transfer &) = delete;

	// Queues the first packet (OACK, DATA 1 or ACK 0).
	void start(time_point now);

	// A datagram from the peer.
	void on_packet(std::span<const std::uint8_t> pkt, time_point now);

	// The deadline passed: retransmit, give up, or end a dally.
	void on_timeout(time_point now);

	// Ends the transfer without a word to the peer (it is unreachable).
	void abandon(std::string why);

	// When on_timeout() is due; meaningless once finished().
	time_point deadline() const { return deadline_; }

	// The packets to send now, in order; valid until the next call.
	std::span<const iovec> outgoing() const { return out_; }

	// Changes whenever outgoing() is rebuilt, so a caller that sent part
	// of it knows whether the rest is still wanted.
	std::uint64_t out_seq() const { return out_seq_; }

	// Forgets outgoing() once sent.
	void clear_outgoing() { out_.clear(); }

	// Once outgoing() is sent: a sender whose next window is not loaded
	// yet reads it into the free slots now, while the peer takes in what
	// it got, so that its ACK finds the blocks ready instead of waiting
	// for the read.  A read that fails ends the transfer as it would on
	// the ACK, and outgoing() then holds the error for the peer.
	void read_ahead();

	// True when nothing more will be sent or received.
	bool finished() const { return finished_; }

	// The result (a write is done once its last block is stored, even
	// while it still lingers for a lost final ACK).
	state status() const { return state_; }

	// Why it failed, for the log.
	const std::string &reason() const { return reason_; }

	// File bytes sent (acknowledged) or received.
	std::uint64_t bytes() const { return bytes_; }

	// Packets sent again after a timeout.
	std::uint64_t retransmits() const { return retransmits_; }

	// True once the peer answered from its address (an ACK or DATA).
	bool verified() const { return verified_; }

	role kind() const { return role_; }

private:
	void send_window(time_point now);
	bool load_until(std::uint64_t last);
	std::uint64_t window() const;
	void on_ack(std::uint16_t block, time_point now);
	void on_data(std::uint16_t block, std::span<const std::uint8_t> payload,
	    time_point now);
	void send_ack(std::uint64_t block, time_point now);
	void send_oack(time_point now);
	void fail_with(error_code code, std::string why, bool tell_peer);
	void arm(time_point now);
	std::uint8_t *slot(std::uint64_t block);

	transfer_config cfg_;
	role role_;
	block_source *src_ = nullptr;
	block_sink *dst_ = nullptr;
	state state_ = state::running;
	bool finished_ = false;
	bool verified_ = false;
	bool oack_pending_ = false;	// OACK sent, ACK 0 or DATA 1 awaited
	std::string reason_;
	std::vector<iovec> out_;
	std::uint64_t out_seq_ = 0;
	std::vector<std::uint8_t> error_pkt_;
	time_point deadline_{};
	duration rto_;
	unsigned retries_ = 0;
	std::uint64_t bytes_ = 0;
	std::uint64_t retransmits_ = 0;

	// Sender: blocks live in a ring of slots_ slots (two windows, or
	// readahead bytes' worth of blocks up to 256, whichever is more),
	// block b in slot b % slots_, each 4 header bytes plus blksize, so
	// consecutive blocks are usually adjacent in memory.
	std::vector<std::uint8_t> ring_;
	std::uint64_t slots_ = 1;
	std::vector<std::size_t> len_;	// payload bytes per slot
	std::vector<iovec> load_iov_;
	std::uint64_t base_ = 1;	// oldest unacknowledged block
	std::uint64_t loaded_ = 1;	// blocks below this are in the ring
	std::uint64_t last_block_ = 0;	// the final block, once known
	std::uint64_t sent_hi_ = 0;	// highest block sent

	// Receiver.
	std::uint64_t expect_ = 1;	// next block wanted
	unsigned since_ack_ = 0;	// blocks taken since the last ACK
	bool gap_acked_ = false;	// a gap was already reported
	bool dallying_ = false;		// last ACK sent, lingering
	std::uint8_t ack_[4] = {};
};

} // namespace tftpd
