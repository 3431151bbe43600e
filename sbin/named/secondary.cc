// secondary.cc: refreshing secondary zones.
#include "secondary.h"

#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>
#include <sstream>

#include "dump.h"
#include "libnet/dns_types.h"
#include "libnet/log.h"

namespace named {

namespace dns = net::dns;

struct secondaries::entry {
	net::boot_zone line;
	dns::name origin;
	refresh_state clock;
	std::unique_ptr<zone_fetch> fetch;
	bool expired_logged = false;

	entry(clock_time now) : clock(now) {}
};

namespace {

soa_timers
timers_of(const zone &z)
{
	soa_timers t;
	const zone::rrset *soa = z.find_set(z.apex_node(), dns::rr_type::soa);
	if (!soa)
		return t;
	auto rd = zone::rdata_iter(z, *soa).get();
	// serial refresh retry expire minimum, after the two names.
	std::size_t m = dns::wire_name_length(rd);
	std::size_t r = m ? dns::wire_name_length(rd.subspan(m)) : 0;
	if (!m || !r || rd.size() < m + r + 20)
		return t;
	auto get = [&rd](std::size_t at) {
		return std::uint32_t(rd[at]) << 24 | std::uint32_t(rd[at + 1]) << 16 |
		    std::uint32_t(rd[at + 2]) << 8 | rd[at + 3];
	};
	std::size_t at = m + r;
	t.serial = get(at);
	t.refresh = get(at + 4);
	t.retry = get(at + 8);
	t.expire = get(at + 12);
	return t;
}

std::string
key_of(const net::boot_zone &z)
{
	auto n = dns::name::from_text(z.name);
	std::string k = n ? n->to_text() : z.name;
	for (auto &c : k)
		c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
	for (const auto &m : z.masters)
		k += " " + m.str();
	return k;
}

} // namespace

notify_inbox::notify_inbox()
    : efd_(eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK))
{
}

void
notify_inbox::post(const dns::name &origin)
{
	{
		std::lock_guard<std::mutex> g(mu_);
		if (names_.size() < 1000)
			names_.push_back(origin);
	}
	std::uint64_t one = 1;
	ssize_t n = write(efd_.get(), &one, sizeof one);
	(void)n;
}

std::vector<dns::name>
notify_inbox::take()
{
	std::uint64_t v;
	ssize_t n = read(efd_.get(), &v, sizeof v);
	(void)n;
	std::lock_guard<std::mutex> g(mu_);
	std::vector<dns::name> out;
	out.swap(names_);
	return out;
}

secondaries::secondaries(net::event_loop &loop, current_database &db,
    std::uint16_t port, notify_inbox &inbox)
    : loop_(loop), db_(db), port_(port), inbox_(inbox), timer_(loop)
{
	inbox_watch_ = net::watch(loop_, inbox_.fd(), POLLIN, [this](short) {
		for (const auto &n : inbox_.take())
			notified(n);
	});
}

secondaries::~secondaries() = default;

void
secondaries::sync()
{
	auto db = db_.get();
	auto now = loop_.now();
	std::map<std::string, std::unique_ptr<entry>> next;
	for (const auto &slot : db->zones) {
		if (slot.line.type != net::boot_zone_type::secondary)
			continue;
		std::string k = key_of(slot.line);
		if (next.count(k))
			continue;
		auto it = entries_.find(k);
		if (it != entries_.end()) {
			it->second->line = slot.line;
			next[k] = std::move(it->second);
			continue;
		}
		auto e = std::make_unique<entry>(now);
		e->line = slot.line;
		auto o = dns::name::from_text(slot.line.name);
		if (!o)
			continue;
		e->origin = *o;
		if (slot.data) {
			// The backup file's data: served while the masters
			// are asked, fresh from now as BIND 4 had it.
			e->clock.have_data(timers_of(*slot.data), now);
		}
		next[k] = std::move(e);
	}
	entries_ = std::move(next);
	schedule();
}

void
secondaries::notified(const dns::name &origin)
{
	for (auto &[k, e] : entries_)
		if (e->origin == origin) {
			net::log_info("NOTIFY for %s: checking its masters",
			    origin.to_text().c_str());
			e->clock.notified(loop_.now());
		}
	schedule();
}

void
secondaries::schedule()
{
	if (entries_.empty()) {
		timer_.cancel();
		return;
	}
	clock_time now = loop_.now();
	clock_time next = clock_time::max();
	for (auto &[k, e] : entries_)
		if (!e->clock.busy() && e->clock.next_event(now) < next)
			next = e->clock.next_event(now);
	if (next == clock_time::max()) {
		timer_.cancel();
		return;
	}
	if (next < loop_.now())
		next = loop_.now();
	timer_.start(next, [this] { tick(); });
}

void
secondaries::tick()
{
	auto now = loop_.now();
	for (auto &[k, ep] : entries_) {
		entry &e = *ep;
		if (e.clock.expired(now) && !e.expired_logged) {
			e.expired_logged = true;
			net::log_err("secondary zone %s expired: no master "
			    "answered for %u seconds; answering SERVFAIL",
			    e.origin.to_text().c_str(), e.clock.timers().expire);
			publish(e, nullptr, true);
		}
		if (!e.clock.due(now))
			continue;
		e.clock.started();
		auto db = db_.get();
		std::shared_ptr<const zone> have;
		if (e.clock.has_data())
			for (const auto &slot : db->zones)
				if (slot.line.type ==
				    net::boot_zone_type::secondary &&
				    slot.data && slot.data->origin() == e.origin)
					have = slot.data;
		std::vector<fetch_master> masters;
		for (const auto &m : e.line.masters)
			masters.push_back({m, db->server_key(m)});
		entry *ep2 = &e;
		e.fetch = std::make_unique<zone_fetch>(loop_, e.origin,
		    std::move(masters), port_, have,
		    [this, ep2](fetch_result r) { on_result(*ep2, r); });
		e.fetch->start();
	}
	schedule();
}

void
secondaries::on_result(entry &e, const fetch_result &r)
{
	auto now = loop_.now();
	// The fetch is done with; it is deleted once this returns.
	auto *f = e.fetch.release();
	loop_.defer([f] { delete f; });
	std::string zone = e.origin.to_text();
	if (!r.ok) {
		net::log_warn("secondary zone %s: no master could be used (%s); "
		    "next try in %u seconds", zone.c_str(), r.error.c_str(),
		    e.clock.timers().retry);
		e.clock.failed(now);
		schedule();
		return;
	}
	if (r.data) {
		e.clock.have_data(timers_of(*r.data), now);
		std::uint32_t serial = e.clock.timers().serial;
		if (r.incremental)
			net::log_notice("secondary zone %s: serial %u from %s "
			    "by IXFR (%zu records changed, %zu in all)",
			    zone.c_str(), serial, r.from.str().c_str(),
			    r.changes, r.data->record_count());
		else
			net::log_notice("secondary zone %s: serial %u "
			    "transferred from %s (%zu records)", zone.c_str(),
			    serial, r.from.str().c_str(),
			    r.data->record_count());
		if (!e.line.file.empty()) {
			std::ostringstream text;
			text << "; " << zone << " transferred from "
			     << r.from.str() << ", serial " << serial << "\n";
			dump_zone(*r.data, text);
			if (auto w = write_file_atomically(e.line.path(),
			    text.str()); !w)
				net::log_err("secondary zone %s: backup file: %s",
				    zone.c_str(), w.err().message().c_str());
		}
	}
	e.clock.succeeded(now);
	bool was_expired = e.expired_logged;
	if (was_expired) {
		e.expired_logged = false;
		net::log_notice("secondary zone %s: current again",
		    zone.c_str());
	}
	if (r.data || was_expired)
		publish(e, r.data, false);
	schedule();
}

void
secondaries::publish(const entry &e, std::shared_ptr<const zone> data,
    bool expired)
{
	auto cur = db_.get();
	auto next = std::make_shared<database>(*cur);
	for (auto &slot : next->zones) {
		if (slot.line.type != net::boot_zone_type::secondary)
			continue;
		auto o = dns::name::from_text(slot.line.name);
		if (!o || !(*o == e.origin))
			continue;
		if (data) {
			if (slot.data && serial_newer(data->serial(),
			    slot.data->serial()))
				slot.history = extend_history(slot.history,
				    *slot.data, *data);
			else
				slot.history = nullptr;
			slot.data = data;
		}
		slot.expired = expired;
	}
	next->index();
	db_.set(next);
}

} // namespace named
