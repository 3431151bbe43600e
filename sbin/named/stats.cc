// stats.cc: the statistics table.
#include "stats.h"

#include <ctime>

#include "libnet/dns_types.h"

namespace named {

counters &
stats::make()
{
	std::lock_guard<std::mutex> g(mu_);
	sets_.push_back(std::make_unique<counters>());
	return *sets_.back();
}

stats::rejects
stats::rejected() const
{
	std::lock_guard<std::mutex> g(mu_);
	rejects r;
	for (const auto &s : sets_) {
		r.dropped += s->dropped.load(std::memory_order_relaxed);
		r.formerr += s->by_rcode[1].load(std::memory_order_relaxed);
		r.tcp_refused += s->tcp_refused.load(std::memory_order_relaxed);
	}
	return r;
}

std::string
stats::table(long uptime) const
{
	std::lock_guard<std::mutex> g(mu_);
	auto sum = [this](auto field) {
		std::uint64_t t = 0;
		for (const auto &s : sets_)
			t += field(*s).load(std::memory_order_relaxed);
		return t;
	};
	char buf[128];
	std::string out;
	time_t now = time(nullptr);
	struct tm tm;
	localtime_r(&now, &tm);
	strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
	out += "+++ statistics dump at " + std::string(buf) + " (up " +
	    std::to_string(uptime) + " s)\n";
	auto row = [&out, &buf](const std::string &what, std::uint64_t n) {
		snprintf(buf, sizeof buf, "%-24s %12llu\n", what.c_str(),
		    static_cast<unsigned long long>(n));
		out += buf;
	};
	std::uint64_t udp = sum([](counters &c) -> auto & { return c.udp; });
	std::uint64_t tcp = sum([](counters &c) -> auto & { return c.tcp; });
	row("queries", udp + tcp);
	row("  over UDP", udp);
	row("  over TCP", tcp);
	row("dropped (no answer)",
	    sum([](counters &c) -> auto & { return c.dropped; }));
	row("truncated (TC)",
	    sum([](counters &c) -> auto & { return c.truncated; }));
	out += "by response code\n";
	for (unsigned r = 0; r < counters::rcode_slots; r++) {
		std::uint64_t n = sum([r](counters &c) -> auto & {
			return c.by_rcode[r];
		});
		if (n)
			row("  " + net::dns::rcode_to_text(
			    static_cast<std::uint16_t>(r)), n);
	}
	out += "by query type\n";
	for (unsigned t = 0; t < counters::type_slots; t++) {
		std::uint64_t n = sum([t](counters &c) -> auto & {
			return c.by_type[t];
		});
		if (n)
			row("  " + (t == 256 ? std::string("other") :
			    net::dns::type_to_text(
				static_cast<std::uint16_t>(t))), n);
	}
	out += "transfers\n";
	row("  zones sent",
	    sum([](counters &c) -> auto & { return c.xfr_out; }));
	row("  refused", sum([](counters &c) -> auto & {
		return c.xfr_refused;
	}));
	row("TCP connections refused",
	    sum([](counters &c) -> auto & { return c.tcp_refused; }));
	row("rate-limited: dropped",
	    sum([](counters &c) -> auto & { return c.rrl_dropped; }));
	row("rate-limited: truncated",
	    sum([](counters &c) -> auto & { return c.rrl_slipped; }));
	row("BADCOOKIE answers",
	    sum([](counters &c) -> auto & { return c.badcookie; }));
	row("TSIG failures",
	    sum([](counters &c) -> auto & { return c.tsig_failed; }));
	out += "--- statistics dump ends\n";
	return out;
}

} // namespace named
