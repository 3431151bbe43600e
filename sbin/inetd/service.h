// service.h: what inetd keeps for each running service: its sockets, the
// children and connections it has, its limits' state and its counters.
#pragma once

#include <sys/types.h>

#include <vector>

#include "datagram.h"
#include "libnet/event_loop.h"
#include "libnet/throttle.h"
#include "libnet/unique_fd.h"
#include "policy.h"
#include "servtab.h"

namespace inetd {

struct listener {
	bind_spec bind;
	net::unique_fd fd;
	net::watch watch;		// fd's; declared after it
	// Could not be opened; retried on a timer and at every SIGHUP.
	bool failed = false;
	// wait: the child that owns this socket until it exits; 0 if none.
	pid_t owner = 0;
	// dgram nowait: the child started for the datagram at the head of
	// this socket's queue.  inetd leaves the socket alone until that
	// datagram is gone, so that one datagram starts one child.
	pid_t pending_child = 0;
	datagram_id pending;
	net::timer pending_timer;
};

struct service_counters {
	unsigned long long connections = 0;	// accepted or received
	unsigned long long spawned = 0;
	unsigned long long refused_access = 0;
	unsigned long long refused_limit = 0;
	unsigned long long failed = 0;		// fork/exec/privilege failures
	unsigned long long pauses = 0;
};

struct service {
	service_spec spec;
	std::vector<listener> listeners;
	unsigned children = 0;		// running children
	unsigned conns = 0;		// internal TCP connections
	bool removed = false;		// gone from the config; children remain
	// The spawn rate: when the service pauses and resumes, and which
	// of the pauses are logged (policy.h).
	spawn_pacer pacer;
	net::timer resume_timer;
	net::timer pause_summary;
	net::source_table sources;
	service_counters count;
	// Refusals are logged five a second at most; the rest are counted
	// in the next line, or in a summary once the second is over.
	counted_log refusal_log;
	net::timer refusal_summary;
	// With -l, so are the datagrams an internal service answers: each
	// costs its sender nothing, and a flood must not flood the log.
	counted_log datagram_log;
	net::timer datagram_summary;
};

} // namespace inetd
