// Fuzz target: response rate limiting under hostile sequences: clients
// of both families in few blocks, every kind, names in any case, time
// going back and forth, tables too small for the keys.  Properties: the
// table never holds more accounts than its size; log-only sends all;
// slip 0 never truncates and slip 1 never drops; exempt clients and
// kinds of rate 0 are never limited; the counters and the report count
// exactly the limited verdicts; and with room for every key, the verdicts
// are those of a plain map of accounts kept by the documented rules.
//
// Input: 8 bytes of configuration, then 6 bytes a response: client,
// kind, name, qtype, milliseconds to move the clock (signed 16 bits).
#include <algorithm>
#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <tuple>
#include <vector>

#include "rrl.h"

namespace {

using named::rrl_kind;
using named::rrl_verdict;

const char *const clients[8] = {
	"192.0.2.1", "192.0.2.77", "::ffff:192.0.2.3", "198.51.100.1",
	"2001:db8:0:1::1", "2001:db8:0:2::1", "2001:db8:1::1", "10.0.0.1",
};

// Names in wire form, two of them the same but for case.
const std::vector<std::uint8_t> names[4] = {
	{3, 'w', 'w', 'w', 4, 't', 'e', 's', 't', 0},
	{3, 'W', 'w', 'W', 4, 'T', 'e', 's', 't', 0},
	{4, 't', 'e', 's', 't', 0},
	{},
};

struct account {
	std::int64_t full_at;
	std::int64_t seen;
	std::uint32_t slip_count;
};

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
	if (size < 8)
		return 0;
	named::rrl_config c;
	c.responses_per_second = data[0] % 8;
	if (data[1] & 1)
		c.errors_per_second = data[1] >> 1 & 3;
	if (data[1] & 8)
		c.nxdomains_per_second = data[1] >> 4 & 3;
	c.slip = data[2] % 4;
	c.window = 1 + data[3] % 5;
	bool roomy = data[4] & 0x80;
	c.table_size = roomy ? 1024 : data[4] % 17;	// 0: clamped to 1
	c.ipv4_prefix = data[5] % 33;
	c.ipv6_prefix = data[6] % 129;
	c.log_only = data[7] & 1;
	bool exempt_10 = data[7] & 2;
	if (exempt_10)
		c.exempt.push_back(*net::cidr::parse("10.0.0.0/8"));
	named::siphash_key key{};
	key[3] = data[7];
	named::rrl r(c, key);

	std::array<net::address, 8> addrs;
	for (int i = 0; i < 8; i++)
		addrs[i] = *net::address::parse(clients[i]);

	// The model: every account in a map, by the rules in rrl.h.
	std::map<std::tuple<net::address, int, int, int>, account> model;
	auto rate = [&](rrl_kind k) -> unsigned {
		unsigned v = c.responses_per_second;
		if (k == rrl_kind::error)
			return c.errors_per_second.value_or(v);
		if (k == rrl_kind::nxdomain)
			return c.nxdomains_per_second.value_or(v);
		return v;
	};

	std::uint64_t drops = 0, slips = 0;
	std::int64_t ms = 1000000;
	for (std::size_t off = 8; off + 6 <= size; off += 6) {
		const std::uint8_t *op = data + off;
		const net::address &a = addrs[op[0] % 8];
		rrl_kind kind = static_cast<rrl_kind>(op[1] % 5);
		int ni = op[2] % 4;
		std::uint16_t qtype = op[3] % 3;
		ms += static_cast<std::int16_t>(op[4] | op[5] << 8);
		auto now = std::chrono::steady_clock::time_point(
		    std::chrono::milliseconds(ms));
		rrl_verdict v = r.check(a, kind, names[ni], qtype, now);

		if (v == rrl_verdict::drop)
			drops++;
		if (v == rrl_verdict::slip)
			slips++;
		if (r.size() > std::max<std::size_t>(c.table_size, 1))
			__builtin_trap();
		if (c.log_only && v != rrl_verdict::send)
			__builtin_trap();
		if (c.slip == 0 && v == rrl_verdict::slip)
			__builtin_trap();
		if (c.slip == 1 && v == rrl_verdict::drop)
			__builtin_trap();
		bool exempt = exempt_10 && op[0] % 8 == 7;
		if ((exempt || rate(kind) == 0) && v != rrl_verdict::send)
			__builtin_trap();
		if (!roomy || c.log_only || exempt || rate(kind) == 0)
			continue;

		// Case does not matter: names 0 and 1 are one.
		int name_key = kind == rrl_kind::error ? 0 : ni == 1 ? 0 : ni;
		net::address u = a.unmapped();
		net::address block = u.is_v4() ? u.masked(c.ipv4_prefix) :
		    u.masked(c.ipv6_prefix);
		auto k = std::make_tuple(block, static_cast<int>(kind),
		    name_key, kind == rrl_kind::answer ? qtype : 0);
		std::int64_t t = ms * 1000000;
		auto it = model.try_emplace(k, account{t, t, 0}).first;
		account &e = it->second;
		t = std::max(t, e.seen);
		e.seen = t;
		std::int64_t cost = std::max<std::int64_t>(
		    1000000000 / rate(kind), 1);
		e.full_at = std::min(std::max(e.full_at, t) + cost,
		    t + std::int64_t{1000000000} * (1 + c.window));
		rrl_verdict want;
		if (e.full_at - t <= 1000000000) {
			e.slip_count = 0;
			want = rrl_verdict::send;
		} else {
			want = c.slip && e.slip_count % c.slip == 0 ?
			    rrl_verdict::slip : rrl_verdict::drop;
			e.slip_count++;
		}
		if (v != want)
			__builtin_trap();
	}
	if (c.log_only)
		return 0;
	if (r.total_dropped() != drops || r.total_slipped() != slips)
		__builtin_trap();
	std::array<named::rrl_block_report, 4> lines;
	auto rep = r.take_report(lines);
	if (rep.dropped != drops || rep.slipped != slips)
		__builtin_trap();
	std::uint64_t told = 0;
	for (std::size_t i = 0; i < rep.lines; i++)
		told += lines[i].dropped + lines[i].slipped;
	if (told > drops + slips || (rep.lines == 0 && roomy && told != 0))
		__builtin_trap();
	return 0;
}
