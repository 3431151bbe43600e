// tcp.cc: TCP connections and zone transfers out.
#include "tcp.h"

#include <chrono>
#include <ctime>
#include <optional>
#include <vector>

#include "answer.h"
#include "ixfr.h"
#include "refresh.h"
#include "libnet/dns_message.h"
#include "libnet/dns_tsig.h"
#include "libnet/dns_types.h"
#include "libnet/log.h"
#include "libnet/socket.h"
#include "udp.h"

namespace named {

namespace dns = net::dns;

namespace {

// A transfer message's size: large enough that few are needed, small
// enough that the compression table (64 names) still covers much of it.
constexpr std::size_t xfr_message = 16384;
// Messages are made while less than this is waiting to be sent.
constexpr std::size_t xfr_queue = 65536;

} // namespace

struct tcp_server::transfer {
	std::shared_ptr<const database> db;
	const zone *z = nullptr;
	dns::query q;
	enum class phase { first_soa, body, last_soa, list, done } at =
	    phase::first_soa;
	std::vector<dns::record> list;	// phase list: these records
	std::size_t list_pos = 0;
	std::unique_ptr<dns::tsig_stream_signer> signer;	// signed request
	std::size_t node = 0;
	const zone::rrset *set = nullptr;
	std::optional<zone::rdata_iter> rr;
	unsigned messages = 0;
	std::uint64_t records = 0;
};

struct tcp_server::conn {
	std::unique_ptr<net::stream_conn> s;
	net::endpoint peer;
	std::unique_ptr<transfer> xfr;
};

tcp_server::tcp_server(net::event_loop &loop, current_database &db,
    stats &st, notify_inbox &inbox, tcp_limits lim)
    : loop_(loop), db_(db), inbox_(inbox), counters_(st.make()), lim_(lim),
      out_(65535)
{
}

tcp_server::~tcp_server() = default;

net::result<void>
tcp_server::open(std::uint16_t port)
{
	net::socket_options so;
	so.v6only = net::v6only_mode::off;
	so.backlog = 1024;
	net::endpoint ep{net::address::any6(), port};
	auto fd = net::tcp_listen(ep, so);
	if (!fd && fd.err().code == EAFNOSUPPORT) {
		ep.addr = net::address::any4();
		fd = net::tcp_listen(ep, so);
	}
	if (!fd)
		return fd.err();
	listen_ = std::move(*fd);
	watch_ = net::watch(loop_, listen_.get(), POLLIN,
	    [this](short) { on_accept(); });
	return {};
}

void
tcp_server::refuse_log(const net::endpoint &peer, const char *why)
{
	counters::bump(counters_.tcp_refused);
	unsigned held = 0;
	if (refusals_.allow(loop_.now(), &held))
		net::log_warn("tcp connection from %s refused: %s%s",
		    peer.addr.unmapped().str().c_str(), why,
		    held ? (" (" + std::to_string(held) +
			" more not logged)").c_str() : "");
}

void
tcp_server::on_accept()
{
	for (int i = 0; i < 64; i++) {
		net::endpoint peer;
		auto fd = net::accept_connection(listen_.get(), &peer, true);
		if (!fd)
			return;
		net::address src = peer.addr.unmapped();
		if (conns_.size() >= lim_.max_connections) {
			refuse_log(peer, "too many connections");
			continue;
		}
		auto v = sources_.admit(src, loop_.now(), lim_.per_source, 0,
		    net::duration::zero());
		if (v != net::source_verdict::admit) {
			refuse_log(peer, net::verdict_text(v));
			continue;
		}
		auto c = std::make_unique<conn>();
		conn *cp = c.get();
		cp->peer = peer;
		net::stream_conn::limits lim;
		lim.max_frame = 65535;
		lim.idle = lim_.idle;
		net::stream_conn::callbacks cbs;
		cbs.on_frame = [this, cp](std::string_view f) {
			on_frame(*cp, f);
		};
		cbs.on_drain = [this, cp] { pump(*cp); };
		cbs.on_end = [this, cp](net::stream_conn::end_reason) {
			sources_.release(cp->peer.addr.unmapped(), loop_.now());
			conns_.erase(cp);
		};
		cp->s = std::make_unique<net::stream_conn>(loop_, std::move(*fd),
		    net::stream_conn::framing::length16, lim, std::move(cbs));
		conns_[cp] = std::move(c);
		cp->s->start();
	}
}

void
tcp_server::on_frame(conn &c, std::string_view frame)
{
	if (c.xfr)
		return;		// not reached: reading stops for a transfer
	auto db = db_.get();
	answer_info info;
	net::bytes_view pkt(reinterpret_cast<const std::uint8_t *>(
	    frame.data()), frame.size());
	std::size_t n = answer_query(*db, pkt, out_, transport::tcp, q_,
	    counters_, info, c.peer.addr,
	    cookie_time(std::chrono::system_clock::now()));
	if (info.transfer) {
		start_transfer(c, q_, pkt);
		return;
	}
	if (info.notify) {
		bool accepted = false;
		n = answer_notify(*db, q_, pkt, c.peer.addr, out_, accepted,
		    static_cast<std::uint64_t>(time(nullptr)));
		if (accepted)
			inbox_.post(q_.qname);
	}
	if (info.reply)
		log_query(*db, c.peer.addr, true, q_, info.rcode);
	if (n > 0)
		c.s->send_frame(std::string_view(
		    reinterpret_cast<const char *>(out_.data()), n));
}

void
tcp_server::start_transfer(conn &c, const dns::query &q,
    net::bytes_view pkt)
{
	auto db = db_.get();
	const char *kind = q.qtype == dns::rr_type::axfr ? "AXFR" :
	    "IXFR (whole zone)";
	std::string who = c.peer.addr.unmapped().str();
	std::string zname = q.qname.to_text();
	std::uint16_t rcode = dns::rcode::noerror;
	const zone *z = db->find_exact(q.qname.wire());
	// A signed request (RFC 8945): verified with the boot file's keys;
	// one that fails is answered as section 5.3.2 says, and a good one
	// may transfer from anywhere and has every message signed.
	std::optional<dns::tsig_verdict> tsig;
	std::uint64_t unix_now = static_cast<std::uint64_t>(time(nullptr));
	if (q.has_tsig) {
		static const dns::tsig_keyring none;
		tsig = dns::tsig_verify(pkt, db->keys ? *db->keys : none,
		    unix_now);
		if (!tsig->ok()) {
			counters::bump(counters_.tsig_failed);
			unsigned held = 0;
			if (refusals_.allow(loop_.now(), &held))
				net::log_warn("%s of %s from %s: TSIG %s", kind,
				    net::printable(zname).c_str(), who.c_str(),
				    tsig->reason ? tsig->reason : "failed");
			dns::response_writer rw(out_, 65535);
			if (!rw.start(q, {}))
				return;
			rw.set_rcode(tsig->status == dns::tsig_status::formerr ?
			    dns::rcode::formerr : dns::rcode::notauth);
			std::size_t n = rw.finish();
			std::vector<std::uint8_t> reply(out_.begin(),
			    out_.begin() + static_cast<long>(n));
			(void)dns::tsig_sign_reply(reply, *tsig, unix_now);
			c.s->send_frame(std::string_view(
			    reinterpret_cast<const char *>(reply.data()),
			    reply.size()));
			return;
		}
	}
	if (q.qclass != dns::rr_class::in) {
		rcode = dns::rcode::refused;
	} else if (!z) {
		rcode = db->find_zone(q.qname.wire()) ? dns::rcode::notauth :
		    dns::rcode::refused;
	} else if (!tsig && !db->may_transfer(c.peer.addr.unmapped())) {
		rcode = dns::rcode::refused;
		counters::bump(counters_.xfr_refused);
		unsigned held = 0;
		if (refusals_.allow(loop_.now(), &held))
			net::log_warn("%s of %s to %s refused: not in xfrnets",
			    kind, net::printable(zname).c_str(), who.c_str());
	}
	std::optional<std::vector<dns::record>> list;
	if (rcode == dns::rcode::noerror && q.qtype == dns::rr_type::ixfr) {
		// The client's serial is the SOA in the authority section
		// (RFC 1995 section 3).
		auto m = dns::parse_message(pkt);
		const dns::record *soa = nullptr;
		if (m)
			for (const auto &r : m->authority)
				if (r.type == dns::rr_type::soa)
					soa = &r;
		if (!soa) {
			rcode = dns::rcode::formerr;
		} else {
			std::uint32_t from = soa_serial(soa->rdata);
			if (!serial_newer(z->serial(), from))
				list.emplace(1, soa_record(*z));
			else if (const zone_slot *s = db->find_slot(
			    q.qname.wire()))
				list = incremental(s->history.get(), *z, from);
		}
	}
	if (rcode != dns::rcode::noerror) {
		dns::response_writer rw(out_, 65535);
		dns::response_opt opt;
		opt.present = q.has_edns;
		if (!rw.start(q, opt))
			return;
		rw.set_rcode(rcode);
		std::size_t n = rw.finish();
		c.s->send_frame(std::string_view(
		    reinterpret_cast<const char *>(out_.data()), n));
		counters::bump(counters_.by_rcode[rcode]);
		log_query(*db, c.peer.addr, true, q, rcode);
		return;
	}
	counters::bump(counters_.by_rcode[dns::rcode::noerror]);
	auto x = std::make_unique<transfer>();
	x->db = db;
	x->z = z;
	x->q = q;
	if (tsig)
		x->signer = std::make_unique<dns::tsig_stream_signer>(*tsig->key,
		    tsig->mac.view());
	if (list) {
		x->list = std::move(*list);
		x->at = transfer::phase::list;
		kind = x->list.size() == 1 ? "IXFR (up to date)" :
		    "IXFR (incremental)";
	}
	c.xfr = std::move(x);
	// Queries behind the transfer wait in the socket until it is sent:
	// answers go out in the order asked.
	c.s->set_reading(false);
	net::log_info("%s of %s (serial %u) to %s", kind,
	    net::printable(zname).c_str(), z->serial(), who.c_str());
	pump(c);
}

// Writes transfer messages while the client keeps up.
void
tcp_server::pump(conn &c)
{
	while (c.xfr && c.s->queued() < xfr_queue && !c.s->ended()) {
		transfer &x = *c.xfr;
		if (x.at == transfer::phase::done) {
			counters::bump(counters_.xfr_out);
			net::log_info("transfer of %s to %s: %llu records in %u "
			    "messages", x.z->origin().to_text().c_str(),
			    c.peer.addr.unmapped().str().c_str(),
			    static_cast<unsigned long long>(x.records),
			    x.messages);
			c.xfr.reset();
			c.s->set_reading(true);
			return;
		}
		const zone &z = *x.z;
		dns::query hq = x.q;
		// The question in the first message only (RFC 5936 2.2).
		if (x.messages > 0)
			hq.has_question = false;
		dns::response_writer rw(out_, xfr_message);
		dns::response_opt opt;
		opt.present = x.messages == 0 && x.q.has_edns;
		if (!rw.start(hq, opt)) {
			c.s->close();
			return;
		}
		rw.set_flag(dns::flag::aa);
		const zone::node &apex = z.apex_node();
		const zone::rrset *soa = z.find_set(apex, dns::rr_type::soa);
		auto add = [&](const zone::node &n, const zone::rrset &s,
		    net::bytes_view rd) {
			return rw.add(dns::response_writer::answer, z.owner(n),
			    s.type, z.rclass(), s.ttl, rd);
		};
		bool full = false;
		while (!full && x.at != transfer::phase::done) {
			if (x.at == transfer::phase::first_soa) {
				if (!add(apex, *soa,
				    zone::rdata_iter(z, *soa).get()))
					break;
				x.records++;
				x.at = transfer::phase::body;
				x.node = 0;
				x.set = z.sets_begin(z.nodes()[0]);
				continue;
			}
			if (x.at == transfer::phase::list) {
				if (x.list_pos == x.list.size()) {
					x.at = transfer::phase::done;
					continue;
				}
				const dns::record &r = x.list[x.list_pos];
				if (!rw.add(dns::response_writer::answer, r.owner,
				    r.type, r.rclass, r.ttl, r.rdata))
					break;
				x.records++;
				x.list_pos++;
				continue;
			}
			if (x.at == transfer::phase::last_soa) {
				if (!add(apex, *soa,
				    zone::rdata_iter(z, *soa).get()))
					break;
				x.records++;
				x.at = transfer::phase::done;
				continue;
			}
			// The body: every record but the apex SOA.
			if (x.node >= z.nodes().size()) {
				x.at = transfer::phase::last_soa;
				continue;
			}
			const zone::node &n = z.nodes()[x.node];
			if (x.set == z.sets_end(n)) {
				if (++x.node < z.nodes().size())
					x.set = z.sets_begin(z.nodes()[x.node]);
				continue;
			}
			if (x.set == soa) {
				++x.set;
				continue;
			}
			if (!x.rr)
				x.rr.emplace(z, *x.set);
			while (!x.rr->done()) {
				if (!add(n, *x.set, x.rr->get())) {
					full = true;
					break;
				}
				x.records++;
				x.rr->next();
			}
			if (!full) {
				x.rr.reset();
				++x.set;
			}
		}
		if (rw.count(dns::response_writer::answer) == 0) {
			net::log_err("transfer of %s: a record does not fit in "
			    "a message; transfer stopped",
			    z.origin().to_text().c_str());
			c.s->close();
			return;
		}
		x.messages++;
		std::size_t len = rw.finish();
		if (x.signer) {
			std::vector<std::uint8_t> m(out_.begin(),
			    out_.begin() + static_cast<long>(len));
			if (!x.signer->sign(m, static_cast<std::uint64_t>(
			    time(nullptr)))) {
				net::log_err("transfer of %s: cannot sign a "
				    "message; transfer stopped",
				    z.origin().to_text().c_str());
				c.s->close();
				return;
			}
			c.s->send_frame(std::string_view(
			    reinterpret_cast<const char *>(m.data()), m.size()));
			continue;
		}
		c.s->send_frame(std::string_view(
		    reinterpret_cast<const char *>(out_.data()), len));
	}
}

} // namespace named
