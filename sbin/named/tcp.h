// tcp.h: the TCP side of the server, on the main thread's event loop:
// queries framed by their 2-byte length (RFC 1035 section 4.2.2), several
// pipelined on one connection and answered in order (RFC 7766), idle
// connections closed; zone transfers out (AXFR, RFC 5936) to the hosts
// xfrnets allows, written a message at a time as the client reads them,
// so a large zone is never held twice in memory.  IXFR (RFC 1995) is
// answered with the whole zone in AXFR form, which its section 4 allows.
// Limits: connections in all, connections from one source (IPv4 address,
// IPv6 /64); what they refuse is logged a few lines a minute, counted in
// the statistics.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <vector>

#include "database.h"
#include "secondary.h"
#include "libnet/dns_query.h"
#include "libnet/event_loop.h"
#include "libnet/result.h"
#include "libnet/stream.h"
#include "libnet/throttle.h"
#include "libnet/unique_fd.h"
#include "stats.h"

namespace named {

struct tcp_limits {
	unsigned max_connections = 1000;
	unsigned per_source = 16;
	net::duration idle = net::seconds(10);
};

class tcp_server {
public:
	tcp_server(net::event_loop &loop, current_database &db, stats &st,
	    notify_inbox &inbox, tcp_limits lim = {});
	~tcp_server();

	// Listens on port on every address (IPv6 and IPv4 on one socket).
	net::result<void> open(std::uint16_t port);

private:
	struct conn;
	struct transfer;

	void on_accept();
	void on_frame(conn &c, std::string_view frame);
	void start_transfer(conn &c, const net::dns::query &q,
	    net::bytes_view pkt);
	void pump(conn &c);
	void refuse_log(const net::endpoint &peer, const char *why);

	net::event_loop &loop_;
	current_database &db_;
	notify_inbox &inbox_;
	counters &counters_;
	tcp_limits lim_;
	net::unique_fd listen_;
	net::watch watch_;
	std::map<conn *, std::unique_ptr<conn>> conns_;
	net::source_table sources_;
	net::log_limiter refusals_{5, net::seconds(60)};
	std::vector<std::uint8_t> out_;
	net::dns::query q_;
};

} // namespace named
