// ixfr.cc: zone differences and incremental transfers.
#include "ixfr.h"

#include <algorithm>
#include <cstring>

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

} // namespace

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
