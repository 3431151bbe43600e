#include "stats.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace ping {

namespace {

// Microseconds as "ms.uuu", cut (not rounded) to the microsecond as
// iputils prints them.
std::string
ms3(long double us)
{
	if (us < 0)
		us = 0;
	auto v = static_cast<long long>(us);
	char buf[48];
	std::snprintf(buf, sizeof buf, "%lld.%03lld", v / 1000, v % 1000);
	return buf;
}

} // namespace

void
statistics::add_rtt(std::int64_t ns)
{
	if (ns < 0)
		ns = 0;
	if (samples_ == 0 || ns < min_ns_)
		min_ns_ = ns;
	if (ns > max_ns_)
		max_ns_ = ns;
	long double us = ns / 1000.0L;
	sum_us_ += us;
	sum2_us_ += us * us;
	// RFC 6298-style smoothing with gain 1/8, as ping's "ewma".
	ewma_us_ = samples_ == 0
	    ? static_cast<double>(us)
	    : ewma_us_ + (static_cast<double>(us) - ewma_us_) / 8;
	samples_++;
}

void
statistics::on_reply(std::int64_t rtt_ns)
{
	received_++;
	add_rtt(rtt_ns);
}

void
statistics::on_duplicate(std::int64_t rtt_ns)
{
	duplicates_++;
	add_rtt(rtt_ns);
}

void
statistics::on_answer_to(std::uint64_t nth)
{
	if (nth >= 1 && nth <= transmitted_ && transmitted_ - nth + 1 > pipe_)
		pipe_ = transmitted_ - nth + 1;
}

std::uint64_t
statistics::in_flight() const
{
	std::uint64_t done = received_ + errors_;
	return transmitted_ > done ? transmitted_ - done : 0;
}

std::string
statistics::summary(std::int64_t elapsed_ns) const
{
	std::string s = std::to_string(transmitted_) +
	    " packets transmitted, " + std::to_string(received_) + " received";
	if (duplicates_ > 0)
		s += ", +" + std::to_string(duplicates_) + " duplicates";
	if (corrupt_ > 0)
		s += ", +" + std::to_string(corrupt_) + " corrupted";
	if (errors_ > 0)
		s += ", +" + std::to_string(errors_) + " errors";
	if (transmitted_ > 0) {
		double loss = (static_cast<double>(transmitted_) -
				  static_cast<double>(received_)) *
		    100.0 / static_cast<double>(transmitted_);
		char buf[96];
		std::snprintf(buf, sizeof buf,
		    ", %g%% packet loss, time %lldms", loss,
		    static_cast<long long>((elapsed_ns + 500000) / 1000000));
		s += buf;
	}
	return s;
}

std::string
statistics::rtt_line(std::int64_t elapsed_ns, bool show_ipg) const
{
	std::string s, sep;
	if (samples_ > 0) {
		long double n = samples_;
		long double avg = sum_us_ / n;
		long double var = sum2_us_ / n - avg * avg;
		s = "rtt min/avg/max/mdev = " + ms3(min_ns_ / 1000.0L) + "/" +
		    ms3(avg) + "/" + ms3(max_ns_ / 1000.0L) + "/" +
		    ms3(var > 0 ? std::sqrt(var) : 0) + " ms";
		sep = ", ";
	}
	if (pipe_ > 1) {
		s += sep + "pipe " + std::to_string(pipe_);
		sep = ", ";
	}
	if (show_ipg && received_ > 0 && transmitted_ > 1) {
		long double ipg = elapsed_ns / 1000.0L /
		    static_cast<long double>(transmitted_ - 1);
		s += sep + "ipg/ewma " + ms3(ipg) + "/" + ms3(ewma_us_) + " ms";
	}
	return s;
}

std::string
statistics::interim() const
{
	std::uint64_t loss = transmitted_ > 0
	    ? (transmitted_ - std::min(received_, transmitted_)) * 100 /
		transmitted_
	    : 0;
	std::string s = std::to_string(received_) + "/" +
	    std::to_string(transmitted_) + " packets, " +
	    std::to_string(loss) + "% loss";
	if (samples_ > 0)
		s += ", min/avg/ewma/max = " + ms3(min_ns_ / 1000.0L) + "/" +
		    ms3(sum_us_ / samples_) + "/" + ms3(ewma_us_) + "/" +
		    ms3(max_ns_ / 1000.0L) + " ms";
	return s;
}

std::string
format_rtt(std::int64_t ns)
{
	if (ns < 0)
		ns = 0;
	// Whole microseconds, then three significant digits, rounded.
	long long us = ns / 1000;
	char buf[48];
	// A value that rounds up into the next decade takes its format.
	if (us >= 100000 - 50)
		std::snprintf(buf, sizeof buf, "%lld", (us + 500) / 1000);
	else if (us >= 10000 - 5)
		std::snprintf(buf, sizeof buf, "%lld.%01lld", (us + 50) / 1000,
		    (us + 50) % 1000 / 100);
	else if (us >= 1000)
		std::snprintf(buf, sizeof buf, "%lld.%02lld", (us + 5) / 1000,
		    (us + 5) % 1000 / 10);
	else
		std::snprintf(buf, sizeof buf, "%lld.%03lld", us / 1000,
		    us % 1000);
	return buf;
}

} // namespace ping
