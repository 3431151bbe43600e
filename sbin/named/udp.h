// udp.h: the UDP side of the server: one thread per worker, each with a
// socket of its own on the port (SO_REUSEPORT: the kernel spreads the
// clients), taking up to 32 queries a call with recvmmsg(2) and sending
// the answers with one sendmmsg(2).  A reply leaves from the address the
// query came to (IP_PKTINFO / IPV6_PKTINFO), so a host with several
// addresses answers from the one asked.  Each thread keeps its own
// reference to the database and looks for a new one once per batch.
#pragma once

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

#include "database.h"
#include "secondary.h"
#include "libnet/addr.h"
#include "libnet/dns_query.h"
#include "libnet/result.h"
#include "libnet/unique_fd.h"
#include "stats.h"

namespace named {

// Logs a query when query-log or debug asks for it (any thread).
void log_query(const database &db, const net::address &client,
    bool tcp, const net::dns::query &q, std::uint16_t rcode);

// The debug level, changed by -d, SIGUSR1 and SIGUSR2.
extern std::atomic<int> debug_level;

class udp_workers {
public:
	udp_workers(current_database &db, stats &st, notify_inbox &inbox);
	~udp_workers();

	// Binds n sockets to port on every address (IPv6 and IPv4 on one
	// socket; IPv4 alone where IPv6 is missing).
	net::result<void> open(std::uint16_t port, unsigned n);

	// Starts a thread per socket.
	void start();

	// Stops and joins the threads.
	void stop();

private:
	void run(int fd, counters &c);

	current_database &db_;
	stats &stats_;
	notify_inbox &inbox_;
	std::vector<net::unique_fd> socks_;
	std::vector<std::thread> threads_;
	std::atomic<bool> stopping_{false};
};

} // namespace named
