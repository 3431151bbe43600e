#include "transport.h"

#include <netinet/in.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>

#include "libnet/bpf.h"
#include "libnet/ipv4.h"
#include "libnet/socket.h"
#include "libnet/unique_fd.h"

namespace ping {

net::result<transport>
transport::open(int family, const std::string &device)
{
	auto s = net::open_ping_socket(family);
	if (!s)
		return s.err();
	if (!device.empty() &&
	    setsockopt(s->fd.get(), SOL_SOCKET, SO_BINDTODEVICE,
		device.c_str(), static_cast<socklen_t>(device.size())) != 0)
		return net::fail("SO_BINDTODEVICE " + device);
	return transport(std::move(*s), family);
}

namespace {

std::uint16_t
random_id()
{
	std::uint16_t id = 0;
	if (getrandom(&id, sizeof id, GRND_NONBLOCK) != sizeof id)
		id = static_cast<std::uint16_t>(getpid());
	return id;
}

} // namespace

net::result<void>
transport::configure(const settings &s,
    const std::optional<net::address> &source)
{
	int fd = sock_.fd.get();
	bool v6 = family_ == AF_INET6;
	bool datagram = sock_.kind == net::icmp_socket_kind::datagram;
	if (source || datagram) {
		// Binding a datagram socket is also what gives it its echo
		// id (the "port").
		net::endpoint ep{source ? *source
					: (v6 ? net::address::any6()
					      : net::address::any4()),
		    0};
		sockaddr_storage ss;
		socklen_t len = ep.to_sockaddr(ss);
		if (bind(fd, reinterpret_cast<sockaddr *>(&ss), len) != 0)
			return net::fail("bind " + ep.addr.str());
	}
	if (datagram) {
		auto ep = net::local_endpoint(fd);
		if (!ep)
			return ep.err();
		id_ = ep->port;
	} else {
		id_ = random_id();
		if (auto r = net::attach_filter(fd, net::icmp_echo_filter(
			family_, id_, s.verbose));
		    !r)
			return r;
	}
	if (s.ttl) {
		int level = v6 ? int{IPPROTO_IPV6} : int{IPPROTO_IP};
		if (auto r = net::set_int_option(fd, level,
			v6 ? IPV6_UNICAST_HOPS : IP_TTL, *s.ttl,
			"set unicast time-to-live");
		    !r)
			return r;
		if (auto r = net::set_int_option(fd, level,
			v6 ? IPV6_MULTICAST_HOPS : IP_MULTICAST_TTL, *s.ttl,
			"set multicast time-to-live");
		    !r)
			return r;
	}
	if (s.record_route) {
		auto opt = net::record_route_option(9);
		if (setsockopt(fd, IPPROTO_IP, IP_OPTIONS, opt.data(),
			static_cast<socklen_t>(opt.size())) != 0)
			return net::fail("record route");
	}
	if (s.dont_route)
		if (auto r = net::set_int_option(fd, SOL_SOCKET,
			SO_DONTROUTE, 1, "SO_DONTROUTE");
		    !r)
			return r;
	// Room for a burst of replies; the kernel caps it at rmem_max.
	if (s.flood || s.preload > 1 || s.interval_us < 10000)
		(void)net::set_int_option(fd, SOL_SOCKET, SO_RCVBUF,
		    256 * 1024, "SO_RCVBUF");
	net::receive_options ro;
	ro.timestamp = true;
	// A raw IPv4 socket reads the IP header (TTL, options) itself.
	ro.ttl = v6 || datagram;
	ro.destination = v6;
	ro.ip_options = !v6 && datagram && s.record_route;
	// Datagram sockets hear about ICMP errors only through the error
	// queue; raw sockets read the errors themselves.
	ro.errors = datagram;
	if (auto r = net::enable_receive_info(fd, family_, ro); !r)
		return r;
	return {};
}

net::result<net::address>
route_source(const net::address &dst, const std::string &device,
    const std::optional<net::address> &source, bool direct)
{
	int fd = socket(dst.family(), SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return net::fail("socket");
	net::unique_fd s(fd);
	// Binding to a device needs no privilege on a fresh socket (Linux
	// 5.7); where it is refused the route is the one without it.
	if (!device.empty())
		(void)setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE,
		    device.c_str(), static_cast<socklen_t>(device.size()));
	sockaddr_storage ss;
	if (source) {
		socklen_t len = net::endpoint{*source, 0}.to_sockaddr(ss);
		if (bind(fd, reinterpret_cast<sockaddr *>(&ss), len) != 0)
			return net::fail("bind " + source->str());
	}
	if (direct)
		if (auto r = net::set_int_option(fd, SOL_SOCKET,
			SO_DONTROUTE, 1, "SO_DONTROUTE");
		    !r)
			return r.err();
	// Any port: nothing is sent.
	socklen_t len = net::endpoint{dst, 1025}.to_sockaddr(ss);
	if (connect(fd, reinterpret_cast<sockaddr *>(&ss), len) != 0)
		return net::fail("connect");
	auto ep = net::local_endpoint(fd);
	if (!ep)
		return ep.err();
	return ep->addr;
}

} // namespace ping
