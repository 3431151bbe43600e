// zone_build.cc: records to a zone, with named-checkzone's checks.
#include "zone_build.h"

#include <algorithm>
#include <cstring>

#include "libnet/dns_rdata.h"
#include "libnet/dns_types.h"

namespace named {

namespace dns = net::dns;

namespace {

// True when wire name a is b or below it (both valid and absolute).
bool
wire_under(bytes_view a, bytes_view b)
{
	if (a.size() < b.size())
		return false;
	std::size_t off = a.size() - b.size();
	// off must be a label boundary of a.
	std::size_t p = 0;
	while (p < off)
		p += 1 + a[p];
	return p == off && dns::equal_nocase(a.data() + off, b.data(),
	    b.size());
}

// The name following wire name a's first label.
bytes_view
wire_parent(bytes_view a)
{
	return a.subspan(1 + a[0]);
}

// The types that may share a name with a CNAME (RFC 4035 section 2.5).
bool
cname_companion(std::uint16_t t)
{
	return t == dns::rr_type::cname || t == dns::rr_type::rrsig ||
	    t == dns::rr_type::nsec;
}

} // namespace

zone_builder::zone_builder(const dns::name &origin, std::uint16_t rclass,
    std::vector<net::diagnostic> &diags, names_check names)
    : origin_(origin), rclass_(rclass), diags_(diags), names_(names)
{
}

namespace {

// RFC 952 as RFC 1123 2.1 relaxed it: letters, digits and hyphens, not
// starting or ending with a hyphen; a first label "*" (a wildcard owner).
bool
host_name(bytes_view wire)
{
	bool first = true;
	for (std::size_t p = 0; p < wire.size() && wire[p] != 0;
	    p += 1 + wire[p]) {
		std::size_t n = wire[p];
		const std::uint8_t *l = wire.data() + p + 1;
		bool star = first && n == 1 && l[0] == '*';
		first = false;
		if (star)
			continue;
		for (std::size_t i = 0; i < n; i++) {
			std::uint8_t c = l[i];
			bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			    (c >= '0' && c <= '9') ||
			    (c == '-' && i != 0 && i + 1 != n);
			if (!ok)
				return false;
		}
	}
	return true;
}

} // namespace

void
zone_builder::check_host(const entry &e, bytes_view name, const char *what)
{
	if (names_ == names_check::ignore || host_name(name))
		return;
	std::string msg = where_name(name) + ": bad " + what +
	    " (check-names: not a host name)";
	if (names_ == names_check::fail)
		error(e, msg);
	else
		warning(e, msg);
}

void
zone_builder::reserve_for(std::size_t file_bytes)
{
	// A generated zone's line is about 30 bytes, and holds a name of
	// about 20 and rdata of 4 to 20.
	entries_.reserve(file_bytes / 30);
	arena_.reserve(file_bytes / 2);
}

std::string
zone_builder::where_name(bytes_view wire) const
{
	auto n = dns::name::from_wire(wire);
	return n ? n->to_text() : std::string("?");
}

void
zone_builder::error(const entry &e, std::string msg)
{
	diags_.push_back({*files_[e.file], e.line, std::move(msg),
	    net::severity::error});
	failed_ = true;
}

void
zone_builder::warning(const entry &e, std::string msg)
{
	diags_.push_back({*files_[e.file], e.line, std::move(msg),
	    net::severity::warning});
}

void
zone_builder::add(const dns::name &owner, std::uint16_t type,
    std::uint16_t rclass, std::uint32_t ttl, bytes_view rdata,
    const std::string *file, unsigned line)
{
	entry e{};
	auto it = std::find(files_.begin(), files_.end(), file);
	if (it == files_.end()) {
		files_.push_back(file);
		it = files_.end() - 1;
	}
	e.file = static_cast<std::uint16_t>(it - files_.begin());
	e.line = line;
	if (!owner.is_subdomain_of(origin_)) {
		warning(e, "ignoring out-of-zone data (" + owner.to_text() +
		    ")");
		return;
	}
	if (rclass != rclass_) {
		error(e, "class " + dns::class_to_text(rclass) +
		    " is not the zone's (" + dns::class_to_text(rclass_) + ")");
		return;
	}
	if (arena_.size() + 512 + rdata.size() > 0xffffffffULL ||
	    entries_.size() >= 0xffffffffULL) {
		if (!failed_)
			error(e, "zone too large");
		return;
	}
	if (names_ != names_check::ignore) {
		if (type == dns::rr_type::a || type == dns::rr_type::aaaa)
			check_host(e, owner.wire(), "owner name");
		std::size_t skip = type == dns::rr_type::ns ? 0 :
		    type == dns::rr_type::mx ? 2 : type == dns::rr_type::srv ? 6 :
		    rdata.size();
		if (skip < rdata.size())
			check_host(e, rdata.subspan(skip), "host name in rdata");
	}
	bytes_view w = owner.wire();
	if (last_owner_len_ == w.size() && !arena_.empty() &&
	    std::memcmp(arena_.data() + last_owner_, w.data(), w.size()) == 0) {
		e.owner = last_owner_;
	} else {
		e.owner = static_cast<std::uint32_t>(arena_.size());
		arena_.insert(arena_.end(), w.begin(), w.end());
		last_owner_ = e.owner;
		last_owner_len_ = static_cast<std::uint8_t>(w.size());
	}
	e.owner_len = static_cast<std::uint8_t>(w.size());
	e.rdata = static_cast<std::uint32_t>(arena_.size());
	arena_.insert(arena_.end(), rdata.begin(), rdata.end());
	e.rdata_len = static_cast<std::uint16_t>(rdata.size());
	e.ttl = ttl;
	e.type = type;
	e.seq = static_cast<std::uint32_t>(entries_.size());
	entries_.push_back(e);
}

// Checks the records of one name, entries_[from, to).
bool
zone_builder::check_node(std::size_t from, std::size_t to)
{
	bool at_apex = owner_of(entries_[from]).size() == origin_.length() &&
	    dns::equal_nocase(owner_of(entries_[from]).data(),
		origin_.wire().data(), origin_.length());
	std::size_t cnames = 0, dnames = 0, soas = 0, others = 0;
	const entry *cname = nullptr;
	for (std::size_t i = from; i < to; i++) {
		const entry &e = entries_[i];
		switch (e.type) {
		case dns::rr_type::cname:
			if (++cnames == 2)
				error(e, "more than one CNAME at " +
				    where_name(owner_of(e)));
			cname = &e;
			break;
		case dns::rr_type::dname:
			if (++dnames == 2)
				error(e, "more than one DNAME at " +
				    where_name(owner_of(e)));
			break;
		case dns::rr_type::soa:
			if (!at_apex)
				error(e, "SOA record not at the zone's "
				    "origin (" + origin_.to_text() + ")");
			else if (++soas == 2)
				error(e, "more than one SOA record");
			break;
		default:
			break;
		}
		if (!cname_companion(e.type))
			others++;
	}
	if (cname && others > 0)
		error(*cname, "CNAME and other data at " +
		    where_name(owner_of(*cname)));
	return at_apex;
}

void
zone_builder::check_glue(zone &z)
{
	for (const auto &n : z.nodes_) {
		if (n.flags & zone::below_cut)
			continue;
		const zone::rrset *ns = z.find_set(n, dns::rr_type::ns);
		if (!ns)
			continue;
		std::uint32_t k = 0;
		for (zone::rdata_iter it(z, *ns); !it.done(); it.next(), k++) {
			bytes_view target = it.get();
			if (!wire_under(target, origin_.wire()))
				continue;
			const zone::node *t = z.find(target);
			if (t && (z.find_set(*t, dns::rr_type::a) ||
			    z.find_set(*t, dns::rr_type::aaaa)))
				continue;
			std::string file = files_.empty() ? origin_.to_text() :
			    *files_[0];
			unsigned line = 0;
			std::uint32_t index = static_cast<std::uint32_t>(
			    ns - z.rrsets_.data());
			for (const auto &p : ns_places_)
				if (p.rrset == index && p.index == k) {
					file = *files_[p.file];
					line = p.line;
				}
			diags_.push_back({file, line, "NS '" +
			    where_name(target) + "' of " +
			    where_name(z.owner(n)) +
			    " has no address records (A or AAAA)",
			    net::severity::error});
			failed_ = true;
		}
	}
}

std::shared_ptr<const zone>
zone_builder::finish()
{
	std::string zone_file = files_.empty() ? origin_.to_text() : *files_[0];
	auto fail_zone = [&](std::string msg) {
		diags_.push_back({zone_file, 0, std::move(msg),
		    net::severity::error});
		failed_ = true;
	};
	// Canonical order of owners, then type, then the order read: by
	// keys whose bytes sort in canonical order, one per owner (records
	// of a name come together, so most share the one before).
	std::vector<std::uint8_t> origin_key;
	dns::canonical_key(origin_.wire(), origin_key);
	const std::size_t skip = origin_key.size();
	for (std::size_t i = 0; i < entries_.size(); i++) {
		entry &e = entries_[i];
		if (i > 0 && entries_[i - 1].owner == e.owner) {
			e.key = entries_[i - 1].key;
			e.key_len = entries_[i - 1].key_len;
			e.prefix = entries_[i - 1].prefix;
			continue;
		}
		std::size_t at = keys_.size();
		dns::canonical_key(owner_of(e), keys_);
		// Every owner is under the origin: its part of the key is
		// the same for all and is left out of the comparison.
		e.key = static_cast<std::uint32_t>(at + skip);
		e.key_len = static_cast<std::uint16_t>(keys_.size() - at - skip);
		e.prefix = 0;
		for (std::size_t k = 0; k < 8; k++)
			e.prefix = e.prefix << 8 |
			    (k < e.key_len ? keys_[e.key + k] : 0);
	}
	const std::uint8_t *kb = keys_.data();
	auto key_cmp = [kb](const entry &a, const entry &b) {
		if (a.prefix != b.prefix)
			return a.prefix < b.prefix ? -1 : 1;
		if (a.key == b.key)
			return 0;
		int c = std::memcmp(kb + a.key, kb + b.key,
		    std::min(a.key_len, b.key_len));
		if (c != 0)
			return c;
		return a.key_len < b.key_len ? -1 :
		    a.key_len > b.key_len ? 1 : 0;
	};
	std::sort(entries_.begin(), entries_.end(),
	    [&key_cmp](const entry &a, const entry &b) {
		    int c = key_cmp(a, b);
		    if (c != 0)
			    return c < 0;
		    if (a.type != b.type)
			    return a.type < b.type;
		    return a.seq < b.seq;
	    });

	auto z = std::make_shared<zone>();
	z->origin_ = origin_;
	z->rclass_ = rclass_;
	auto &arena = z->arena_;
	arena.reserve(arena_.size() + entries_.size() * 2);
	bool apex_seen = false;
	std::size_t i = 0;
	while (i < entries_.size()) {
		std::size_t j = i + 1;
		bytes_view owner = owner_of(entries_[i]);
		while (j < entries_.size() &&
		    key_cmp(entries_[j], entries_[i]) == 0)
			j++;
		bool at_apex = check_node(i, j);
		zone::node n{};
		n.name = static_cast<std::uint32_t>(arena.size());
		n.name_len = static_cast<std::uint8_t>(owner.size());
		arena.insert(arena.end(), owner.begin(), owner.end());
		n.sets = static_cast<std::uint32_t>(z->rrsets_.size());
		if (at_apex) {
			n.flags |= zone::apex;
			apex_seen = true;
		}
		// One RRset per run of a type, duplicates dropped.
		std::size_t k = i;
		while (k < j) {
			std::size_t m = k;
			zone::rrset s{};
			s.type = entries_[k].type;
			s.ttl = entries_[k].ttl;
			s.data = static_cast<std::uint32_t>(arena.size());
			std::size_t first = k;
			for (; m < j && entries_[m].type == s.type; m++) {
				const entry &e = entries_[m];
				bytes_view rd = rdata_of(e);
				bool dup = false;
				for (std::size_t d = first; d < m && !dup; d++)
					dup = entries_[d].rdata_len ==
					    e.rdata_len &&
					    std::memcmp(rdata_of(entries_[d])
						.data(), rd.data(),
						rd.size()) == 0;
				if (dup)
					continue;
				if (e.ttl != s.ttl)
					warning(e, "TTL " + std::to_string(e.ttl) +
					    " differs from the RRset's; set "
					    "to " + std::to_string(s.ttl));
				if (s.count == 0xffff) {
					error(e, "more than 65535 records in "
					    "one RRset");
					break;
				}
				if (s.type == dns::rr_type::ns)
					ns_places_.push_back({static_cast<
					    std::uint32_t>(z->rrsets_.size()),
					    s.count, e.file, e.line});
				arena.push_back(static_cast<std::uint8_t>(
				    rd.size() >> 8));
				arena.push_back(static_cast<std::uint8_t>(
				    rd.size()));
				arena.insert(arena.end(), rd.begin(), rd.end());
				s.count++;
				z->records_++;
			}
			z->rrsets_.push_back(s);
			n.nsets++;
			if (s.type == dns::rr_type::cname)
				n.flags |= zone::has_cname;
			if (s.type == dns::rr_type::dname)
				n.flags |= zone::has_dname;
			if (s.type == dns::rr_type::ns && !at_apex)
				n.flags |= zone::cut;
			k = m;
		}
		z->nodes_.push_back(n);
		i = j;
	}
	arena_.clear();
	arena_.shrink_to_fit();
	keys_.clear();
	keys_.shrink_to_fit();
	entries_.clear();
	entries_.shrink_to_fit();

	if (z->nodes_.empty() || !apex_seen) {
		fail_zone("no SOA record at the zone's origin (" +
		    origin_.to_text() + ")");
		return nullptr;
	}
	if (!(z->nodes_[0].flags & zone::apex)) {
		// The apex sorts first of all names under it: anything before
		// it would be out of the zone, and that was left out.
		fail_zone("internal: apex not first");
		return nullptr;
	}
	const zone::node &apex = z->nodes_[0];
	const zone::rrset *soa = z->find_set(apex, dns::rr_type::soa);
	if (!soa)
		fail_zone("no SOA record at the zone's origin (" +
		    origin_.to_text() + ")");
	if (!z->find_set(apex, dns::rr_type::ns))
		fail_zone("no NS records at the zone's origin (" +
		    origin_.to_text() + ")");
	if (failed_)
		return nullptr;
	zone::rdata_iter soa_rd(*z, *soa);
	z->serial_ = soa_serial(soa_rd.get());
	z->negative_ttl_ = std::min(soa->ttl, soa_minimum(soa_rd.get()));

	// Empty non-terminals: every name between the apex and an owner.
	z->build_table();
	std::size_t before = z->nodes_.size();
	for (std::size_t x = 0; x < before; x++) {
		bytes_view up = z->owner(z->nodes_[x]);
		while (up.size() > origin_.length()) {
			up = wire_parent(up);
			if (up.size() <= origin_.length() || z->find(up))
				break;
			zone::node ent{};
			ent.name = static_cast<std::uint32_t>(arena.size());
			ent.name_len = static_cast<std::uint8_t>(up.size());
			ent.sets = static_cast<std::uint32_t>(z->rrsets_.size());
			// up points into arena, which the insert may move.
			std::vector<std::uint8_t> copy(up.begin(), up.end());
			arena.insert(arena.end(), copy.begin(), copy.end());
			z->nodes_.push_back(ent);
			if (z->table_.size() < z->nodes_.size() * 2)
				z->build_table();
			else
				z->insert(static_cast<std::uint32_t>(
				    z->nodes_.size() - 1));
			up = z->owner(z->nodes_.back());
		}
	}
	if (z->nodes_.size() != before) {
		const auto &ar = z->arena_;
		std::sort(z->nodes_.begin(), z->nodes_.end(),
		    [&ar](const zone::node &a, const zone::node &b) {
			    return dns::canonical_compare_wire(
				bytes_view(ar.data() + a.name, a.name_len),
				bytes_view(ar.data() + b.name, b.name_len)) < 0;
		    });
		z->build_table();
	}
	// Delegations: in canonical order a cut's descendants follow it.
	bytes_view cut;
	for (auto &n : z->nodes_) {
		bytes_view o = z->owner(n);
		if (!cut.empty() && wire_under(o, cut))
			n.flags |= zone::below_cut;
		else if (n.flags & zone::cut)
			cut = o;
		else
			cut = {};
	}
	check_glue(*z);
	if (failed_)
		return nullptr;
	z->build_nsec3();
	arena.shrink_to_fit();
	z->nodes_.shrink_to_fit();
	z->rrsets_.shrink_to_fit();
	return z;
}

} // namespace named
