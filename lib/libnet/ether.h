// ether.h: Ethernet II frames (with an optional IEEE 802.1Q tag) and
// 48-bit MAC addresses.
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "libnet/result.h"
#include "libnet/wire.h"

namespace net {

// EtherType values this suite speaks (IEEE registry).
namespace ethertype {
inline constexpr std::uint16_t ipv4 = 0x0800;
inline constexpr std::uint16_t arp = 0x0806;
inline constexpr std::uint16_t vlan = 0x8100;
inline constexpr std::uint16_t ipv6 = 0x86dd;
} // namespace ethertype

// A 48-bit IEEE 802 MAC address.
class mac_address {
public:
	mac_address() = default;
	explicit mac_address(const std::array<std::uint8_t, 6> &b) : b_(b) {}

	// Six colon-separated hexadecimal bytes of one or two digits each
	// ("0:1b:21:a:b:c" as ether_aton(3) reads it); nothing otherwise.
	static std::optional<mac_address> parse(std::string_view s);

	// ff:ff:ff:ff:ff:ff.
	static mac_address broadcast();

	// The six bytes, in wire order.
	const std::uint8_t *bytes() const { return b_.data(); }
	static constexpr std::size_t size() { return 6; }

	// All ones; the group bit set (IEEE 802 I/G); all zeros.
	bool is_broadcast() const;
	bool is_multicast() const { return (b_[0] & 1) != 0; }
	bool is_zero() const;

	// "xx:xx:xx:xx:xx:xx", lowercase, two digits each.
	std::string str() const;

	auto operator<=>(const mac_address &) const = default;

private:
	std::array<std::uint8_t, 6> b_{};
};

// Reads six bytes as a MAC address.
mac_address read_mac(wire_reader &r);

// Writes a MAC address.
void write_mac(wire_writer &w, const mac_address &m);

// The Ethernet II header of a frame.
struct ether_header {
	mac_address dst;
	mac_address src;
	std::uint16_t type = 0;			// EtherType of the payload
	std::optional<std::uint16_t> vlan_tci;	// 802.1Q tag control, if tagged
};

// A decoded frame: its header and what it carries.
struct ether_frame {
	ether_header hdr;
	bytes_view payload;
};

// The smallest Ethernet frame without its FCS (IEEE 802.3 clause 3.2.9).
inline constexpr std::size_t ether_min_frame = 60;

// Decodes a frame as captured (no FCS; virtual links carry frames shorter
// than the minimum).  Rejects a cut header and EtherType values below
// 0x0600 (802.3 length fields: not Ethernet II).
result<ether_frame> decode_ether(bytes_view frame);

// Appends the header (and the 802.1Q tag when set).
void encode_ether(wire_writer &w, const ether_header &h);

} // namespace net
