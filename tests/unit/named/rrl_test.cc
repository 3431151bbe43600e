// Response rate limiting: the verdict sequences (a burst then the limit,
// slip every Nth, the window's debt, credit over time), what makes two
// responses one account, exemptions, the report, and hostile use: zero
// prefixes, a table under a flood of forged sources, time going
// backwards, several threads at once, no allocation.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include "libnet/dns_name.h"
#include "rrl.h"

#include <CppUTest/PlatformSpecificFunctions_c.h>

#include <CppUTest/TestHarness.h>

namespace {

using named::rrl_kind;
using named::rrl_verdict;
using clock_t_ = std::chrono::steady_clock;
using std::chrono::milliseconds;
using std::chrono::seconds;

const clock_t_::time_point t0 = clock_t_::time_point(seconds(1000));

named::siphash_key
key()
{
	named::siphash_key k{};
	k[0] = 42;
	return k;
}

net::address
addr(const std::string &s)
{
	return *net::address::parse(s);
}

std::vector<std::uint8_t>
wire(const char *name)
{
	auto n = net::dns::name::from_text(name);
	auto w = n->wire();
	return std::vector<std::uint8_t>(w.begin(), w.end());
}

const std::vector<std::uint8_t> www = wire("www.example.test.");

// The verdicts of n answers for www/A to client at t, as a string:
// s(end), t(runcated), d(ropped).
std::string
verdicts(named::rrl &r, unsigned n, clock_t_::time_point t,
    const char *client = "192.0.2.1", rrl_kind kind = rrl_kind::answer,
    const std::vector<std::uint8_t> &name = www, std::uint16_t qtype = 1)
{
	std::string s;
	for (unsigned i = 0; i < n; i++)
		switch (r.check(addr(client), kind, name, qtype, t)) {
		case rrl_verdict::send:
			s += 's';
			break;
		case rrl_verdict::slip:
			s += 't';
			break;
		case rrl_verdict::drop:
			s += 'd';
			break;
		}
	return s;
}

named::rrl_config
rate(unsigned rps, unsigned slip = 0)
{
	named::rrl_config c;
	c.responses_per_second = rps;
	c.slip = slip;
	return c;
}

} // namespace

TEST_GROUP(rrl){};

TEST(rrl, off_by_default)
{
	named::rrl r(named::rrl_config{}, key());
	CHECK(!r.enabled());
	STRCMP_EQUAL(std::string(1000, 's').c_str(),
	    verdicts(r, 1000, t0).c_str());
	CHECK_EQUAL(0u, r.size());
}

// A new account holds a second's credit: rate responses at once, then
// none until it is earned.
TEST(rrl, burst_then_limit)
{
	named::rrl r(rate(5), key());
	CHECK(r.enabled());
	STRCMP_EQUAL("sssssddddd", verdicts(r, 10, t0).c_str());
	CHECK_EQUAL(5u, r.total_dropped());
	CHECK_EQUAL(0u, r.total_slipped());
}

TEST(rrl, credit_is_earned_at_the_rate)
{
	named::rrl r(rate(5), key());
	STRCMP_EQUAL("sssss", verdicts(r, 5, t0).c_str());
	// One credit each fifth of a second.
	STRCMP_EQUAL("sd", verdicts(r, 2, t0 + milliseconds(200)).c_str());
	named::rrl q(rate(5), key());
	STRCMP_EQUAL("sssss", verdicts(q, 5, t0).c_str());
	STRCMP_EQUAL("d", verdicts(q, 1, t0 + milliseconds(199)).c_str());
	// A second's credit at most, however long the wait.
	named::rrl p(rate(5), key());
	STRCMP_EQUAL("sssss", verdicts(p, 5, t0).c_str());
	STRCMP_EQUAL("sssssd", verdicts(p, 6, t0 + seconds(100)).c_str());
}

TEST(rrl, slip_every_nth)
{
	named::rrl s1(rate(2, 1), key());
	STRCMP_EQUAL("sstttttt", verdicts(s1, 8, t0).c_str());
	named::rrl s2(rate(2, 2), key());
	STRCMP_EQUAL("sstdtdtdt", verdicts(s2, 9, t0).c_str());
	named::rrl s3(rate(2, 3), key());
	STRCMP_EQUAL("sstddtddtd", verdicts(s3, 10, t0).c_str());
	named::rrl s0(rate(2, 0), key());
	STRCMP_EQUAL("ssdddddd", verdicts(s0, 8, t0).c_str());
	CHECK_EQUAL(3u, s2.total_dropped());
	CHECK_EQUAL(4u, s2.total_slipped());
}

// After a credit is earned the slip count starts again: the first
// limited response of each run is the one truncated.
TEST(rrl, slip_count_starts_again_after_a_send)
{
	named::rrl r(rate(1, 3), key());
	STRCMP_EQUAL("std", verdicts(r, 3, t0).c_str());
	// 1 credit a second; three limited responses cost three seconds
	// of debt, paid at t0 + 4 s.
	STRCMP_EQUAL("std", verdicts(r, 3, t0 + seconds(5)).c_str());
}

// The window is the debt kept: a client that floods, then stops, is
// answered again after window seconds, not before.
TEST(rrl, window_is_the_time_to_recover)
{
	for (unsigned window : {1u, 5u, 15u}) {
		auto c = rate(2);
		c.window = window;
		named::rrl a(c, key()), b(c, key());
		STRCMP_EQUAL(("ss" + std::string(98, 'd')).c_str(),
		    verdicts(a, 100, t0).c_str());
		verdicts(b, 100, t0);
		// Half a second of credit is the next response's cost.
		auto early = t0 + seconds(window) - milliseconds(600);
		auto late = t0 + seconds(window) + milliseconds(500);
		STRCMP_EQUAL("d", verdicts(a, 1, early).c_str());
		STRCMP_EQUAL("s", verdicts(b, 1, late).c_str());
	}
}

// One account per (block, kind, name, and for answers the type).
TEST(rrl, what_is_one_account)
{
	auto c = rate(1);
	named::rrl r(c, key());
	auto other = wire("mail.example.test.");
	auto zone = wire("example.test.");
	auto zone2 = wire("other.test.");
	STRCMP_EQUAL("sd", verdicts(r, 2, t0).c_str());
	// Another type, another name: accounts of their own.
	STRCMP_EQUAL("sd", verdicts(r, 2, t0, "192.0.2.1", rrl_kind::answer, www,
	    28).c_str());
	STRCMP_EQUAL("sd", verdicts(r, 2, t0, "192.0.2.1", rrl_kind::answer,
	    other).c_str());
	// The same name in any case is the same account.
	STRCMP_EQUAL("d", verdicts(r, 1, t0, "192.0.2.1", rrl_kind::answer,
	    wire("WwW.ExAmPlE.TeSt.")).c_str());
	// NODATA: one account for the name, whatever the type.
	STRCMP_EQUAL("sd", verdicts(r, 2, t0, "192.0.2.1", rrl_kind::nodata, www,
	    15).c_str());
	STRCMP_EQUAL("d", verdicts(r, 1, t0, "192.0.2.1", rrl_kind::nodata, www,
	    16).c_str());
	// NXDOMAIN and referrals: by the zone or cut the caller gives.
	STRCMP_EQUAL("sd", verdicts(r, 2, t0, "192.0.2.1", rrl_kind::nxdomain,
	    zone).c_str());
	STRCMP_EQUAL("s", verdicts(r, 1, t0, "192.0.2.1", rrl_kind::nxdomain,
	    zone2).c_str());
	STRCMP_EQUAL("sd", verdicts(r, 2, t0, "192.0.2.1", rrl_kind::referral,
	    zone).c_str());
	// Errors: one account whatever the name.
	STRCMP_EQUAL("s", verdicts(r, 1, t0, "192.0.2.1", rrl_kind::error,
	    zone).c_str());
	STRCMP_EQUAL("d", verdicts(r, 1, t0, "192.0.2.1", rrl_kind::error,
	    other, 99).c_str());
}

TEST(rrl, rates_by_kind)
{
	auto c = rate(3);
	c.errors_per_second = 1;
	c.nxdomains_per_second = 0;	// not limited
	c.nodata_per_second = 2;
	named::rrl r(c, key());
	STRCMP_EQUAL("sssd", verdicts(r, 4, t0).c_str());
	STRCMP_EQUAL("sd", verdicts(r, 2, t0, "192.0.2.1",
	    rrl_kind::error).c_str());
	STRCMP_EQUAL("ssd", verdicts(r, 3, t0, "192.0.2.1",
	    rrl_kind::nodata).c_str());
	STRCMP_EQUAL(std::string(100, 's').c_str(), verdicts(r, 100, t0,
	    "192.0.2.1", rrl_kind::nxdomain).c_str());
	// The referral rate follows responses.
	STRCMP_EQUAL("sssd", verdicts(r, 4, t0, "192.0.2.1",
	    rrl_kind::referral).c_str());

	// Only errors limited.
	named::rrl_config e;
	e.errors_per_second = 1;
	e.slip = 0;
	named::rrl only(e, key());
	CHECK(only.enabled());
	STRCMP_EQUAL(std::string(20, 's').c_str(), verdicts(only, 20, t0).c_str());
	STRCMP_EQUAL("sd", verdicts(only, 2, t0, "192.0.2.1",
	    rrl_kind::error).c_str());
}

TEST(rrl, client_blocks)
{
	named::rrl r(rate(1), key());
	STRCMP_EQUAL("sd", verdicts(r, 2, t0, "192.0.2.1").c_str());
	// The same /24, also as a mapped address on a dual-stack socket.
	STRCMP_EQUAL("d", verdicts(r, 1, t0, "192.0.2.200").c_str());
	STRCMP_EQUAL("d", verdicts(r, 1, t0, "::ffff:192.0.2.9").c_str());
	STRCMP_EQUAL("s", verdicts(r, 1, t0, "192.0.3.1").c_str());
	// IPv6 by /56.
	STRCMP_EQUAL("sd", verdicts(r, 2, t0, "2001:db8:0:1::1").c_str());
	STRCMP_EQUAL("d", verdicts(r, 1, t0, "2001:db8:0:ff::2").c_str());
	STRCMP_EQUAL("s", verdicts(r, 1, t0, "2001:db8:0:100::1").c_str());
	// An IPv4 block is not the IPv6 block with the same bytes.
	STRCMP_EQUAL("s", verdicts(r, 1, t0, "c000:200::").c_str());
}

TEST(rrl, prefixes_zero_and_full)
{
	auto c = rate(1);
	c.ipv4_prefix = 0;
	c.ipv6_prefix = 0;
	named::rrl all(c, key());
	STRCMP_EQUAL("s", verdicts(all, 1, t0, "10.0.0.1").c_str());
	STRCMP_EQUAL("d", verdicts(all, 1, t0, "203.0.113.9").c_str());
	STRCMP_EQUAL("s", verdicts(all, 1, t0, "2001:db8::1").c_str());
	STRCMP_EQUAL("d", verdicts(all, 1, t0, "fe80::1%1").c_str());

	c.ipv4_prefix = 32;
	c.ipv6_prefix = 128;
	named::rrl each(c, key());
	STRCMP_EQUAL("sd", verdicts(each, 2, t0, "192.0.2.1").c_str());
	STRCMP_EQUAL("s", verdicts(each, 1, t0, "192.0.2.2").c_str());
	STRCMP_EQUAL("sd", verdicts(each, 2, t0, "2001:db8::1").c_str());
	STRCMP_EQUAL("s", verdicts(each, 1, t0, "2001:db8::2").c_str());

	// Out of range: clamped, and named by the check.
	c.ipv4_prefix = 99;
	c.ipv6_prefix = 999;
	STRCMP_EQUAL("ipv4-prefix must be 0 to 32", named::rrl_config_error(c));
	named::rrl clamped(c, key());
	STRCMP_EQUAL("sd", verdicts(clamped, 2, t0, "192.0.2.1").c_str());
	STRCMP_EQUAL("s", verdicts(clamped, 1, t0, "192.0.2.2").c_str());
}

TEST(rrl, config_errors)
{
	named::rrl_config c;
	CHECK(named::rrl_config_error(c) == nullptr);
	c.window = 0;
	STRCMP_EQUAL("window must be 1 to 3600 seconds",
	    named::rrl_config_error(c));
	c.window = 3601;
	CHECK(named::rrl_config_error(c) != nullptr);
	c = {};
	c.slip = 11;
	STRCMP_EQUAL("slip must be 0 to 10", named::rrl_config_error(c));
	c = {};
	c.table_size = 0;
	CHECK(named::rrl_config_error(c) != nullptr);
	c.ipv6_prefix = 129;
	c.table_size = 1;
	STRCMP_EQUAL("ipv6-prefix must be 0 to 128",
	    named::rrl_config_error(c));

	// Used anyway, clamped: a window of 0 is 1 (a second's debt at
	// most: answered again 2 s after the burst, not 1 s, not 3 s), a
	// table of 0 is 1.
	auto z = rate(1);
	z.window = 0;
	z.table_size = 0;
	named::rrl r(z, key()), q(z, key());
	STRCMP_EQUAL("sdd", verdicts(r, 3, t0).c_str());
	STRCMP_EQUAL("d", verdicts(r, 1, t0 + milliseconds(1900)).c_str());
	STRCMP_EQUAL("sdd", verdicts(q, 3, t0).c_str());
	STRCMP_EQUAL("s", verdicts(q, 1, t0 + seconds(2)).c_str());
	CHECK_EQUAL(1u, r.size());
	STRCMP_EQUAL("s", verdicts(r, 1, t0 + seconds(9), "192.0.3.1").c_str());
	CHECK_EQUAL(1u, r.size());
}

TEST(rrl, exempt_networks)
{
	auto c = rate(1);
	c.exempt = {*net::cidr::parse("192.0.2.0/25"),
	    *net::cidr::parse("2001:db8::/32")};
	named::rrl r(c, key());
	STRCMP_EQUAL(std::string(50, 's').c_str(),
	    verdicts(r, 50, t0, "192.0.2.1").c_str());
	STRCMP_EQUAL(std::string(50, 's').c_str(),
	    verdicts(r, 50, t0, "::ffff:192.0.2.100").c_str());
	STRCMP_EQUAL(std::string(50, 's').c_str(),
	    verdicts(r, 50, t0, "2001:db8:1::1").c_str());
	// The other half of the /24 is limited.
	STRCMP_EQUAL("sd", verdicts(r, 2, t0, "192.0.2.200").c_str());
	CHECK_EQUAL(1u, r.size());
}

TEST(rrl, log_only_counts_but_sends)
{
	auto c = rate(1, 2);
	c.log_only = true;
	named::rrl r(c, key());
	STRCMP_EQUAL("sssss", verdicts(r, 5, t0).c_str());
	CHECK_EQUAL(2u, r.total_dropped());
	CHECK_EQUAL(2u, r.total_slipped());
}

// Time earlier than seen counts as no time: no credit, no crash, and the
// account goes on when time does.
TEST(rrl, time_going_backwards)
{
	named::rrl r(rate(2), key());
	STRCMP_EQUAL("ssd", verdicts(r, 3, t0 + seconds(10)).c_str());
	STRCMP_EQUAL("ddd", verdicts(r, 3, t0).c_str());
	STRCMP_EQUAL("d", verdicts(r, 1, clock_t_::time_point{}).c_str());
	STRCMP_EQUAL("d", verdicts(r, 1, clock_t_::time_point::min()).c_str());
	// Eight asked at 2 a second, all at t0 + 10 s: credit again from
	// t0 + 14 s, counting the next one's cost.
	STRCMP_EQUAL("d", verdicts(r, 1, t0 + seconds(12)).c_str());
	STRCMP_EQUAL("s", verdicts(r, 1, t0 + seconds(14)).c_str());
	// The clock's far end: no overflow.
	named::rrl m(rate(2), key());
	auto end = clock_t_::time_point::max() - seconds(4000);
	STRCMP_EQUAL("ssd", verdicts(m, 3, end).c_str());
}

TEST(rrl, huge_rates)
{
	named::rrl r(rate(4000000000u), key());
	STRCMP_EQUAL(std::string(1000, 's').c_str(),
	    verdicts(r, 1000, t0).c_str());
}

// A flood from forged sources fills a small table, and no more; it pushes
// out its own accounts, not the busy one it keeps meeting.
TEST(rrl, table_under_pressure)
{
	auto c = rate(1);
	c.table_size = 4;
	named::rrl r(c, key());
	STRCMP_EQUAL("sd", verdicts(r, 2, t0, "198.51.100.1").c_str());
	for (unsigned i = 0; i < 10000; i++) {
		std::string a = "10." + std::to_string(i >> 8 & 255) + "." +
		    std::to_string(i & 255) + ".1";
		verdicts(r, 1, t0, a.c_str());
		if (i % 2 == 0)
			STRCMP_EQUAL("d", verdicts(r, 1, t0,
			    "198.51.100.1").c_str());
	}
	CHECK_EQUAL(4u, r.size());

	// The default table, 200000 sources: never above its size.
	named::rrl big(rate(1), key());
	for (std::uint32_t i = 0; i < 200000; i++)
		(void)big.check(net::address::v4(0x0a000000u + (i << 8)),
		    rrl_kind::answer, www, 1, t0);
	CHECK_EQUAL(65536u, big.size());
}

TEST(rrl, report_once_an_interval)
{
	auto c = rate(1, 2);
	named::rrl r(c, key());
	verdicts(r, 5, t0, "192.0.2.1");		// s t d t d
	verdicts(r, 3, t0, "192.0.2.9", rrl_kind::error);	// s t d
	verdicts(r, 3, t0, "2001:db8::1");		// s t d
	verdicts(r, 1, t0, "203.0.113.1");		// s

	std::vector<named::rrl_block_report> lines(8);
	auto rep = r.take_report(lines);
	CHECK_EQUAL(2u, rep.lines);
	CHECK_EQUAL(4u, rep.dropped);
	CHECK_EQUAL(4u, rep.slipped);
	bool v4 = false, v6 = false;
	for (std::size_t i = 0; i < rep.lines; i++) {
		if (lines[i].block.str() == "192.0.2.0/24") {
			v4 = true;
			CHECK_EQUAL(3u, lines[i].dropped);
			CHECK_EQUAL(3u, lines[i].slipped);
		} else if (lines[i].block.str() == "2001:db8::/56") {
			v6 = true;
			CHECK_EQUAL(1u, lines[i].dropped);
			CHECK_EQUAL(1u, lines[i].slipped);
		}
	}
	CHECK(v4 && v6);
	// Told once.
	rep = r.take_report(lines);
	CHECK_EQUAL(0u, rep.lines);
	CHECK_EQUAL(0u, rep.dropped);

	// Room for one line: the other block waits for the next report,
	// the totals count both now.
	verdicts(r, 2, t0, "192.0.2.1");
	verdicts(r, 2, t0, "2001:db8::1");
	auto one = std::span(lines).first(1);
	rep = r.take_report(one);
	CHECK_EQUAL(1u, rep.lines);
	CHECK_EQUAL(4u, rep.dropped + rep.slipped);
	rep = r.take_report(one);
	CHECK_EQUAL(1u, rep.lines);
	CHECK_EQUAL(0u, rep.dropped + rep.slipped);
	CHECK_EQUAL(2u, lines[0].dropped + lines[0].slipped);
	CHECK_EQUAL(0u, r.take_report(one).lines);
	CHECK_EQUAL(0u, r.take_report({}).lines);
	CHECK_EQUAL(6u, r.total_dropped());
	CHECK_EQUAL(6u, r.total_slipped());
}

// One table for every worker: four threads asking for one client at one
// instant get the burst between them, not four bursts.
TEST(rrl, threads_share_the_accounts)
{
	named::rrl r(rate(100), key());
	std::atomic<unsigned> sent{0};
	std::vector<std::thread> ts;
	for (int t = 0; t < 4; t++)
		ts.emplace_back([&] {
			for (int i = 0; i < 5000; i++)
				if (r.check(addr("192.0.2.1"),
				    rrl_kind::answer, www, 1, t0) ==
				    rrl_verdict::send)
					sent++;
		});
	for (auto &t : ts)
		t.join();
	CHECK_EQUAL(100u, sent.load());
	CHECK_EQUAL(19900u, r.total_dropped() + r.total_slipped());
}

namespace {
std::atomic<unsigned long> allocs{0};
void *(*real_malloc)(std::size_t);
void *
counting_malloc(std::size_t n)
{
	allocs++;
	return real_malloc(n);
}
} // namespace

TEST(rrl, no_allocation_on_the_check_path)
{
	auto c = rate(5, 2);
	c.exempt = {*net::cidr::parse("10.0.0.0/8")};
	c.table_size = 64;
	named::rrl r(c, key());
	std::vector<net::address> clients = {addr("192.0.2.1"),
	    addr("2001:db8::1"), addr("::ffff:198.51.100.7"),
	    addr("10.1.2.3")};
	std::vector<named::rrl_block_report> lines(4);
	real_malloc = PlatformSpecificMalloc;
	PlatformSpecificMalloc = counting_malloc;
	unsigned long before = allocs.load();
	for (unsigned i = 0; i < 2000; i++) {
		net::address a = i % 5 == 4 ? net::address::v4(i << 8) :
		    clients[i % 4];
		(void)r.check(a, static_cast<rrl_kind>(i % 5), www,
		    static_cast<std::uint16_t>(i % 3),
		    t0 + milliseconds(i));
	}
	(void)r.take_report(lines);
	unsigned long n = allocs.load() - before;
	PlatformSpecificMalloc = real_malloc;
	CHECK_EQUAL(0ul, n);
}
