// wire.h: the one bounds-checked reader and the writer every packet codec
// uses.  A read past the end never touches memory outside the buffer: it
// marks the reader failed and yields zeros, so a decoder reads a whole header
// and asks ok() once; any failure rejects the whole packet.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace net {

using bytes_view = std::span<const std::uint8_t>;

// Reads numbers and byte runs from untrusted bytes, never past the end.
class wire_reader {
public:
	wire_reader() = default;

	// A reader over data in network byte order.
	explicit wire_reader(bytes_view data) : data_(data) {}

	// Multi-byte reads in order from now on (netlink and pcap files use
	// the host's or the writer's order, packets use std::endian::big).
	void set_order(std::endian order) { order_ = order; }

	// The next 1, 2, 4 or 8 bytes as a number in the current order; 0
	// and a failed reader when fewer remain.
	std::uint8_t u8();
	std::uint16_t u16();
	std::uint32_t u32();
	std::uint64_t u64();

	// The next n bytes; an empty view and a failed reader if fewer remain.
	bytes_view bytes(std::size_t n);

	// Copies the next out.size() bytes to out (zeros on failure).
	void copy(std::span<std::uint8_t> out);

	// A reader over the next n bytes, in the same order; this reader moves
	// past them.  Fails both when fewer remain.
	wire_reader sub(std::size_t n);

	// Moves past n bytes (failing when fewer remain).
	void skip(std::size_t n) { (void)bytes(n); }

	// Everything not yet read; the reader is then at its end.
	bytes_view rest();

	// The bytes before the next NUL, as text, and moves past the NUL
	// (TFTP requests, rshd's and rexecd's strings); an empty view and a
	// failed reader when no NUL is left.
	std::string_view cstring();

	// True when every byte not yet read is zero (padding).
	bool only_zeros() const;

	// Marks the input inconsistent: decoders call it for semantic errors
	// so one ok() check covers bounds and meaning alike.
	void fail() { failed_ = true; }

	// False once any read overran or fail() was called.
	bool ok() const { return !failed_; }

	// The bytes left (0 once failed), the bytes read, and whether none
	// are left.
	std::size_t
	remaining() const
	{
		return failed_ ? 0 : data_.size() - pos_;
	}
	std::size_t offset() const { return pos_; }
	bool at_end() const { return remaining() == 0; }

private:
	std::uint64_t read_uint(std::size_t n);

	bytes_view data_;
	std::size_t pos_ = 0;
	bool failed_ = false;
	std::endian order_ = std::endian::big;
};

// Appends numbers and bytes to a buffer.
class wire_writer {
public:
	// A writer appending to out (which keeps its earlier contents).
	explicit wire_writer(std::vector<std::uint8_t> &out) : out_(out) {}

	// Multi-byte writes in order from now on (network order by default).
	void set_order(std::endian order) { order_ = order; }

	// Appends a number of 1, 2, 4 or 8 bytes in the current order, bytes
	// as they are, or n zero bytes.
	void u8(std::uint8_t v) { out_.push_back(v); }
	void u16(std::uint16_t v) { write_uint(v, 2); }
	void u32(std::uint32_t v) { write_uint(v, 4); }
	void u64(std::uint64_t v) { write_uint(v, 8); }
	void bytes(bytes_view b);
	void zeros(std::size_t n);

	// The offset the next byte goes to, counted from the start of out.
	std::size_t offset() const { return out_.size(); }

	// Overwrites two or four bytes written earlier at offset (lengths and
	// checksums known only once the rest is written); an offset past
	// the end is ignored.
	void put_u16_at(std::size_t offset, std::uint16_t v);
	void put_u32_at(std::size_t offset, std::uint32_t v);

	// The bytes from offset to the current end.
	bytes_view since(std::size_t offset) const;

private:
	void write_uint(std::uint64_t v, std::size_t n);

	std::vector<std::uint8_t> &out_;
	std::endian order_ = std::endian::big;
};

} // namespace net
