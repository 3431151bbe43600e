// config.cc: boot file and zones to a database.
#include "config.h"

#include <unistd.h>

#include <fstream>
#include <iterator>

#include "dump.h"
#include "libnet/parse_file.h"
#include "refresh.h"

namespace named {

namespace {

void
not_yet(load_result &r, const net::boot_place &where, const std::string &what)
{
	r.diags.push_back({where.origin, where.line,
	    what + ": not used yet (named part 1 serves its own zones only)",
	    net::severity::warning});
}

// The slot of the same zone (type, name, file) in the previous database.
const zone_slot *
previous_slot(const database *prev, const net::boot_zone &z)
{
	if (!prev)
		return nullptr;
	for (const auto &s : prev->zones)
		if (s.line.type == z.type && s.line.path() == z.path()) {
			auto a = net::dns::name::from_text(s.line.name);
			auto b = net::dns::name::from_text(z.name);
			if (a && b && *a == *b)
				return &s;
		}
	return nullptr;
}

void
unused_directives(const net::named_boot &b, load_result &r)
{
	for (const auto &f : b.forwarders)
		not_yet(r, f.where, "forwarders");
	if (b.slave)
		not_yet(r, *b.slave, "slave");
	for (const auto &s : b.sortlist)
		not_yet(r, s.where, "sortlist");
	for (const auto &s : b.bogusns)
		not_yet(r, s.where, "bogusns");
	for (const auto &k : b.keys)
		not_yet(r, k.where, "key " + k.name);
	const auto &o = b.options;
	for (const auto *p : {&o.no_recursion, &o.no_fetch_glue,
	    &o.forward_only, &o.fake_iquery})
		if (*p)
			not_yet(r, **p, "this option");
	for (const auto *l : {&b.transfers_in, &b.transfers_per_ns,
	    &b.datasize, &b.files})
		if (*l)
			not_yet(r, (*l)->where, "limit");
}

names_check
names_of(const net::boot_check_names &c)
{
	switch (c.action) {
	case net::boot_check::fail:
		return names_check::fail;
	case net::boot_check::warn:
		return names_check::warn;
	default:
		return names_check::ignore;
	}
}

// The journal beside a zone file.
std::string
journal_path(const net::boot_zone &z)
{
	return z.path() + ".jnl";
}

// The history in the zone's journal when it ends where the zone is.
std::shared_ptr<const ixfr_history>
read_journal(const net::boot_zone &line, const zone &z, load_result &r)
{
	std::string path = journal_path(line);
	std::ifstream in(path, std::ios::binary);
	if (!in)
		return nullptr;
	std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)),
	    std::istreambuf_iterator<char>());
	std::string why;
	auto h = decode_journal(bytes, z, why);
	if (!h)
		r.diags.push_back({path, 0, "journal not used: " + why,
		    net::severity::warning});
	return h;
}

void
write_journal(const net::boot_zone &line, const ixfr_history *h,
    load_result &r)
{
	std::string path = journal_path(line);
	if (!h) {
		(void)unlink(path.c_str());
		return;
	}
	auto bytes = encode_journal(*h);
	if (auto w = write_file_atomically(path, std::string_view(
	    reinterpret_cast<const char *>(bytes.data()), bytes.size())); !w)
		r.diags.push_back({path, 0, "journal: " + w.err().message(),
		    net::severity::warning});
}

} // namespace

load_result
load_config(const std::string &bootfile, const database *previous,
    bool check_only)
{
	load_result r;
	auto boot = net::parse_file(bootfile, [](std::istream &in,
	    std::string_view origin) {
		return net::parse_named_boot(in, origin, net::file_opener());
	});
	if (!boot) {
		r.diags.push_back({bootfile, 0, boot.err().message(),
		    net::severity::error});
		return r;
	}
	r.diags = boot->diagnostics;
	if (boot->has_errors())
		return r;
	unused_directives(*boot, r);
	auto db = std::make_shared<database>();
	db->query_log = boot->options.query_log.has_value();
	for (const auto &x : boot->xfrnets)
		db->xfrnets.push_back(x.net);
	for (const auto &line : boot->zones) {
		zone_slot slot;
		slot.line = line;
		const net::boot_place &w = line.where;
		if (line.type == net::boot_zone_type::cache) {
			not_yet(r, w, "cache " + line.name);
			db->zones.push_back(std::move(slot));
			continue;
		}
		if (line.type == net::boot_zone_type::stub) {
			not_yet(r, w, "stub " + line.name);
			db->zones.push_back(std::move(slot));
			continue;
		}
		const zone_slot *old = previous_slot(previous, line);
		if (line.type == net::boot_zone_type::secondary) {
			// What the masters gave is kept across a reload; the
			// backup file is read at start only, and only when it
			// is there (the first start has none yet).
			if (old && old->data) {
				slot.data = old->data;
				slot.expired = old->expired;
				slot.history = old->history;
				r.kept++;
			} else if (!line.file.empty() &&
			    stamp_file(line.path()).size >= 0) {
				auto lz = load_zone(line.path(), line.name,
				    line.directory, r.diags,
				    names_of(boot->check_secondary));
				r.reread++;
				slot.data = std::move(lz.data);
				if (!slot.data)
					r.diags.push_back({w.origin, w.line,
					    "secondary " + line.name + ": the "
					    "backup file has errors; the zone "
					    "waits for its masters",
					    net::severity::warning});
			}
			db->zones.push_back(std::move(slot));
			continue;
		}
		if (old && old->data && unchanged(old->files)) {
			slot.data = old->data;
			slot.files = old->files;
			slot.history = old->history;
			r.kept++;
			db->zones.push_back(std::move(slot));
			continue;
		}
		std::string dir = line.directory;
		auto lz = load_zone(line.path(), line.name, dir, r.diags,
		    names_of(boot->check_primary));
		r.reread++;
		if (lz.data) {
			slot.data = std::move(lz.data);
			slot.files = std::move(lz.files);
			if (old && old->data) {
				std::uint32_t was = old->data->serial();
				std::uint32_t is = slot.data->serial();
				if (serial_newer(is, was)) {
					slot.history = extend_history(
					    old->history, *old->data, *slot.data);
					if (!check_only)
						write_journal(line,
						    slot.history.get(), r);
				} else if (is == was) {
					slot.history = old->history;
				}
			} else {
				slot.history = read_journal(line, *slot.data, r);
			}
		} else {
			r.zone_errors = true;
			std::string msg = std::string(
			    net::boot_zone_type_name(line.type)) + " " +
			    line.name + ": not loaded";
			if (old && old->data) {
				slot.data = old->data;
				slot.files = old->files;
				msg += "; its previous data is still served";
			}
			r.diags.push_back({w.origin, w.line, msg,
			    net::severity::error});
		}
		db->zones.push_back(std::move(slot));
	}
	db->index();
	r.db = std::move(db);
	return r;
}

} // namespace named
