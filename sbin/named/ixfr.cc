// ixfr.cc: zone differences and incremental transfers.
#include "ixfr.h"

#include <algorithm>
#include <cstring>
#include <unordered_map>

#include "zone_build.h"

#include "libnet/dns_rdata.h"
#include "libnet/dns_types.h"

namespace named {

namespace dns = net::dns;

namespace {

dns::record
make_record(const zone &z, const zone::node &n, const zone::rrset &s,
    bytes_view rd)
{
	dns::record r;
	r.owner = *dns::name::from_wire(z.owner(n));
	r.type = s.type;
	r.rclass = z.rclass();
	r.ttl = s.ttl;
	r.rdata.assign(rd.begin(), rd.end());
	return r;
}

bool
has_rdata(const zone &z, const zone::rrset &s, bytes_view rd)
{
	for (zone::rdata_iter it(z, s); !it.done(); it.next())
		if (it.get().size() == rd.size() &&
		    std::memcmp(it.get().data(), rd.data(), rd.size()) == 0)
			return true;
	return false;
}

// Every record of set a not in set b (all of them when the TTL differs:
// an IXFR client replaces a record to change its TTL) into out.
bool
missing(const zone &za, const zone::node &na, const zone::rrset &a,
    const zone &zb, const zone::rrset *b, std::vector<dns::record> &out,
    std::size_t limit)
{
	for (zone::rdata_iter it(za, a); !it.done(); it.next()) {
		if (b && b->ttl == a.ttl && has_rdata(zb, *b, it.get()))
			continue;
		if (out.size() >= limit)
			return false;
		out.push_back(make_record(za, na, a, it.get()));
	}
	return true;
}

// What names a record for IXFR: its owner without case, type, and rdata
// (not the TTL: a step changes a TTL by deleting and adding the record).
std::string
record_key(bytes_view owner, std::uint16_t type, bytes_view rdata)
{
	std::string k;
	k.reserve(owner.size() + 2 + rdata.size());
	for (std::uint8_t c : owner)
		k.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
	k.push_back(static_cast<char>(type >> 8));
	k.push_back(static_cast<char>(type & 0xff));
	k.append(reinterpret_cast<const char *>(rdata.data()), rdata.size());
	return k;
}

std::string
record_key(const dns::record &r)
{
	return record_key(r.owner.wire(), r.type,
	    bytes_view(r.rdata.data(), r.rdata.size()));
}

} // namespace

std::shared_ptr<const zone>
apply_diffs(const zone &old, const std::vector<zone_diff> &steps,
    const std::string *where, std::vector<net::diagnostic> &diags,
    std::string &why)
{
	// The steps folded into one: the records of old that go (true: it
	// must be there) and the records that come.
	std::unordered_map<std::string, bool> gone;
	std::unordered_map<std::string, const dns::record *> come;
	std::uint32_t serial = old.serial();
	for (const auto &st : steps) {
		if (soa_serial(st.soa_from.rdata) != serial) {
			why = "a step from serial " +
			    std::to_string(soa_serial(st.soa_from.rdata)) +
			    " where the zone is at " + std::to_string(serial);
			return nullptr;
		}
		serial = soa_serial(st.soa_to.rdata);
		for (const auto &r : st.deleted) {
			if (r.type == dns::rr_type::soa)
				continue;
			std::string k = record_key(r);
			if (come.erase(k)) {
				gone.emplace(k, false);
				continue;
			}
			if (!gone.emplace(k, true).second) {
				why = "deletes " + r.owner.to_text() + " " +
				    dns::type_to_text(r.type) + " twice";
				return nullptr;
			}
		}
		for (const auto &r : st.added)
			if (r.type != dns::rr_type::soa)
				come[record_key(r)] = &r;
	}
	if (steps.empty()) {
		why = "no steps";
		return nullptr;
	}
	static const std::string unnamed = "IXFR";
	if (!where)
		where = &unnamed;
	zone_builder b(old.origin(), old.rclass(), diags);
	const dns::record &soa = steps.back().soa_to;
	b.add(soa.owner, soa.type, old.rclass(), soa.ttl,
	    bytes_view(soa.rdata.data(), soa.rdata.size()), where, 0);
	std::size_t found = 0;
	for (const auto &n : old.nodes()) {
		std::optional<dns::name> owner;
		for (const zone::rrset *s = old.sets_begin(n);
		    s != old.sets_end(n); ++s) {
			if (s->type == dns::rr_type::soa &&
			    (n.flags & zone::apex))
				continue;
			for (zone::rdata_iter it(old, *s); !it.done();
			    it.next()) {
				std::string k = record_key(old.owner(n),
				    s->type, it.get());
				if (auto g = gone.find(k); g != gone.end()) {
					found += g->second;
					continue;
				}
				if (come.count(k))
					continue;
				if (!owner)
					owner = *dns::name::from_wire(
					    old.owner(n));
				b.add(*owner, s->type, old.rclass(), s->ttl,
				    it.get(), where, 0);
			}
		}
	}
	std::size_t required = 0;
	for (const auto &[k, must] : gone)
		required += must;
	if (found != required) {
		why = std::to_string(required - found) + " of the records it "
		    "deletes are not in the zone";
		return nullptr;
	}
	for (const auto &[k, r] : come)
		b.add(r->owner, r->type, old.rclass(), r->ttl,
		    bytes_view(r->rdata.data(), r->rdata.size()), where, 0);
	auto z = b.finish();
	if (!z) {
		why = "the zone has errors";
		for (const auto &d : diags)
			if (d.level == net::severity::error) {
				why += ": " + d.message;
				break;
			}
	}
	return z;
}

dns::record
soa_record(const zone &z)
{
	const zone::node &apex = z.apex_node();
	const zone::rrset *soa = z.find_set(apex, dns::rr_type::soa);
	return make_record(z, apex, *soa, zone::rdata_iter(z, *soa).get());
}

std::optional<zone_diff>
diff_zones(const zone &old, const zone &now, std::size_t limit)
{
	zone_diff d;
	d.soa_from = soa_record(old);
	d.soa_to = soa_record(now);
	const auto &on = old.nodes();
	const auto &nn = now.nodes();
	std::size_t i = 0, j = 0;
	auto all = [&](const zone &z, const zone::node &n,
	    std::vector<dns::record> &out) {
		for (const zone::rrset *s = z.sets_begin(n); s != z.sets_end(n);
		    ++s)
			if (!missing(z, n, *s, z, nullptr, out, limit))
				return false;
		return true;
	};
	while (i < on.size() || j < nn.size()) {
		int c = i == on.size() ? 1 : j == nn.size() ? -1 :
		    dns::canonical_compare_wire(old.owner(on[i]),
			now.owner(nn[j]));
		if (c < 0) {
			if (!all(old, on[i++], d.deleted))
				return std::nullopt;
			continue;
		}
		if (c > 0) {
			if (!all(now, nn[j++], d.added))
				return std::nullopt;
			continue;
		}
		const zone::node &a = on[i++], &b = nn[j++];
		bool apex = a.flags & zone::apex;
		for (const zone::rrset *s = old.sets_begin(a);
		    s != old.sets_end(a); ++s)
			if (!(apex && s->type == dns::rr_type::soa) &&
			    !missing(old, a, *s, now, now.find_set(b, s->type),
				d.deleted, limit))
				return std::nullopt;
		for (const zone::rrset *s = now.sets_begin(b);
		    s != now.sets_end(b); ++s)
			if (!(apex && s->type == dns::rr_type::soa) &&
			    !missing(now, b, *s, old, old.find_set(a, s->type),
				d.added, limit))
				return std::nullopt;
		if (d.deleted.size() + d.added.size() > limit)
			return std::nullopt;
	}
	return d;
}

std::shared_ptr<const ixfr_history>
extend_history(const std::shared_ptr<const ixfr_history> &h,
    const zone &old, const zone &now)
{
	auto next = std::make_shared<ixfr_history>();
	// A history that does not end where this step starts is of no use.
	if (h && !h->diffs.empty() &&
	    soa_serial(h->diffs.back().soa_to.rdata) == old.serial())
		*next = *h;
	auto d = diff_zones(old, now, ixfr_history::max_records);
	if (!d)
		return nullptr;	// too large to keep: IXFR sends all

	next->records += d->deleted.size() + d->added.size();
	next->diffs.push_back(std::move(*d));
	while (!next->diffs.empty() &&
	    (next->diffs.size() > ixfr_history::max_versions ||
		next->records > ixfr_history::max_records)) {
		next->records -= next->diffs.front().deleted.size() +
		    next->diffs.front().added.size();
		next->diffs.erase(next->diffs.begin());
	}
	return next;
}

std::optional<std::vector<dns::record>>
incremental(const ixfr_history *h, const zone &now, std::uint32_t from)
{
	if (!h || h->diffs.empty() ||
	    soa_serial(h->diffs.back().soa_to.rdata) != now.serial())
		return std::nullopt;
	std::size_t i = 0;
	while (i < h->diffs.size() &&
	    soa_serial(h->diffs[i].soa_from.rdata) != from)
		i++;
	if (i == h->diffs.size())
		return std::nullopt;
	std::vector<dns::record> out;
	dns::record cur = soa_record(now);
	out.push_back(cur);
	for (; i < h->diffs.size(); i++) {
		const zone_diff &d = h->diffs[i];
		out.push_back(d.soa_from);
		out.insert(out.end(), d.deleted.begin(), d.deleted.end());
		out.push_back(d.soa_to);
		out.insert(out.end(), d.added.begin(), d.added.end());
	}
	out.push_back(cur);
	return out;
}

namespace {

const char journal_magic[] = "named journal 1\n";

void
put16(std::vector<std::uint8_t> &o, std::uint32_t v)
{
	o.push_back(static_cast<std::uint8_t>(v >> 8));
	o.push_back(static_cast<std::uint8_t>(v));
}

void
put32(std::vector<std::uint8_t> &o, std::uint32_t v)
{
	put16(o, v >> 16);
	put16(o, v & 0xffff);
}

void
put_record(std::vector<std::uint8_t> &o, const dns::record &r)
{
	auto w = r.owner.wire();
	o.insert(o.end(), w.begin(), w.end());
	put16(o, r.type);
	put16(o, r.rclass);
	put32(o, r.ttl);
	put16(o, static_cast<std::uint32_t>(r.rdata.size()));
	o.insert(o.end(), r.rdata.begin(), r.rdata.end());
}

// Reads journal bytes; every read is checked against the end.
class journal_reader {
public:
	explicit journal_reader(bytes_view d) : d_(d) {}
	bool done() const { return p_ == d_.size(); }
	bool
	u32(std::uint32_t &v)
	{
		if (d_.size() - p_ < 4)
			return false;
		v = std::uint32_t(d_[p_]) << 24 | std::uint32_t(d_[p_ + 1]) << 16 |
		    std::uint32_t(d_[p_ + 2]) << 8 | d_[p_ + 3];
		p_ += 4;
		return true;
	}
	bool
	u16(std::uint16_t &v)
	{
		if (d_.size() - p_ < 2)
			return false;
		v = static_cast<std::uint16_t>(d_[p_] << 8 | d_[p_ + 1]);
		p_ += 2;
		return true;
	}
	bool
	record(dns::record &r)
	{
		std::size_t n = dns::wire_name_length(d_.subspan(p_));
		if (n == 0)
			return false;
		auto o = dns::name::from_wire(d_.subspan(p_, n));
		if (!o)
			return false;
		r.owner = *o;
		p_ += n;
		std::uint16_t len;
		if (!u16(r.type) || !u16(r.rclass) || !u32(r.ttl) || !u16(len) ||
		    d_.size() - p_ < len)
			return false;
		r.rdata.assign(d_.begin() + static_cast<long>(p_),
		    d_.begin() + static_cast<long>(p_ + len));
		p_ += len;
		return dns::rdata_check(r.type, r.rdata) == nullptr;
	}
	bool
	magic()
	{
		std::size_t n = sizeof journal_magic - 1;
		if (d_.size() < n || std::memcmp(d_.data(), journal_magic, n) != 0)
			return false;
		p_ = n;
		return true;
	}

private:
	bytes_view d_;
	std::size_t p_ = 0;
};

} // namespace

std::vector<std::uint8_t>
encode_journal(const ixfr_history &h)
{
	std::vector<std::uint8_t> o(journal_magic,
	    journal_magic + sizeof journal_magic - 1);
	for (const auto &d : h.diffs) {
		put32(o, static_cast<std::uint32_t>(d.deleted.size()));
		put32(o, static_cast<std::uint32_t>(d.added.size()));
		put_record(o, d.soa_from);
		for (const auto &r : d.deleted)
			put_record(o, r);
		put_record(o, d.soa_to);
		for (const auto &r : d.added)
			put_record(o, r);
	}
	return o;
}

std::shared_ptr<const ixfr_history>
decode_journal(bytes_view data, const zone &now, std::string &why)
{
	journal_reader in(data);
	if (!in.magic()) {
		why = "not a journal of this named";
		return nullptr;
	}
	auto h = std::make_shared<ixfr_history>();
	while (!in.done()) {
		std::uint32_t nd, na;
		zone_diff d;
		if (!in.u32(nd) || !in.u32(na) ||
		    std::uint64_t(nd) + na + h->records >
			ixfr_history::max_records ||
		    h->diffs.size() >= ixfr_history::max_versions ||
		    !in.record(d.soa_from) || d.soa_from.type != dns::rr_type::soa) {
			why = "cut short or damaged";
			return nullptr;
		}
		d.deleted.resize(nd);
		for (auto &r : d.deleted)
			if (!in.record(r)) {
				why = "cut short or damaged";
				return nullptr;
			}
		if (!in.record(d.soa_to) || d.soa_to.type != dns::rr_type::soa) {
			why = "cut short or damaged";
			return nullptr;
		}
		d.added.resize(na);
		for (auto &r : d.added)
			if (!in.record(r)) {
				why = "cut short or damaged";
				return nullptr;
			}
		if (!h->diffs.empty() && soa_serial(h->diffs.back().soa_to.rdata) !=
		    soa_serial(d.soa_from.rdata)) {
			why = "its steps do not follow each other";
			return nullptr;
		}
		h->records += nd + na;
		h->diffs.push_back(std::move(d));
	}
	if (h->diffs.empty() ||
	    soa_serial(h->diffs.back().soa_to.rdata) != now.serial() ||
	    !(h->diffs.back().soa_to.owner == now.origin())) {
		why = "it does not end at the zone's serial " +
		    std::to_string(now.serial());
		return nullptr;
	}
	return h;
}

} // namespace named
