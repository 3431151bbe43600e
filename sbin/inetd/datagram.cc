// datagram.cc: datagrams: the internal services' answers, given in the
// loop, and the admission of the datagram that would start a server.
#include "datagram.h"

#include <sys/socket.h>

#include <cerrno>
#include <ctime>
#include <random>

#include "libnet/log.h"
#include "server.h"

namespace inetd {

namespace {

constexpr int datagrams_per_round = 64;

} // namespace

bool
datagram_id::operator==(const datagram_id &o) const
{
	return received.tv_sec == o.received.tv_sec &&
	    received.tv_nsec == o.received.tv_nsec && peer == o.peer;
}

// The datagram at the head of fd's queue, left there for the child.
std::optional<net::datagram_info>
peek_head(int fd)
{
	std::uint8_t b[1];
	auto d = net::recv_datagram(fd, b, MSG_PEEK | MSG_DONTWAIT);
	if (!d)
		return std::nullopt;
	return *d;
}

datagram_id
id_of(const net::datagram_info &d)
{
	return datagram_id{d.received.value_or(timespec{}), d.peer};
}

// True when the datagram id is still at the head of fd's queue.
bool
still_queued(int fd, const datagram_id &id)
{
	auto d = peek_head(fd);
	return d && id_of(*d) == id;
}

void
server::on_builtin_dgram(const service_ptr &svc, listener &l)
{
	static std::minstd_rand rng(static_cast<unsigned>(std::time(nullptr)));
	std::uint8_t buf[65536];
	builtin_kind kind = *svc->spec.builtin;
	for (int i = 0; i < datagrams_per_round && l.fd.valid(); i++) {
		auto d = net::recv_datagram(l.fd.get(), buf, MSG_DONTWAIT);
		if (!d) {
			if (d.err().code != EAGAIN && d.err().code != EWOULDBLOCK)
				net::log_debug("%s: %s", svc->spec.name.c_str(),
				    d.err().message().c_str());
			return;
		}
		svc->count.connections++;
		std::string peer_text = d->peer.str();
		if (kind != builtin_kind::discard &&
		    !udp_reply_allowed(d->peer.port, internal_udp_ports_)) {
			svc->count.refused_limit++;
			refuse(*svc, peer_text,
			    "source port could start a reply loop", "");
			continue;
		}
		auto decision = check_access(access_, svc->spec.daemon_name,
		    d->peer.addr, d->local);
		if (!decision.granted) {
			svc->count.refused_access++;
			refuse(*svc, peer_text, "", decision.where(),
			    refusal_level(decision));
			continue;
		}
		if (!source_admitted(*svc, d->peer.addr,
			admit_datagram(svc->sources, d->peer.addr, loop_.now(),
			    limits_for(svc->spec, opts_.source_max,
				opts_.source_rate))))
			continue;
		log_datagram(*svc, peer_text);
		std::string reply;
		switch (kind) {
		case builtin_kind::echo:
			reply.assign(reinterpret_cast<char *>(buf), d->size);
			break;
		case builtin_kind::discard:
			continue;
		case builtin_kind::chargen: {
			// RFC 864: a datagram of 0 to 512 characters.
			std::uint64_t pos = rng() % 95 * 74;
			chargen_fill(reply, rng() % 513, &pos);
			break;
		}
		case builtin_kind::daytime:
			reply = daytime_text(std::time(nullptr));
			break;
		case builtin_kind::time:
			reply = time_bytes(std::time(nullptr));
			break;
		}
		auto sent = net::send_datagram(l.fd.get(),
		    {reinterpret_cast<const std::uint8_t *>(reply.data()),
			reply.size()},
		    d->peer, d->local, d->ifindex);
		if (!sent)
			net::log_debug("%s: %s", svc->spec.name.c_str(),
			    sent.err().message().c_str());
	}
}

// The access rules and the per-source limits for the datagram that would
// start a child; a refused one is taken off the queue, or it would be
// refused again and again.  A rule with options that act in the server's
// process leaves the decision to the child (*in_child).
bool
server::dgram_admitted(const service_ptr &svc, listener &l,
    const net::datagram_info &d, bool *in_child)
{
	auto decision = check_access(access_, svc->spec.daemon_name,
	    d.peer.addr, d.local);
	*in_child = needs_child(decision);
	bool ok = decision.granted || *in_child;
	if (!ok) {
		svc->count.refused_access++;
		refuse(*svc, net::endpoint{d.peer.addr.unmapped(), d.peer.port}
				 .str(),
		    "", decision.where(), refusal_level(decision));
	} else {
		ok = admit_source(*svc, d.peer.addr);
	}
	if (!ok) {
		std::uint8_t b;
		(void)recv(l.fd.get(), &b, 1, MSG_DONTWAIT);
	}
	return ok;
}

} // namespace inetd
