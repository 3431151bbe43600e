// xfr_in.h: one refresh check of a secondary zone, on the event loop: the
// SOA asked of each master in turn over UDP (3 s each, the unreachable
// skipped), and when a master's serial is newer than ours (or we have no
// data) the zone transferred from it over TCP and built with the same
// checks as a zone file.  With data in hand we ask IXFR (RFC 1995) and
// apply the steps the master sends (ixfr.h apply_diffs); a master that
// answers IXFR with an error, or steps that do not apply, get the same
// master asked AXFR (RFC 5936) at once; a master may answer IXFR with the
// whole zone, which is taken as AXFR.  A transfer is bounded in time,
// idle time, records and bytes.
//
// A master with a key (the boot file's server line) gets every request
// signed with TSIG (RFC 8945) and must sign its answers: the SOA answer,
// and the transfer's messages as a stream; anything else is that master
// failing.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "libnet/addr.h"
#include "libnet/dns_message.h"
#include "libnet/dns_name.h"
#include "libnet/dns_tsig.h"
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
	bool incremental = false;	// data came by IXFR steps
	std::size_t changes = 0;	// records deleted and added then
};

// A master, and the key what we send it is signed with.
struct fetch_master {
	net::address addr;
	std::optional<net::dns::tsig_key> key;
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
	// the data held (asked for by IXFR), null when there is none.  done
	// is called once, from the loop, and may destroy this object.
	zone_fetch(net::event_loop &loop, const net::dns::name &origin,
	    std::vector<fetch_master> masters, std::uint16_t port,
	    std::shared_ptr<const zone> have,
	    std::function<void(fetch_result)> done, fetch_limits lim = {});
	~zone_fetch();

	void start();

private:
	void ask_soa();
	void on_soa_reply();
	void next_master(const std::string &why);
	void start_transfer(bool incremental);
	void on_message(std::string_view frame);
	void transfer_failed(const std::string &why);
	std::vector<std::uint8_t> request(std::uint16_t type);
	void finish(fetch_result r);
	void drop_tcp();

	struct builder_state;

	net::event_loop &loop_;
	net::dns::name origin_;
	std::vector<fetch_master> masters_;
	std::uint16_t port_;
	std::shared_ptr<const zone> have_;
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
	net::dns::tsig_mac mac_;	// our request's, when signed
	std::uint32_t serial_ = 0;
	bool finished_ = false;
};

} // namespace named
