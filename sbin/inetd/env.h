// env.h: the environment a child starts with.  Nothing is inherited from
// inetd's own environment but TZ (and, in a sanitizer build, the
// sanitizers' options): a child sees a fixed PATH, who it runs
// as, and who it is talking to.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "libnet/addr.h"
#include "libnet/privdrop.h"

namespace inetd {

// Where a connection (stream nowait) or the datagram that started a
// server (dgram) came from and arrived at.
struct peer_info {
	net::endpoint remote;
	net::endpoint local;
	bool udp = false;
};

// The laundered environment: PATH, HOME, USER, LOGNAME, SHELL of user,
// TZ if inetd has one, and for a peer REMOTE_ADDR REMOTE_PORT (as CGI and
// systemd name them) plus PROTO and TCPREMOTEIP TCPREMOTEPORT TCPLOCALIP
// TCPLOCALPORT, or their UDP... twins for a datagram (as ucspi names
// them).  IPv4 clients of an IPv6 socket appear as plain IPv4 addresses.
std::vector<std::string> child_environment(const net::user_info &user,
    const std::optional<peer_info> &peer, const char *tz);

} // namespace inetd
