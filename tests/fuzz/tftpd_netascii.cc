// Fuzz target: netascii conversion (RFC 764 NVT ASCII) both ways.  The
// first two bytes choose the chunk sizes, the rest is the data.
// Properties: encoding then decoding gives the data back, however the
// input and output are cut; decoding arbitrary wire bytes gives the same
// text whatever the cuts, and never more bytes than came in.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "netascii.h"

namespace {

std::vector<std::uint8_t>
encode(std::span<const std::uint8_t> in, std::size_t inchunk,
    std::size_t outchunk)
{
	tftpd::netascii_encoder e;
	std::vector<std::uint8_t> out, buf(outchunk);
	std::size_t pos = 0;
	for (;;) {
		std::size_t n = in.size() - pos < inchunk ? in.size() - pos
							  : inchunk;
		auto [used, made] = e.encode(in.subspan(pos, n), buf);
		if (used > n || made > buf.size())
			__builtin_trap();
		pos += used;
		out.insert(out.end(), buf.begin(),
		    buf.begin() + static_cast<std::ptrdiff_t>(made));
		if (pos == in.size() && !e.pending())
			break;
		if (used == 0 && made == 0)
			__builtin_trap();	// no progress
	}
	return out;
}

std::vector<std::uint8_t>
decode(std::span<const std::uint8_t> in, std::size_t chunk)
{
	tftpd::netascii_decoder d;
	std::vector<std::uint8_t> out, buf(chunk + 1);
	for (std::size_t pos = 0; pos < in.size(); pos += chunk) {
		std::size_t n = in.size() - pos < chunk ? in.size() - pos : chunk;
		std::size_t made = d.decode(in.subspan(pos, n), buf.data());
		if (made > n + 1)
			__builtin_trap();
		out.insert(out.end(), buf.begin(),
		    buf.begin() + static_cast<std::ptrdiff_t>(made));
	}
	std::uint8_t last;
	if (d.finish(&last) == 1)
		out.push_back(last);
	return out;
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
	if (size < 2)
		return 0;
	std::size_t a = data[0] % 64 + 1, b = data[1] % 64 + 1;
	std::span<const std::uint8_t> text(data + 2, size - 2);

	auto wire = encode(text, a, b);
	if (wire.size() < text.size() || wire.size() > 2 * text.size())
		__builtin_trap();
	if (decode(wire, a) != std::vector<std::uint8_t>(text.begin(),
	    text.end()))
		__builtin_trap();
	if (encode(text, b, a) != wire)
		__builtin_trap();

	// The same bytes as wire data from a client, cut two ways.
	auto one = decode(text, a);
	if (decode(text, b) != one || decode(text, text.size() + 1) != one ||
	    one.size() > text.size())
		__builtin_trap();
	return 0;
}
