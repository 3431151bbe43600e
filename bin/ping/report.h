// report.h: the lines ping prints, in the form iputils ping users and
// their scripts know.  Pure formatting: names are looked up by the caller.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "libnet/addr.h"
#include "libnet/ipv4.h"

namespace ping {

// "PING host (addr) 56(84) bytes of data." for IPv4 (the second number is
// the IP datagram size, options_size included), "PING host(addr) 56 data
// bytes" for IPv6, where addr is named as peer_name() names it when name
// is not empty (iputils); "from src iface: " goes before the size when
// given.
std::string header_line(const std::string &host, const net::address &addr,
    const std::string &name, std::size_t size, std::size_t options_size,
    const std::string &from);

// "PATTERN: 0xabcd".
std::string pattern_line(const std::vector<std::uint8_t> &pattern);

// How a peer is named in output: "name (addr)" or just "addr".
std::string peer_name(const std::string &name, const net::address &addr);

// What an ICMP error says, in ping's words ("Destination Host
// Unreachable", "Time to live exceeded", "Destination unreachable:
// Address unreachable"...); info is the MTU, pointer or gateway word.
std::string icmp_text(int family, std::uint8_t type, std::uint8_t code,
    std::uint32_t info);

// The name of an ICMP type for -v ("Echo Request", "Router Advertisement"),
// or "type N".
std::string icmp_type_name(int family, std::uint8_t type);

// A record route in ping's layout, "RR: \thop\n\thop\n...\n\n" (a blank
// line after it), each hop named by the caller; full when every slot was
// used, so hops may be missing.
std::string route_lines(const std::vector<std::string> &hops, bool full);

// The lines after a reply whose data differs from the request's, as
// iputils prints them: "wrong data byte #N should be 0xE but was 0xG",
// then the data from byte 16 (after the timestamp) in hex, 32 bytes to a
// line headed "#offset\t"; no newline at the end.
std::string data_mismatch_lines(std::size_t offset, std::uint8_t expected,
    net::bytes_view data);

} // namespace ping
