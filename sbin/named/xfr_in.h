// xfr_in.h: one refresh check of a secondary zone, on the event loop: the
// SOA asked of each master in turn over UDP (3 s each, the unreachable
// skipped), and when a master's serial is newer than ours (or we have no
// data) the zone transferred from it with AXFR over TCP (RFC 5936) and
// built with the same checks as a zone file.  A transfer is bounded in
// time, idle time, records and bytes.  IXFR in is not done: AXFR always.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "libnet/addr.h"
#include "libnet/dns_name.h"
#include "libnet/event_loop.h"
#include "libnet/stream.h"
#include "libnet/unique_fd.h"
#include "zone.h"

namespace named {

struct fetch_result {
	bool ok = false;		// a master answered
	std::shared_ptr<const zone> data;	// set when transferred
	std::uint32_t serial = 0;	// the masters' serial, when ok
	net::address from;		// the master that answered
	std::string error;		// why not, when !ok
};

struct fetch_limits {
	net::duration soa_timeout = net::seconds(3);
	net::duration transfer_time = net::seconds(300);
	net::duration idle = net::seconds(30);
	std::uint64_t max_records = 50000000;
	std::uint64_t max_bytes = std::uint64_t(4) << 30;
};

class zone_fetch {
public:

	// Checks origin against masters (asked in order on port); have is
	// the serial held, nothing when there is no data.  done is called
	// once, from the loop, and may destroy this object.
	zone_fetch(net::event_loop &loop, const net::dns::name &origin,
	    std::vector<net::address> masters, std::uint16_t port,
	    std::optional<std::uint32_t> have,
	    std::function<void(fetch_result)> done, fetch_limits lim = {});
	~zone_fetch();

	void start();

private:
	void ask_soa();
	void on_soa_reply();
	void next_master(const std::string &why);
	void start_transfer();
	void on_message(std::string_view frame);
	void finish(fetch_result r);
	void drop_tcp();

	struct builder_state;

	net::event_loop &loop_;
	net::dns::name origin_;
	std::vector<net::address> masters_;
	std::uint16_t port_;
	std::optional<std::uint32_t> have_;
	std::function<void(fetch_result)> done_;
	fetch_limits lim_;
	std::size_t master_ = 0;
	std::uint16_t id_ = 0;
	std::string last_error_;
	net::unique_fd udp_;
	net::watch udp_watch_;
	net::timer timer_;
	std::unique_ptr<net::stream_conn> tcp_;
	std::unique_ptr<builder_state> b_;
	std::uint32_t serial_ = 0;
	bool finished_ = false;
};

} // namespace named
