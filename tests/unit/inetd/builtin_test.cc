#include <algorithm>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include "builtin.h"
#include "env.h"

#include <CppUTest/TestHarness.h>

TEST_GROUP(builtin){};

TEST(builtin, names)
{
	CHECK(inetd::builtin_by_name("chargen") == inetd::builtin_kind::chargen);
	CHECK(!inetd::builtin_by_name("qotd").has_value());
	STRCMP_EQUAL("daytime", inetd::builtin_name(inetd::builtin_kind::daytime));
}

TEST(builtin, chargen_follows_rfc_864_across_chunks)
{
	std::string once, pieces;
	std::uint64_t p1 = 0, p2 = 0;
	inetd::chargen_fill(once, 74 * 97, &p1);
	while (pieces.size() < once.size())
		inetd::chargen_fill(pieces,
		    std::min<std::size_t>(13, once.size() - pieces.size()), &p2);
	CHECK(once == pieces);
	STRCMP_EQUAL(" !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRS"
		     "TUVWXYZ[\\]^_`abcdefg\r\n",
	    once.substr(0, 74).c_str());
	STRCMP_EQUAL("!\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRST"
		     "UVWXYZ[\\]^_`abcdefgh\r\n",
	    once.substr(74, 74).c_str());
	// After 95 lines the pattern starts again.
	CHECK(once.substr(95 * 74, 74) == once.substr(0, 74));
	for (std::size_t i = 0; i < once.size(); i++) {
		char c = once[i];
		CHECK((c >= ' ' && c <= '~') || c == '\r' || c == '\n');
	}
}

TEST(builtin, daytime_and_time)
{
	setenv("TZ", "UTC", 1);
	tzset();
	STRCMP_EQUAL("Sun Nov 22 10:00:00 2026\r\n",
	    inetd::daytime_text(1795341600).c_str());
	std::string t = inetd::time_bytes(0);
	LONGS_EQUAL(4, t.size());
	// 1970-01-01 is 2208988800 seconds after 1900-01-01: 0x83AA7E80.
	LONGS_EQUAL(0x83, static_cast<unsigned char>(t[0]));
	LONGS_EQUAL(0xAA, static_cast<unsigned char>(t[1]));
	LONGS_EQUAL(0x7E, static_cast<unsigned char>(t[2]));
	LONGS_EQUAL(0x80, static_cast<unsigned char>(t[3]));
	// 2036-02-07 06:28:16 UTC: the 32-bit field wraps to 0.
	std::string wrap = inetd::time_bytes(2085978496);
	CHECK(wrap == std::string(4, '\0'));
}

TEST(builtin, udp_loop_guard)
{
	std::set<std::uint16_t> internal{10007, 10019};
	CHECK(inetd::udp_reply_allowed(40000, internal));
	CHECK(inetd::udp_reply_allowed(1024, internal));
	CHECK_FALSE(inetd::udp_reply_allowed(1023, internal));
	CHECK_FALSE(inetd::udp_reply_allowed(7, internal));
	CHECK_FALSE(inetd::udp_reply_allowed(19, internal));
	CHECK_FALSE(inetd::udp_reply_allowed(0, internal));
	CHECK_FALSE(inetd::udp_reply_allowed(10019, internal));
}

TEST_GROUP(env){};

namespace {

// The environment without what a sanitizer build hands on (make check
// SANITIZE=1 runs with ASAN_OPTIONS and UBSAN_OPTIONS set).
std::vector<std::string>
laundered(const net::user_info &u, const std::optional<inetd::peer_info> &p,
    const char *tz)
{
	auto env = inetd::child_environment(u, p, tz);
	std::erase_if(env, [](const std::string &e) {
		return e.starts_with("ASAN_OPTIONS=") ||
		    e.starts_with("UBSAN_OPTIONS=") ||
		    e.starts_with("LSAN_OPTIONS=");
	});
	return env;
}

} // namespace

TEST(env, laundered_with_peer_information)
{
	net::user_info u;
	u.name = "nobody";
	u.home = "/nonexistent";
	u.shell = "/usr/sbin/nologin";
	inetd::peer_info p{*net::endpoint::parse("[::ffff:192.0.2.7]:4000"),
	    *net::endpoint::parse("[::ffff:192.0.2.1]:23"), false};
	auto env = laundered(u, p, "Europe/Paris");
	std::vector<std::string> want = {
	    "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
	    "HOME=/nonexistent", "USER=nobody", "LOGNAME=nobody",
	    "SHELL=/usr/sbin/nologin", "TZ=Europe/Paris",
	    "REMOTE_ADDR=192.0.2.7", "REMOTE_PORT=4000", "PROTO=TCP",
	    "TCPREMOTEIP=192.0.2.7", "TCPREMOTEPORT=4000",
	    "TCPLOCALIP=192.0.2.1", "TCPLOCALPORT=23"};
	CHECK(env == want);
	inetd::peer_info q{*net::endpoint::parse("[2001:db8::7]:5"),
	    *net::endpoint::parse("[2001:db8::1]:7"), true};
	auto env6 = laundered(u, q, nullptr);
	std::vector<std::string> want6 = {
	    "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
	    "HOME=/nonexistent", "USER=nobody", "LOGNAME=nobody",
	    "SHELL=/usr/sbin/nologin", "REMOTE_ADDR=2001:db8::7",
	    "REMOTE_PORT=5", "PROTO=UDP6", "UDPREMOTEIP=2001:db8::7",
	    "UDPREMOTEPORT=5", "UDPLOCALIP=2001:db8::1", "UDPLOCALPORT=7"};
	CHECK(env6 == want6);
	auto bare = laundered(u, std::nullopt, "");
	LONGS_EQUAL(5, bare.size());
}

// Only a sanitizer build passes its sanitizers' settings on, so that the
// reports of a server under inetd reach the test harness; a real build
// hands nothing of inetd's environment but TZ to a child.
TEST(env, sanitizer_options_only_in_sanitizer_builds)
{
	const char *old = std::getenv("ASAN_OPTIONS");
	std::string saved = old ? old : "";
	setenv("ASAN_OPTIONS", "log_path=/nonexistent/asan", 1);
	net::user_info u;
	u.name = "nobody";
	auto env = inetd::child_environment(u, std::nullopt, nullptr);
	if (old)
		setenv("ASAN_OPTIONS", saved.c_str(), 1);
	else
		unsetenv("ASAN_OPTIONS");
	bool kept = std::find(env.begin(), env.end(),
			"ASAN_OPTIONS=log_path=/nonexistent/asan") != env.end();
#if defined(__SANITIZE_ADDRESS__)
	CHECK(kept);
#else
	CHECK_FALSE(kept);
#endif
}
