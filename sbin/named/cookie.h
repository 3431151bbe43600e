// cookie.h: DNS Cookies (RFC 7873) with the interoperable server cookie
// of RFC 9018, so that servers of other makes behind one anycast address
// (sharing the secret) accept each other's cookies.  A client that
// returns a server cookie of ours has shown it receives what is sent to
// its address: it cannot be a forged source, and may be answered in full
// when the rate limiter (rrl.h) would not.
//
//   option value  client cookie (8) | server cookie (16)
//   server cookie version (1) = 1 | reserved (3) = 0 | timestamp (4) |
//                 hash (8) = SipHash-2-4(secret, client cookie | version |
//                 reserved | timestamp | client address (4 or 16 bytes))
//
// Pure: the time is a parameter (seconds since 1970, mod 2^32, compared
// in serial-number arithmetic, RFC 1982), the secret is the caller's.
// No allocation.
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>

#include "libnet/addr.h"
#include "libnet/wire.h"
#include "siphash.h"

namespace named {

inline constexpr std::size_t client_cookie_len = 8;
inline constexpr std::size_t server_cookie_len = 16;	// version 1
inline constexpr std::size_t cookie_len = client_cookie_len +
    server_cookie_len;

// RFC 9018 section 4.3: a cookie older than this is renewed, one older
// than the lifetime or further ahead than the skew is not accepted.
inline constexpr std::uint32_t cookie_renew_after = 1800;
inline constexpr std::uint32_t cookie_lifetime = 3600;
inline constexpr std::uint32_t cookie_max_skew = 300;

using cookie_secret = siphash_key;

struct cookie_config {
	// false: the COOKIE option is ignored as an unknown one would be.
	bool enabled = true;
	// true: a UDP query with a client cookie but no valid server cookie
	// gets BADCOOKIE and a fresh cookie instead of an answer (RFC 7873
	// 5.2.3's second choice, BIND's require-server-cookie).  TCP is
	// always answered: the handshake has shown the address.
	bool require = false;
	cookie_secret secret{};			// makes and checks
	std::optional<cookie_secret> previous;	// still checks (rollover)
};

// The time a cookie carries for t.
std::uint32_t cookie_time(std::chrono::system_clock::time_point t);

using server_cookie = std::array<std::uint8_t, server_cookie_len>;

// The server cookie for a client cookie from client at now (reserved
// bytes zero).  An IPv4-mapped IPv6 client is hashed as IPv4: a
// dual-stack socket must give the cookie another server computes.
server_cookie make_server_cookie(const std::uint8_t *client_cookie,
    const net::address &client, std::uint32_t now,
    const cookie_secret &secret);

enum class cookie_check {
	valid,		// ours, fresh: echo it
	renew,		// ours, older than half an hour or made with the
			// previous secret: answer with a new one
	invalid,	// not ours: wrong length, version or hash
	expired,	// ours once, but over an hour old or from the future
};

// Checks a received COOKIE option value (client and server cookie)
// against the current secret, then the previous one.
cookie_check check_cookie(net::bytes_view value, const net::address &client,
    std::uint32_t now, const cookie_config &cfg);

enum class cookie_action {
	none,		// no cookie to send (none asked, or cookies off)
	answer,		// answer, with option() in the OPT record
	badcookie,	// rcode BADCOOKIE (23), option() in the OPT record, no
			// answer (RFC 7873 5.2.3)
	formerr,	// a COOKIE of a length RFC 7873 5.2.2 forbids
};

enum class cookie_status {
	none,		// no COOKIE option
	client_only,	// a client cookie alone
	valid,		// as cookie_check
	renew,
	invalid,
	expired,
	malformed,
};

// What to do about a query's COOKIE option, and the option for the
// response.
struct cookie_reply {
	cookie_action action = cookie_action::none;
	cookie_status status = cookie_status::none;
	// 4 bytes of option header, then the 24 of the value.
	std::array<std::uint8_t, 4 + cookie_len> opt{};
	std::uint8_t opt_len = 0;

	// The client returned a server cookie of ours: its address is
	// real (rate limiting may let it through).
	bool verified() const
	{
		return status == cookie_status::valid ||
		    status == cookie_status::renew;
	}

	// The COOKIE option (code 10) in wire form, for
	// response_opt::options; empty when there is none.
	net::bytes_view option() const { return {opt.data(), opt_len}; }
};

// RFC 7873 section 5.2: value is the query's COOKIE option value, empty
// when it had none.  Only a client cookie, or a server cookie that is not
// valid: a fresh cookie, with an answer (BADCOOKIE over UDP when cfg
// requires cookies).  A valid server cookie: an answer with it echoed, or
// renewed when due.
cookie_reply answer_cookie(const cookie_config &cfg, net::bytes_view value,
    const net::address &client, bool tcp, std::uint32_t now);

} // namespace named
