// database.cc: finding the zone for a name.
#include "database.h"

namespace named {

namespace {

// The offsets of each label of a wire name, left to right; the count.
unsigned
suffixes(bytes_view wire, std::size_t *out)
{
	unsigned n = 0;
	for (std::size_t p = 0; p < wire.size(); p += 1 + wire[p]) {
		out[n++] = p;
		if (wire[p] == 0)
			break;
	}
	return n;
}

} // namespace

void
database::index()
{
	served_.clear();
	for (const auto &s : zones) {
		bool secondary = s.line.type == net::boot_zone_type::secondary;
		if (!s.data && !secondary)
			continue;
		auto o = net::dns::name::from_text(s.line.name);
		if (!o)
			continue;
		served_.push_back({*o, s.data.get(), s.expired});
	}
	std::size_t size = 16;
	while (size < served_.size() * 2)
		size <<= 1;
	table_.assign(size, 0);
	for (std::uint32_t i = 0; i < served_.size(); i++) {
		std::size_t mask = size - 1;
		std::size_t h = net::dns::wire_hash(served_[i].origin.wire()) &
		    mask;
		while (table_[h] != 0) {
			// Two lines for one zone: the first is served.
			if (served_[table_[h] - 1].origin == served_[i].origin)
				break;
			h = (h + 1) & mask;
		}
		if (table_[h] == 0)
			table_[h] = i + 1;
	}
}

const served_zone *
database::find_served_exact(bytes_view wire) const
{
	if (served_.empty())
		return nullptr;
	std::size_t mask = table_.size() - 1;
	for (std::size_t h = net::dns::wire_hash(wire) & mask;;
	    h = (h + 1) & mask) {
		std::uint32_t v = table_[h];
		if (v == 0)
			return nullptr;
		bytes_view o = served_[v - 1].origin.wire();
		if (o.size() == wire.size() &&
		    net::dns::equal_nocase(o.data(), wire.data(), o.size()))
			return &served_[v - 1];
	}
}

const served_zone *
database::find_served(bytes_view wire) const
{
	std::size_t off[128];
	unsigned n = suffixes(wire, off);
	for (unsigned i = 0; i < n; i++)
		if (const served_zone *z = find_served_exact(wire.subspan(off[i])))
			return z;
	return nullptr;
}

const zone *
database::find_exact(bytes_view wire) const
{
	const served_zone *s = find_served_exact(wire);
	return s && s->usable() ? s->data : nullptr;
}

const zone *
database::find_zone(bytes_view wire) const
{
	const served_zone *s = find_served(wire);
	return s && s->usable() ? s->data : nullptr;
}

const zone_slot *
database::find_slot(bytes_view wire) const
{
	const zone *z = find_exact(wire);
	for (const auto &s : zones)
		if (z && s.data.get() == z)
			return &s;
	return nullptr;
}

const zone_slot *
database::find_secondary(bytes_view wire) const
{
	for (const auto &s : zones) {
		if (s.line.type != net::boot_zone_type::secondary)
			continue;
		auto o = net::dns::name::from_text(s.line.name);
		if (o && o->wire().size() == wire.size() &&
		    net::dns::equal_nocase(o->wire().data(), wire.data(),
			wire.size()))
			return &s;
	}
	return nullptr;
}

const zone *
database::find_parent_zone(const zone &child) const
{
	if (child.origin().is_root())
		return nullptr;
	bytes_view w = child.origin().wire();
	return find_zone(w.subspan(1 + w[0]));
}

std::optional<net::dns::tsig_key>
database::server_key(const net::address &addr) const
{
	for (const auto &s : servers)
		if (net::same_host(s.addr, addr))
			return s.key;
	return std::nullopt;
}

bool
database::may_transfer(const net::address &addr) const
{
	if (xfrnets.empty())
		return true;
	for (const auto &c : xfrnets)
		if (c.contains(addr))
			return true;
	return false;
}

void
current_database::set(std::shared_ptr<const database> db)
{
	std::lock_guard<std::mutex> g(mu_);
	db_ = std::move(db);
	generation_.fetch_add(1, std::memory_order_release);
}

std::shared_ptr<const database>
current_database::get() const
{
	std::lock_guard<std::mutex> g(mu_);
	return db_;
}

} // namespace named
