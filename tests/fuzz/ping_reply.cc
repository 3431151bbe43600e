// Fuzz target: what ping makes of a received packet or queued error.  The
// first byte picks the socket family and kind, the next two the id.
#include <netinet/in.h>

#include <cstddef>
#include <cstdint>

#include "libnet/wire.h"

#include "../../bin/ping/probe.h"

extern "C" int
LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
	if (size < 3)
		return 0;
	ping::match m;
	m.family = (data[0] & 1) ? AF_INET6 : AF_INET;
	m.kind = (data[0] & 2) ? net::icmp_socket_kind::datagram
			       : net::icmp_socket_kind::raw;
	m.id = static_cast<std::uint16_t>(data[1] << 8 | data[2]);
	m.any_source = (data[0] & 4) != 0;
	net::bytes_view pkt(data + 3, size - 3);
	net::packet_info info;
	if (m.family == AF_INET6) {
		m.target = *net::address::parse("fd00:9::2");
		info.from = m.target;
		info.to = *net::address::parse("fd00:9::1");
	} else {
		m.target = *net::address::parse("10.9.0.2");
		info.from = m.target;
		if (data[0] & 8) {
			info.ip_options_size = pkt.size() < 40 ? pkt.size()
								: 40;
			for (std::size_t i = 0; i < info.ip_options_size; i++)
				info.ip_options[i] = pkt[i];
		}
	}
	auto e = ping::classify_packet(m, pkt, info);
	(void)e;
	net::queued_error qe;
	qe.origin = static_cast<std::uint8_t>(data[0] >> 4);
	qe.offender = info.from;
	info.error = qe;
	(void)ping::classify_queued_error(m, pkt, info);
	return 0;
}
