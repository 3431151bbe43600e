#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>

#include "libnet/dns_rdata.h"
#include "libnet/master_file.h"

#include <CppUTest/TestHarness.h>

namespace {

// The manual's sample files (section 4.5, Part A.8 of the digest),
// verbatim.

const char *const named_local =
    "@\tIN\tSOA\tucbvax.Berkeley.Edu. kjd.ucbvax.Berkeley.Edu. (\n"
    "\t\t\t1\t; Serial\n"
    "\t\t\t3600\t; Refresh\n"
    "\t\t\t300\t; Retry\n"
    "\t\t\t3600000\t; Expire\n"
    "\t\t\t3600 )\t; Minimum\n"
    "\tIN\tNS\tucbvax.Berkeley.Edu.\n"
    "1\tIN\tPTR\tlocalhost.\n";

const char *const root_cache_1990 =
    ";\n"
    "; Initial cache data for root domain servers.\n"
    ";\n"
    ".\t\t\t99999999\tIN\tNS\tSRI-NIC.ARPA.\n"
    "\t\t\t99999999\tIN\tNS\tNS.NASA.GOV.\n"
    "\t\t\t99999999\tIN\tNS\tTERP.UMD.EDU.\n"
    "\t\t\t99999999\tIN\tNS\tA.ISI.EDU.\n"
    "\t\t\t99999999\tIN\tNS\tBRL-AOS.ARPA.\n"
    "\t\t\t99999999\tIN\tNS\tGUNTER-ADAM.ARPA.\n"
    "\t\t\t99999999\tIN\tNS\tC.NYSER.NET.\n"
    ";\n"
    "; Prep the cache (hotwire the addresses).\n"
    ";\n"
    "SRI-NIC.ARPA.\t\t99999999\tIN\tA\t10.0.0.51\n"
    "SRI-NIC.ARPA.\t\t99999999\tIN\tA\t26.0.0.73\n"
    "NS.NASA.GOV.\t\t99999999\tIN\tA\t128.102.16.10\n"
    "A.ISI.EDU.\t\t99999999\tIN\tA\t26.3.0.103\n"
    "BRL-AOS.ARPA.\t\t99999999\tIN\tA\t128.20.1.2\n"
    "BRL-AOS.ARPA.\t\t99999999\tIN\tA\t192.5.25.82\n"
    "BRL-AOS.ARPA.\t\t99999999\tIN\tA\t192.5.22.82\n"
    "GUNTER-ADAM.ARPA.\t99999999\tIN\tA\t26.1.0.13\n"
    "C.NYSER.NET.\t\t99999999\tIN\tA\t128.213.5.17\n"
    "TERP.UMD.EDU.\t\t99999999\tIN\tA\t10.1.0.17\n";

const char *const ucbhosts =
    ";\n"
    ";\t@(#)ucb-hosts\t1.1\t(berkeley)\t86/02/05\n"
    ";\n"
    "@\t\tIN\tSOA\tucbvax.Berkeley.Edu. kjd.monet.Berkeley.Edu. (\n"
    "\t\t\t\t1.1\t; Serial\n"
    "\t\t\t\t10800\t; Refresh\n"
    "\t\t\t\t1800\t; Retry\n"
    "\t\t\t\t3600000\t; Expire\n"
    "\t\t\t\t86400 )\t; Minimum\n"
    "\t\tIN\tNS\tucbarpa.Berkeley.Edu.\n"
    "\t\tIN\tNS\tucbvax.Berkeley.Edu.\n"
    "localhost\tIN\tA\t127.1\n"
    "ucbarpa\t\tIN\tA\t128.32.4\n"
    "\t\tIN\tA\t10.0.0.78\n"
    "\t\tIN\tHINFO\tVAX-11/780 UNIX\n"
    "arpa\t\tIN\tCNAME\tucbarpa\n"
    "ernie\t\tIN\tA\t128.32.6\n"
    "\t\tIN\tHINFO\tVAX-11/780 UNIX\n"
    "ucbernie\tIN\tCNAME\ternie\n"
    "monet\t\tIN\tA\t128.32.7\n"
    "\t\tIN\tA\t128.32.130.6\n"
    "\t\tIN\tHINFO\tVAX-11/750 UNIX\n"
    "ucbmonet\tIN\tCNAME\tmonet\n"
    "ucbvax\t\tIN\tA\t10.2.0.78\n"
    "\t\tIN\tA\t128.32.10\n"
    "\t\tIN\tHINFO\tVAX-11/750 UNIX\n"
    "\t\tIN\tWKS\t128.32.0.10 UDP syslog route timed domain\n"
    "\t\tIN\tWKS\t128.32.0.10 TCP ( echo telnet\n"
    "\t\t\t\t\tdiscard sunrpc sftp\n"
    "\t\t\t\t\tuucp-path systat daytime\n"
    "\t\t\t\t\tnetstat qotd nntp\n"
    "\t\t\t\t\tlink chargen ftp\n"
    "\t\t\t\t\tauth time whois mtp\n"
    "\t\t\t\t\tpop rje finger smtp\n"
    "\t\t\t\t\tsupdup hostnames\n"
    "\t\t\t\t\tdomain\n"
    "\t\t\t\t\tnameserver )\n"
    "vax\t\tIN\tCNAME\tucbvax\n"
    "toybox\t\tIN\tA\t128.32.131.119\n"
    "\t\tIN\tHINFO\tPro350 RT11\n"
    "toybox\t\tIN\tMX\t0 monet.Berkeley.Edu\n"
    "miriam\t\tIN\tMB\tvineyd.DEC.COM.\n"
    "postmistress\tIN\tMR\tMiriam\n"
    "Bind\t\tIN\tMINFO\tBind-Request kjd.Berkeley.Edu.\n"
    "\t\tIN\tMG\tRalph.Berkeley.Edu.\n"
    "\t\tIN\tMG\tZhou.Berkeley.Edu.\n"
    "\t\tIN\tMG\tPainter.Berkeley.Edu.\n"
    "\t\tIN\tMG\tRiggle.Berkeley.Edu.\n"
    "\t\tIN\tMG\tTerry.pa.Xerox.Com.\n";

const char *const ucbhosts_rev =
    ";\n"
    ";\t@(#)ucb-hosts.rev\t1.1\t(Berkeley)\t86/02/05\n"
    ";\n"
    "@\tIN\tSOA\tucbvax.Berkeley.Edu. kjd.monet.Berkeley.Edu. (\n"
    "\t\t\t1.1\t; Serial\n"
    "\t\t\t10800\t; Refresh\n"
    "\t\t\t1800\t; Retry\n"
    "\t\t\t3600000\t; Expire\n"
    "\t\t\t86400 )\t; Minimum\n"
    "\tIN\tNS\tucbarpa.Berkeley.Edu.\n"
    "\tIN\tNS\tucbvax.Berkeley.Edu.\n"
    "4.0\tIN\tPTR\tucbarpa.Berkeley.Edu.\n"
    "6.0\tIN\tPTR\ternie.Berkeley.Edu.\n"
    "7.0\tIN\tPTR\tmonet.Berkeley.Edu.\n"
    "10.0\tIN\tPTR\tucbvax.Berkeley.Edu.\n"
    "6.130\tIN\tPTR\tmonet.Berkeley.Edu.\n";

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

net::parsed<net::master_record>
parse(const std::string &text, const std::string &origin = "example.com.",
    const net::include_opener &open = {})
{
	std::istringstream in(text);
	return net::parse_master_file(in, "db", origin, open);
}

std::string
diags(const net::parsed<net::master_record> &p)
{
	std::string s;
	for (const auto &d : p.diagnostics)
		s += d.str() + "\n";
	return s;
}

// "owner ttl class type rdata..." of a record, to compare in one go.
std::string
rr(const net::master_record &r)
{
	std::string s = r.owner + " " + std::to_string(r.ttl) + " " +
	    r.rr_class + " " + r.type;
	for (const auto &t : r.rdata)
		s += " " + (t.quoted ? "\"" + t.text + "\"" : t.text);
	return s;
}

} // namespace

TEST_GROUP(master_file){};

TEST(master_file, the_manuals_named_local)
{
	auto p = parse(named_local, "0.0.127.in-addr.arpa");
	STRCMP_EQUAL("db:1: warning: no $TTL: records without a TTL take "
		     "the SOA minimum, 3600\n", diags(p).c_str());
	LONGS_EQUAL(3, p.entries.size());
	STRCMP_EQUAL("0.0.127.in-addr.arpa. 3600 IN SOA ucbvax.Berkeley.Edu. "
		     "kjd.ucbvax.Berkeley.Edu. 1 3600 300 3600000 3600",
	    rr(p.entries[0]).c_str());
	LONGS_EQUAL(1, p.entries[0].line);
	LONGS_EQUAL(6, p.entries[0].rdata[6].line);
	STRCMP_EQUAL("0.0.127.in-addr.arpa. 3600 IN NS ucbvax.Berkeley.Edu.",
	    rr(p.entries[1]).c_str());
	LONGS_EQUAL(7, p.entries[1].line);
	STRCMP_EQUAL("1.0.0.127.in-addr.arpa. 3600 IN PTR localhost.",
	    rr(p.entries[2]).c_str());
	STRCMP_EQUAL("0.0.127.in-addr.arpa.", p.entries[2].origin.c_str());
	STRCMP_EQUAL("db", p.entries[2].file.c_str());
}

TEST(master_file, the_manuals_root_cache)
{
	auto p = parse(root_cache_1990, ".");
	STRCMP_EQUAL("", diags(p).c_str());
	LONGS_EQUAL(17, p.entries.size());
	for (std::size_t i = 0; i < 7; i++)
		STRCMP_EQUAL(".", p.entries[i].owner.c_str());
	STRCMP_EQUAL(". 99999999 IN NS C.NYSER.NET.",
	    rr(p.entries[6]).c_str());
	STRCMP_EQUAL("SRI-NIC.ARPA. 99999999 IN A 26.0.0.73",
	    rr(p.entries[8]).c_str());
	STRCMP_EQUAL("TERP.UMD.EDU. 99999999 IN A 10.1.0.17",
	    rr(p.entries[16]).c_str());
	LONGS_EQUAL(23, p.entries[16].line);
}

TEST(master_file, the_manuals_ucbhosts)
{
	auto p = parse(ucbhosts, "Berkeley.Edu");
	// The warning comes once, at the SOA, for all 32 records.
	STRCMP_EQUAL("db:4: warning: no $TTL: records without a TTL take "
		     "the SOA minimum, 86400\n", diags(p).c_str());
	LONGS_EQUAL(32, p.entries.size());
	for (const auto &r : p.entries) {
		LONGS_EQUAL(86400, r.ttl);
		STRCMP_EQUAL("IN", r.rr_class.c_str());
		STRCMP_EQUAL("Berkeley.Edu.", r.origin.c_str());
	}
	STRCMP_EQUAL("Berkeley.Edu. 86400 IN SOA ucbvax.Berkeley.Edu. "
		     "kjd.monet.Berkeley.Edu. 1.1 10800 1800 3600000 86400",
	    rr(p.entries[0]).c_str());
	STRCMP_EQUAL("Berkeley.Edu. 86400 IN NS ucbvax.Berkeley.Edu.",
	    rr(p.entries[2]).c_str());
	STRCMP_EQUAL("localhost.Berkeley.Edu. 86400 IN A 127.1",
	    rr(p.entries[3]).c_str());
	STRCMP_EQUAL("ucbarpa.Berkeley.Edu. 86400 IN HINFO VAX-11/780 UNIX",
	    rr(p.entries[6]).c_str());
	STRCMP_EQUAL("arpa.Berkeley.Edu. 86400 IN CNAME ucbarpa",
	    rr(p.entries[7]).c_str());
	const auto &wks = p.entries[19];
	STRCMP_EQUAL("ucbvax.Berkeley.Edu.", wks.owner.c_str());
	STRCMP_EQUAL("WKS", wks.type.c_str());
	LONGS_EQUAL(28, wks.rdata.size());
	STRCMP_EQUAL("nameserver", wks.rdata[27].text.c_str());
	LONGS_EQUAL(28, wks.line);
	LONGS_EQUAL(37, wks.rdata[27].line);
	STRCMP_EQUAL("vax.Berkeley.Edu. 86400 IN CNAME ucbvax",
	    rr(p.entries[20]).c_str());
	// The sample's MX target lacks its final dot: the rdata code will
	// append the origin, as the manual's rule says.
	STRCMP_EQUAL("toybox.Berkeley.Edu. 86400 IN MX 0 monet.Berkeley.Edu",
	    rr(p.entries[23]).c_str());
	STRCMP_EQUAL("Bind.Berkeley.Edu. 86400 IN MINFO Bind-Request "
		     "kjd.Berkeley.Edu.", rr(p.entries[26]).c_str());
	STRCMP_EQUAL("Bind.Berkeley.Edu. 86400 IN MG Terry.pa.Xerox.Com.",
	    rr(p.entries[31]).c_str());
	LONGS_EQUAL(49, p.entries[31].line);
}

TEST(master_file, the_manuals_hosts_rev)
{
	auto p = parse(ucbhosts_rev, "32.128.in-addr.arpa.");
	LONGS_EQUAL(1, p.diagnostics.size());
	LONGS_EQUAL(8, p.entries.size());
	STRCMP_EQUAL("4.0.32.128.in-addr.arpa. 86400 IN PTR "
		     "ucbarpa.Berkeley.Edu.", rr(p.entries[3]).c_str());
	STRCMP_EQUAL("6.130.32.128.in-addr.arpa. 86400 IN PTR "
		     "monet.Berkeley.Edu.", rr(p.entries[7]).c_str());
}

TEST(master_file, ttl_given_with_dollar_ttl_and_no_warning)
{
	auto p = parse("$TTL 1h\n"
		       "@ IN SOA ns hostmaster 1 2 3 4 5\n"
		       "www A 192.0.2.1\n"
		       "ftp 300 A 192.0.2.2\n"
		       "$ttl 1W2d\n"
		       "mail A 192.0.2.3\n");
	STRCMP_EQUAL("", diags(p).c_str());
	LONGS_EQUAL(4, p.entries.size());
	LONGS_EQUAL(3600, p.entries[0].ttl);
	LONGS_EQUAL(3600, p.entries[1].ttl);
	LONGS_EQUAL(300, p.entries[2].ttl);
	LONGS_EQUAL(9 * 86400, p.entries[3].ttl);
}

TEST(master_file, soa_minimum_with_units_is_the_default_ttl)
{
	auto p = parse("@ 600 IN SOA ns hostmaster 1 2 3 4 2h\n"
		       "www A 192.0.2.1\n");
	LONGS_EQUAL(600, p.entries[0].ttl);
	LONGS_EQUAL(7200, p.entries[1].ttl);
	STRCMP_EQUAL("db:2: warning: no $TTL: records without a TTL take "
		     "the SOA minimum, 7200\n", diags(p).c_str());
}

TEST(master_file, without_soa_or_dollar_ttl_the_previous_ttl_is_taken)
{
	auto p = parse("a 120 A 192.0.2.1\nb A 192.0.2.2\nc 60 A 192.0.2.3\n"
		       "d A 192.0.2.4\n");
	STRCMP_EQUAL("", diags(p).c_str());
	LONGS_EQUAL(120, p.entries[1].ttl);
	LONGS_EQUAL(60, p.entries[3].ttl);
}

TEST(master_file, a_first_record_without_any_ttl_is_an_error)
{
	auto p = parse("a A 192.0.2.1\nb 5 A 192.0.2.2\n");
	STRCMP_EQUAL("db:1: no TTL, and no $TTL, SOA minimum or record before "
		     "it to take one from\n", diags(p).c_str());
	LONGS_EQUAL(1, p.entries.size());
}

TEST(master_file, ttl_and_class_in_either_order_or_left_out)
{
	auto p = parse("$TTL 100\n"
		       "a 300 IN A 192.0.2.1\n"
		       "b in 1m a 192.0.2.2\n"
		       "c A 192.0.2.3\n"
		       "d CH TXT x\n"
		       "e TXT y\n"
		       "f CLASS3 1d type65534 \\# 0\n"
		       "g chaos A 1\n"
		       "h HESIOD 5 TXT z\n");
	STRCMP_EQUAL("", diags(p).c_str());
	STRCMP_EQUAL("a.example.com. 300 IN A 192.0.2.1",
	    rr(p.entries[0]).c_str());
	STRCMP_EQUAL("b.example.com. 60 IN A 192.0.2.2",
	    rr(p.entries[1]).c_str());
	STRCMP_EQUAL("c.example.com. 100 IN A 192.0.2.3",
	    rr(p.entries[2]).c_str());
	STRCMP_EQUAL("d.example.com. 100 CH TXT x", rr(p.entries[3]).c_str());
	// The class is the previous record's when left out.
	STRCMP_EQUAL("e.example.com. 100 CH TXT y", rr(p.entries[4]).c_str());
	STRCMP_EQUAL("f.example.com. 86400 CLASS3 TYPE65534 \\# 0",
	    rr(p.entries[5]).c_str());
	STRCMP_EQUAL("CH", p.entries[6].rr_class.c_str());
	STRCMP_EQUAL("HS", p.entries[7].rr_class.c_str());
	LONGS_EQUAL(5, p.entries[7].ttl);
}

TEST(master_file, owners_at_sign_root_wildcard_and_indented_lines)
{
	auto p = parse("$TTL 1\n"
		       "@ NS ns\n"
		       "\tNS ns2.example.net.\n"
		       ". NS x.\n"
		       "*.IL. MX 0 RELAY.CS.NET.\n"
		       "  MX 10 b\n"
		       "a\\.b A 1.2.3.4\n");
	STRCMP_EQUAL("", diags(p).c_str());
	STRCMP_EQUAL("example.com.", p.entries[0].owner.c_str());
	STRCMP_EQUAL("example.com.", p.entries[1].owner.c_str());
	STRCMP_EQUAL(".", p.entries[2].owner.c_str());
	STRCMP_EQUAL("*.IL.", p.entries[3].owner.c_str());
	STRCMP_EQUAL("*.IL.", p.entries[4].owner.c_str());
	STRCMP_EQUAL("a\\.b.example.com.", p.entries[5].owner.c_str());
}

TEST(master_file, origin_directive_absolute_and_relative)
{
	auto p = parse("$TTL 1\n"
		       "$ORIGIN CC.Berkeley.EDU.\n"
		       "a A 1.2.3.4\n"
		       "$ORIGIN sub\n"
		       "@ A 1.2.3.5\n"
		       "\tMX 0 mail\n"
		       "$ORIGIN .\n"
		       "top A 1.2.3.6\n",
	    "Berkeley.EDU.");
	STRCMP_EQUAL("", diags(p).c_str());
	STRCMP_EQUAL("a.CC.Berkeley.EDU.", p.entries[0].owner.c_str());
	STRCMP_EQUAL("CC.Berkeley.EDU.", p.entries[0].origin.c_str());
	STRCMP_EQUAL("sub.CC.Berkeley.EDU.", p.entries[1].owner.c_str());
	// rdata names are under the origin in effect.
	STRCMP_EQUAL("sub.CC.Berkeley.EDU.", p.entries[2].origin.c_str());
	STRCMP_EQUAL("top.", p.entries[3].owner.c_str());
}

TEST(master_file, include_with_its_own_origin_which_then_reverts)
{
	auto open = files({
	    {"/var/named/mailboxes",
		"$TTL 5\n"
		"miriam MB vineyd.DEC.COM.\n"
		"\tMB other\n"
		"$ORIGIN deeper\n"
		"x A 1.2.3.4\n"},
	    {"rel.db", "y A 1.2.3.5\n"},
	});
	auto p = parse("$TTL 1\n"
		       "host A 192.0.2.1\n"
		       "$INCLUDE /var/named/mailboxes mail\n"
		       "\tA 192.0.2.2\n"
		       "z A 192.0.2.3\n"
		       "$INCLUDE rel.db\n"
		       "$INCLUDE \"rel.db\" abs.example.\n",
	    "example.com.", open);
	STRCMP_EQUAL("", diags(p).c_str());
	LONGS_EQUAL(8, p.entries.size());
	STRCMP_EQUAL("miriam.mail.example.com.", p.entries[1].owner.c_str());
	STRCMP_EQUAL("/var/named/mailboxes", p.entries[1].file.c_str());
	LONGS_EQUAL(2, p.entries[1].line);
	LONGS_EQUAL(1, p.entries[0].ttl);
	// $TTL carries on past the included file's end.
	LONGS_EQUAL(5, p.entries[1].ttl);
	STRCMP_EQUAL("miriam.mail.example.com.", p.entries[2].owner.c_str());
	STRCMP_EQUAL("x.deeper.mail.example.com.",
	    p.entries[3].owner.c_str());
	// Back in the including file: its origin and owner again.
	STRCMP_EQUAL("host.example.com.", p.entries[4].owner.c_str());
	STRCMP_EQUAL("example.com.", p.entries[4].origin.c_str());
	STRCMP_EQUAL("db", p.entries[4].file.c_str());
	LONGS_EQUAL(4, p.entries[4].line);
	LONGS_EQUAL(5, p.entries[4].ttl);
	STRCMP_EQUAL("z.example.com.", p.entries[5].owner.c_str());
	STRCMP_EQUAL("y.example.com.", p.entries[6].owner.c_str());
	STRCMP_EQUAL("y.abs.example.", p.entries[7].owner.c_str());
}

TEST(master_file, an_included_file_starts_without_an_owner)
{
	auto p = parse("$TTL 1\na A 192.0.2.1\n$INCLUDE inc\n",
	    "example.com.", files({{"inc", "\tA 192.0.2.2\n"}}));
	STRCMP_EQUAL("inc:1: no owner: the line begins with a blank, but no "
		     "record before it in this file named one\n",
	    diags(p).c_str());
	LONGS_EQUAL(1, p.entries.size());
}

TEST(master_file, include_errors_are_reported_at_the_include_line)
{
	auto open = files({
	    {"a", "$INCLUDE b\n"},
	    {"b", "$INCLUDE a\n"},
	    {"self", "$INCLUDE db\n"},
	});
	auto p = parse("$INCLUDE missing\n"
		       "$INCLUDE a\n"
		       "$INCLUDE self\n"
		       "$INCLUDE\n"
		       "$INCLUDE a b c\n"
		       "$INCLUDE a bad..origin\n",
	    "example.com.", open);
	STRCMP_EQUAL(
	    "db:1: $INCLUDE 'missing': No such file or directory\n"
	    "b:1: $INCLUDE loop: 'a' is already being read\n"
	    "self:1: $INCLUDE loop: 'db' is already being read\n"
	    "db:4: $INCLUDE: expected a file name and an optional origin\n"
	    "db:5: $INCLUDE: expected a file name and an optional origin\n"
	    "db:6: $INCLUDE: bad origin 'bad..origin': empty label\n",
	    diags(p).c_str());
}

TEST(master_file, include_depth_is_bounded)
{
	std::map<std::string, std::string> m;
	for (int i = 0; i < 12; i++)
		m["d" + std::to_string(i)] =
		    "n" + std::to_string(i) + " 1 A 192.0.2.1\n"
		    "$INCLUDE d" + std::to_string(i + 1) + "\n";
	auto p = parse("$INCLUDE d0\n", "example.com.", files(m));
	STRCMP_EQUAL("d9:2: $INCLUDE 'd10': nested deeper than 10\n",
	    diags(p).c_str());
	LONGS_EQUAL(10, p.entries.size());
}

TEST(master_file, without_an_opener_include_is_an_error)
{
	auto p = parse("$INCLUDE x\n");
	STRCMP_EQUAL("db:1: $INCLUDE 'x': includes are not allowed here\n",
	    diags(p).c_str());
}

TEST(master_file, each_malformed_line_is_reported_and_the_rest_read)
{
	auto p = parse("\tA 192.0.2.9\n"
		       "$TTL 1\n"
		       "$GENERATE 1-10 a$ A 1.2.3.$\n"
		       "a 1x A 192.0.2.1\n"
		       "b IN\n"
		       "c 300 IN 600 A 1.2.3.4\n"
		       "$ORIGIN\n"
		       "$ORIGIN a..b\n"
		       "$TTL forever\n"
		       "$TTL 1 2\n"
		       "d CLASS70000 A 1.2.3.4\n"
		       "\"e\" A 1.2.3.4\n"
		       "f \"A\" 1.2.3.4\n"
		       "g 4294967296 A 1.2.3.4\n"
		       "h IN 5 in A 1.2.3.4\n"
		       "ok A 192.0.2.2\n");
	STRCMP_EQUAL(
	    "db:1: no owner: the line begins with a blank, but no record "
	    "before it in this file named one\n"
	    "db:3: unknown directive '$GENERATE'\n"
	    "db:4: bad TTL '1x'\n"
	    "db:5: missing type\n"
	    "db:6: bad type '600'\n"
	    "db:7: $ORIGIN: expected one domain name\n"
	    "db:8: $ORIGIN: bad name 'a..b': empty label\n"
	    "db:9: $TTL: bad TTL 'forever'\n"
	    "db:10: $TTL: expected one TTL\n"
	    "db:11: bad class 'CLASS70000'\n"
	    "db:12: bad owner name 'e': quoted\n"
	    "db:13: bad type 'A'\n"
	    "db:14: bad TTL '4294967296'\n"
	    "db:15: class given twice: 'in'\n",
	    diags(p).c_str());
	LONGS_EQUAL(1, p.entries.size());
	STRCMP_EQUAL("ok.example.com.", p.entries[0].owner.c_str());
}

TEST(master_file, a_bad_owners_indented_lines_are_not_reported_again)
{
	auto p = parse("$TTL 1\n"
		       "a..b A 1.2.3.4\n"
		       "\tA 1.2.3.5\n"
		       "\tA 1.2.3.6\n"
		       "c A 1.2.3.7\n"
		       "\tA 1.2.3.8\n");
	STRCMP_EQUAL("db:2: bad owner name 'a..b': empty label\n",
	    diags(p).c_str());
	LONGS_EQUAL(2, p.entries.size());
	STRCMP_EQUAL("c.example.com.", p.entries[1].owner.c_str());
}

TEST(master_file, huge_ttls_are_kept_with_a_warning)
{
	auto p = parse("a 4294967295 A 1.2.3.4\n$TTL 2147483648\n");
	STRCMP_EQUAL(
	    "db:1: warning: TTL 4294967295 is over 2147483647 (RFC 2181 "
	    "section 8)\n"
	    "db:2: warning: $TTL 2147483648 is over 2147483647 (RFC 2181 "
	    "section 8)\n",
	    diags(p).c_str());
	LONGS_EQUAL(4294967295u, p.entries[0].ttl);
}

TEST(master_file, quoted_rdata_and_parentheses)
{
	auto p = parse("$TTL 1\n"
		       "t TXT \"a b\" ( \"c;d\"\n"
		       "  e ) ; done\n"
		       "h HINFO \"VAX 11/780\" UNIX\n");
	STRCMP_EQUAL("", diags(p).c_str());
	STRCMP_EQUAL("t.example.com. 1 IN TXT \"a b\" \"c;d\" e",
	    rr(p.entries[0]).c_str());
	CHECK(p.entries[0].rdata[1].quoted);
	LONGS_EQUAL(3, p.entries[0].rdata[2].line);
	LONGS_EQUAL(4, p.entries[1].line);
	LONGS_EQUAL(2, p.entries[1].rdata.size());
}

TEST(master_file, lexer_errors_come_with_the_file_name)
{
	auto p = parse("$TTL 1\na TXT \"open\nb A (1.2.3.4\n",
	    "example.com.");
	STRCMP_EQUAL("db:2: unterminated quoted string\n"
		     "db:3: '(' without ')' before the end of input\n",
	    diags(p).c_str());
	CHECK(p.entries.empty());
}

TEST(master_file, the_origin_given_is_made_absolute_or_refused)
{
	auto p = parse("$TTL 1\na A 1.2.3.4\n", "Example.COM");
	STRCMP_EQUAL("a.Example.COM.", p.entries.at(0).owner.c_str());
	auto bad = parse("$TTL 1\na A 1.2.3.4\n", "a..b");
	STRCMP_EQUAL("db: bad origin 'a..b': empty label\n",
	    diags(bad).c_str());
	CHECK(bad.entries.empty());
}

TEST(master_file, the_reader_gives_records_one_at_a_time)
{
	std::istringstream in("$TTL 1\na A 1.2.3.4\nbad\nb A 1.2.3.5\n");
	std::vector<net::diagnostic> d;
	net::master_reader r(in, "db", "example.", d);
	net::master_record rec;
	CHECK(r.next(rec));
	STRCMP_EQUAL("a.example.", rec.owner.c_str());
	CHECK(d.empty());
	CHECK(r.next(rec));
	STRCMP_EQUAL("b.example.", rec.owner.c_str());
	LONGS_EQUAL(1, d.size());
	CHECK_FALSE(r.next(rec));
	CHECK_FALSE(r.next(rec));
}

TEST(master_file, ttl_units)
{
	auto ttl = [](const char *s) -> long {
		auto v = net::dns::parse_duration(s);
		return v ? static_cast<long>(*v) : -1;
	};
	LONGS_EQUAL(0, ttl("0"));
	LONGS_EQUAL(86400, ttl("86400"));
	LONGS_EQUAL(604800 + 2 * 86400 + 3 * 3600 + 4 * 60 + 5,
	    ttl("1w2d3h4m5s"));
	LONGS_EQUAL(90, ttl("1M30S"));
	LONGS_EQUAL(3600 + 60, ttl("1m1h"));
	LONGS_EQUAL(4294967295L, ttl("4294967295"));
	LONGS_EQUAL(-1, ttl("4294967296"));
	LONGS_EQUAL(-1, ttl("7102w"));
	LONGS_EQUAL(-1, ttl(""));
	LONGS_EQUAL(-1, ttl("h"));
	LONGS_EQUAL(-1, ttl("1h30"));
	LONGS_EQUAL(-1, ttl("1h1h"));
	LONGS_EQUAL(-1, ttl("1y"));
	LONGS_EQUAL(-1, ttl("-1"));
	LONGS_EQUAL(-1, ttl("99999999999999999999"));
}

TEST(master_file, hostile_input_gives_diagnostics_not_crashes)
{
	std::string junk;
	for (int c = 0; c < 256; c++)
		junk += static_cast<char>(c);
	auto p = parse(junk + "\n" + std::string(100000, '(') + "\n" +
	    std::string(70000, 'a') + " A 1\n" + "$\n" + "\\\n" +
	    std::string(300, 'x') + " 1 A 1\n" + "@ SOA a b 1 2 3 4\n" +
	    "@ SOA a b 1 2 3 4 \"5\"\n" + "@ 1 CLASS TXT\n");
	CHECK(p.has_errors());
}

TEST(master_file, the_files_one_load_includes_are_bounded)
{
	// Ten includes in each of five nested files would open 10^5 files.
	std::map<std::string, std::string> m;
	for (int i = 0; i < 5; i++) {
		std::string text;
		for (int k = 0; k < 10; k++)
			text += "$INCLUDE f" + std::to_string(i + 1) + "\n";
		m["f" + std::to_string(i)] = text;
	}
	m["f5"] = "x 1 A 192.0.2.1\n";
	auto p = parse("$INCLUDE f0\n", "example.com.", files(m));
	CHECK(p.entries.size() > 8000);
	CHECK(p.entries.size() < net::master_max_includes);
	STRCMP_EQUAL("$INCLUDE 'f5': more than 10000 files included in all",
	    p.diagnostics.at(0).message.c_str());
}

namespace {

std::string
read_tree(const std::string &rel)
{
	std::ifstream in(TOP_SRCDIR + rel);
	std::ostringstream s;
	s << in.rdbuf();
	return s.str();
}

} // namespace

TEST(master_file, the_shipped_samples_are_the_manuals)
{
	STRCMP_EQUAL(named_local, read_tree("/etc/named/named.local").c_str());
	STRCMP_EQUAL(ucbhosts, read_tree("/etc/named/ucbhosts").c_str());
	STRCMP_EQUAL(ucbhosts_rev,
	    read_tree("/etc/named/ucbhosts.rev").c_str());
}

TEST(master_file, the_shipped_root_cache_has_todays_thirteen_servers)
{
	auto p = parse(read_tree("/etc/named/root.cache"), ".");
	STRCMP_EQUAL("", diags(p).c_str());
	LONGS_EQUAL(39, p.entries.size());
	std::map<std::string, std::string> v4, v6;
	unsigned ns = 0;
	for (const auto &r : p.entries) {
		LONGS_EQUAL(1, r.rdata.size());
		if (r.type == "NS") {
			STRCMP_EQUAL(".", r.owner.c_str());
			char letter = static_cast<char>('a' + ns++);
			std::string want = std::string(1, letter) +
			    ".root-servers.net.";
			STRCMP_EQUAL(want.c_str(), r.rdata[0].text.c_str());
		} else if (r.type == "A") {
			v4[r.owner] = r.rdata[0].text;
		} else {
			STRCMP_EQUAL("AAAA", r.type.c_str());
			v6[r.owner] = r.rdata[0].text;
		}
	}
	LONGS_EQUAL(13, ns);
	LONGS_EQUAL(13, v4.size());
	LONGS_EQUAL(13, v6.size());
	STRCMP_EQUAL("198.41.0.4", v4["a.root-servers.net."].c_str());
	STRCMP_EQUAL("2001:503:ba3e::2:30",
	    v6["a.root-servers.net."].c_str());
	STRCMP_EQUAL("170.247.170.2", v4["b.root-servers.net."].c_str());
	STRCMP_EQUAL("2801:1b8:10::b", v6["b.root-servers.net."].c_str());
	STRCMP_EQUAL("202.12.27.33", v4["m.root-servers.net."].c_str());
	STRCMP_EQUAL("2001:dc3::35", v6["m.root-servers.net."].c_str());
}
