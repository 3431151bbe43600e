// Fuzz target: DNS cookies (RFC 7873, RFC 9018) on hostile option values,
// clients, times and secrets.  Properties: a length RFC 7873 5.2.2
// forbids is FORMERR and nothing else is; a reply's option is COOKIE,
// 24 bytes, the client cookie echoed; a valid cookie is echoed as it
// came; BADCOOKIE only when required, over UDP, without a valid cookie;
// and the cookie a reply carries is valid when it comes back from the
// same client at the same time, and not from another.
//
// Input: flags (1: require, 2: TCP, 4: a previous secret, 8: IPv6
// client, 16: cookies off), the time (4), the client (16), the secret
// (16), the previous secret (16), then the option value.
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "cookie.h"

namespace {

constexpr std::size_t head = 1 + 4 + 16 + 16 + 16;

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
	if (size < head)
		return 0;
	std::uint8_t flags = data[0];
	std::uint32_t now;
	std::memcpy(&now, data + 1, 4);
	net::address client = flags & 8 ? net::address::v6(data + 5) :
	    net::address::v4(static_cast<std::uint32_t>(data[5]) << 24 |
	    data[6] << 16 | data[7] << 8 | data[8]);
	named::cookie_config cfg;
	cfg.require = flags & 1;
	cfg.enabled = !(flags & 16);
	std::memcpy(cfg.secret.data(), data + 21, 16);
	if (flags & 4) {
		cfg.previous.emplace();
		std::memcpy(cfg.previous->data(), data + 37, 16);
	}
	bool tcp = flags & 2;
	net::bytes_view value(data + head, size - head);

	auto r = named::answer_cookie(cfg, value, client, tcp, now);
	std::size_t n = value.size();
	bool allowed = n == 8 || (n >= 16 && n <= 40);
	if (!cfg.enabled || n == 0) {
		if (r.action != named::cookie_action::none ||
		    r.option().size() != 0)
			__builtin_trap();
		return 0;
	}
	if ((r.action == named::cookie_action::formerr) != !allowed)
		__builtin_trap();
	if (!allowed)
		return 0;
	auto o = r.option();
	if (o.size() != 28 || o[0] != 0 || o[1] != 10 || o[2] != 0 ||
	    o[3] != 24 || std::memcmp(o.data() + 4, value.data(), 8) != 0)
		__builtin_trap();
	if (r.status == named::cookie_status::valid &&
	    (n != 24 || std::memcmp(o.data() + 4, value.data(), 24) != 0))
		__builtin_trap();
	bool bad = cfg.require && !tcp && !r.verified();
	if ((r.action == named::cookie_action::badcookie) != bad)
		__builtin_trap();
	if (!bad && r.action != named::cookie_action::answer)
		__builtin_trap();

	// What we sent, coming back.
	net::bytes_view sent = o.subspan(4);
	if (named::check_cookie(sent, client, now, cfg) !=
	    named::cookie_check::valid &&
	    r.status != named::cookie_status::valid)
		__builtin_trap();
	std::uint8_t other[16];
	std::memcpy(other, client.bytes(), client.size());
	other[client.size() - 1] ^= 1;
	net::address elsewhere = client.is_v4() ? net::address::v4(
	    static_cast<std::uint32_t>(other[0]) << 24 | other[1] << 16 |
	    other[2] << 8 | other[3]) : net::address::v6(other);
	if (r.status != named::cookie_status::valid &&
	    named::check_cookie(sent, elsewhere, now, cfg) ==
	    named::cookie_check::valid)
		__builtin_trap();
	return 0;
}
