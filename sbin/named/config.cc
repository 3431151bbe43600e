// config.cc: boot file and zones to a database.
#include "config.h"

#include <sys/random.h>
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

siphash_key
random_key()
{
	siphash_key k{};
	std::size_t got = 0;
	while (got < k.size()) {
		ssize_t n = getrandom(k.data() + got, k.size() - got, 0);
		if (n <= 0)
			break;
		got += static_cast<std::size_t>(n);
	}
	return k;
}

// A secret of 32 hex digits; false when text is not one.
bool
hex_secret(const std::string &text, siphash_key &out)
{
	if (text.size() != 32)
		return false;
	for (std::size_t i = 0; i < 16; i++) {
		auto digit = [](char c) -> int {
			if (c >= '0' && c <= '9')
				return c - '0';
			if (c >= 'a' && c <= 'f')
				return c - 'a' + 10;
			if (c >= 'A' && c <= 'F')
				return c - 'A' + 10;
			return -1;
		};
		int hi = digit(text[2 * i]), lo = digit(text[2 * i + 1]);
		if (hi < 0 || lo < 0)
			return false;
		out[i] = static_cast<std::uint8_t>(hi << 4 | lo);
	}
	return true;
}

// DNS cookies as the cookies line says: on by default with a random
// secret kept across reloads, or the secret (and the previous one) from
// its file.
void
set_cookies(const net::named_boot &b, const database *prev, database &db,
    load_result &r)
{
	db.cookies = cookie_config{};
	if (prev)
		db.cookies.secret = prev->cookies.secret;
	else
		db.cookies.secret = random_key();
	if (!b.cookies)
		return;
	const auto &c = *b.cookies;
	db.cookies.enabled = c.mode != net::boot_cookie_mode::no;
	db.cookies.require = c.mode == net::boot_cookie_mode::require;
	if (c.secret_file.empty())
		return;
	std::ifstream in(c.path());
	std::string line;
	siphash_key k{};
	if (!in || !std::getline(in, line) || !hex_secret(line, k)) {
		r.diags.push_back({c.path(), 1, "cookie secret: not 32 "
		    "hexadecimal digits; a random secret is used",
		    net::severity::error});
		return;
	}
	db.cookies.secret = k;
	if (std::getline(in, line) && hex_secret(line, k))
		db.cookies.previous = k;
}

// Response rate limiting from the rate-limit lines; the limiter of the
// database before is kept (with what it has counted) when nothing
// changed.
void
set_limiter(const net::named_boot &b, const database *prev, database &db,
    load_result &r)
{
	if (!b.rate_limit)
		return;
	const auto &l = *b.rate_limit;
	rrl_config cfg;
	cfg.responses_per_second = l.responses.value_or(0);
	cfg.nodata_per_second = l.nodata;
	cfg.nxdomains_per_second = l.nxdomains;
	cfg.referrals_per_second = l.referrals;
	cfg.errors_per_second = l.errors;
	if (l.window)
		cfg.window = *l.window;
	if (l.slip)
		cfg.slip = *l.slip;
	if (l.ipv4_prefix)
		cfg.ipv4_prefix = *l.ipv4_prefix;
	if (l.ipv6_prefix)
		cfg.ipv6_prefix = *l.ipv6_prefix;
	if (l.table_size)
		cfg.table_size = *l.table_size;
	cfg.log_only = l.log_only;
	for (const auto &e : l.exempt)
		cfg.exempt.push_back(e.net);
	if (const char *why = rrl_config_error(cfg)) {
		r.diags.push_back({l.where.origin, l.where.line,
		    std::string("rate-limit: ") + why, net::severity::error});
		return;
	}
	if (prev && prev->limiter) {
		const rrl_config &o = prev->limiter->config();
		if (o.responses_per_second == cfg.responses_per_second &&
		    o.nodata_per_second == cfg.nodata_per_second &&
		    o.nxdomains_per_second == cfg.nxdomains_per_second &&
		    o.referrals_per_second == cfg.referrals_per_second &&
		    o.errors_per_second == cfg.errors_per_second &&
		    o.window == cfg.window && o.slip == cfg.slip &&
		    o.ipv4_prefix == cfg.ipv4_prefix &&
		    o.ipv6_prefix == cfg.ipv6_prefix &&
		    o.table_size == cfg.table_size &&
		    o.log_only == cfg.log_only && o.exempt == cfg.exempt) {
			db.limiter = prev->limiter;
			return;
		}
	}
	db.limiter = std::make_shared<rrl>(cfg, random_key());
}

// The TSIG keys of the key lines, each secret read from its file.
void
set_keys(const net::named_boot &b, database &db, load_result &r)
{
	if (b.keys.empty())
		return;
	auto ring = std::make_shared<net::dns::tsig_keyring>();
	for (const auto &k : b.keys) {
		auto loaded = net::parse_file(k.path(), [&k](std::istream &in,
		    std::string_view origin) {
			return net::dns::read_tsig_key(in, origin, k.name,
			    k.algorithm);
		});
		if (!loaded) {
			r.diags.push_back({k.where.origin, k.where.line,
			    "key " + k.name + ": " + loaded.err().message(),
			    net::severity::error});
			continue;
		}
		r.diags.insert(r.diags.end(), loaded->diagnostics.begin(),
		    loaded->diagnostics.end());
		if (loaded->key && !ring->add(*loaded->key))
			r.diags.push_back({k.where.origin, k.where.line,
			    "key " + k.name + ": given twice",
			    net::severity::error});
	}
	for (const auto &sv : b.servers)
		for (const auto &k : b.keys) {
			auto n = net::dns::name::from_text(k.name);
			auto a = net::dns::tsig_algorithm_from_text(k.algorithm);
			if (!n || !a || !(*n == *net::dns::name::from_text(sv.key)))
				continue;
			// A key that did not load has been reported above.
			if (const auto *key = ring->find(*n, *a))
				db.servers.push_back({sv.addr, *key});
		}
	db.keys = std::move(ring);
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
	std::size_t before = r.diags.size();
	set_cookies(*boot, previous, *db, r);
	set_limiter(*boot, previous, *db, r);
	set_keys(*boot, *db, r);
	// A secret, a limit or a key that cannot be used is an error of the
	// configuration as a whole: a reload keeps what is in use.
	for (std::size_t i = before; i < r.diags.size(); i++)
		if (r.diags[i].level == net::severity::error)
			return r;
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
