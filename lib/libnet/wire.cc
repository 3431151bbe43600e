#include "libnet/wire.h"

#include <cstring>

namespace net {

std::uint64_t
wire_reader::read_uint(std::size_t n)
{
	bytes_view b = bytes(n);
	if (b.size() != n)
		return 0;
	std::uint64_t v = 0;
	if (order_ == std::endian::big) {
		for (std::size_t i = 0; i < n; i++)
			v = (v << 8) | b[i];
	} else {
		for (std::size_t i = n; i > 0; i--)
			v = (v << 8) | b[i - 1];
	}
	return v;
}

std::uint8_t
wire_reader::u8()
{
	return static_cast<std::uint8_t>(read_uint(1));
}

std::uint16_t
wire_reader::u16()
{
	return static_cast<std::uint16_t>(read_uint(2));
}

std::uint32_t
wire_reader::u32()
{
	return static_cast<std::uint32_t>(read_uint(4));
}

std::uint64_t
wire_reader::u64()
{
	return read_uint(8);
}

bytes_view
wire_reader::bytes(std::size_t n)
{
	if (failed_ || n > data_.size() - pos_) {
		failed_ = true;
		return {};
	}
	bytes_view b = data_.subspan(pos_, n);
	pos_ += n;
	return b;
}

void
wire_reader::copy(std::span<std::uint8_t> out)
{
	bytes_view b = bytes(out.size());
	if (b.size() == out.size() && !out.empty())
		std::memcpy(out.data(), b.data(), out.size());
	else if (!out.empty())
		std::memset(out.data(), 0, out.size());
}

wire_reader
wire_reader::sub(std::size_t n)
{
	wire_reader r(bytes(n));
	r.order_ = order_;
	r.failed_ = failed_;
	return r;
}

bytes_view
wire_reader::rest()
{
	if (failed_)
		return {};
	bytes_view b = data_.subspan(pos_);
	pos_ = data_.size();
	return b;
}

std::string_view
wire_reader::cstring()
{
	if (failed_)
		return {};
	bytes_view left = data_.subspan(pos_);
	auto *nul = static_cast<const std::uint8_t *>(
	    std::memchr(left.data(), 0, left.size()));
	if (nul == nullptr) {
		failed_ = true;
		return {};
	}
	std::size_t n = static_cast<std::size_t>(nul - left.data());
	pos_ += n + 1;
	return std::string_view(reinterpret_cast<const char *>(left.data()),
	    n);
}

bool
wire_reader::only_zeros() const
{
	if (failed_)
		return false;
	for (std::size_t i = pos_; i < data_.size(); i++)
		if (data_[i] != 0)
			return false;
	return true;
}

void
wire_writer::bytes(bytes_view b)
{
	out_.insert(out_.end(), b.begin(), b.end());
}

void
wire_writer::zeros(std::size_t n)
{
	out_.insert(out_.end(), n, 0);
}

void
wire_writer::write_uint(std::uint64_t v, std::size_t n)
{
	std::size_t at = out_.size();
	out_.resize(at + n);
	for (std::size_t i = 0; i < n; i++) {
		std::size_t shift = order_ == std::endian::big ? (n - 1 - i) * 8
							      : i * 8;
		out_[at + i] = static_cast<std::uint8_t>(v >> shift);
	}
}

void
wire_writer::put_u16_at(std::size_t offset, std::uint16_t v)
{
	if (offset + 2 > out_.size())
		return;
	if (order_ == std::endian::big) {
		out_[offset] = static_cast<std::uint8_t>(v >> 8);
		out_[offset + 1] = static_cast<std::uint8_t>(v);
	} else {
		out_[offset] = static_cast<std::uint8_t>(v);
		out_[offset + 1] = static_cast<std::uint8_t>(v >> 8);
	}
}

void
wire_writer::put_u32_at(std::size_t offset, std::uint32_t v)
{
	if (offset + 4 > out_.size())
		return;
	for (std::size_t i = 0; i < 4; i++) {
		std::size_t shift = order_ == std::endian::big ? (3 - i) * 8
							      : i * 8;
		out_[offset + i] = static_cast<std::uint8_t>(v >> shift);
	}
}

bytes_view
wire_writer::since(std::size_t offset) const
{
	if (offset > out_.size())
		return {};
	return bytes_view(out_).subspan(offset);
}

} // namespace net
