// request.h: arp -r, an ARP request sent now on an interface through the
// packet engine, and the reply waited for (RFC 826).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <vector>

#include "libnet/addr.h"
#include "libnet/ether.h"
#include "libnet/result.h"
#include "libnet/unique_fd.h"
#include "libnet/wire.h"

namespace arp {

// The broadcast frame asking who has target, from mac and sender (padded
// to the Ethernet minimum).
std::vector<std::uint8_t> request_frame(const net::mac_address &mac,
    const net::address &sender, const net::address &target);

// The MAC address target answers with, when frame is its ARP reply to us
// (mac); nothing for any other frame.
std::optional<net::mac_address> reply_from(net::bytes_view frame,
    const net::address &target, const net::mac_address &mac);

// The reply to a request: who answered, how fast.
struct answer {
	net::mac_address mac;
	std::int64_t rtt_ns = 0;
};

// Sends ARP requests on one interface and waits for their replies.
class requester {
public:
	// Opens the packet socket on ifindex: the one step that needs
	// privilege (CAP_NET_RAW).
	static net::result<requester> open(int ifindex);

	// Asks for target as mac/sender, up to tries times, waiting wait for
	// each; nothing when no reply came.
	net::result<std::optional<answer>> ask(const net::mac_address &mac,
	    const net::address &sender, const net::address &target, int tries,
	    std::chrono::milliseconds wait);

private:
	requester(net::unique_fd fd, int ifindex)
	    : fd_(std::move(fd)), ifindex_(ifindex)
	{
	}

	net::unique_fd fd_;
	int ifindex_;
};

} // namespace arp
