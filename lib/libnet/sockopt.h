// sockopt.h: the socket options the datagram daemons share: broadcast
// (routed's RIP-1, timed, rwhod), multicast groups, the interface and
// hop limit multicasts leave with (RIPv2's 224.0.0.9, RIPng's ff02::9),
// the unicast hop limit, binding to one interface, and buffer sizes.
// Each takes the socket's family where IPv4 and IPv6 differ.
#pragma once

#include <cstddef>
#include <string>

#include "libnet/addr.h"
#include "libnet/result.h"

namespace net {

// setsockopt(2) of an int option; the error names what (the option).
result<void> set_int_option(int fd, int level, int name, int value,
    const char *what);

// SO_BROADCAST: datagrams may go to a broadcast address.
result<void> set_broadcast(int fd, bool on);

// Joins or leaves multicast group on the interface ifindex (0: the one
// the kernel's routes give).  The group's family says which of IPv4 and
// IPv6; an address that is not multicast is EINVAL.
result<void> join_group(int fd, const address &group, int ifindex = 0);
result<void> leave_group(int fd, const address &group, int ifindex = 0);

// The interface multicasts are sent by (0: the kernel's choice).
result<void> set_multicast_interface(int fd, int family, int ifindex);

// The hop limit of multicasts sent (1 keeps them on the link).
result<void> set_multicast_hops(int fd, int family, int hops);

// Whether the host's own sockets get its multicasts back.
result<void> set_multicast_loop(int fd, int family, bool on);

// The hop limit (TTL) of unicast datagrams and segments.
result<void> set_unicast_hops(int fd, int family, int hops);

// SO_BINDTODEVICE: the socket sends and receives on ifname only; an empty
// name undoes it.
result<void> bind_to_device(int fd, const std::string &ifname);

// Raises SO_RCVBUF (rcv) or SO_SNDBUF to at least want bytes as the
// kernel counts them (with its overhead), past net.core.[rw]mem_max when
// privileged (SO_*BUFFORCE); never lowers it.  Returns the size now set.
std::size_t raise_buffer(int fd, bool rcv, std::size_t want);

} // namespace net
