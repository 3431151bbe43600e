// notify_out.cc: sending NOTIFY.
#include "notify_out.h"

#include <sys/random.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <optional>

#include "libnet/dns_message.h"
#include "libnet/dns_tsig.h"
#include "libnet/dns_types.h"
#include "libnet/log.h"
#include "libnet/socket.h"
#include "libnet/unique_fd.h"

namespace named {

namespace dns = net::dns;

namespace {

constexpr unsigned max_tries = 4;

} // namespace

struct notifier::one {
	dns::name origin;
	std::uint32_t serial = 0;
	net::address to;
	net::unique_fd fd;
	net::watch w;
	net::timer t;
	std::uint16_t id = 0;
	unsigned tries = 0;
	std::vector<std::uint8_t> msg;
	std::optional<dns::tsig_key> key;	// the server line's
	dns::tsig_mac mac;			// msg's, when signed
};

std::vector<net::address>
notify_targets(const zone &z, const database &db)
{
	std::vector<net::address> out;
	const zone::node &apex = z.apex_node();
	const zone::rrset *ns = z.find_set(apex, dns::rr_type::ns);
	const zone::rrset *soa = z.find_set(apex, dns::rr_type::soa);
	if (!ns || !soa)
		return out;
	auto mname = zone::rdata_iter(z, *soa).get();
	mname = mname.subspan(0, dns::wire_name_length(mname));
	for (zone::rdata_iter it(z, *ns); !it.done(); it.next()) {
		auto target = it.get();
		if (target.size() == mname.size() &&
		    dns::equal_nocase(target.data(), mname.data(),
			mname.size()))
			continue;
		// The address may be glue below a cut: looked up in the
		// zone first, then in the zone that holds the name.
		const zone *holders[2] = {&z, db.find_zone(target)};
		for (const zone *h : holders) {
			if (!h)
				continue;
			const zone::node *n = h->find(target);
			if (!n)
				continue;
			bool found = false;
			for (auto type : {dns::rr_type::a, dns::rr_type::aaaa}) {
				const zone::rrset *s = h->find_set(*n, type);
				if (!s)
					continue;
				for (zone::rdata_iter a(*h, *s); !a.done();
				    a.next()) {
					auto rd = a.get();
					net::address addr = rd.size() == 4 ?
					    net::address::v4(std::uint32_t(
						rd[0]) << 24 | rd[1] << 16 |
						rd[2] << 8 | rd[3]) :
					    net::address::v6(rd.data());
					bool dup = false;
					for (const auto &x : out)
						dup = dup || x == addr;
					if (!dup)
						out.push_back(addr);
					found = true;
				}
			}
			if (found)
				break;
		}
	}
	return out;
}

notifier::notifier(net::event_loop &loop, std::uint16_t port)
    : loop_(loop), port_(port)
{
}

notifier::~notifier() = default;

void
notifier::zone_changed(const zone &z, const database &db)
{
	for (const auto &addr : notify_targets(z, db)) {
		auto o = std::make_unique<one>();
		o->origin = z.origin();
		o->serial = z.serial();
		o->to = addr;
		o->t = net::timer(loop_);
		auto fd = net::udp_connect(net::endpoint{addr, port_});
		if (!fd) {
			net::log_warn("NOTIFY of %s to %s: %s",
			    z.origin().to_text().c_str(), addr.str().c_str(),
			    fd.err().message().c_str());
			continue;
		}
		(void)net::set_nonblocking(fd->get(), true);
		o->fd = std::move(*fd);
		if (getrandom(&o->id, sizeof o->id, 0) != sizeof o->id)
			o->id = static_cast<std::uint16_t>(std::rand());
		dns::message m;
		m.hdr.id = o->id;
		m.hdr.opcode = dns::opcode::notify;
		m.hdr.aa = true;
		m.questions.push_back({z.origin(), dns::rr_type::soa,
		    dns::rr_class::in});
		auto b = dns::build_message(m);
		if (!b)
			continue;
		o->msg = std::move(*b);
		o->key = db.server_key(addr);
		if (o->key) {
			dns::tsig_sign_args a;
			a.time_signed = static_cast<std::uint64_t>(
			    time(nullptr));
			auto mac = dns::tsig_sign(o->msg, *o->key, a);
			if (!mac) {
				net::log_warn("NOTIFY of %s to %s: cannot sign: "
				    "%s", z.origin().to_text().c_str(),
				    addr.str().c_str(),
				    mac.err().message().c_str());
				continue;
			}
			o->mac = *mac;
		}
		one *p = o.get();
		o->w = net::watch(loop_, o->fd.get(), POLLIN,
		    [this, p](short) { on_reply(*p); });
		pending_[p] = std::move(o);
		send(*p);
	}
}

void
notifier::send(one &o)
{
	if (o.tries++ >= max_tries) {
		net::log_warn("NOTIFY of %s (serial %u) to %s: no answer",
		    o.origin.to_text().c_str(), o.serial, o.to.str().c_str());
		done(&o);
		return;
	}
	(void)::send(o.fd.get(), o.msg.data(), o.msg.size(), 0);
	one *p = &o;
	o.t.start(net::seconds(1 << o.tries), [this, p] { send(*p); });
}

void
notifier::on_reply(one &o)
{
	std::uint8_t buf[1500];
	ssize_t n = recv(o.fd.get(), buf, sizeof buf, 0);
	if (n < 0)
		return;	// ICMP unreachable and the like: the timer retries
	auto m = dns::parse_message(net::bytes_view(buf, std::size_t(n)));
	if (!m || !m->hdr.qr || m->hdr.id != o.id ||
	    m->hdr.opcode != dns::opcode::notify)
		return;
	if (o.key) {
		auto v = dns::tsig_verify(net::bytes_view(buf, std::size_t(n)),
		    *o.key, static_cast<std::uint64_t>(time(nullptr)),
		    o.mac.view());
		if (!v.ok() || v.error) {
			net::log_warn("NOTIFY of %s (serial %u) to %s: the "
			    "answer fails TSIG (%s)", o.origin.to_text().c_str(),
			    o.serial, o.to.str().c_str(), v.error ?
			    dns::tsig_error_to_text(v.error).c_str() :
			    v.reason ? v.reason : dns::tsig_status_text(v.status));
			done(&o);
			return;
		}
	}
	if (m->rcode() == dns::rcode::noerror)
		net::log_info("NOTIFY of %s (serial %u) to %s: accepted",
		    o.origin.to_text().c_str(), o.serial, o.to.str().c_str());
	else
		net::log_warn("NOTIFY of %s (serial %u) to %s: answered %s",
		    o.origin.to_text().c_str(), o.serial, o.to.str().c_str(),
		    dns::rcode_to_text(m->rcode()).c_str());
	done(&o);
}

void
notifier::done(one *o)
{
	auto it = pending_.find(o);
	if (it == pending_.end())
		return;
	// Called from o's own watch or timer: deleted once that returns.
	one *p = it->second.release();
	pending_.erase(it);
	p->w.reset();
	p->t.cancel();
	loop_.defer([p] { delete p; });
}

} // namespace named
