#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "transfer.h"

#include <CppUTest/TestHarness.h>

using namespace tftpd;
using std::chrono::milliseconds;
using std::chrono::seconds;

namespace {

struct mem_source : block_source {
	std::vector<std::uint8_t> data;
	std::size_t pos = 0;
	int calls = 0;
	int fail_on = 0;	// this call (counting from 1) fails with EIO

	explicit mem_source(std::size_t n)
	{
		data.resize(n);
		for (std::size_t i = 0; i < n; i++)
			data[i] = static_cast<std::uint8_t>(i * 7 + i / 251);
	}

	net::result<std::size_t>
	read_blocks(std::span<const iovec> b) override
	{
		if (++calls == fail_on)
			return net::fail(EIO, "read");
		std::size_t total = 0;
		for (const auto &v : b) {
			std::size_t n = std::min(v.iov_len, data.size() - pos);
			if (n != 0)
				std::memcpy(v.iov_base, data.data() + pos, n);
			pos += n;
			total += n;
		}
		return total;
	}
};

struct mem_sink : block_sink {
	std::vector<std::uint8_t> data;
	bool finished = false;
	int fail_errno = 0;

	net::result<void>
	write(std::span<const std::uint8_t> b) override
	{
		if (fail_errno != 0)
			return net::fail(fail_errno, "write");
		data.insert(data.end(), b.begin(), b.end());
		return {};
	}

	net::result<void>
	finish() override
	{
		finished = true;
		return {};
	}
};

struct sent {
	opcode op;
	std::uint16_t block;
	std::size_t len;	// payload bytes for DATA
	error_code code;
};

std::vector<sent>
drain(transfer &t)
{
	std::vector<sent> out;
	for (const auto &v : t.outgoing()) {
		packet_view pv;
		auto *p = static_cast<const std::uint8_t *>(v.iov_base);
		CHECK(parse_packet(std::span<const std::uint8_t>(p, v.iov_len),
		    pv));
		out.push_back({pv.op, pv.block, pv.payload.size(), pv.code});
	}
	t.clear_outgoing();
	return out;
}

std::vector<std::uint8_t>
ack(std::uint16_t b)
{
	return {0, 4, static_cast<std::uint8_t>(b >> 8),
	    static_cast<std::uint8_t>(b)};
}

std::vector<std::uint8_t>
data(std::uint16_t b, std::size_t n, std::uint8_t fill = 'x')
{
	std::vector<std::uint8_t> p{0, 3, static_cast<std::uint8_t>(b >> 8),
	    static_cast<std::uint8_t>(b)};
	p.insert(p.end(), n, fill);
	return p;
}

const time_point t0{};

transfer_config
config(unsigned blksize = 512, unsigned window = 1)
{
	transfer_config c;
	c.blksize = blksize;
	c.windowsize = window;
	return c;
}

// A windowed transfer: windowsize w acknowledged in an OACK.
transfer_config
windowed(unsigned blksize, unsigned w)
{
	auto c = config(blksize, w);
	c.oack = make_oack({{"windowsize", std::to_string(w)}});
	return c;
}

// Feeds DATA blocks first..last of len bytes of fill to a write; returns
// what it sent in answer, all together.
std::vector<sent>
feed(transfer &t, std::uint16_t first, std::uint16_t last, std::size_t len,
    std::uint8_t fill = 'x')
{
	std::vector<sent> all;
	for (unsigned b = first; b <= last; b++) {
		t.on_packet(data(static_cast<std::uint16_t>(b), len, fill), t0);
		for (const auto &p : drain(t))
			all.push_back(p);
	}
	return all;
}

// Starts a windowed read and confirms its OACK with ACK 0; returns the
// first window.
std::vector<sent>
open_window(transfer &t)
{
	t.start(t0);
	auto s = drain(t);
	LONGS_EQUAL(1, s.size());
	CHECK(s[0].op == opcode::oack);
	t.on_packet(ack(0), t0);
	return drain(t);
}

// Feeds ACK b; the window sent in answer has n blocks from first.
std::vector<sent>
window_after(transfer &t, std::uint16_t b, std::size_t n,
    std::uint16_t first)
{
	t.on_packet(ack(b), t0);
	auto s = drain(t);
	LONGS_EQUAL(n, s.size());
	if (!s.empty())
		LONGS_EQUAL(first, s[0].block);
	return s;
}

} // namespace

TEST_GROUP(transfer_read){};

TEST(transfer_read, lockstep_small_file)
{
	mem_source src(1000);
	transfer t(config(), src);
	t.start(t0);
	auto s = drain(t);
	LONGS_EQUAL(1, s.size());
	CHECK(s[0].op == opcode::data);
	LONGS_EQUAL(1, s[0].block);
	LONGS_EQUAL(512, s[0].len);
	CHECK(t.deadline() == t0 + seconds(1));
	t.on_packet(ack(1), t0 + milliseconds(1));
	s = drain(t);
	LONGS_EQUAL(1, s.size());
	LONGS_EQUAL(2, s[0].block);
	LONGS_EQUAL(488, s[0].len);
	CHECK_FALSE(t.finished());
	t.on_packet(ack(2), t0 + milliseconds(2));
	CHECK(t.finished());
	CHECK(t.status() == transfer::state::done);
	LONGS_EQUAL(1000, t.bytes());
	LONGS_EQUAL(0, drain(t).size());
}

TEST(transfer_read, exact_multiple_ends_with_empty_block)
{
	mem_source src(1024);
	transfer t(config(), src);
	t.start(t0);
	drain(t);
	t.on_packet(ack(1), t0);
	drain(t);
	t.on_packet(ack(2), t0);
	auto s = drain(t);
	LONGS_EQUAL(3, s[0].block);
	LONGS_EQUAL(0, s[0].len);
	t.on_packet(ack(3), t0);
	CHECK(t.status() == transfer::state::done);
}

TEST(transfer_read, empty_file)
{
	mem_source src(0);
	transfer t(config(), src);
	t.start(t0);
	auto s = drain(t);
	LONGS_EQUAL(0, s[0].len);
	t.on_packet(ack(1), t0);
	CHECK(t.status() == transfer::state::done);
}

TEST(transfer_read, duplicate_ack_sends_nothing)
{
	// The Sorcerer's Apprentice: a repeated ACK must not repeat DATA.
	mem_source src(5000);
	transfer t(config(), src);
	t.start(t0);
	drain(t);
	t.on_packet(ack(1), t0);
	LONGS_EQUAL(1, drain(t).size());
	for (int i = 0; i < 5; i++) {
		t.on_packet(ack(1), t0);
		LONGS_EQUAL(0, drain(t).size());
	}
	t.on_packet(ack(0), t0);
	t.on_packet(ack(9), t0);
	LONGS_EQUAL(0, drain(t).size());
	t.on_packet(ack(2), t0);
	auto s = drain(t);
	LONGS_EQUAL(1, s.size());
	LONGS_EQUAL(3, s[0].block);
}

TEST(transfer_read, dropped_ack_retransmits_with_backoff)
{
	mem_source src(2000);
	transfer t(config(), src);
	t.start(t0);
	drain(t);
	t.on_packet(ack(1), t0);
	drain(t);
	time_point now = t0;
	duration want[] = {seconds(2), seconds(4), seconds(8), seconds(8)};
	for (auto d : want) {
		now = t.deadline();
		t.on_timeout(now);
		auto s = drain(t);
		LONGS_EQUAL(1, s.size());
		LONGS_EQUAL(2, s[0].block);
		CHECK(t.deadline() == now + d);
	}
	t.on_packet(ack(2), now);
	auto s = drain(t);
	LONGS_EQUAL(3, s[0].block);
	CHECK(t.deadline() == now + seconds(1));
	LONGS_EQUAL(4, t.retransmits());
}

TEST(transfer_read, fixed_timeout_has_no_backoff)
{
	mem_source src(2000);
	auto c = config();
	c.timeout = seconds(3);
	c.fixed_timeout = true;
	transfer t(c, src);
	t.start(t0);
	drain(t);
	t.on_packet(ack(1), t0);
	drain(t);
	for (int i = 0; i < 3; i++) {
		time_point now = t.deadline();
		t.on_timeout(now);
		drain(t);
		CHECK(t.deadline() == now + seconds(3));
	}
}

TEST(transfer_read, gives_up_after_retries_without_error_packet)
{
	mem_source src(2000);
	transfer t(config(), src);
	t.start(t0);
	drain(t);
	t.on_packet(ack(1), t0);
	drain(t);
	for (int i = 0; i < 5; i++) {
		t.on_timeout(t.deadline());
		LONGS_EQUAL(1, drain(t).size());
	}
	t.on_timeout(t.deadline());
	CHECK(t.finished());
	CHECK(t.status() == transfer::state::failed);
	STRCMP_EQUAL("timed out", t.reason().c_str());
	LONGS_EQUAL(0, drain(t).size());
}

TEST(transfer_read, unverified_peer_gets_few_retransmissions)
{
	// Amplification guard: a forged RRQ draws at most 1 + 2 blocks.
	mem_source src(100000);
	auto c = config(512, 16);
	transfer t(c, src);
	t.start(t0);
	LONGS_EQUAL(1, drain(t).size());
	int total = 1;
	while (!t.finished()) {
		t.on_timeout(t.deadline());
		total += static_cast<int>(drain(t).size());
	}
	LONGS_EQUAL(3, total);
	CHECK_FALSE(t.verified());
}

TEST(transfer_read, error_from_peer_ends_silently)
{
	mem_source src(2000);
	transfer t(config(), src);
	t.start(t0);
	drain(t);
	auto e = make_error(error_code::disk_full, "no room");
	t.on_packet(e, t0);
	CHECK(t.finished());
	CHECK(t.status() == transfer::state::failed);
	STRCMP_EQUAL("peer sent error 3: no room", t.reason().c_str());
	LONGS_EQUAL(0, drain(t).size());
}

TEST(transfer_read, garbage_is_ignored_data_is_illegal)
{
	mem_source src(2000);
	transfer t(config(), src);
	t.start(t0);
	drain(t);
	std::vector<std::uint8_t> junk{0, 9, 1};
	t.on_packet(junk, t0);
	t.on_packet({}, t0);
	CHECK_FALSE(t.finished());
	t.on_packet(data(1, 10), t0);
	CHECK(t.finished());
	auto s = drain(t);
	LONGS_EQUAL(1, s.size());
	CHECK(s[0].op == opcode::error);
	CHECK(s[0].code == error_code::illegal_operation);
}

TEST(transfer_read, rollover_past_65535_blocks)
{
	const std::size_t blocks = 70000;
	mem_source src(8 * blocks + 3);
	transfer t(config(8), src);
	t.start(t0);
	std::uint64_t seen = 0;
	std::uint16_t expect = 1;
	for (;;) {
		auto s = drain(t);
		if (t.finished())
			break;
		LONGS_EQUAL(1, s.size());
		LONGS_EQUAL(expect, s[0].block);
		seen++;
		t.on_packet(ack(s[0].block), t0);
		expect = static_cast<std::uint16_t>(expect + 1);
	}
	LONGS_EQUAL(blocks + 1, seen);
	CHECK(t.status() == transfer::state::done);
	LONGS_EQUAL(8 * blocks + 3, t.bytes());
}

// read_ahead() after a send fills the free slots, so the ACK that follows
// is answered from the ring without a read in between.
TEST(transfer_read, read_ahead_leaves_the_ack_path_without_a_read)
{
	mem_source src(2000);	// blocks of 512, 512, 512, 464
	auto c = config();
	c.readahead = 512;	// one block's worth: the ring is window + 1
	transfer t(c, src);
	t.start(t0);
	auto s = drain(t);
	LONGS_EQUAL(1, s[0].block);
	LONGS_EQUAL(1, src.calls);	// blocks 1 and 2 in one read
	t.read_ahead();			// block 2 is loaded and unsent
	LONGS_EQUAL(1, src.calls);
	for (std::uint16_t b = 1; b <= 3; b++) {
		int before = src.calls;
		t.on_packet(ack(b), t0);
		// The block read ahead holds the file's bytes for its place,
		// not those of the block whose slot it took.
		auto out = t.outgoing();
		LONGS_EQUAL(1, out.size());
		std::size_t off = std::size_t{b} * 512;
		std::size_t len = std::min<std::size_t>(512, 2000 - off);
		LONGS_EQUAL(4 + len, out[0].iov_len);
		MEMCMP_EQUAL(src.data.data() + off,
		    static_cast<const std::uint8_t *>(out[0].iov_base) + 4, len);
		s = drain(t);
		LONGS_EQUAL(b + 1, s[0].block);
		LONGS_EQUAL(before, src.calls);	// the ACK read nothing
		t.read_ahead();
		LONGS_EQUAL(b < 3 ? before + 1 : before, src.calls);
	}
	LONGS_EQUAL(464, s[0].len);
	t.on_packet(ack(4), t0);
	CHECK(t.finished());
	CHECK(t.status() == transfer::state::done);
	LONGS_EQUAL(2000, t.bytes());
}

// A read that fails ahead of time ends the transfer there, as it would on
// the ACK: nothing the source half-read is sent, and the peer is told.
TEST(transfer_read, read_ahead_error_ends_the_transfer)
{
	mem_source src(2000);
	src.fail_on = 2;
	auto c = config();
	c.readahead = 512;
	transfer t(c, src);
	t.start(t0);
	drain(t);
	t.on_packet(ack(1), t0);
	drain(t);			// DATA 2, loaded with block 1
	t.read_ahead();			// call 2 fails
	LONGS_EQUAL(2, src.calls);
	CHECK(t.finished());
	CHECK(t.status() == transfer::state::failed);
	auto s = drain(t);
	LONGS_EQUAL(1, s.size());
	CHECK(s[0].op == opcode::error);
}

// With a window, the next whole window is read ahead, so neither a window
// ACK nor a partial one has to wait for a read.
TEST(transfer_read, read_ahead_loads_the_next_window)
{
	mem_source src(64 * 512 + 100);
	auto c = windowed(512, 4);
	c.readahead = 512;	// the ring is two windows
	transfer t(c, src);
	auto s = open_window(t);
	LONGS_EQUAL(4, s.size());
	t.read_ahead();
	int reads = src.calls;
	for (std::uint16_t b = 4; b <= 60; b += 4) {
		window_after(t, b, 4, static_cast<std::uint16_t>(b + 1));
		LONGS_EQUAL(reads, src.calls);	// the ACK read nothing
		t.read_ahead();
		CHECK(src.calls == reads + 1);	// the next window, in one read
		reads = src.calls;
	}
	// A partial ACK moves the window by two: still no read on it.
	window_after(t, 62, 3, 63);	// 63, 64 and the last, 65
	LONGS_EQUAL(reads, src.calls);
}

TEST_GROUP(transfer_window){};

TEST(transfer_window, oack_then_windows)
{
	mem_source src(512 * 10 + 100);
	transfer t(windowed(512, 4), src);
	t.start(t0);
	auto s = drain(t);
	LONGS_EQUAL(1, s.size());
	CHECK(s[0].op == opcode::oack);
	// Anything but ACK 0 does not confirm the OACK.
	t.on_packet(ack(1), t0);
	LONGS_EQUAL(0, drain(t).size());
	t.on_timeout(t.deadline());
	CHECK(drain(t)[0].op == opcode::oack);
	t.on_packet(ack(0), t0);
	s = drain(t);
	LONGS_EQUAL(4, s.size());
	for (int i = 0; i < 4; i++)
		LONGS_EQUAL(i + 1, s[i].block);
	t.on_packet(ack(4), t0);
	s = drain(t);
	LONGS_EQUAL(4, s.size());
	LONGS_EQUAL(5, s[0].block);
	// Block 7 lost: the peer acknowledges 6, the window restarts at 7.
	t.on_packet(ack(6), t0);
	s = drain(t);
	LONGS_EQUAL(4, s.size());
	LONGS_EQUAL(7, s[0].block);
	LONGS_EQUAL(10, s[3].block);
	// A late copy of ACK 6, or one for something never sent: nothing.
	t.on_packet(ack(6), t0);
	t.on_packet(ack(12), t0);
	LONGS_EQUAL(0, drain(t).size());
	t.on_packet(ack(10), t0);
	s = drain(t);
	LONGS_EQUAL(1, s.size());
	LONGS_EQUAL(11, s[0].block);
	LONGS_EQUAL(100, s[0].len);
	t.on_packet(ack(11), t0);
	CHECK(t.status() == transfer::state::done);
	LONGS_EQUAL(512 * 10 + 100, t.bytes());
}

TEST(transfer_window, window_larger_than_file)
{
	mem_source src(1000);
	transfer t(windowed(512, 16), src);
	t.start(t0);
	drain(t);
	t.on_packet(ack(0), t0);
	auto s = drain(t);
	LONGS_EQUAL(2, s.size());
	t.on_timeout(t.deadline());
	LONGS_EQUAL(2, drain(t).size());
	t.on_packet(ack(2), t0);
	CHECK(t.status() == transfer::state::done);
}

TEST(transfer_window, window_timeout_resends_whole_window_once)
{
	mem_source src(512 * 100);
	transfer t(windowed(512, 8), src);
	LONGS_EQUAL(8, open_window(t).size());
	t.on_timeout(t.deadline());
	auto s = drain(t);
	LONGS_EQUAL(8, s.size());
	LONGS_EQUAL(1, s[0].block);
	LONGS_EQUAL(8, t.retransmits());
	// Each block is read from the file once, however often it is sent.
	LONGS_EQUAL(1, src.calls);
}

TEST(transfer_window, rollover_inside_a_window)
{
	const std::size_t blocks = 65536 + 40;
	mem_source src(8 * blocks);
	transfer t(windowed(8, 64), src);
	t.start(t0);
	drain(t);
	t.on_packet(ack(0), t0);
	std::uint64_t n = 0;
	while (!t.finished()) {
		auto s = drain(t);
		CHECK(!s.empty());
		for (const auto &p : s)
			LONGS_EQUAL(static_cast<std::uint16_t>(n + 1 +
			    (&p - s.data())), p.block);
		n += s.size();
		t.on_packet(ack(s.back().block), t0);
	}
	LONGS_EQUAL(blocks + 1, n);
	LONGS_EQUAL(8 * blocks, t.bytes());
}

TEST_GROUP(transfer_write){};

TEST(transfer_write, lockstep)
{
	mem_sink dst;
	transfer t(config(), dst);
	t.start(t0);
	auto s = drain(t);
	CHECK(s[0].op == opcode::ack);
	LONGS_EQUAL(0, s[0].block);
	t.on_packet(data(1, 512), t0);
	s = drain(t);
	LONGS_EQUAL(1, s[0].block);
	// Duplicate DATA 1 (our ACK was lost): ACK again, store once.
	t.on_packet(data(1, 512), t0);
	s = drain(t);
	LONGS_EQUAL(1, s.size());
	LONGS_EQUAL(1, s[0].block);
	t.on_packet(data(2, 10), t0);
	s = drain(t);
	LONGS_EQUAL(2, s[0].block);
	CHECK(t.status() == transfer::state::done);
	CHECK(dst.finished);
	LONGS_EQUAL(522, dst.data.size());
	CHECK_FALSE(t.finished());
	// The final ACK was lost: the block comes again and is ACKed again.
	t.on_packet(data(2, 10), t0);
	LONGS_EQUAL(2, drain(t)[0].block);
	LONGS_EQUAL(522, dst.data.size());
	t.on_timeout(t.deadline());
	CHECK(t.finished());
	CHECK(t.status() == transfer::state::done);
}

TEST(transfer_write, dropped_data_reacks_on_timeout)
{
	mem_sink dst;
	transfer t(config(), dst);
	t.start(t0);
	drain(t);
	t.on_timeout(t.deadline());
	auto s = drain(t);
	LONGS_EQUAL(0, s[0].block);
	t.on_packet(data(1, 512), t0);
	drain(t);
	t.on_timeout(t.deadline());
	LONGS_EQUAL(1, drain(t)[0].block);
	for (int i = 0; i < 5; i++) {
		t.on_timeout(t.deadline());
		drain(t);
	}
	CHECK(t.status() == transfer::state::failed);
}

TEST(transfer_write, window_acks_every_n_and_reports_gaps_once)
{
	mem_sink dst;
	transfer t(windowed(512, 4), dst);
	t.start(t0);
	CHECK(drain(t)[0].op == opcode::oack);
	for (std::uint16_t b = 1; b <= 3; b++) {
		t.on_packet(data(b, 512), t0);
		LONGS_EQUAL(0, drain(t).size());
	}
	t.on_packet(data(4, 512), t0);
	auto s = drain(t);
	LONGS_EQUAL(1, s.size());
	LONGS_EQUAL(4, s[0].block);
	// Block 5 lost: 6 and 7 arrive, one ACK 4 asks for a restart.
	t.on_packet(data(6, 512), t0);
	s = drain(t);
	LONGS_EQUAL(1, s.size());
	LONGS_EQUAL(4, s[0].block);
	t.on_packet(data(7, 512), t0);
	LONGS_EQUAL(0, drain(t).size());
	t.on_packet(data(5, 512), t0);
	t.on_packet(data(6, 512), t0);
	t.on_packet(data(7, 512), t0);
	t.on_packet(data(8, 0), t0);
	s = drain(t);
	LONGS_EQUAL(8, s[0].block);
	CHECK(t.status() == transfer::state::done);
	LONGS_EQUAL(512 * 7, dst.data.size());
}

TEST(transfer_write, rollover)
{
	mem_sink dst;
	transfer t(config(8), dst);
	t.start(t0);
	drain(t);
	std::uint16_t b = 1;
	for (int i = 0; i < 70000; i++, b++) {
		t.on_packet(data(b, 8), t0);
		auto s = drain(t);
		LONGS_EQUAL(b, s[0].block);
	}
	t.on_packet(data(b, 1), t0);
	CHECK(t.status() == transfer::state::done);
	LONGS_EQUAL(8 * 70000 + 1, dst.data.size());
}

TEST(transfer_write, oversized_block_and_disk_full)
{
	mem_sink dst;
	transfer t(config(), dst);
	t.start(t0);
	drain(t);
	t.on_packet(data(1, 513), t0);
	auto s = drain(t);
	CHECK(s[0].op == opcode::error);
	CHECK(s[0].code == error_code::illegal_operation);
	CHECK(t.status() == transfer::state::failed);

	mem_sink full;
	full.fail_errno = ENOSPC;
	transfer u(config(), full);
	u.start(t0);
	drain(u);
	u.on_packet(data(1, 10), t0);
	s = drain(u);
	CHECK(s[0].code == error_code::disk_full);
	CHECK(u.finished());
}

TEST(transfer_write, unverified_writer_and_ack_during_write)
{
	mem_sink dst;
	transfer t(config(), dst);
	t.start(t0);
	drain(t);
	int n = 1;
	while (!t.finished()) {
		t.on_timeout(t.deadline());
		n += static_cast<int>(drain(t).size());
	}
	LONGS_EQUAL(3, n);

	mem_sink d2;
	transfer u(config(), d2);
	u.start(t0);
	drain(u);
	u.on_packet(ack(0), t0);
	CHECK(drain(u)[0].code == error_code::illegal_operation);
}

TEST(transfer_window, exact_multiple_ends_inside_a_window)
{
	// 10 full blocks: the empty block 11 ends the file, inside the third
	// window of 4.
	mem_source src(512 * 10);
	transfer t(windowed(512, 4), src);
	LONGS_EQUAL(4, open_window(t).size());
	window_after(t, 4, 4, 5);
	auto s = window_after(t, 8, 3, 9);
	LONGS_EQUAL(512, s[1].len);
	LONGS_EQUAL(11, s[2].block);
	LONGS_EQUAL(0, s[2].len);
	// The window comes again whole on a timeout, still three blocks.
	t.on_timeout(t.deadline());
	LONGS_EQUAL(3, drain(t).size());
	window_after(t, 10, 1, 11);
	CHECK_FALSE(t.finished());
	t.on_packet(ack(11), t0);
	CHECK(t.status() == transfer::state::done);
	LONGS_EQUAL(512 * 10, t.bytes());
}

TEST(transfer_window, partial_ack_across_the_wrap)
{
	// Block numbers 65529..65536 go out as 65529..65535, 0.  An ACK for
	// 65534 restarts the window at 65535; one for the wire's 0 names
	// block 65536, not block 0.
	mem_source src(8 * 70000);
	transfer t(windowed(8, 8), src);
	auto s = open_window(t);
	for (int w = 0; w < 8190; w++) {
		LONGS_EQUAL(8, s.size());
		t.on_packet(ack(s.back().block), t0);
		s = drain(t);
	}
	// The last full window sent: 65529 .. 65535, 0.
	s = window_after(t, 65528, 8, 65529);
	LONGS_EQUAL(0, s[7].block);
	s = window_after(t, 65534, 8, 65535);
	LONGS_EQUAL(0, s[1].block);
	LONGS_EQUAL(6, s[7].block);
	// A stale ACK from before the wrap, and one far ahead: nothing.
	window_after(t, 65534, 0, 0);
	window_after(t, 100, 0, 0);
	window_after(t, 0, 8, 1);
	LONGS_EQUAL(8u * 65536, t.bytes());
}

TEST(transfer_write, whole_window_again_after_our_ack_was_lost)
{
	mem_sink dst;
	transfer t(windowed(512, 4), dst);
	t.start(t0);
	drain(t);
	auto s = feed(t, 1, 4, 512, 'a');
	LONGS_EQUAL(1, s.size());
	LONGS_EQUAL(4, s[0].block);
	// ACK 4 was lost: the sender times out and sends 1-4 again.  They are
	// not stored again, and one ACK 4 answers the whole window.
	s = feed(t, 1, 4, 512, 'z');
	LONGS_EQUAL(1, s.size());
	CHECK(s[0].op == opcode::ack);
	LONGS_EQUAL(4, s[0].block);
	LONGS_EQUAL(4 * 512, dst.data.size());
	LONGS_EQUAL('a', dst.data[3 * 512]);
	s = feed(t, 5, 5, 100);
	LONGS_EQUAL(5, s[0].block);
	CHECK(t.status() == transfer::state::done);
	LONGS_EQUAL(4 * 512 + 100, dst.data.size());
}

TEST(transfer_write, exact_multiple_ends_inside_a_window)
{
	// Five full blocks and the empty sixth, in windows of 4: the empty
	// block is acknowledged at once, not at the window's end.
	mem_sink dst;
	transfer t(windowed(512, 4), dst);
	t.start(t0);
	drain(t);
	LONGS_EQUAL(1, feed(t, 1, 5, 512).size());
	auto s = feed(t, 6, 6, 0);
	LONGS_EQUAL(1, s.size());
	LONGS_EQUAL(6, s[0].block);
	CHECK(t.status() == transfer::state::done);
	CHECK(dst.finished);
	LONGS_EQUAL(5 * 512, dst.data.size());
}

TEST(transfer_write, rollover_inside_windows)
{
	// 70000 blocks of 8 bytes in windows of 16: acknowledged every 16th
	// block, with the wire's numbers wrapping from 65535 to 0.
	mem_sink dst;
	transfer t(windowed(8, 16), dst);
	t.start(t0);
	drain(t);
	std::uint64_t acks = 0;
	for (std::uint64_t b = 1; b <= 70000; b++) {
		auto wire = static_cast<std::uint16_t>(b);
		t.on_packet(data(wire, 8), t0);
		auto s = drain(t);
		if (b % 16 == 0) {
			LONGS_EQUAL(1, s.size());
			LONGS_EQUAL(wire, s[0].block);
			acks++;
		} else {
			LONGS_EQUAL(0, s.size());
		}
	}
	LONGS_EQUAL(70000 / 16, acks);
	t.on_packet(data(static_cast<std::uint16_t>(70001), 3), t0);
	auto s = drain(t);
	LONGS_EQUAL(static_cast<std::uint16_t>(70001), s[0].block);
	CHECK(t.status() == transfer::state::done);
	LONGS_EQUAL(8 * 70000 + 3, dst.data.size());
	LONGS_EQUAL(8 * 70000 + 3, t.bytes());
}
