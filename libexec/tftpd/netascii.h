// netascii.h: the RFC 1350 "netascii" mode, NVT ASCII as RFC 764 defines
// it: a local newline travels as CR LF and a lone CR as CR NUL.  Both
// directions keep state, since a pair may straddle two blocks.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>

namespace tftpd {

// Local text to netascii.
class netascii_encoder {
public:
	// Converts from in to out until either runs out; returns the bytes
	// consumed and produced.  A pair that does not fit waits for the
	// next call (pending() is then true).
	std::pair<std::size_t, std::size_t>
	encode(std::span<const std::uint8_t> in, std::span<std::uint8_t> out);

	// True when half of a pair is still to be written.
	bool pending() const { return pending_ >= 0; }

private:
	int pending_ = -1;
};

// Netascii to local text.
class netascii_decoder {
public:
	// Converts in to out (which must hold in.size() + 1 bytes); returns
	// the bytes produced.  CR LF becomes LF, CR NUL becomes CR, and a CR
	// before anything else is kept as it is (lenient with bad senders).
	std::size_t decode(std::span<const std::uint8_t> in, std::uint8_t *out);

	// Flushes a CR left at the very end of the transfer; returns 0 or 1.
	std::size_t finish(std::uint8_t *out);

private:
	bool cr_ = false;
};

} // namespace tftpd
