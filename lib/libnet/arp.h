// arp.h: ARP packets for IPv4 over Ethernet (RFC 826).
#pragma once

#include <cstdint>

#include "libnet/addr.h"
#include "libnet/ether.h"
#include "libnet/result.h"
#include "libnet/wire.h"

namespace net {

namespace arp_op {
inline constexpr std::uint16_t request = 1;
inline constexpr std::uint16_t reply = 2;
} // namespace arp_op

// An ARP request or reply: who asks, about whom.
struct arp_packet {
	std::uint16_t op = arp_op::request;
	mac_address sender_mac;
	address sender_ip;
	mac_address target_mac;
	address target_ip;
};

// The size of an Ethernet/IPv4 ARP packet.
inline constexpr std::size_t arp_packet_size = 28;

// Decodes an ARP packet.  Only Ethernet (hardware type 1, 6-byte addresses)
// and IPv4 (0x0800, 4-byte addresses) with a request or reply is accepted;
// bytes after the packet (frame padding) are ignored.
result<arp_packet> decode_arp(bytes_view data);

// Appends the 28-byte packet.
void encode_arp(wire_writer &w, const arp_packet &p);

} // namespace net
