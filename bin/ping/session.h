// session.h: one run of ping: requests on a schedule, replies and errors
// as they come, the lines for each, and the summary at the end.  Driven by
// the process's event loop; signals arrive as events.
#pragma once

#include <cstdint>
#include <sys/socket.h>

#include <cstdio>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "libnet/addr.h"
#include "libnet/event_loop.h"

#include "probe.h"
#include "settings.h"
#include "stats.h"
#include "transport.h"

namespace ping {

// What the run needs beyond the settings.
struct target_info {
	std::string display;		// the host as the user gave it
	net::address addr;
	bool names = false;		// look up names for reply sources
	std::string from;		// "src iface" for the header, if any
};

// A run of ping from the first request to the summary.
class session {
public:
	session(const settings &s, transport &t, const target_info &target);

	// Runs to the end and prints the summary; the exit status: 0 when
	// replies came (all count of them, with a deadline), 1 otherwise.
	int run();

private:
	void start();
	bool send_next();
	void schedule_send();
	void arm_flood_tick();
	void on_readable(short revents);
	std::size_t drain(bool one = false);
	void pump();
	void on_event(const event &e, std::int64_t stamp_ns);
	void on_reply(const event &e, std::int64_t stamp_ns);
	void on_error(const event &e);
	void on_other(const event &e);
	void check_done();
	void arm_linger();
	void finish();
	std::string name_of(const net::address &a);
	std::string route_text(const net::ipv4_route_option &r);

	const settings &s_;
	transport &t_;
	target_info target_;
	match match_;
	probe_builder probes_;
	statistics stats_;
	net::event_loop loop_;
	std::FILE *out_ = stdout;

	std::vector<std::int64_t> sent_ns_;	// by sequence number, 0: none
	std::vector<bool> answered_;		// by sequence number
	std::uint16_t next_seq_ = 1;
	net::time_point started_;
	net::time_point last_sent_;
	std::int64_t interval_ns_;
	bool sending_done_ = false;
	bool finished_ = false;
	bool timer_armed_ = false;
	bool pump_pending_ = false;
	net::event_loop::timer_id send_timer_ = 0;
	net::time_point next_send_;
	std::optional<std::string> last_route_;
	std::map<net::address, std::string> names_;
	sockaddr_storage target_sa_;
	socklen_t target_len_ = 0;
	std::vector<std::vector<std::uint8_t>> bufs_;
	std::vector<net::packet_slot> slots_;
};

} // namespace ping
