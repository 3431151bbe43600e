// tap.h: a TAP interface in a private namespace that the test plays the
// far side of: frames the kernel sends come out of fd, frames written to fd
// arrive on the interface as if from the wire.
#pragma once

#include <poll.h>
#include <unistd.h>

#include <optional>
#include <string>
#include <vector>

#include "libnet/rtnl.h"
#include "libnet/tun.h"

struct tap_link {
	net::tun_device dev;
	int index = 0;
	net::mac_address mac;

	// Creates tap0 (mode tap) or tun0, gives it addr/prefix, brings it up.
	static std::optional<tap_link>
	create(net::netlink_socket &nl, net::tun_mode mode, const char *addr,
	    unsigned prefix)
	{
		auto d = net::open_tun(mode == net::tun_mode::tap ? "tap0"
								  : "tun0",
		    mode);
		if (!d)
			return std::nullopt;
		tap_link t;
		t.dev = std::move(*d);
		auto l = net::find_link(nl, t.dev.name);
		if (!l)
			return std::nullopt;
		t.index = l->index;
		if (l->mac)
			t.mac = *l->mac;
		if (!net::add_address(nl, t.index, *net::address::parse(addr),
			prefix))
			return std::nullopt;
		if (!net::set_link_up(nl, t.index, true))
			return std::nullopt;
		return t;
	}
};

// Waits up to ms for fd to be readable.
inline bool
wait_readable(int fd, int ms, short events = POLLIN)
{
	pollfd p{fd, events, 0};
	return poll(&p, 1, ms) == 1;
}

// Reads frames from the device until pred accepts one (or 3 s pass);
// IPv6 router solicitations and the like are skipped by pred.
template <class Pred>
std::optional<std::vector<std::uint8_t>>
read_until(int fd, Pred pred, int ms = 3000)
{
	for (int waited = 0; waited < ms; waited += 10) {
		if (!wait_readable(fd, 10))
			continue;
		std::vector<std::uint8_t> buf(65536);
		ssize_t n;
		while ((n = read(fd, buf.data(), buf.size())) > 0) {
			buf.resize(static_cast<std::size_t>(n));
			if (pred(net::bytes_view(buf)))
				return buf;
			buf.resize(65536);
		}
	}
	return std::nullopt;
}
