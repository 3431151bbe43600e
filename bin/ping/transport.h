// transport.h: ping's ICMP socket: opened while the process may still hold
// privilege, set up once the target is known, then used to send requests
// and read what comes back.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "libnet/addr.h"
#include "libnet/raw_socket.h"
#include "libnet/result.h"

#include "settings.h"

namespace ping {

// The ICMP socket of one family and what it was set up with.
class transport {
public:
	// Opens an ICMP socket for family: a datagram one when the user's
	// group may, raw otherwise; bound to device when it is not empty.
	static net::result<transport> open(int family,
	    const std::string &device);

	// Sets the socket up: the echo id (the kernel's for a
	// datagram socket, a random one with a kernel filter for raw), TTL,
	// record route, SO_DONTROUTE, what each packet reports, and the
	// source address when source is given.
	net::result<void> configure(const settings &s,
	    const std::optional<net::address> &source);

	int fd() const { return sock_.fd.get(); }
	int family() const { return family_; }
	net::icmp_socket_kind kind() const { return sock_.kind; }
	std::uint16_t id() const { return id_; }

private:
	transport(net::icmp_socket sock, int family)
	    : sock_(std::move(sock)), family_(family)
	{
	}

	net::icmp_socket sock_;
	int family_;
	std::uint16_t id_ = 0;
};

// The source address the kernel picks for a packet to dst, found as
// iputils finds it, by connecting a UDP socket there (bound to device or
// source when given; with SO_DONTROUTE when direct, so that it must be on
// an attached network); the error is connect(2)'s.  For the unspecified
// address the kernel picks this host's.
net::result<net::address> route_source(const net::address &dst,
    const std::string &device, const std::optional<net::address> &source,
    bool direct);

} // namespace ping
