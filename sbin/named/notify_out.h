// notify_out.h: NOTIFY (RFC 1996) sent to a primary zone's secondaries
// when its serial changes: to the addresses of the zone's NS hosts other
// than the SOA's MNAME, as the server's own data gives them, on the port
// named serves; each sent again after 2, 4 and 8 seconds until answered
// (section 3.6).  An address found in no zone served is not notified (a
// resolver would be needed: part 2).  An address with a key (the boot
// file's server line) gets the NOTIFY signed with TSIG, and its answer
// must be signed.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "database.h"
#include "libnet/addr.h"
#include "libnet/event_loop.h"

namespace named {

// The addresses a zone's NOTIFY goes to, from db.
std::vector<net::address> notify_targets(const zone &z, const database &db);

class notifier {
public:
	notifier(net::event_loop &loop, std::uint16_t port);
	~notifier();

	// Notifies the secondaries of z.
	void zone_changed(const zone &z, const database &db);

private:
	struct one;

	void send(one &o);
	void on_reply(one &o);
	void done(one *o);

	net::event_loop &loop_;
	std::uint16_t port_;
	std::map<one *, std::unique_ptr<one>> pending_;
};

} // namespace named
