// stats.h: the counts and round-trip times of a run, and the summary lines
// in the form iputils ping prints them (scripts parse these).
#pragma once

#include <cstdint>
#include <string>

namespace ping {

// What a run counted and timed.
class statistics {
public:
	void on_transmit() { transmitted_++; }
	// A first reply to a request, with its round-trip time.
	void on_reply(std::int64_t rtt_ns);
	// A reply to a request already answered.
	void on_duplicate(std::int64_t rtt_ns);
	void on_error() { errors_++; }
	void on_corrupt() { corrupt_++; }
	// A reply or error for request seq arrived while transmitted
	// requests were out: the most that were ever in flight.
	void on_answer_to(std::uint64_t nth);

	std::uint64_t transmitted() const { return transmitted_; }
	std::uint64_t received() const { return received_; }
	std::uint64_t duplicates() const { return duplicates_; }
	std::uint64_t errors() const { return errors_; }
	std::uint64_t corrupt() const { return corrupt_; }
	// Requests neither answered nor failed yet.
	std::uint64_t in_flight() const;
	std::int64_t max_rtt_ns() const { return max_ns_; }

	// "N packets transmitted, N received, [+N duplicates, ][+N
	// corrupted, ][+N errors, ]N% packet loss, time Nms"
	std::string summary(std::int64_t elapsed_ns) const;

	// "rtt min/avg/max/mdev = a/b/c/d ms" with ", pipe N" and, for
	// flood-like runs, ", ipg/ewma a/b ms"; empty when nothing came back
	// and no pipe to report.
	std::string rtt_line(std::int64_t elapsed_ns, bool show_ipg) const;

	// The SIGQUIT line: "N/N packets, N% loss[, min/avg/ewma/max =
	// a/b/c/d ms]".
	std::string interim() const;

private:
	void add_rtt(std::int64_t ns);

	std::uint64_t transmitted_ = 0;
	std::uint64_t received_ = 0;
	std::uint64_t duplicates_ = 0;
	std::uint64_t errors_ = 0;
	std::uint64_t corrupt_ = 0;
	std::uint64_t pipe_ = 0;
	std::uint64_t samples_ = 0;
	std::int64_t min_ns_ = 0;
	std::int64_t max_ns_ = 0;
	long double sum_us_ = 0;
	long double sum2_us_ = 0;
	double ewma_us_ = 0;
};

// A round-trip time in ms with three significant digits the way ping
// prints each reply ("0.045", "1.23", "12.3", "123").
std::string format_rtt(std::int64_t ns);

} // namespace ping
