// secondary.h: the secondary zones of the database in use, each with its
// refresh clock (refresh.h) and, when a check is due, a zone_fetch
// (xfr_in.h) against its masters.  What a check brings is published as a
// new database (the others' data shared, not copied), and written to the
// zone's backup file atomically, so that the next start serves it even
// when no master answers.  A zone past its expire time is published as
// expired (SERVFAIL) and logged once.
//
// NOTIFY (RFC 1996) arrives on the UDP threads; they answer it and post
// the zone here through notify_inbox, which wakes the loop.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "database.h"
#include "libnet/event_loop.h"
#include "libnet/unique_fd.h"
#include "refresh.h"
#include "xfr_in.h"

namespace named {

// Zones named in NOTIFY messages, from any thread to the loop.
class notify_inbox {
public:
	notify_inbox();

	// Any thread: a NOTIFY for origin was accepted.
	void post(const net::dns::name &origin);

	// The loop: the fd that becomes readable after a post, and what
	// was posted since the last take.
	int fd() const { return efd_.get(); }
	std::vector<net::dns::name> take();

private:
	net::unique_fd efd_;
	std::mutex mu_;
	std::vector<net::dns::name> names_;
};

class secondaries {
public:
	secondaries(net::event_loop &loop, current_database &db,
	    std::uint16_t port, notify_inbox &inbox);
	~secondaries();

	// After a load or a reload: a clock for each secondary zone in the
	// database in use (kept across reloads for the same zone and
	// masters), the others forgotten.
	void sync();

	// A NOTIFY for origin: check it now.
	void notified(const net::dns::name &origin);

private:
	struct entry;

	void schedule();
	void tick();
	void on_result(entry &e, const fetch_result &r);
	void publish(const entry &e, std::shared_ptr<const zone> data,
	    bool expired);

	net::event_loop &loop_;
	current_database &db_;
	std::uint16_t port_;
	notify_inbox &inbox_;
	net::watch inbox_watch_;
	net::timer timer_;
	std::map<std::string, std::unique_ptr<entry>> entries_;
};

} // namespace named
