// DNS cookies: RFC 9018 Appendix A's exchanges reproduced byte for byte,
// the ages of section 4.3, RFC 7873 section 5.2's choices, and cookies of
// every wrong shape.
#include <cstdint>
#include <string>
#include <vector>

#include "cookie.h"
#include "hexbytes.h"

#include <CppUTest/TestHarness.h>

using fixture::hex;
using fixture::unhex;

namespace {

named::cookie_secret
secret_of(const char *h)
{
	auto b = unhex(h);
	named::cookie_secret s{};
	std::copy(b.begin(), b.end(), s.begin());
	return s;
}

net::address
addr(const char *s)
{
	return *net::address::parse(s);
}

const char *const secret1 = "e5e973e5a6b2a43f48e7dc849e37bfcf";
const char *const secret_old = "dd3bdf9344b678b185a6f5cb60fca715";
const char *const secret_new = "445536bcd2513298075a5d379663c962";

named::cookie_config
config(const char *secret)
{
	named::cookie_config c;
	c.secret = secret_of(secret);
	return c;
}

// The option value a reply carries, in hex.
std::string
value_of(const named::cookie_reply &r)
{
	auto o = r.option();
	if (o.size() < 4)
		return "";
	CHECK_EQUAL(0, o[0]);
	CHECK_EQUAL(10, o[1]);	// COOKIE
	CHECK_EQUAL(o.size() - 4, static_cast<std::size_t>(o[2] << 8 | o[3]));
	return hex(o.subspan(4));
}

named::cookie_reply
ask(const named::cookie_config &c, const char *value, const char *client,
    std::uint32_t now, bool tcp = false)
{
	auto v = unhex(value);
	return named::answer_cookie(c, v, addr(client), tcp, now);
}

} // namespace

TEST_GROUP(cookie){};

// A.1: a client cookie alone gets a new server cookie.
TEST(cookie, rfc9018_a1_learning_a_new_server_cookie)
{
	auto cc = unhex("2464c4abcf10c957");
	auto sc = named::make_server_cookie(cc.data(), addr("198.51.100.100"),
	    1559731985, secret_of(secret1));
	STRCMP_EQUAL("010000005cf79f111f8130c3eee29480", hex(sc).c_str());

	auto r = ask(config(secret1), "2464c4abcf10c957", "198.51.100.100",
	    1559731985);
	CHECK(r.action == named::cookie_action::answer);
	CHECK(r.status == named::cookie_status::client_only);
	CHECK(!r.verified());
	STRCMP_EQUAL("2464c4abcf10c957010000005cf79f111f8130c3eee29480",
	    value_of(r).c_str());
}

// A.2: forty minutes later the cookie is good but due for renewal.
TEST(cookie, rfc9018_a2_a_renewed_server_cookie)
{
	const char *q = "2464c4abcf10c957010000005cf79f111f8130c3eee29480";
	auto c = config(secret1);
	CHECK(named::check_cookie(unhex(q), addr("198.51.100.100"),
	    1559734385, c) == named::cookie_check::renew);
	auto r = ask(c, q, "198.51.100.100", 1559734385);
	CHECK(r.action == named::cookie_action::answer);
	CHECK(r.status == named::cookie_status::renew);
	CHECK(r.verified());
	STRCMP_EQUAL("2464c4abcf10c957010000005cf7a871d4a564a1442aca77",
	    value_of(r).c_str());
}

// A.3: another server set reserved bytes; they are hashed as received.
// The cookie was good when made, and an hour and 52 minutes later it has
// expired: the reply carries a fresh one, reserved bytes zero.
TEST(cookie, rfc9018_a3_another_client_and_reserved_bytes)
{
	const char *q = "fc93fc62807ddb8601abcdef5cf78f71a314227b6679ebf5";
	auto c = config(secret1);
	CHECK(named::check_cookie(unhex(q), addr("203.0.113.203"),
	    0x5cf78f71, c) == named::cookie_check::valid);
	CHECK(named::check_cookie(unhex(q), addr("203.0.113.204"),
	    0x5cf78f71, c) == named::cookie_check::invalid);
	auto r = ask(c, q, "203.0.113.203", 1559734700);
	CHECK(r.status == named::cookie_status::expired);
	CHECK(r.action == named::cookie_action::answer);
	STRCMP_EQUAL("fc93fc62807ddb86010000005cf7a9acf73a7810aca2381e",
	    value_of(r).c_str());
}

// A.4: an IPv6 client returns a cookie made with the secret before the
// rollover; it is still accepted, and renewed under the new one.
TEST(cookie, rfc9018_a4_ipv6_after_a_secret_rollover)
{
	const char *q = "22681ab97d52c298010000005cf7c57926556bd0934c72f8";
	const char *client = "2001:db8:220:1:59de:d0f4:8769:82b8";
	auto old = config(secret_old);
	CHECK(named::check_cookie(unhex(q), addr(client), 1559741961, old) ==
	    named::cookie_check::valid);

	auto c = config(secret_new);
	c.previous = secret_of(secret_old);
	auto r = ask(c, q, client, 1559741961);
	CHECK(r.status == named::cookie_status::renew);
	CHECK(r.verified());
	STRCMP_EQUAL("22681ab97d52c298010000005cf7c609a6bb79d16625507a",
	    value_of(r).c_str());

	// Without the old secret it is just not ours; the reply is the same.
	auto n = ask(config(secret_new), q, client, 1559741961);
	CHECK(n.status == named::cookie_status::invalid);
	CHECK(!n.verified());
	STRCMP_EQUAL("22681ab97d52c298010000005cf7c609a6bb79d16625507a",
	    value_of(n).c_str());
}

// A fresh cookie is echoed as received, not replaced (RFC 9018 4.3).
TEST(cookie, a_valid_cookie_is_echoed)
{
	auto c = config(secret1);
	const char *q = "2464c4abcf10c957010000005cf79f111f8130c3eee29480";
	auto r = ask(c, q, "198.51.100.100", 1559731985 + 60);
	CHECK(r.status == named::cookie_status::valid);
	CHECK(r.action == named::cookie_action::answer);
	STRCMP_EQUAL(q, value_of(r).c_str());
}

TEST(cookie, ages_of_section_4_3)
{
	auto c = config(secret1);
	auto client = addr("192.0.2.7");
	auto cc = unhex("0102030405060708");
	auto at = [&](std::uint32_t made, std::uint32_t now) {
		auto sc = named::make_server_cookie(cc.data(), client, made,
		    c.secret);
		std::vector<std::uint8_t> v(cc);
		v.insert(v.end(), sc.begin(), sc.end());
		return named::check_cookie(v, client, now, c);
	};
	using k = named::cookie_check;
	const std::uint32_t t = 1700000000;
	CHECK(at(t, t) == k::valid);
	CHECK(at(t, t + 1800) == k::valid);
	CHECK(at(t, t + 1801) == k::renew);
	CHECK(at(t, t + 3600) == k::renew);
	CHECK(at(t, t + 3601) == k::expired);
	CHECK(at(t, t + 0x7fffffffu) == k::expired);
	// The client's clock, or ours, going backwards: five minutes of
	// skew are allowed, no more.
	CHECK(at(t + 300, t) == k::valid);
	CHECK(at(t + 301, t) == k::expired);
	CHECK(at(t + 0x80000000u, t) == k::expired);
	// Across the wrap of the 32-bit stamp (2106).
	CHECK(at(0xffffff00u, 0x00000100u) == k::valid);
	CHECK(at(0xfffff800u, 0x00000400u) == k::renew);
	CHECK(at(0xfffff000u, 0x00000800u) == k::expired);
	CHECK(at(0x00000020u, 0xffffff80u) == k::valid);
	CHECK(at(0x00000100u, 0xffffff00u) == k::expired);
}

TEST(cookie, not_ours)
{
	auto c = config(secret1);
	auto client = addr("198.51.100.100");
	const std::string good =
	    "2464c4abcf10c957010000005cf79f111f8130c3eee29480";
	const std::uint32_t now = 1559731985;
	using k = named::cookie_check;
	CHECK(named::check_cookie(unhex(good), client, now, c) == k::valid);
	// Each byte after the client cookie changed in turn: the version,
	// the reserved bytes (hashed), the stamp, the hash.
	for (std::size_t i = 8; i < 24; i++) {
		auto v = unhex(good);
		v[i] ^= 0x01;
		CHECK(named::check_cookie(v, client, now, c) == k::invalid);
	}
	// So is a changed client cookie, another address, another secret.
	auto v = unhex(good);
	v[0] ^= 0x80;
	CHECK(named::check_cookie(v, client, now, c) == k::invalid);
	CHECK(named::check_cookie(unhex(good), addr("198.51.100.101"), now,
	    c) == k::invalid);
	CHECK(named::check_cookie(unhex(good), client, now,
	    config(secret_new)) == k::invalid);
	// Server cookies of other lengths are other servers' (8 to 32).
	for (std::size_t n : {0u, 8u, 16u, 23u, 25u, 40u, 64u}) {
		std::vector<std::uint8_t> w(n, 0x01);
		CHECK(named::check_cookie(w, client, now, c) == k::invalid);
	}
}

// An IPv4 client on a dual-stack socket is seen as ::ffff:a.b.c.d; its
// cookie must be the one an IPv4 socket (or another server) makes.
TEST(cookie, mapped_ipv4_hashes_as_ipv4)
{
	auto cc = unhex("2464c4abcf10c957");
	auto s = secret_of(secret1);
	CHECK(named::make_server_cookie(cc.data(), addr("198.51.100.100"),
	    1559731985, s) == named::make_server_cookie(cc.data(),
	    addr("::ffff:198.51.100.100"), 1559731985, s));
}

TEST(cookie, wrong_lengths_are_formerr)
{
	auto c = config(secret1);
	for (std::size_t n : {1u, 7u, 9u, 15u, 41u, 100u}) {
		std::vector<std::uint8_t> v(n, 0xaa);
		auto r = named::answer_cookie(c, v, addr("192.0.2.1"), false,
		    1000);
		CHECK(r.action == named::cookie_action::formerr);
		CHECK(r.status == named::cookie_status::malformed);
		CHECK_EQUAL(0u, r.option().size());
	}
	// The lengths allowed all answer, with a fresh cookie.
	for (std::size_t n : {8u, 16u, 24u, 32u, 40u}) {
		std::vector<std::uint8_t> v(n, 0xaa);
		auto r = named::answer_cookie(c, v, addr("192.0.2.1"), false,
		    1000);
		CHECK(r.action == named::cookie_action::answer);
		CHECK_EQUAL(28u, r.option().size());
		CHECK(std::equal(v.begin(), v.begin() + 8,
		    r.option().begin() + 4));
	}
}

TEST(cookie, no_option_or_cookies_off)
{
	auto c = config(secret1);
	auto none = named::answer_cookie(c, {}, addr("192.0.2.1"), false, 1);
	CHECK(none.action == named::cookie_action::none);
	CHECK(none.status == named::cookie_status::none);
	CHECK_EQUAL(0u, none.option().size());
	c.enabled = false;
	c.require = true;
	auto off = ask(c, "2464c4abcf10c957", "192.0.2.1", 1);
	CHECK(off.action == named::cookie_action::none);
	CHECK_EQUAL(0u, off.option().size());
}

// require: over UDP, only a valid server cookie gets an answer; the rest
// get BADCOOKIE with the cookie to come back with.  TCP is answered.
TEST(cookie, required_cookies)
{
	auto c = config(secret1);
	c.require = true;
	const char *client = "198.51.100.100";
	auto r = ask(c, "2464c4abcf10c957", client, 1559731985);
	CHECK(r.action == named::cookie_action::badcookie);
	STRCMP_EQUAL("2464c4abcf10c957010000005cf79f111f8130c3eee29480",
	    value_of(r).c_str());
	CHECK(ask(c, "2464c4abcf10c957", client, 1559731985, true).action ==
	    named::cookie_action::answer);

	// Coming back with it: answered.
	const char *back = "2464c4abcf10c957010000005cf79f111f8130c3eee29480";
	CHECK(ask(c, back, client, 1559731985 + 5).action ==
	    named::cookie_action::answer);
	// Due for renewal is still valid: answered, with the new one.
	CHECK(ask(c, back, client, 1559734385).action ==
	    named::cookie_action::answer);
	// Expired, or from elsewhere: BADCOOKIE again.
	CHECK(ask(c, back, client, 1559731985 + 3601).action ==
	    named::cookie_action::badcookie);
	CHECK(ask(c, back, "198.51.100.1", 1559731985).action ==
	    named::cookie_action::badcookie);
}

TEST(cookie, time_from_the_clock)
{
	using namespace std::chrono;
	CHECK_EQUAL(1559731985u, named::cookie_time(system_clock::time_point(
	    seconds(1559731985))));
	// 2106 and after wrap, as the field does.
	CHECK_EQUAL(5u, named::cookie_time(system_clock::time_point(
	    seconds(0x100000005LL))));
}
