// xfr_in.cc: SOA checks and AXFR in.
#include "xfr_in.h"

#include <sys/random.h>

#include <cerrno>
#include <cstring>
#include <ctime>

#include "libnet/dns_message.h"
#include "libnet/dns_types.h"
#include "libnet/socket.h"
#include "libnet/log.h"
#include "refresh.h"
#include "xfr_reader.h"

namespace named {

namespace dns = net::dns;

struct zone_fetch::builder_state {
	std::unique_ptr<xfr_reader> reader;
	std::unique_ptr<dns::tsig_stream_verifier> verifier;
	std::uint64_t records = 0;
	std::uint64_t bytes = 0;
	unsigned messages = 0;
	bool asked_ixfr = false;
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

std::uint64_t
unix_now()
{
	return static_cast<std::uint64_t>(time(nullptr));
}

std::string
tsig_failure(const dns::tsig_verdict &v)
{
	std::string s = std::string("TSIG ") +
	    (v.reason ? v.reason : dns::tsig_status_text(v.status));
	if (v.error)
		s += " (the master says " + dns::tsig_error_to_text(v.error) +
		    ")";
	return s;
}

} // namespace

zone_fetch::zone_fetch(net::event_loop &loop, const dns::name &origin,
    std::vector<fetch_master> masters, std::uint16_t port,
    std::shared_ptr<const zone> have,
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
	last_error_ = masters_[master_].addr.str() + ": " + why;
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
	net::endpoint ep{masters_[master_].addr, port_};
	auto fd = net::udp_connect(ep);
	if (!fd) {
		next_master(fd.err().message());
		return;
	}
	(void)net::set_nonblocking(fd->get(), true);
	udp_ = std::move(*fd);
	auto q = request(dns::rr_type::soa);
	if (q.empty()) {
		next_master("cannot sign the SOA query");
		return;
	}
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
	if (const auto &key = masters_[master_].key) {
		auto v = dns::tsig_verify(net::bytes_view(buf, std::size_t(n)),
		    *key, unix_now(), mac_.view());
		if (!v.ok() || v.error) {
			next_master("SOA answer: " + tsig_failure(v));
			return;
		}
	}
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
	serial_ = soa_serial(soa->rdata);
	udp_watch_.reset();
	udp_.reset();
	if (have_ && !serial_newer(serial_, have_->serial())) {
		finish({true, nullptr, serial_, masters_[master_].addr, {}});
		return;
	}
	start_transfer(have_ != nullptr);
}

// A request for origin with a fresh ID, signed when the master has a key
// (its MAC kept in mac_); IXFR carries the SOA we hold in authority
// (RFC 1995 section 3).  Empty when it cannot be made.
std::vector<std::uint8_t>
zone_fetch::request(std::uint16_t type)
{
	id_ = random_id();
	dns::message m;
	m.hdr.id = id_;
	m.questions.push_back({origin_, type, dns::rr_class::in});
	if (type == dns::rr_type::ixfr)
		m.authority.push_back(soa_record(*have_));
	auto b = dns::build_message(m);
	if (!b)
		return {};
	mac_ = {};
	if (const auto &key = masters_[master_].key) {
		dns::tsig_sign_args a;
		a.time_signed = unix_now();
		auto mac = dns::tsig_sign(*b, *key, a);
		if (!mac)
			return {};
		mac_ = *mac;
	}
	return *b;
}

void
zone_fetch::start_transfer(bool incremental)
{
	const char *kind = incremental ? "IXFR" : "AXFR";
	net::endpoint ep{masters_[master_].addr, port_};
	auto fd = net::tcp_connect(ep, true);
	if (!fd) {
		next_master(std::string(kind) + ": " + fd.err().message());
		return;
	}
	auto q = request(incremental ? dns::rr_type::ixfr : dns::rr_type::axfr);
	if (q.empty()) {
		next_master(std::string(kind) + ": cannot sign the request");
		return;
	}
	b_ = std::make_unique<builder_state>();
	b_->asked_ixfr = incremental;
	b_->reader = std::make_unique<xfr_reader>(origin_,
	    incremental ? have_ : nullptr,
	    std::string(kind) + " from " + masters_[master_].addr.str());
	if (const auto &key = masters_[master_].key)
		b_->verifier = std::make_unique<dns::tsig_stream_verifier>(*key,
		    mac_.view());
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
		transfer_failed(text + " before the end");
	};
	tcp_ = std::make_unique<net::stream_conn>(loop_, std::move(*fd),
	    net::stream_conn::framing::length16, lim, std::move(cbs));
	tcp_->start();
	tcp_->send_frame(std::string_view(
	    reinterpret_cast<const char *>(q.data()), q.size()));
	timer_.start(lim_.transfer_time, [this] {
		transfer_failed("took too long");
	});
}

// The transfer from this master failed: an IXFR is asked again as AXFR of
// the same master (once), anything else moves on to the next master.
void
zone_fetch::transfer_failed(const std::string &why)
{
	bool retry = b_ && b_->asked_ixfr;
	std::string what = std::string(retry ? "IXFR" : "AXFR") + ": " + why;
	timer_.cancel();
	drop_tcp();
	b_.reset();
	if (!retry) {
		next_master(what);
		return;
	}
	net::log_info("%s of %s from %s; asking AXFR",
	    what.c_str(), origin_.to_text().c_str(),
	    masters_[master_].addr.str().c_str());
	start_transfer(false);
}

void
zone_fetch::on_message(std::string_view frame)
{
	if (finished_ || !b_)
		return;
	auto &s = *b_;
	s.messages++;
	s.bytes += frame.size();
	net::bytes_view bytes(reinterpret_cast<const std::uint8_t *>(
	    frame.data()), frame.size());
	if (s.verifier) {
		auto v = s.verifier->verify(bytes, unix_now());
		if (!v.ok() || v.error) {
			transfer_failed("message " + std::to_string(s.messages) +
			    ": " + tsig_failure(v));
			return;
		}
	}
	auto m = dns::parse_message(bytes);
	if (!m) {
		transfer_failed("message " + std::to_string(s.messages) + ": " +
		    m.err().message());
		return;
	}
	if (!m->hdr.qr || m->hdr.id != id_) {
		transfer_failed("a message that is not the answer");
		return;
	}
	if (m->rcode() != dns::rcode::noerror) {
		transfer_failed("answered " + dns::rcode_to_text(m->rcode()));
		return;
	}
	if (s.messages == 1 && s.asked_ixfr && m->answer.size() == 1 &&
	    m->answer[0].type == dns::rr_type::soa &&
	    m->answer[0].owner == origin_ &&
	    !serial_newer(soa_serial(m->answer[0].rdata), have_->serial())) {
		// RFC 1995 section 4: the SOA alone, we are up to date.
		finish({true, nullptr, soa_serial(m->answer[0].rdata),
		    masters_[master_].addr, {}});
		return;
	}
	for (const auto &r : m->answer) {
		if (++s.records > lim_.max_records ||
		    s.bytes > lim_.max_bytes) {
			transfer_failed("the zone is larger than the limit");
			return;
		}
		auto st = s.reader->add(r, s.messages);
		if (st == xfr_reader::status::more)
			continue;
		if (st == xfr_reader::status::failed) {
			// Only steps that do not apply are worth an AXFR.
			s.asked_ixfr = s.reader->apply_failed;
			transfer_failed(s.reader->error);
			return;
		}
		// The closing SOA came in a message that verified; the
		// stream must end on a signed one.
		if (s.verifier && !s.verifier->complete()) {
			transfer_failed("the last message is not signed");
			return;
		}
		timer_.cancel();
		const auto &rd = *s.reader;
		fetch_result res{true, rd.result, rd.serial,
		    masters_[master_].addr, {}};
		res.incremental = rd.incremental;
		res.changes = rd.changes;
		finish(res);
		return;
	}
}

} // namespace named
