// xfr_in.cc: SOA checks and AXFR in.
#include "xfr_in.h"

#include <sys/random.h>

#include <cerrno>
#include <cstring>

#include "libnet/dns_message.h"
#include "libnet/dns_types.h"
#include "libnet/socket.h"
#include "refresh.h"
#include "zone_build.h"

namespace named {

namespace dns = net::dns;

struct zone_fetch::builder_state {
	std::vector<net::diagnostic> diags;
	std::string where;
	std::unique_ptr<zone_builder> b;
	std::uint64_t records = 0;
	std::uint64_t bytes = 0;
	unsigned messages = 0;
	bool first = true;
};

namespace {

std::uint16_t
random_id()
{
	std::uint16_t id = 0;
	if (getrandom(&id, sizeof id, 0) != sizeof id)
		id = static_cast<std::uint16_t>(std::rand());
	return id;
}

std::vector<std::uint8_t>
query(const dns::name &origin, std::uint16_t type, std::uint16_t id)
{
	dns::message m;
	m.hdr.id = id;
	m.questions.push_back({origin, type, dns::rr_class::in});
	auto b = dns::build_message(m);
	return b ? *b : std::vector<std::uint8_t>();
}

std::uint32_t
soa_serial_of(const dns::record &r)
{
	return soa_serial(r.rdata);
}

} // namespace

zone_fetch::zone_fetch(net::event_loop &loop, const dns::name &origin,
    std::vector<net::address> masters, std::uint16_t port,
    std::optional<std::uint32_t> have,
    std::function<void(fetch_result)> done, fetch_limits lim)
    : loop_(loop), origin_(origin), masters_(std::move(masters)),
      port_(port), have_(have), done_(std::move(done)), lim_(lim),
      timer_(loop)
{
}

zone_fetch::~zone_fetch() = default;

void
zone_fetch::start()
{
	master_ = 0;
	if (masters_.empty()) {
		finish({false, nullptr, 0, {}, "no masters"});
		return;
	}
	ask_soa();
}

void
zone_fetch::finish(fetch_result r)
{
	if (finished_)
		return;
	finished_ = true;
	timer_.cancel();
	udp_watch_.reset();
	udp_.reset();
	drop_tcp();
	auto done = std::move(done_);
	// done may destroy this object: nothing touches it afterwards.
	loop_.defer([done, r] { done(r); });
}

// Lets the connection go: it may be what called us, so it is deleted from
// the loop later, and its on_end (run by close()) finds tcp_ empty.
void
zone_fetch::drop_tcp()
{
	if (!tcp_)
		return;
	net::stream_conn *t = tcp_.release();
	t->close();
	loop_.defer([t] { delete t; });
}

void
zone_fetch::next_master(const std::string &why)
{
	last_error_ = masters_[master_].str() + ": " + why;
	udp_watch_.reset();
	udp_.reset();
	if (++master_ >= masters_.size()) {
		finish({false, nullptr, 0, {}, last_error_});
		return;
	}
	ask_soa();
}

void
zone_fetch::ask_soa()
{
	net::endpoint ep{masters_[master_], port_};
	auto fd = net::udp_connect(ep);
	if (!fd) {
		next_master(fd.err().message());
		return;
	}
	(void)net::set_nonblocking(fd->get(), true);
	udp_ = std::move(*fd);
	id_ = random_id();
	auto q = query(origin_, dns::rr_type::soa, id_);
	if (send(udp_.get(), q.data(), q.size(), 0) < 0) {
		next_master(std::string("send: ") + std::strerror(errno));
		return;
	}
	udp_watch_ = net::watch(loop_, udp_.get(), POLLIN,
	    [this](short) { on_soa_reply(); });
	timer_.start(lim_.soa_timeout, [this] {
		next_master("no answer to the SOA query");
	});
}

void
zone_fetch::on_soa_reply()
{
	std::uint8_t buf[4096];
	ssize_t n = recv(udp_.get(), buf, sizeof buf, 0);
	if (n < 0) {
		if (errno == EAGAIN || errno == EINTR)
			return;
		timer_.cancel();
		next_master(std::string("SOA query: ") + std::strerror(errno));
		return;
	}
	auto m = dns::parse_message(net::bytes_view(buf, std::size_t(n)));
	// Not the answer to our question: a stray, or forged; keep waiting.
	if (!m || !m->hdr.qr || m->hdr.id != id_ || m->questions.size() != 1 ||
	    !(m->questions[0].qname == origin_) ||
	    m->questions[0].qtype != dns::rr_type::soa)
		return;
	timer_.cancel();
	if (m->rcode() != dns::rcode::noerror || !m->hdr.aa) {
		next_master("SOA query answered " +
		    dns::rcode_to_text(m->rcode()) +
		    (m->hdr.aa ? "" : " without authority"));
		return;
	}
	const dns::record *soa = nullptr;
	for (const auto &r : m->answer)
		if (r.type == dns::rr_type::soa && r.owner == origin_)
			soa = &r;
	if (!soa) {
		next_master("no SOA in the answer");
		return;
	}
	serial_ = soa_serial_of(*soa);
	udp_watch_.reset();
	udp_.reset();
	if (have_ && !serial_newer(serial_, *have_)) {
		finish({true, nullptr, serial_, masters_[master_], {}});
		return;
	}
	start_transfer();
}

void
zone_fetch::start_transfer()
{
	net::endpoint ep{masters_[master_], port_};
	auto fd = net::tcp_connect(ep, true);
	if (!fd) {
		next_master("AXFR: " + fd.err().message());
		return;
	}
	b_ = std::make_unique<builder_state>();
	b_->where = "AXFR from " + masters_[master_].str();
	b_->b = std::make_unique<zone_builder>(origin_, dns::rr_class::in,
	    b_->diags);
	id_ = random_id();
	net::stream_conn::limits lim;
	lim.max_frame = 65535;
	lim.idle = lim_.idle;
	net::stream_conn::callbacks cbs;
	cbs.on_frame = [this](std::string_view f) { on_message(f); };
	cbs.on_end = [this](net::stream_conn::end_reason why) {
		if (finished_ || !tcp_)
			return;		// we closed it
		std::string text = why == net::stream_conn::end_reason::idle ?
		    "idle too long" : why == net::stream_conn::end_reason::error ?
		    std::strerror(tcp_->end_errno()) : "connection closed";
		drop_tcp();
		timer_.cancel();
		next_master("AXFR: " + text + " before the end");
	};
	tcp_ = std::make_unique<net::stream_conn>(loop_, std::move(*fd),
	    net::stream_conn::framing::length16, lim, std::move(cbs));
	tcp_->start();
	auto q = query(origin_, dns::rr_type::axfr, id_);
	tcp_->send_frame(std::string_view(
	    reinterpret_cast<const char *>(q.data()), q.size()));
	timer_.start(lim_.transfer_time, [this] {
		drop_tcp();
		next_master("AXFR: took too long");
	});
}

void
zone_fetch::on_message(std::string_view frame)
{
	if (finished_ || !b_)
		return;
	auto &s = *b_;
	auto fail = [this](const std::string &why) {
		timer_.cancel();
		drop_tcp();
		b_.reset();
		next_master("AXFR: " + why);
	};
	s.messages++;
	s.bytes += frame.size();
	auto m = dns::parse_message(net::bytes_view(
	    reinterpret_cast<const std::uint8_t *>(frame.data()),
	    frame.size()));
	if (!m) {
		fail("message " + std::to_string(s.messages) + ": " +
		    m.err().message());
		return;
	}
	if (!m->hdr.qr || m->hdr.id != id_) {
		fail("a message that is not the answer");
		return;
	}
	if (m->rcode() != dns::rcode::noerror) {
		fail("answered " + dns::rcode_to_text(m->rcode()));
		return;
	}
	for (const auto &r : m->answer) {
		if (s.first) {
			if (r.type != dns::rr_type::soa || !(r.owner == origin_)) {
				fail("the first record is not the zone's SOA");
				return;
			}
			s.first = false;
			serial_ = soa_serial_of(r);
		} else if (r.type == dns::rr_type::soa && r.owner == origin_) {
			// The closing SOA: the zone is whole.
			timer_.cancel();
			auto z = s.b->finish();
			if (!z) {
				std::string why;
				for (const auto &d : s.diags)
					if (d.level == net::severity::error) {
						why = d.message;
						break;
					}
				fail("the zone has errors: " + why);
				return;
			}
			finish({true, z, serial_, masters_[master_], {}});
			return;
		}
		if (++s.records > lim_.max_records ||
		    s.bytes > lim_.max_bytes) {
			fail("the zone is larger than the limit");
			return;
		}
		s.b->add(r.owner, r.type, r.rclass, r.ttl, r.rdata, &s.where,
		    s.messages);
	}
}

} // namespace named
