// options.h: option negotiation (RFC 2347) for blksize (RFC 2348), tsize
// and timeout (RFC 2349) and windowsize (RFC 7440): what the server grants
// given what the client asked, the server's caps and the file.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "packet.h"

namespace tftpd {

// The options this server knows, as bits for a refusal set (-r).
enum option_bit : unsigned {
	opt_blksize = 1u << 0,
	opt_tsize = 1u << 1,
	opt_timeout = 1u << 2,
	opt_windowsize = 1u << 3,
};

// The bit for an option name (case-insensitive); 0 when unknown.
unsigned option_bit_of(std::string_view name);

// What the server allows.
struct option_limits {
	unsigned max_blksize = tftpd::max_blksize; // -B, and the path MTU cap
	unsigned max_windowsize = 64;	// RFC 7440: no gain past 64
	// The most payload bytes one window may hold, so a transfer's
	// buffer stays bounded whatever blksize times windowsize asks.
	std::size_t max_window_bytes = 1u << 20;
	unsigned refused = 0;			// option_bit set from -r
};

// What was granted; defaults are RFC 1350's.
struct negotiated {
	unsigned blksize = default_blksize;
	unsigned windowsize = 1;
	std::optional<unsigned> timeout_s;	// RFC 2349 timeout, seconds
	std::vector<option> oack;		// empty: no OACK is sent
};

// Negotiates req's options.  file_size is the size to report for tsize
// on a read (nothing when unknown, as for netascii).  A value above its
// range or the server's cap is answered lower; an unknown or refused
// option, and one whose value is no number or cannot be answered, is
// left out; only a blksize below 8 fails the request, with ERROR 8.
std::variant<negotiated, request_error>
negotiate(const request &req, const option_limits &lim,
    std::optional<std::uint64_t> file_size);

// The blksize a path MTU allows: MTU less IP, UDP and TFTP headers.
unsigned blksize_for_mtu(unsigned mtu, bool ipv6);

// The limits for one transfer: lim with blksize also capped by the path
// MTU to the client (mtu 0: unknown, no cap).
option_limits limits_for_path(option_limits lim, unsigned mtu, bool ipv6);

// The socket buffer bytes one DATA datagram of blksize occupies in the
// kernel (its allocation, which exceeds the payload for small blocks).
std::size_t block_footprint(unsigned blksize);

// The receive buffer a window of windowsize blocks needs, with room for
// one block more.
std::size_t window_buffer_bytes(unsigned blksize, unsigned windowsize);

// Lowers the granted windowsize to what a receive buffer of buffer
// bytes holds (at least 1), in n and its OACK; returns true if lowered.
bool cap_window_to_buffer(negotiated &n, std::size_t buffer);

// The options for the log: each one the client asked for, as granted,
// with the value asked when it differs, or marked "not granted".
std::string options_text(const request &req, const negotiated &n);

} // namespace tftpd
