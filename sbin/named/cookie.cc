// cookie.cc: RFC 7873 and RFC 9018 server cookies.
#include "cookie.h"

#include <cstring>

namespace named {

namespace {

constexpr std::uint8_t version = 1;
constexpr std::uint16_t option_code = 10;	// COOKIE

// The hash of RFC 9018 section 4.4 over the eight bytes of version,
// reserved and timestamp as they stand in the cookie.
std::uint64_t
cookie_hash(const std::uint8_t *client_cookie, const std::uint8_t *head,
    const net::address &client, const cookie_secret &secret)
{
	net::address a = client.unmapped();
	siphash24_stream s(secret);
	s.update({client_cookie, client_cookie_len});
	s.update({head, 8});
	s.update({a.bytes(), a.size()});
	return s.finish();
}

void
put32(std::uint8_t *p, std::uint32_t v)
{
	p[0] = static_cast<std::uint8_t>(v >> 24);
	p[1] = static_cast<std::uint8_t>(v >> 16);
	p[2] = static_cast<std::uint8_t>(v >> 8);
	p[3] = static_cast<std::uint8_t>(v);
}

std::uint32_t
get32(const std::uint8_t *p)
{
	return static_cast<std::uint32_t>(p[0]) << 24 |
	    static_cast<std::uint32_t>(p[1]) << 16 |
	    static_cast<std::uint32_t>(p[2]) << 8 | p[3];
}

// True when the hash in cookie (client and server parts) is the one
// secret gives.  Compared in full whatever the first difference: the
// time taken says nothing about how much of a guess was right.
bool
hash_matches(const std::uint8_t *cookie, const net::address &client,
    const cookie_secret &secret)
{
	auto want = siphash_bytes(cookie_hash(cookie,
	    cookie + client_cookie_len, client, secret));
	std::uint8_t diff = 0;
	for (unsigned i = 0; i < 8; i++)
		diff |= want[i] ^ cookie[client_cookie_len + 8 + i];
	return diff == 0;
}

void
put_option(cookie_reply &r, const std::uint8_t *client_cookie,
    const std::uint8_t *server, std::size_t server_len)
{
	std::size_t len = client_cookie_len + server_len;
	r.opt[0] = option_code >> 8;
	r.opt[1] = option_code & 0xff;
	r.opt[2] = static_cast<std::uint8_t>(len >> 8);
	r.opt[3] = static_cast<std::uint8_t>(len);
	std::memcpy(r.opt.data() + 4, client_cookie, client_cookie_len);
	std::memcpy(r.opt.data() + 4 + client_cookie_len, server, server_len);
	r.opt_len = static_cast<std::uint8_t>(4 + len);
}

} // namespace

std::uint32_t
cookie_time(std::chrono::system_clock::time_point t)
{
	auto s = std::chrono::duration_cast<std::chrono::seconds>(
	    t.time_since_epoch()).count();
	return static_cast<std::uint32_t>(s);
}

server_cookie
make_server_cookie(const std::uint8_t *client_cookie,
    const net::address &client, std::uint32_t now,
    const cookie_secret &secret)
{
	server_cookie sc{};
	sc[0] = version;
	put32(sc.data() + 4, now);
	auto h = siphash_bytes(cookie_hash(client_cookie, sc.data(), client,
	    secret));
	std::memcpy(sc.data() + 8, h.data(), h.size());
	return sc;
}

cookie_check
check_cookie(net::bytes_view value, const net::address &client,
    std::uint32_t now, const cookie_config &cfg)
{
	// Other lengths and versions are other servers' (RFC 7873 allows
	// 8 to 32 bytes of server cookie): not ours, not malformed.
	if (value.size() != cookie_len ||
	    value[client_cookie_len] != version)
		return cookie_check::invalid;
	const std::uint8_t *c = value.data();
	bool current = hash_matches(c, client, cfg.secret);
	if (!current && !(cfg.previous &&
	    hash_matches(c, client, *cfg.previous)))
		return cookie_check::invalid;
	// Serial-number arithmetic: the 32-bit stamp wraps in 2106.
	std::uint32_t stamp = get32(c + client_cookie_len + 4);
	std::int64_t age = static_cast<std::int32_t>(now - stamp);
	if (age > static_cast<std::int64_t>(cookie_lifetime) ||
	    -age > static_cast<std::int64_t>(cookie_max_skew))
		return cookie_check::expired;
	if (!current || age > static_cast<std::int64_t>(cookie_renew_after))
		return cookie_check::renew;
	return cookie_check::valid;
}

cookie_reply
answer_cookie(const cookie_config &cfg, net::bytes_view value,
    const net::address &client, bool tcp, std::uint32_t now)
{
	cookie_reply r;
	if (!cfg.enabled || value.empty())
		return r;
	std::size_t n = value.size();
	if (n != client_cookie_len && (n < 16 || n > 40)) {
		r.status = cookie_status::malformed;
		r.action = cookie_action::formerr;
		return r;
	}
	if (n == client_cookie_len) {
		r.status = cookie_status::client_only;
	} else {
		switch (check_cookie(value, client, now, cfg)) {
		case cookie_check::valid:
			r.status = cookie_status::valid;
			put_option(r, value.data(),
			    value.data() + client_cookie_len,
			    server_cookie_len);
			r.action = cookie_action::answer;
			return r;
		case cookie_check::renew:
			r.status = cookie_status::renew;
			break;
		case cookie_check::invalid:
			r.status = cookie_status::invalid;
			break;
		case cookie_check::expired:
			r.status = cookie_status::expired;
			break;
		}
	}
	server_cookie sc = make_server_cookie(value.data(), client, now,
	    cfg.secret);
	put_option(r, value.data(), sc.data(), sc.size());
	r.action = cfg.require && !tcp && !r.verified() ?
	    cookie_action::badcookie : cookie_action::answer;
	return r;
}

} // namespace named
