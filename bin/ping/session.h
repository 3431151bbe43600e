// session.h: one run of ping: requests when run_state says they are due,
// replies and errors as they come, the lines for each, and the summary at
// the end.  Driven by the process's event loop; signals arrive as events.
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
#include "run_state.h"
#include "settings.h"
#include "transport.h"

namespace ping {

// What the run needs beyond the settings.
struct target_info {
	std::string display;		// the host as the user gave it
	net::address addr;
	bool names = false;		// look up names for reply sources
	std::string from;		// "src iface" for the header, if any
};

// A run of ping from the first request to the summary: the socket, the
// event loop and the output around a run_state, which makes every
// decision.
// The name iputils shows for a: its reverse lookup, or the number when
// the resolver knows none.
std::string lookup_name(const net::address &a);

class session {
public:
	session(const settings &s, transport &t, const target_info &target);

	// Runs to the end and prints the summary; the exit status
	// (run_state::exit_status()).
	int run();

private:
	void step();
	void arm_wakeup();
	bool send_one();
	void on_readable(short revents);
	std::size_t drain(bool one = false);
	void pump();
	void on_event(const event &e, std::int64_t stamp_ns);
	void on_reply(const event &e, std::int64_t stamp_ns);
	void on_error(const event &e);
	void on_other(const event &e);
	void print_data_mismatch(const event &e, std::int64_t sent_ns);
	void print_summary();
	std::string name_of(const net::address &a);
	std::string route_text(const net::ipv4_route_option &r);

	const settings &s_;
	transport &t_;
	target_info target_;
	match match_;
	probe_builder probes_;
	run_state state_;
	net::event_loop loop_;
	std::FILE *out_ = stdout;

	net::timer wakeup_{loop_};
	net::timer pump_{loop_};
	net::watch readable_;
	std::optional<std::string> last_route_;
	std::map<net::address, std::string> names_;
	sockaddr_storage target_sa_;
	socklen_t target_len_ = 0;
	std::vector<std::vector<std::uint8_t>> bufs_;
	std::vector<net::packet_slot> slots_;
};

} // namespace ping
