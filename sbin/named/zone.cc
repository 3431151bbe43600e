// zone.cc: lookups in a built zone.
#include "zone.h"

#include <algorithm>
#include <optional>

#include "libnet/dns_name.h"
#include "libnet/dns_nsec3.h"
#include "libnet/dns_types.h"

namespace named {

namespace {

std::uint32_t
get32(bytes_view b, std::size_t at)
{
	return std::uint32_t(b[at]) << 24 | std::uint32_t(b[at + 1]) << 16 |
	    std::uint32_t(b[at + 2]) << 8 | b[at + 3];
}

// The offset of SOA rdata's fixed fields (serial first), past the two
// names; 0 when they do not parse.
std::size_t
soa_fixed(bytes_view rdata)
{
	std::size_t m = net::dns::wire_name_length(rdata);
	if (m == 0)
		return 0;
	std::size_t r = net::dns::wire_name_length(rdata.subspan(m));
	if (r == 0 || rdata.size() < m + r + 20)
		return 0;
	return m + r;
}

} // namespace

std::uint32_t
soa_serial(bytes_view rdata)
{
	std::size_t at = soa_fixed(rdata);
	return at ? get32(rdata, at) : 0;
}

std::uint32_t
soa_minimum(bytes_view rdata)
{
	std::size_t at = soa_fixed(rdata);
	return at ? get32(rdata, at + 16) : 0;
}

const zone::node *
zone::find(bytes_view wire) const
{
	if (table_.empty())
		return nullptr;
	std::size_t mask = table_.size() - 1;
	for (std::size_t i = net::dns::wire_hash(wire) & mask;;
	    i = (i + 1) & mask) {
		std::uint32_t v = table_[i];
		if (v == 0)
			return nullptr;
		const node &n = nodes_[v - 1];
		if (n.name_len == wire.size() &&
		    net::dns::equal_nocase(arena_.data() + n.name, wire.data(),
			wire.size()))
			return &n;
	}
}

const zone::rrset *
zone::find_set(const node &n, std::uint16_t type) const
{
	for (const rrset *s = sets_begin(n), *e = sets_end(n); s != e; ++s)
		if (s->type == type)
			return s;
	return nullptr;
}

void
zone::insert(std::uint32_t index)
{
	std::size_t mask = table_.size() - 1;
	std::size_t i = net::dns::wire_hash(owner(nodes_[index])) & mask;
	while (table_[i] != 0)
		i = (i + 1) & mask;
	table_[i] = index + 1;
}

void
zone::build_table()
{
	std::size_t size = 16;
	while (size < nodes_.size() * 2)
		size <<= 1;
	table_.assign(size, 0);
	for (std::uint32_t i = 0; i < nodes_.size(); i++)
		insert(i);
}

void
zone::build_nsec3()
{
	namespace dns = net::dns;
	nsec3_.clear();
	const rrset *param = find_set(nodes_[0], dns::rr_type::nsec3param);
	if (!param)
		return;
	// The first NSEC3PARAM that names SHA-1 with no flags: the chain
	// the server proves with.
	std::optional<dns::nsec3_param> p;
	for (rdata_iter it(*this, *param); !it.done(); it.next()) {
		p = dns::parse_nsec3param(it.get());
		if (p && p->algorithm == dns::nsec3_sha1 && p->flags == 0)
			break;
		p.reset();
	}
	if (!p || p->iterations > dns::nsec3_max_iterations)
		return;
	nsec3_salt_ = p->salt;
	nsec3_iterations_ = p->iterations;
	std::size_t apex_len = origin_.length();
	for (std::uint32_t i = 0; i < nodes_.size(); i++) {
		const node &n = nodes_[i];
		bytes_view o = owner(n);
		// One label under the apex, with an NSEC3 of these parameters.
		if (o.empty() || o.size() != 1u + o[0] + apex_len)
			continue;
		const rrset *s = find_set(n, dns::rr_type::nsec3);
		if (!s)
			continue;
		bytes_view rd = rdata_iter(*this, *s).get();
		if (rd.size() < 5 || rd[0] != p->algorithm ||
		    rd.size() < 5u + rd[4] ||
		    (std::uint16_t(rd[2] << 8 | rd[3])) != p->iterations ||
		    !std::equal(rd.begin() + 5, rd.begin() + 5 + rd[4],
			p->salt.begin(), p->salt.end()))
			continue;
		auto h = dns::nsec3_label_hash(o.subspan(1, o[0]));
		if (h)
			nsec3_.push_back({*h, i});
	}
	std::sort(nsec3_.begin(), nsec3_.end(),
	    [](const nsec3_entry &a, const nsec3_entry &b) {
		    return a.hash < b.hash;
	    });
	nsec3_.shrink_to_fit();
}

std::size_t
zone::nsec3_lower_bound(const net::sha1::digest &h) const
{
	return static_cast<std::size_t>(std::lower_bound(nsec3_.begin(),
	    nsec3_.end(), h, [](const nsec3_entry &e,
	    const net::sha1::digest &x) { return e.hash < x; }) -
	    nsec3_.begin());
}

const zone::node *
zone::nsec3_match(bytes_view name) const
{
	if (nsec3_.empty())
		return nullptr;
	auto h = net::dns::nsec3_hash(name, bytes_view(nsec3_salt_.data(),
	    nsec3_salt_.size()), nsec3_iterations_);
	std::size_t i = nsec3_lower_bound(h);
	if (i < nsec3_.size() && nsec3_[i].hash == h)
		return &nodes_[nsec3_[i].node];
	return nullptr;
}

const zone::node *
zone::nsec3_cover(bytes_view name) const
{
	if (nsec3_.empty())
		return nullptr;
	auto h = net::dns::nsec3_hash(name, bytes_view(nsec3_salt_.data(),
	    nsec3_salt_.size()), nsec3_iterations_);
	std::size_t i = nsec3_lower_bound(h);
	return &nodes_[nsec3_[i == 0 ? nsec3_.size() - 1 : i - 1].node];
}

const zone::node *
zone::nsec_before(bytes_view name) const
{
	if (!find_set(nodes_[0], 47))	// NSEC at the apex: signed
		return nullptr;
	std::size_t lo = 0, hi = nodes_.size();
	while (lo < hi) {
		std::size_t mid = lo + (hi - lo) / 2;
		if (net::dns::canonical_compare_wire(owner(nodes_[mid]), name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	// nodes_[lo - 1] is the last owner before name.
	for (std::size_t i = lo; i > 0; i--)
		if (find_set(nodes_[i - 1], 47))
			return &nodes_[i - 1];
	for (std::size_t i = nodes_.size(); i > 0; i--)
		if (find_set(nodes_[i - 1], 47))
			return &nodes_[i - 1];
	return nullptr;
}

} // namespace named
