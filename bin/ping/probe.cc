#include "probe.h"

#include <time.h>
#include <linux/errqueue.h>

#include <algorithm>
#include <array>

#include "libnet/icmp.h"
#include "libnet/icmp6.h"
#include "libnet/ipv6.h"

namespace ping {

probe_builder::probe_builder(int family, std::uint16_t id, std::size_t size,
    const std::vector<std::uint8_t> &pattern)
    : family_(family), id_(id), size_(size)
{
	std::size_t start = size >= stamp_size ? stamp_size : 0;
	fill_.resize(size - start);
	for (std::size_t i = 0; i < fill_.size(); i++)
		fill_[i] = pattern.empty()
		    ? static_cast<std::uint8_t>(start + i)
		    : pattern[i % pattern.size()];
}

namespace {

// The send time as the packet carries it: seconds, then microseconds.
std::array<std::uint8_t, stamp_size>
stamp_bytes(std::int64_t ns)
{
	std::uint64_t v[2] = {static_cast<std::uint64_t>(ns / 1000000000),
	    static_cast<std::uint64_t>(ns % 1000000000 / 1000)};
	std::array<std::uint8_t, stamp_size> b;
	for (std::size_t i = 0; i < stamp_size; i++)
		b[i] = static_cast<std::uint8_t>(v[i / 8] >>
		    (56 - 8 * (i % 8)));
	return b;
}

} // namespace

net::bytes_view
probe_builder::build(std::uint16_t seq, std::int64_t sent_ns)
{
	data_.clear();
	net::wire_writer dw(data_);
	if (size_ >= stamp_size)
		dw.bytes(stamp_bytes(sent_ns));
	dw.bytes(fill_);
	packet_.clear();
	net::wire_writer w(packet_);
	// ICMPv6 checksums cover the pseudo-header: the kernel fills them.
	if (family_ == AF_INET6)
		net::encode_icmp6_echo(w, net::icmp6_type::echo_request, id_,
		    seq, data_);
	else
		net::encode_icmp_echo(w, net::icmp_type::echo_request, id_,
		    seq, data_);
	return packet_;
}

net::bytes_view
probe_builder::restamp(std::int64_t sent_ns)
{
	if (size_ < stamp_size || packet_.size() < 8 + stamp_size)
		return packet_;
	auto now = stamp_bytes(sent_ns);
	std::uint8_t *at = packet_.data() + 8;
	if (family_ == AF_INET) {
		// HC' = ~(~HC + ~m + m') over each 16-bit word that changes.
		std::uint32_t sum = static_cast<std::uint16_t>(
		    ~(packet_[2] << 8 | packet_[3]));
		for (std::size_t i = 0; i < stamp_size; i += 2) {
			sum += static_cast<std::uint16_t>(~(at[i] << 8 |
			    at[i + 1]));
			sum += static_cast<std::uint32_t>(now[i] << 8 |
			    now[i + 1]);
		}
		while (sum >> 16)
			sum = (sum & 0xffff) + (sum >> 16);
		std::uint16_t c = static_cast<std::uint16_t>(~sum);
		packet_[2] = static_cast<std::uint8_t>(c >> 8);
		packet_[3] = static_cast<std::uint8_t>(c);
	}
	std::copy(now.begin(), now.end(), at);
	return packet_;
}

std::uint8_t
probe_builder::expected(std::size_t i, std::int64_t sent_ns) const
{
	if (size_ >= stamp_size && i < stamp_size)
		return stamp_bytes(sent_ns)[i];
	std::size_t start = size_ >= stamp_size ? stamp_size : 0;
	return i - start < fill_.size() ? fill_[i - start] : 0;
}

std::optional<std::size_t>
probe_builder::first_mismatch(net::bytes_view data, std::int64_t sent_ns) const
{
	std::size_t start = 0;
	if (size_ >= stamp_size) {
		auto s = stamp_bytes(sent_ns);
		for (; start < stamp_size && start < data.size(); start++)
			if (data[start] != s[start])
				return start;
		start = stamp_size;
	}
	for (std::size_t i = start; i < data.size() && i < size_; i++)
		if (data[i] != fill_[i - start])
			return i;
	return std::nullopt;
}

bool
is_failure(int family, std::uint8_t type)
{
	if (family == AF_INET6)
		return type == net::icmp6_type::dest_unreach ||
		    type == net::icmp6_type::packet_too_big ||
		    type == net::icmp6_type::time_exceeded ||
		    type == net::icmp6_type::param_problem;
	return type == net::icmp_type::dest_unreach ||
	    type == net::icmp_type::time_exceeded ||
	    type == net::icmp_type::param_problem;
}

namespace {

// Our request inside an ICMP error: an echo request with our id to the
// target.  Datagram sockets need no id check: the kernel matched it.
bool
quoted_is_ours(const match &m, const net::address &dst,
    net::bytes_view quoted_icmp, std::uint16_t &seq)
{
	if (!net::same_host(dst, m.target))
		return false;
	net::wire_reader r(quoted_icmp);
	std::uint8_t type = r.u8();
	r.skip(3);
	std::uint16_t id = r.u16();
	seq = r.u16();
	std::uint8_t want = m.family == AF_INET6
	    ? net::icmp6_type::echo_request
	    : net::icmp_type::echo_request;
	return r.ok() && type == want &&
	    (m.kind == net::icmp_socket_kind::datagram || id == m.id);
}

event
classify_v4(const match &m, net::bytes_view icmp, event e)
{
	auto msg = net::decode_icmp(icmp, net::checksum_check::report);
	if (!msg)
		return event{};
	// A request is no news: on loopback a raw socket reads our own as
	// well as the reply, and another host's concerns only that host
	// (iputils lists neither).
	if (msg->type == net::icmp_type::echo_request)
		return event{};
	e.icmp_size = icmp.size();
	e.type = msg->type;
	e.code = msg->code;
	if (msg->echo && msg->type == net::icmp_type::echo_reply) {
		bool mine = m.kind == net::icmp_socket_kind::datagram ||
		    msg->echo->id == m.id;
		if (!mine || (!m.any_source && !net::same_host(e.from, m.target)))
			return e.kind = event_kind::other, e;
		e.kind = event_kind::reply;
		e.id = msg->echo->id;
		e.seq = msg->echo->seq;
		e.data = msg->echo->data;
		e.checksum_ok = msg->checksum_ok;
		return e;
	}
	if (msg->error && msg->checksum_ok) {
		const auto &orig = msg->error->original;
		std::uint16_t seq;
		if (orig.hdr.protocol == net::ip_proto::icmp &&
		    quoted_is_ours(m, orig.hdr.dst, orig.payload, seq)) {
			e.kind = event_kind::error;
			e.seq = seq;
			// As IP_RECVERR reports it: the MTU, the pointer, or
			// the new gateway.
			if (msg->type == net::icmp_type::param_problem)
				e.info = msg->error->pointer();
			else if (msg->type == net::icmp_type::dest_unreach)
				e.info = msg->error->mtu();
			else
				e.info = msg->error->word;
			return e;
		}
	}
	e.kind = event_kind::other;
	return e;
}

event
classify_v6(const match &m, net::bytes_view icmp, event e,
    const net::packet_info &info)
{
	net::pseudo_header ph{e.from, info.to ? *info.to : net::address()};
	bool can_check = info.to.has_value() && e.from.is_v6();
	auto msg = net::decode_icmp6(icmp, can_check ? &ph : nullptr,
	    net::checksum_check::report);
	if (!msg)
		return event{};
	if (msg->type == net::icmp6_type::echo_request)
		return event{};	// as for IPv4
	e.icmp_size = icmp.size();
	e.type = msg->type;
	e.code = msg->code;
	// The kernel checked the checksum of everything a socket reads;
	// ours is a second look when the destination is known.
	e.checksum_ok = !can_check || msg->checksum_ok;
	if (msg->echo && msg->type == net::icmp6_type::echo_reply) {
		bool mine = m.kind == net::icmp_socket_kind::datagram ||
		    msg->echo->id == m.id;
		if (!mine || (!m.any_source && !net::same_host(e.from, m.target)))
			return e.kind = event_kind::other, e;
		e.kind = event_kind::reply;
		e.id = msg->echo->id;
		e.seq = msg->echo->seq;
		e.data = msg->echo->data;
		return e;
	}
	if (msg->error && e.checksum_ok) {
		const auto &orig = msg->error->original;
		std::uint16_t seq;
		if (orig.protocol == net::ip_proto::icmpv6 &&
		    quoted_is_ours(m, orig.hdr.dst, orig.payload, seq)) {
			e.kind = event_kind::error;
			e.seq = seq;
			e.info = msg->error->word;
			return e;
		}
	}
	e.kind = event_kind::other;
	return e;
}

} // namespace

event
classify_packet(const match &m, net::bytes_view pkt,
    const net::packet_info &info)
{
	event e;
	if (!info.from || info.from->family() != m.family)
		return e;
	e.from = *info.from;
	e.ttl = info.ttl;
	if (m.family == AF_INET6)
		return classify_v6(m, pkt, e, info);
	net::bytes_view icmp = pkt;
	net::ipv4_options opts;
	if (m.kind == net::icmp_socket_kind::raw) {
		auto ip = net::decode_ipv4(pkt, net::ipv4_decode::delivered);
		if (!ip || ip->hdr.protocol != net::ip_proto::icmp)
			return event{};
		icmp = ip->payload;
		e.ttl = ip->hdr.ttl;
		opts = std::move(ip->opts);
	} else if (info.ip_options_size > 0) {
		auto o = net::decode_ipv4_options(info.options());
		if (o)
			opts = std::move(*o);
	}
	e = classify_v4(m, icmp, e);
	if (e.kind == event_kind::reply)
		e.route = std::move(opts.record_route);
	return e;
}

event
classify_queued_error(const match &m, net::bytes_view pkt,
    const net::packet_info &info)
{
	event e;
	if (!info.error)
		return e;
	const net::queued_error &qe = *info.error;
	bool icmp_origin = qe.origin == SO_EE_ORIGIN_ICMP ||
	    qe.origin == SO_EE_ORIGIN_ICMP6;
	if (!icmp_origin || !qe.offender)
		return e;
	// The bytes are our own request; its seq is all we need.
	net::wire_reader r(pkt);
	std::uint8_t type = r.u8();
	r.skip(5);
	std::uint16_t seq = r.u16();
	std::uint8_t want = m.family == AF_INET6
	    ? net::icmp6_type::echo_request
	    : net::icmp_type::echo_request;
	if (!r.ok() || type != want)
		return e;
	e.kind = event_kind::error;
	e.from = *qe.offender;
	e.seq = seq;
	e.type = qe.type;
	e.code = qe.code;
	e.info = qe.info;
	return e;
}

} // namespace ping
