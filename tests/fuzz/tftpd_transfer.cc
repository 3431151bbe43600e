// Fuzz target: the transfer state machine, as sender (a read) or receiver
// (a write), fed arbitrary events.  The first byte chooses the role,
// blksize and windowsize; then each event is a timeout, an ACK, a DATA
// block, an ACK sent twice, or raw bytes.  Properties, checked after
// every event: what goes out parses, a sender sends at most a window of
// consecutive blocks of at most blksize bytes, a repeated ACK draws
// nothing (the Sorcerer's Apprentice), a receiver sends at most one
// packet, stores exactly the bytes it counts and never more than it was
// sent, whatever is sent has a deadline ahead, a finished transfer stays
// silent, and every DATA block carries its own bytes (read ahead or not).
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "transfer.h"

namespace {

struct reader {
	const std::uint8_t *p;
	std::size_t n;

	bool empty() const { return n == 0; }

	std::uint8_t
	byte()
	{
		if (n == 0)
			return 0;
		n--;
		return *p++;
	}

	std::uint16_t
	u16()
	{
		std::uint16_t hi = byte();
		return static_cast<std::uint16_t>(hi << 8 | byte());
	}
};

// Each byte of block b of the file is b's low byte, so a block sent from
// the wrong slot of the ring shows.
struct source : tftpd::block_source {
	std::size_t left;
	std::uint64_t blocks = 0;

	net::result<std::size_t>
	read_blocks(std::span<const iovec> b) override
	{
		std::size_t total = 0;
		for (const auto &v : b) {
			std::size_t k = v.iov_len < left ? v.iov_len : left;
			std::memset(v.iov_base,
			    static_cast<std::uint8_t>(++blocks), k);
			left -= k;
			total += k;
		}
		return total;
	}
};

struct sink : tftpd::block_sink {
	std::uint64_t stored = 0;

	net::result<void>
	write(std::span<const std::uint8_t> b) override
	{
		stored += b.size();
		return {};
	}

	net::result<void> finish() override { return {}; }
};

// Checks what t sends now and forgets it; returns the packet count.
std::size_t
check_out(tftpd::transfer &t, const tftpd::transfer_config &c, bool sender)
{
	auto out = t.outgoing();
	std::uint16_t next = 0;
	std::size_t data = 0;
	for (std::size_t i = 0; i < out.size(); i++) {
		tftpd::packet_view pv;
		auto *b = static_cast<const std::uint8_t *>(out[i].iov_base);
		if (!tftpd::parse_packet({b, out[i].iov_len}, pv))
			__builtin_trap();
		if (pv.op == tftpd::opcode::data) {
			if (!sender || pv.payload.size() > c.blksize ||
			    (data > 0 && pv.block != next))
				__builtin_trap();
			for (std::uint8_t byte : pv.payload)
				if (byte != static_cast<std::uint8_t>(pv.block))
					__builtin_trap();
			next = static_cast<std::uint16_t>(pv.block + 1);
			data++;
		}
		if (pv.op == tftpd::opcode::ack && sender)
			__builtin_trap();
	}
	if (data > c.windowsize || (!sender && out.size() > 1))
		__builtin_trap();
	std::size_t n = out.size();
	t.clear_outgoing();
	// As the server does once a send has gone out.
	t.read_ahead();
	return n;
}

std::vector<std::uint8_t>
ack(std::uint16_t b)
{
	std::vector<std::uint8_t> p(4);
	tftpd::put_ack(p.data(), b);
	return p;
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
	reader in{data, size};
	std::uint8_t how = in.byte();
	bool sender = (how & 1) != 0;
	static const unsigned sizes[] = {8, 9, 512, 1428};
	static const unsigned windows[] = {1, 2, 4, 16};
	tftpd::transfer_config c;
	c.blksize = sizes[how >> 1 & 3];
	c.windowsize = windows[how >> 3 & 3];
	c.timeout = std::chrono::milliseconds(100);
	if ((how & 0x20) != 0)
		c.oack = tftpd::make_oack({{"windowsize",
		    std::to_string(c.windowsize)}});
	std::size_t file = in.u16() % 20000;
	source src;
	src.left = file;
	sink dst;
	std::vector<std::uint8_t> pkt;

	tftpd::time_point now{};
	auto make = [&]() -> std::unique_ptr<tftpd::transfer> {
		if (sender)
			return std::make_unique<tftpd::transfer>(c, src);
		return std::make_unique<tftpd::transfer>(c, dst);
	};
	auto t = make();
	t->start(now);
	check_out(*t, c, sender);
	std::uint64_t offered = 0;	// DATA payload bytes fed in
	for (int events = 0; !in.empty() && events < 4096; events++) {
		now += std::chrono::milliseconds(in.byte() % 8);
		bool was_finished = t->finished();
		switch (in.byte() % 5) {
		case 0:
			now = t->deadline();
			t->on_timeout(now);
			break;
		case 1:
			t->on_packet(ack(in.u16()), now);
			break;
		case 2: {
			std::uint16_t b = in.u16();
			std::size_t len = in.u16() % (c.blksize + 2);
			pkt.assign({0, 3, static_cast<std::uint8_t>(b >> 8),
			    static_cast<std::uint8_t>(b)});
			pkt.resize(4 + len, 'y');
			offered += len;
			t->on_packet(pkt, now);
			break;
		}
		case 3: {
			// The same ACK twice: the second must draw nothing.
			auto a = ack(in.u16());
			t->on_packet(a, now);
			check_out(*t, c, sender);
			t->on_packet(a, now);
			if (sender && !t->outgoing().empty())
				__builtin_trap();
			break;
		}
		case 4: {
			std::size_t len = in.byte();
			pkt.clear();
			for (std::size_t i = 0; i < len && !in.empty(); i++)
				pkt.push_back(in.byte());
			if (pkt.size() >= 4 && pkt[0] == 0 && pkt[1] == 3)
				offered += pkt.size() - 4;
			t->on_packet(pkt, now);
			break;
		}
		}
		std::size_t sent = check_out(*t, c, sender);
		if (was_finished && sent != 0)
			__builtin_trap();
		// Whatever was just sent (a retransmission included) has its
		// timer running from now.
		if (!t->finished() && sent != 0 && t->deadline() <= now)
			__builtin_trap();
		if (sender && t->bytes() > file)
			__builtin_trap();
		if (!sender && (dst.stored != t->bytes() ||
		    t->bytes() > offered))
			__builtin_trap();
	}
	return 0;
}
