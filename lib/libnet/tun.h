// tun.h: TUN (IP packets) and TAP (Ethernet frames) devices, the kernel's
// way of handing a user process a network interface (/dev/net/tun).
#pragma once

#include <string>
#include <string_view>

#include "libnet/result.h"
#include "libnet/unique_fd.h"

namespace net {

// A TUN device carries IP packets, a TAP device Ethernet frames.
enum class tun_mode { tun, tap };

// An open TUN/TAP device.
struct tun_device {
	unique_fd fd;		// read one packet or frame, write one
	std::string name;	// the interface name the kernel gave it
};

// Creates the device name (or attaches to it if it exists and this
// process may), without the packet information prefix (IFF_NO_PI);
// close-on-exec and non-blocking.  An empty name lets the kernel pick one.
// Needs CAP_NET_ADMIN.
result<tun_device> open_tun(std::string_view name, tun_mode mode);

} // namespace net
