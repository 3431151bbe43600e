#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>

#include "libnet/master_file.h"
#include "libnet/named_boot.h"

#include <CppUTest/TestHarness.h>

namespace {

// Include files from a map, as named would open them from disk.
net::include_opener
files(const std::map<std::string, std::string> &m)
{
	return [m](const std::string &path, std::string &error)
	    -> std::unique_ptr<std::istream> {
		auto it = m.find(path);
		if (it == m.end()) {
			error = "No such file or directory";
			return nullptr;
		}
		return std::make_unique<std::istringstream>(it->second);
	};
}

net::named_boot
parse(const std::string &text, const net::include_opener &open = {})
{
	std::istringstream in(text);
	return net::parse_named_boot(in, "named.boot", open);
}

std::string
diags(const net::named_boot &b)
{
	std::string s;
	for (const auto &d : b.diagnostics)
		s += d.str() + "\n";
	return s;
}

std::string
masters(const net::boot_zone &z)
{
	std::string s;
	for (const auto &a : z.masters)
		s += (s.empty() ? "" : " ") + a.str();
	return s;
}

} // namespace

TEST_GROUP(named_boot){};

// NAMED(1M)'s example, verbatim.
TEST(named_boot, the_man_pages_example)
{
	auto b = parse(
	    ";\n"
	    ";\tboot file for name server\n"
	    ";\n"
	    "directory\t/usr/local/lib/named\n"
	    "\n"
	    "; type\t\tdomain\t\t\tsource host/file\t\tbackup file\n"
	    "\n"
	    "cache\t\t.\t\t\t\t\t\troot.cache\n"
	    "primary\t\tBerkeley.EDU\t\tberkeley.edu.zone\n"
	    "primary\t\t32.128.IN-ADDR.ARPA\tucbhosts.rev\n"
	    "secondary\tCC.Berkeley.EDU\t\t128.32.137.8 128.32.137.3\t"
	    "cc.zone.bak\n"
	    "secondary\t6.32.128.IN-ADDR.ARPA\t128.32.137.8 128.32.137.3\t"
	    "cc.rev.bak\n"
	    "primary\t\t0.0.127.IN-ADDR.ARPA\t\t\t\tlocalhost.rev\n"
	    "forwarders\t10.0.0.78 10.2.0.78\n"
	    "; slave\n");
	STRCMP_EQUAL("", diags(b).c_str());
	STRCMP_EQUAL("/usr/local/lib/named", b.directory.c_str());
	LONGS_EQUAL(4, b.directory_where.line);
	LONGS_EQUAL(6, b.zones.size());
	const auto &cache = b.zones[0];
	CHECK(cache.type == net::boot_zone_type::cache);
	STRCMP_EQUAL(".", cache.name.c_str());
	STRCMP_EQUAL("/usr/local/lib/named/root.cache",
	    cache.path().c_str());
	const auto &p = b.zones[1];
	CHECK(p.type == net::boot_zone_type::primary);
	STRCMP_EQUAL("Berkeley.EDU.", p.name.c_str());
	STRCMP_EQUAL("berkeley.edu.zone", p.file.c_str());
	LONGS_EQUAL(9, p.where.line);
	STRCMP_EQUAL("named.boot", p.where.origin.c_str());
	const auto &s = b.zones[3];
	CHECK(s.type == net::boot_zone_type::secondary);
	STRCMP_EQUAL("CC.Berkeley.EDU.", s.name.c_str());
	STRCMP_EQUAL("128.32.137.8 128.32.137.3", masters(s).c_str());
	STRCMP_EQUAL("cc.zone.bak", s.file.c_str());
	STRCMP_EQUAL("0.0.127.IN-ADDR.ARPA.", b.zones[5].name.c_str());
	LONGS_EQUAL(2, b.forwarders.size());
	STRCMP_EQUAL("10.2.0.78", b.forwarders[1].addr.str().c_str());
	LONGS_EQUAL(14, b.forwarders[1].where.line);
	CHECK_FALSE(b.slave.has_value());
}

// The Guide's section 4.5 samples, verbatim.
TEST(named_boot, the_guides_caching_only_server)
{
	auto b = parse(
	    "; Boot file for Caching Only Name Server\n"
	    ";\n"
	    "; type\t\tdomain\t\t\tsource file or host\n"
	    ";\n"
	    "directory\t/usr/local/lib/named\n"
	    "cache\t\t.\t\t\troot.cache\n"
	    "primary\t\t0.0.127.in-addr.arpa\t/etc/named.local\n");
	STRCMP_EQUAL("", diags(b).c_str());
	LONGS_EQUAL(2, b.zones.size());
	// An absolute file name stays as it is.
	STRCMP_EQUAL("/etc/named.local", b.zones[1].path().c_str());
}

TEST(named_boot, the_guides_primary_master_server)
{
	auto b = parse(
	    "; Boot file for Primary Master Name Server\n"
	    ";\n"
	    "; type\t\tdomain\t\t\tsource file or host\n"
	    ";\n"
	    "directory\t/usr/local/lib/named\n"
	    "primary\t\tBerkeley.Edu\t\tucbhosts\n"
	    "primary\t\t32.128.in-addr.arpa\tucbhosts.rev\n"
	    "primary\t\t0.0.127.in-addr.arpa\tnamed.local\n"
	    "cache\t\t.\t\t\troot.cache\n");
	STRCMP_EQUAL("", diags(b).c_str());
	LONGS_EQUAL(4, b.zones.size());
	STRCMP_EQUAL("Berkeley.Edu.", b.zones[0].name.c_str());
	STRCMP_EQUAL("/usr/local/lib/named/ucbhosts",
	    b.zones[0].path().c_str());
	STRCMP_EQUAL("32.128.in-addr.arpa.", b.zones[1].name.c_str());
}

TEST(named_boot, the_guides_secondary_master_server)
{
	auto b = parse(
	    "; Boot file for Secondary Name Server\n"
	    ";\n"
	    "; type\t\tdomain\t\t\tsource file or host\n"
	    ";\n"
	    "directory\t/usr/local/lib/named\n"
	    "secondary\tBerkeley.Edu\t\t128.32.0.4 128.32.0.10 "
	    "128.32.136.22\tucbhost.bak\n"
	    "secondary\t32.128.in-addr.arpa\t128.32.0.4 128.32.0.10 "
	    "128.32.136.22\tucbhosts.rev.bak\n"
	    "primary\t\t0.0.127.in-addr.arpa\tnamed.local\n"
	    "cache\t\t.\t\t\troot.cache\n");
	STRCMP_EQUAL("", diags(b).c_str());
	LONGS_EQUAL(4, b.zones.size());
	STRCMP_EQUAL("128.32.0.4 128.32.0.10 128.32.136.22",
	    masters(b.zones[0]).c_str());
	STRCMP_EQUAL("ucbhost.bak", b.zones[0].file.c_str());
	STRCMP_EQUAL("ucbhosts.rev.bak", b.zones[1].file.c_str());
}

TEST(named_boot, keywords_fold_case_and_a_secondary_may_have_no_backup)
{
	auto b = parse("PRIMARY a.example f\n"
		       "Secondary b.example 192.0.2.1 2001:db8::53\n"
		       "stub c.example 192.0.2.2 c.stub\n");
	STRCMP_EQUAL("", diags(b).c_str());
	LONGS_EQUAL(3, b.zones.size());
	CHECK(b.zones[1].file.empty());
	CHECK(b.zones[1].path().empty());
	STRCMP_EQUAL("192.0.2.1 2001:db8::53", masters(b.zones[1]).c_str());
	CHECK(b.zones[2].type == net::boot_zone_type::stub);
	STRCMP_EQUAL("c.stub", b.zones[2].file.c_str());
}

TEST(named_boot, ten_masters_at_most)
{
	std::string ten, eleven;
	for (int i = 1; i <= 11; i++) {
		std::string a = " 192.0.2." + std::to_string(i);
		if (i <= 10)
			ten += a;
		eleven += a;
	}
	auto b = parse("secondary a.example" + ten + " a.bak\n"
		       "secondary b.example" + eleven + " b.bak\n");
	STRCMP_EQUAL("named.boot:2: secondary 'b.example': more than 10 "
		     "master addresses\n", diags(b).c_str());
	LONGS_EQUAL(1, b.zones.size());
	LONGS_EQUAL(10, b.zones[0].masters.size());
}

TEST(named_boot, secondary_line_errors)
{
	auto b = parse("secondary a.example a.bak\n"
		       "secondary b.example 192.0.2.1 b.bak extra\n"
		       "secondary c.example 192.0.2.1 192.0.2.300\n"
		       "secondary d.example\n");
	STRCMP_EQUAL(
	    "named.boot:1: secondary 'a.example': no master address\n"
	    "named.boot:2: secondary: 'extra' after the backup file\n"
	    "named.boot:3: warning: secondary: backup file '192.0.2.300' "
	    "looks like a mistyped address\n"
	    "named.boot:4: secondary: wrong number of arguments (expected "
	    "'secondary zone address... [backup-file]')\n",
	    diags(b).c_str());
	LONGS_EQUAL(1, b.zones.size());
}

TEST(named_boot, unknown_directives_and_argument_counts)
{
	auto b = parse("zone example.com\n"
		       "primary example.com\n"
		       "primary a b c\n"
		       "directory\n"
		       "slave now\n"
		       "cache . root.cache 3600\n");
	STRCMP_EQUAL(
	    "named.boot:1: unknown directive 'zone'\n"
	    "named.boot:2: primary: wrong number of arguments (expected "
	    "'primary zone file')\n"
	    "named.boot:3: primary: wrong number of arguments (expected "
	    "'primary zone file')\n"
	    "named.boot:4: directory: wrong number of arguments (expected "
	    "'directory path')\n"
	    "named.boot:5: slave: wrong number of arguments (expected "
	    "'slave')\n"
	    "named.boot:6: warning: cache: '3600' after the file name "
	    "ignored\n",
	    diags(b).c_str());
	LONGS_EQUAL(1, b.zones.size());
}

TEST(named_boot, bad_zone_names)
{
	auto b = parse("primary a..b f\n"
		       "cache example.com. f\n"
		       "primary " + std::string(64, 'x') + ".com f\n");
	std::string want =
	    "named.boot:1: primary: bad zone name 'a..b': empty label\n"
	    "named.boot:2: cache: the zone must be '.', not "
	    "'example.com.'\n"
	    "named.boot:3: primary: bad zone name '" + std::string(64, 'x') +
	    "...': label longer than 63 octets\n";
	STRCMP_EQUAL(want.c_str(), diags(b).c_str());
	CHECK(b.zones.empty());
}

TEST(named_boot, duplicate_zones_name_the_first_line)
{
	auto b = parse("primary example.com a\n"
		       "secondary EXAMPLE.COM. 192.0.2.1\n"
		       "cache . root.cache\n"
		       "cache . more.cache\n"
		       "primary . root.zone\n");
	STRCMP_EQUAL("named.boot:2: secondary: zone 'EXAMPLE.COM.' already "
		     "given at named.boot:1\n", diags(b).c_str());
	// Several cache files are the manual's; a root zone is no cache.
	LONGS_EQUAL(4, b.zones.size());
}

TEST(named_boot, forwarders_slave_and_bad_addresses)
{
	auto b = parse("forwarders 10.0.0.78 10.0.0.999 ::1\n"
		       "forwarders 10.2.0.78\n"
		       "slave\n");
	STRCMP_EQUAL("named.boot:1: forwarders: bad address '10.0.0.999'\n",
	    diags(b).c_str());
	LONGS_EQUAL(3, b.forwarders.size());
	CHECK(b.slave.has_value());
	LONGS_EQUAL(3, b.slave->line);
}

TEST(named_boot, slave_needs_forwarders)
{
	auto b = parse("slave\noptions forward-only\n");
	STRCMP_EQUAL("named.boot:1: slave without forwarders\n"
		     "named.boot:2: forward-only without forwarders\n",
	    diags(b).c_str());
}

TEST(named_boot, sortlist_xfrnets_and_bogusns)
{
	auto b = parse("sortlist 10.0.0.0 128.32.0.0 128.32.6.0\n"
		       "xfrnets 16.0.0.0&255.255.0.0 192.0.2.7 "
		       "2001:db8::/32\n"
		       "tcplist 10.1.2.3&255.255.0.0 10.0.0.0&255.0.255.0\n"
		       "bogusns 192.0.2.53\n");
	STRCMP_EQUAL(
	    "named.boot:3: warning: tcplist: '10.1.2.3&255.255.0.0' has "
	    "bits outside its mask; taken as 10.1.0.0/16\n"
	    "named.boot:3: tcplist: bad network '10.0.0.0&255.0.255.0'\n",
	    diags(b).c_str());
	LONGS_EQUAL(3, b.sortlist.size());
	STRCMP_EQUAL("10.0.0.0/8", b.sortlist[0].net.str().c_str());
	STRCMP_EQUAL("128.32.0.0/16", b.sortlist[1].net.str().c_str());
	STRCMP_EQUAL("128.32.6.0/24", b.sortlist[2].net.str().c_str());
	LONGS_EQUAL(4, b.xfrnets.size());
	STRCMP_EQUAL("16.0.0.0/16", b.xfrnets[0].net.str().c_str());
	STRCMP_EQUAL("192.0.2.7/32", b.xfrnets[1].net.str().c_str());
	STRCMP_EQUAL("2001:db8::/32", b.xfrnets[2].net.str().c_str());
	LONGS_EQUAL(3, b.xfrnets[3].where.line);
	LONGS_EQUAL(1, b.bogusns.size());
}

TEST(named_boot, limits)
{
	auto b = parse("limit transfers-in 20\n"
		       "limit transfers-per-ns 3\n"
		       "limit datasize 64M\n"
		       "limit files 1000\n"
		       "limit datasize 2x\n"
		       "limit speed 9\n"
		       "limit transfers-in -1\n");
	STRCMP_EQUAL("named.boot:5: limit datasize: bad number '2x'\n"
		     "named.boot:6: limit: unknown limit 'speed'\n"
		     "named.boot:7: limit transfers-in: bad number '-1'\n",
	    diags(b).c_str());
	LONGS_EQUAL(20, b.transfers_in->value);
	LONGS_EQUAL(3, b.transfers_per_ns->value);
	CHECK_EQUAL(64ull << 20, b.datasize->value);
	LONGS_EQUAL(3, b.datasize->where.line);
	LONGS_EQUAL(1000, b.files->value);
}

TEST(named_boot, options_and_check_names)
{
	auto b = parse("forwarders 192.0.2.1\n"
		       "options no-recursion query-log\n"
		       "options NO-FETCH-GLUE fake-iquery forward-only bogus\n"
		       "check-names primary warn\n"
		       "check-names response fail\n"
		       "check-names tertiary warn\n"
		       "check-names secondary loud\n");
	STRCMP_EQUAL(
	    "named.boot:3: options: unknown option 'bogus'\n"
	    "named.boot:6: check-names: 'tertiary' is not primary, "
	    "secondary or response\n"
	    "named.boot:7: check-names: 'loud' is not warn, fail or "
	    "ignore\n",
	    diags(b).c_str());
	const auto &o = b.options;
	CHECK(o.no_recursion.has_value() && o.query_log.has_value() &&
	    o.no_fetch_glue.has_value() && o.fake_iquery.has_value() &&
	    o.forward_only.has_value());
	LONGS_EQUAL(3, o.forward_only->line);
	CHECK(b.check_primary.action == net::boot_check::warn);
	LONGS_EQUAL(4, b.check_primary.where.line);
	CHECK(b.check_response.action == net::boot_check::fail);
	// Untouched: BIND 4.9's default, from no line.
	CHECK(b.check_secondary.action == net::boot_check::warn);
	LONGS_EQUAL(0, b.check_secondary.where.line);
}

TEST(named_boot, obsolete_directives_are_warned_about)
{
	auto b = parse("domain Berkeley.Edu\nsuffixes a b\nsuffixes\n");
	STRCMP_EQUAL("named.boot:1: warning: domain is obsolete and ignored\n"
		     "named.boot:2: warning: suffixes is obsolete and "
		     "ignored\n"
		     "named.boot:3: warning: suffixes is obsolete and "
		     "ignored\n",
	    diags(b).c_str());
	CHECK_FALSE(b.has_errors());
}

TEST(named_boot, tsig_keys)
{
	auto b = parse("directory /var/named\n"
		       "key xfr.key. HMAC-SHA256 keys/xfr.secret\n"
		       "key old hmac-md5.sig-alg.reg.int. /etc/old.secret\n"
		       "key XFR.KEY hmac-sha1 other\n"
		       "key new rot13 x\n");
	STRCMP_EQUAL(
	    "named.boot:4: key 'XFR.KEY.' already given at named.boot:2\n"
	    "named.boot:5: key 'new.': unknown algorithm 'rot13'\n",
	    diags(b).c_str());
	LONGS_EQUAL(2, b.keys.size());
	STRCMP_EQUAL("xfr.key.", b.keys[0].name.c_str());
	STRCMP_EQUAL("hmac-sha256", b.keys[0].algorithm.c_str());
	STRCMP_EQUAL("/var/named/keys/xfr.secret", b.keys[0].path().c_str());
	STRCMP_EQUAL("hmac-md5", b.keys[1].algorithm.c_str());
	STRCMP_EQUAL("/etc/old.secret", b.keys[1].path().c_str());
}

TEST(named_boot, server_lines_name_a_key_given_anywhere)
{
	auto b = parse("server 192.0.2.1 key xfr.key\n"
		       "key xfr.key. hmac-sha256 s\n"
		       "server ::ffff:192.0.2.1 key xfr.key.\n"
		       "server 2001:db8::1 KEY xfr.key.\n"
		       "server 192.0.2.2 keys xfr.key\n"
		       "server 192.0.2.300 key xfr.key\n"
		       "server 192.0.2.3 key nobody\n"
		       "server 192.0.2.4 key\n");
	STRCMP_EQUAL(
	    "named.boot:3: server ::ffff:192.0.2.1: already given at "
	    "named.boot:1\n"
	    "named.boot:5: server 192.0.2.2: expected \"key\", not 'keys'\n"
	    "named.boot:6: server: bad address '192.0.2.300'\n"
	    "named.boot:8: server: wrong number of arguments (expected "
	    "'server address key name')\n"
	    "named.boot:7: server 192.0.2.3: no key line gives the key "
	    "'nobody.'\n",
	    diags(b).c_str());
	LONGS_EQUAL(3, b.servers.size());
	STRCMP_EQUAL("192.0.2.1", b.servers[0].addr.str().c_str());
	STRCMP_EQUAL("xfr.key.", b.servers[0].key.c_str());
	STRCMP_EQUAL("2001:db8::1", b.servers[1].addr.str().c_str());
}

TEST(named_boot, rate_limit_lines)
{
	auto b = parse("rate-limit responses 5 slip 2 window 15\n"
		       "rate-limit ERRORS 1 nxdomains 0 ipv4-prefix 32\n"
		       "rate-limit exempt 192.0.2.0/24 2001:db8::/32 10.1.0.0\n"
		       "rate-limit table-size 1000 ipv6-prefix 48 nodata 3\n"
		       "rate-limit referrals 4 log-only window 30\n");
	STRCMP_EQUAL("", diags(b).c_str());
	CHECK(b.rate_limit.has_value());
	const auto &r = *b.rate_limit;
	LONGS_EQUAL(5, *r.responses);
	LONGS_EQUAL(2, *r.slip);
	LONGS_EQUAL(30, *r.window);	// the later line's
	LONGS_EQUAL(1, *r.errors);
	LONGS_EQUAL(0, *r.nxdomains);
	LONGS_EQUAL(3, *r.nodata);
	LONGS_EQUAL(4, *r.referrals);
	LONGS_EQUAL(32, *r.ipv4_prefix);
	LONGS_EQUAL(48, *r.ipv6_prefix);
	LONGS_EQUAL(1000, *r.table_size);
	CHECK(r.log_only);
	LONGS_EQUAL(3, r.exempt.size());
	STRCMP_EQUAL("192.0.2.0/24", r.exempt[0].net.str().c_str());
	STRCMP_EQUAL("2001:db8::/32", r.exempt[1].net.str().c_str());
	STRCMP_EQUAL("10.1.0.0/16", r.exempt[2].net.str().c_str());
	LONGS_EQUAL(5, r.where.line);

	CHECK(!parse("primary example.test db.example\n").rate_limit);
}

TEST(named_boot, rate_limit_errors)
{
	auto b = parse("rate-limit\n"
		       "rate-limit speed 5\n"
		       "rate-limit responses\n"
		       "rate-limit responses lots\n"
		       "rate-limit window 0\n"
		       "rate-limit window 3601\n"
		       "rate-limit slip 11\n"
		       "rate-limit ipv4-prefix 33\n"
		       "rate-limit ipv6-prefix 129\n"
		       "rate-limit table-size 0\n"
		       "rate-limit table-size 16777217\n"
		       "rate-limit responses -1\n"
		       "rate-limit exempt\n"
		       "rate-limit exempt 300.1.2.3\n");
	STRCMP_EQUAL(
	    "named.boot:1: rate-limit: wrong number of arguments (expected "
	    "'rate-limit setting value... | exempt network... | "
	    "log-only')\n"
	    "named.boot:2: rate-limit: unknown setting 'speed'\n"
	    "named.boot:3: rate-limit responses: no value\n"
	    "named.boot:4: rate-limit responses: 'lots' is not a number "
	    "from 0 to 1000000\n"
	    "named.boot:5: rate-limit window: '0' is not a number from 1 to "
	    "3600\n"
	    "named.boot:6: rate-limit window: '3601' is not a number from 1 "
	    "to 3600\n"
	    "named.boot:7: rate-limit slip: '11' is not a number from 0 to "
	    "10\n"
	    "named.boot:8: rate-limit ipv4-prefix: '33' is not a number "
	    "from 0 to 32\n"
	    "named.boot:9: rate-limit ipv6-prefix: '129' is not a number "
	    "from 0 to 128\n"
	    "named.boot:10: rate-limit table-size: '0' is not a number from "
	    "1 to 16777216\n"
	    "named.boot:11: rate-limit table-size: '16777217' is not a "
	    "number from 1 to 16777216\n"
	    "named.boot:12: rate-limit responses: '-1' is not a number from "
	    "0 to 1000000\n"
	    "named.boot:13: rate-limit exempt: no network\n"
	    "named.boot:14: exempt: bad network '300.1.2.3'\n",
	    diags(b).c_str());
	CHECK(b.has_errors());
	CHECK(!b.rate_limit->responses);
	CHECK(!b.rate_limit->window);
	CHECK(b.rate_limit->exempt.empty());
}

TEST(named_boot, cookies_line)
{
	auto b = parse("directory /var/named\n"
		       "cookies require keys/cookie.secret\n");
	STRCMP_EQUAL("", diags(b).c_str());
	CHECK(b.cookies->mode == net::boot_cookie_mode::require);
	STRCMP_EQUAL("/var/named/keys/cookie.secret",
	    b.cookies->path().c_str());

	b = parse("cookies NO\n"
		  "cookies yes\n"
		  "cookies maybe\n"
		  "cookies\n"
		  "cookies yes a b\n");
	STRCMP_EQUAL(
	    "named.boot:2: warning: cookies: replaces the line at "
	    "named.boot:1\n"
	    "named.boot:3: cookies: 'maybe' is not yes, no or require\n"
	    "named.boot:4: cookies: wrong number of arguments (expected "
	    "'cookies yes|no|require [secret-file]')\n"
	    "named.boot:5: cookies: wrong number of arguments (expected "
	    "'cookies yes|no|require [secret-file]')\n",
	    diags(b).c_str());
	CHECK(b.cookies->mode == net::boot_cookie_mode::yes);
	CHECK(b.cookies->secret_file.empty());
	STRCMP_EQUAL("", b.cookies->path().c_str());
	CHECK(!parse("slave\n").cookies);
}

TEST(named_boot, each_zone_keeps_the_directory_in_effect)
{
	auto b = parse("primary a.example a.db\n"
		       "directory /one\n"
		       "primary b.example b.db\n"
		       "directory /two/\n"
		       "primary c.example c.db\n");
	STRCMP_EQUAL("a.db", b.zones[0].path().c_str());
	STRCMP_EQUAL("/one/b.db", b.zones[1].path().c_str());
	STRCMP_EQUAL("/two/c.db", b.zones[2].path().c_str());
	STRCMP_EQUAL("/two/", b.directory.c_str());
}

TEST(named_boot, include_reads_the_file_in_place)
{
	auto open = files({
	    {"/etc/named/zones.boot",
		"primary b.example b.db\n"
		"bogus line\n"
		"include more.boot\n"},
	    {"/etc/named/more.boot", "primary c.example c.db\n"},
	});
	auto b = parse("directory /etc/named\n"
		       "primary a.example a.db\n"
		       "include zones.boot\n"
		       "primary d.example d.db\n",
	    open);
	STRCMP_EQUAL("/etc/named/zones.boot:2: unknown directive 'bogus'\n",
	    diags(b).c_str());
	LONGS_EQUAL(4, b.zones.size());
	STRCMP_EQUAL("b.example.", b.zones[1].name.c_str());
	STRCMP_EQUAL("/etc/named/zones.boot", b.zones[1].where.origin.c_str());
	LONGS_EQUAL(1, b.zones[1].where.line);
	STRCMP_EQUAL("/etc/named/more.boot", b.zones[2].where.origin.c_str());
	STRCMP_EQUAL("d.example.", b.zones[3].name.c_str());
}

TEST(named_boot, duplicate_across_an_include_names_the_other_file)
{
	auto b = parse("include z.boot\nprimary a.example x\n",
	    files({{"z.boot", "\nprimary A.Example y\n"}}));
	STRCMP_EQUAL("named.boot:2: primary: zone 'a.example.' already given "
		     "at z.boot:2\n", diags(b).c_str());
}

TEST(named_boot, include_errors_are_reported_where_the_include_is)
{
	auto open = files({
	    {"loop.boot", "include loop2.boot\n"},
	    {"loop2.boot", "include loop.boot\n"},
	    {"self.boot", "include named.boot\n"},
	});
	auto b = parse("include missing.boot\n"
		       "include loop.boot\n"
		       "include self.boot\n",
	    open);
	STRCMP_EQUAL(
	    "named.boot:1: include 'missing.boot': No such file or "
	    "directory\n"
	    "loop2.boot:1: include loop: 'loop.boot' is already being read\n"
	    "self.boot:1: include loop: 'named.boot' is already being read\n",
	    diags(b).c_str());
}

TEST(named_boot, include_depth_is_bounded)
{
	std::map<std::string, std::string> m;
	for (int i = 0; i < 12; i++)
		m["d" + std::to_string(i)] =
		    "primary z" + std::to_string(i) + ".example f\n"
		    "include d" + std::to_string(i + 1) + "\n";
	auto b = parse("include d0\n", files(m));
	STRCMP_EQUAL("d9:2: include 'd10': nested deeper than 10\n",
	    diags(b).c_str());
	LONGS_EQUAL(10, b.zones.size());
}

TEST(named_boot, without_an_opener_include_is_an_error)
{
	auto b = parse("include other.boot\n");
	STRCMP_EQUAL("named.boot:1: include 'other.boot': includes are not "
		     "allowed here\n", diags(b).c_str());
}

TEST(named_boot, hostile_input_gives_diagnostics_not_crashes)
{
	auto b = parse(std::string("primary \0\xff f\n", 14) +
	    "secondary x 1.2.3.4 " + std::string(70000, 'a') + "\n" +
	    "limit datasize 99999999999999999999G\n"
	    "limit datasize G\n"
	    "xfrnets &\n"
	    "key . hmac-sha256 f\n"
	    "\x01\x02\n");
	CHECK(b.has_errors());
	CHECK(b.diagnostics.size() >= 5);
}

TEST(named_boot, the_files_one_boot_file_includes_are_bounded)
{
	std::map<std::string, std::string> m;
	for (int i = 0; i < 4; i++) {
		std::string text;
		for (int k = 0; k < 10; k++)
			text += "include f" + std::to_string(i + 1) + "\n";
		m["f" + std::to_string(i)] = text;
	}
	m["f4"] = "limit files 1\n";
	auto b = parse("include f0\n", files(m));
	CHECK(b.has_errors());
	STRCMP_EQUAL("include 'f4': more than 1000 files included in all",
	    b.diagnostics.at(0).message.c_str());
}

// etc/named.boot's directory is @SYSCONFDIR@/named, which install fills in;
// in the tree its files are in etc/named.
TEST(named_boot, the_shipped_sample_and_its_zones_load_clean)
{
	std::ifstream in(TOP_SRCDIR "/etc/named.boot");
	CHECK(in.good());
	auto b = net::parse_named_boot(in, "etc/named.boot");
	STRCMP_EQUAL("", diags(b).c_str());
	STRCMP_EQUAL("@SYSCONFDIR@/named", b.directory.c_str());
	LONGS_EQUAL(2, b.zones.size());
	CHECK(b.zones[0].type == net::boot_zone_type::cache);
	STRCMP_EQUAL("0.0.127.in-addr.arpa.", b.zones[1].name.c_str());
	// The manual's Berkeley zones, commented out there, load as well.
	b.zones.push_back({net::boot_zone_type::primary, "Berkeley.Edu.",
	    "ucbhosts", {}, b.directory, {}});
	b.zones.push_back({net::boot_zone_type::primary,
	    "32.128.in-addr.arpa.", "ucbhosts.rev", {}, b.directory, {}});
	for (const auto &z : b.zones) {
		std::string path = z.path();
		path.replace(0, std::string("@SYSCONFDIR@").size(),
		    TOP_SRCDIR "/etc");
		std::ifstream zin(path);
		CHECK_TEXT(zin.good(), path.c_str());
		auto p = net::parse_master_file(zin, path, z.name);
		CHECK_TEXT(!p.has_errors(), path.c_str());
		CHECK(!p.entries.empty());
		if (z.type != net::boot_zone_type::cache)
			STRCMP_EQUAL("SOA", p.entries[0].type.c_str());
	}
}
