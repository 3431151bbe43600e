// inetd_child.h: what every server started by inetd(8) shares (tftpd now;
// ftpd, telnetd, rlogind, rshd, rexecd later).  Its connection (or, for a
// datagram wait service, its socket) is on fds 0-2, so standard error is
// the client's: such a server logs to syslog only, sends its usage
// message there too, and on a start-up failure tells the client in the
// protocol's own words before it exits.
#pragma once

#include <optional>
#include <string_view>

#include "libnet/addr.h"
#include "libnet/result.h"

namespace net {

// True when fd 0 is a socket: the process was started by inetd (or an
// inetd-like launcher), not from a shell.
bool started_by_inetd();

// What inetd handed over on fd 0.
struct inetd_connection {
	int type = 0;			// SOCK_STREAM or SOCK_DGRAM
	std::optional<endpoint> local;	// where the client came in
	std::optional<endpoint> peer;	// the client (stream sockets)
};

// fd 0's kind and endpoints; an error when fd 0 is no socket.
result<inetd_connection> inetd_connection_info();

// Sets a server started by inetd up: log to syslog (facility, LOG_DAEMON
// if 0) under ident and never to standard error, usage messages and
// --help to the log too (cmdline.h), and before a fatal error exits,
// tell() runs to tell the client (null: nothing is told).
void serve_from_inetd(const char *ident, int facility, void (*tell)());

// Writes text to the client on fd 0 without waiting: the last words of a
// server that cannot serve ("421 Service not available"); false when
// they could not all be written at once.
bool farewell(std::string_view text);

} // namespace net
