#include "request.h"

#include <poll.h>

#include "libnet/arp.h"
#include "libnet/link_socket.h"
#include "libnet/raw_socket.h"

namespace arp {

std::vector<std::uint8_t>
request_frame(const net::mac_address &mac, const net::address &sender,
    const net::address &target)
{
	std::vector<std::uint8_t> f;
	net::wire_writer w(f);
	net::ether_header eh{net::mac_address::broadcast(), mac,
	    net::ethertype::arp, {}};
	net::encode_ether(w, eh);
	net::arp_packet p;
	p.op = net::arp_op::request;
	p.sender_mac = mac;
	p.sender_ip = sender;
	p.target_ip = target;
	net::encode_arp(w, p);
	w.zeros(net::ether_min_frame - f.size());
	return f;
}

std::optional<net::mac_address>
reply_from(net::bytes_view frame, const net::address &target,
    const net::mac_address &mac)
{
	auto e = net::decode_ether(frame);
	if (!e || e->hdr.type != net::ethertype::arp)
		return std::nullopt;
	auto p = net::decode_arp(e->payload);
	if (!p || p->op != net::arp_op::reply || p->sender_ip != target)
		return std::nullopt;
	// A reply to someone else's question (a gratuitous or broadcast
	// one) tells the same; one naming another requester does not.
	if (!p->target_mac.is_zero() && !p->target_mac.is_broadcast() &&
	    p->target_mac != mac)
		return std::nullopt;
	return p->sender_mac;
}

net::result<requester>
requester::open(int ifindex)
{
	auto fd = net::open_link_socket(ifindex, net::ethertype::arp);
	if (!fd)
		return fd.err();
	return requester(std::move(*fd), ifindex);
}

net::result<std::optional<answer>>
requester::ask(const net::mac_address &mac, const net::address &sender,
    const net::address &target, int tries, std::chrono::milliseconds wait)
{
	auto frame = request_frame(mac, sender, target);
	std::uint8_t buf[2048];
	for (int t = 0; t < tries; t++) {
		std::int64_t sent = net::realtime_ns();
		if (auto r = net::send_frame(fd_.get(), frame, ifindex_); !r)
			return r.err();
		auto deadline = std::chrono::steady_clock::now() + wait;
		for (;;) {
			auto left = std::chrono::duration_cast<
			    std::chrono::milliseconds>(deadline -
			    std::chrono::steady_clock::now());
			if (left.count() <= 0)
				break;
			pollfd p{fd_.get(), POLLIN, 0};
			int ms = static_cast<int>(left.count()) + 1;
			if (poll(&p, 1, ms) <= 0)
				continue;
			auto f = net::recv_frame(fd_.get(), buf);
			if (!f || f->outgoing())
				continue;
			auto m = reply_from(net::bytes_view(buf, f->size),
			    target, mac);
			if (!m)
				continue;
			return std::optional<answer>(answer{*m,
			    f->stamp_ns.value_or(net::realtime_ns()) - sent});
		}
	}
	return std::optional<answer>();
}

} // namespace arp
