#include <string>
#include <vector>

#include "libnet/dns_rdata.h"
#include "libnet/dns_types.h"

#include "hex.h"

#include <CppUTest/TestHarness.h>

namespace dns = net::dns;

namespace {

// Tokens as the lexer gives them: split at blanks, "..." one quoted token
// without its quotes, backslash escapes kept as written.
std::vector<net::token>
toks(const std::string &s)
{
	std::vector<net::token> out;
	std::size_t i = 0;
	while (i < s.size()) {
		if (s[i] == ' ') {
			i++;
			continue;
		}
		net::token t;
		if (s[i] == '"') {
			t.quoted = true;
			i++;
			while (i < s.size() && s[i] != '"') {
				if (s[i] == '\\' && i + 1 < s.size())
					t.text += s[i++];
				t.text += s[i++];
			}
			i++;
		} else {
			while (i < s.size() && s[i] != ' ') {
				if (s[i] == '\\' && i + 1 < s.size())
					t.text += s[i++];
				t.text += s[i++];
			}
		}
		out.push_back(t);
	}
	return out;
}

dns::name
origin()
{
	return *dns::name::from_text("example.com.", dns::name::root());
}

std::uint16_t
type_of(const char *t)
{
	auto v = dns::type_from_text(t);
	if (!v)
		FAIL(t);
	return *v;
}

std::vector<std::uint8_t>
wire(const char *type, const std::string &text)
{
	auto r = dns::rdata_from_text(type_of(type), toks(text), origin());
	if (!r)
		FAIL((std::string(type) + " " + text + ": " +
		    r.err().message()).c_str());
	return *r;
}

std::string
error_of(const char *type, const std::string &text)
{
	auto r = dns::rdata_from_text(type_of(type), toks(text), origin());
	if (r)
		return "accepted";
	return r.err().message();
}

std::string
hex(const std::vector<std::uint8_t> &b)
{
	return dns::hex_encode(b);
}

// text -> wire -> text -> wire: the text is as expected and the two wire
// forms are the same.
void
round_trip(const char *type, const std::string &in, const std::string &text,
    const char *wire_hex = nullptr)
{
	auto w1 = wire(type, in);
	if (wire_hex)
		STRCMP_EQUAL(dns::hex_encode(from_hex(wire_hex)).c_str(),
		    hex(w1).c_str());
	std::string t1 = dns::rdata_to_text(type_of(type), w1);
	STRCMP_EQUAL(text.c_str(), t1.c_str());
	CHECK(dns::rdata_check(type_of(type), w1) == nullptr);
	auto w2 = wire(type, t1);
	STRCMP_EQUAL(hex(w1).c_str(), hex(w2).c_str());
	// The generic form of the same rdata reads back the same.
	std::string g = "\\# " + std::to_string(w1.size()) + " " + hex(w1);
	if (w1.empty())
		g = "\\# 0";
	auto w3 = wire(type, g);
	STRCMP_EQUAL(hex(w1).c_str(), hex(w3).c_str());
}

} // namespace

TEST_GROUP(dns_rdata){};

TEST(dns_rdata, parse_ttl)
{
	LONGS_EQUAL(3600, *dns::parse_ttl("3600"));
	LONGS_EQUAL(697845, *dns::parse_ttl("1w1d1h50m45s"));
	LONGS_EQUAL(697845, *dns::parse_ttl("1W1D1H50M45S"));
	LONGS_EQUAL(90, *dns::parse_ttl("1m30s"));
	LONGS_EQUAL(0, *dns::parse_ttl("0"));
	LONGS_EQUAL(2147483647, *dns::parse_ttl("2147483647"));
	CHECK(!dns::parse_ttl("2147483648").ok());
	CHECK(!dns::parse_ttl("3551w").ok());
	CHECK(!dns::parse_ttl("1h30").ok());
	CHECK(!dns::parse_ttl("").ok());
	CHECK(!dns::parse_ttl("h").ok());
	CHECK(!dns::parse_ttl("-1").ok());
	CHECK(!dns::parse_ttl("1y").ok());
	STRCMP_EQUAL("'1y' is not a TTL (0 to 2147483647 seconds, or units "
	    "like 1w2d3h4m5s)", dns::parse_ttl("1y").err().message().c_str());
}

TEST(dns_rdata, address_types)
{
	round_trip("A", "192.0.2.1", "192.0.2.1", "c0000201");
	// inet_aton's short forms, as the BIND 4 manual's files use them.
	round_trip("A", "127.1", "127.0.0.1", "7f000001");
	round_trip("A", "128.32.4", "128.32.0.4", "80200004");
	STRCMP_EQUAL("A address: '1.2.3.4.5' is not an IPv4 address",
	    error_of("A", "1.2.3.4.5").c_str());
	STRCMP_EQUAL("A address: missing", error_of("A", "").c_str());
	STRCMP_EQUAL("A: unexpected '2.2.2.2' after the rdata",
	    error_of("A", "1.1.1.1 2.2.2.2").c_str());
	round_trip("AAAA", "2001:DB8::1", "2001:db8::1",
	    "20010db8000000000000000000000001");
	STRCMP_EQUAL("AAAA address: '1.2.3.4' is not an IPv6 address",
	    error_of("AAAA", "1.2.3.4").c_str());
}

TEST(dns_rdata, name_types)
{
	const char *single[] = {"NS", "MD", "MF", "CNAME", "MB", "MG", "MR",
	    "PTR", "DNAME"};
	for (const char *t : single) {
		round_trip(t, "ns1", "ns1.example.com.",
		    "036e7331076578616d706c6503636f6d00");
		round_trip(t, "Host.Other.", "Host.Other.");
	}
	round_trip("MINFO", "rm @", "rm.example.com. example.com.");
	round_trip("RP", "admin.example.com. .", "admin.example.com. .");
	round_trip("MX", "10 mail", "10 mail.example.com.",
	    "000a046d61696c076578616d706c6503636f6d00");
	round_trip("AFSDB", "1 afs", "1 afs.example.com.");
	round_trip("SRV", "0 5 5060 sip", "0 5 5060 sip.example.com.");
	STRCMP_EQUAL("MX preference: '65536' is not a number from 0 to 65535",
	    error_of("MX", "65536 mail").c_str());
	STRCMP_EQUAL("MX exchange: missing", error_of("MX", "10").c_str());
	STRCMP_EQUAL("MX exchange: 'a..b': empty label",
	    error_of("MX", "10 a..b").c_str());
	STRCMP_EQUAL("SRV port: 'x' is not a number from 0 to 65535",
	    error_of("SRV", "0 0 x t").c_str());
}

TEST(dns_rdata, soa_with_units_and_dotted_serials)
{
	round_trip("SOA", "ns hostmaster 2024010101 3h 15m 1w 1d",
	    "ns.example.com. hostmaster.example.com. 2024010101 10800 900 "
	    "604800 86400");
	// BIND 4: 2.89 is 2 * 10000 + 89.
	auto w = wire("SOA", "ns hm 2.89 3600 900 604800 86400");
	std::string t = dns::rdata_to_text(dns::rr_type::soa, w);
	CHECK(t.find(" 20089 ") != std::string::npos);
	w = wire("SOA", "ns hm 1.2345 3600 900 604800 86400");
	CHECK(dns::rdata_to_text(dns::rr_type::soa, w).find(" 12345 ") !=
	    std::string::npos);
	CHECK(error_of("SOA", "ns hm 1.2.3 1 1 1 1").find("SOA serial:") == 0);
	CHECK(error_of("SOA", "ns hm 1.23456 1 1 1 1").find("SOA serial:") ==
	    0);
	CHECK(error_of("SOA", "ns hm 1. 1 1 1 1").find("SOA serial:") == 0);
	CHECK(error_of("SOA", "ns hm 4294967296 1 1 1 1").find("SOA serial:")
	    == 0);
	round_trip("SOA", "ns hm 4294967295 4294967295 0 0 0",
	    "ns.example.com. hm.example.com. 4294967295 4294967295 0 0 0");
	STRCMP_EQUAL("SOA retry: 'soon' is not a time (seconds or "
	    "1w2d3h4m5s)", error_of("SOA", "ns hm 1 1 soon 1 1").c_str());
	STRCMP_EQUAL("SOA minimum: missing",
	    error_of("SOA", "ns hm 1 1 1 1").c_str());
}

TEST(dns_rdata, character_strings)
{
	round_trip("HINFO", "VAX-11/780 UNIX", "\"VAX-11/780\" \"UNIX\"",
	    "0a5641582d31312f37383004554e4958");
	round_trip("HINFO", "\"Sun 4\" \"Sun OS\"", "\"Sun 4\" \"Sun OS\"");
	round_trip("TXT", "\"hello world\" two", "\"hello world\" \"two\"");
	round_trip("TXT", "\"\"", "\"\"", "00");
	round_trip("TXT", "\"a\\\"b\\\\c\\010\\255\"",
	    "\"a\\\"b\\\\c\\010\\255\"", "07 61 22 62 5c 63 0a ff");
	round_trip("TXT", "semi\\;colon", "\"semi;colon\"");
	std::string s255(255, 'x');
	round_trip("TXT", s255, "\"" + s255 + "\"");
	STRCMP_EQUAL("TXT text: string longer than 255 bytes",
	    error_of("TXT", s255 + "x").c_str());
	STRCMP_EQUAL("HINFO os: missing", error_of("HINFO", "cpu").c_str());
	STRCMP_EQUAL("TXT text: \\DDD escape over 255",
	    error_of("TXT", "a\\256").c_str());
	STRCMP_EQUAL("TXT text: missing", error_of("TXT", "").c_str());
	round_trip("NAPTR",
	    "100 10 \"u\" \"E2U+sip\" \"!^.*$!sip:info@example.com!\" .",
	    "100 10 \"u\" \"E2U+sip\" \"!^.*$!sip:info@example.com!\" .");
	round_trip("CAA", "0 issue \"ca.example.net; account=230123\"",
	    "0 issue \"ca.example.net; account=230123\"",
	    "00 05 6973737565 63612e6578616d706c652e6e65743b206163636f756e"
	    "743d323330313233");
	round_trip("CAA", "128 tbs \"\"", "128 tbs \"\"");
	STRCMP_EQUAL("CAA tag: 'is-sue' is not letters and digits",
	    error_of("CAA", "0 is-sue x").c_str());
}

TEST(dns_rdata, wks)
{
	round_trip("WKS", "128.32.0.10 TCP ftp telnet smtp 1",
	    "128.32.0.10 tcp 1 21 23 25", "80200 00a 06 40 00 05 40");
	round_trip("WKS", "10.0.0.1 udp domain", "10.0.0.1 udp 53");
	round_trip("WKS", "10.0.0.1 99", "10.0.0.1 99");
	STRCMP_EQUAL("WKS services: 'ftp' is not a port number or known "
	    "service", error_of("WKS", "10.0.0.1 udp ftp").c_str());
	STRCMP_EQUAL("WKS protocol: 'icmpx' is not tcp, udp or a number",
	    error_of("WKS", "10.0.0.1 icmpx").c_str());
}

TEST(dns_rdata, loc_rfc1876)
{
	round_trip("LOC", "42 21 54 N 71 06 18 W -24m 30m",
	    "42 21 54.000 N 71 6 18.000 W -24.00m 30m 10000m 10m",
	    "00 33 16 13 89 17 2d d0 70 be 15 f0 00 98 8d 20");
	round_trip("LOC", "42 21 43.952 N 71 5 6.344 W -24m 1m 200m 10m",
	    "42 21 43.952 N 71 5 6.344 W -24.00m 1m 200m 10m");
	round_trip("LOC", "0 N 0 E 0", "0 0 0.000 N 0 0 0.000 E 0.00m 1m "
	    "10000m 10m");
	round_trip("LOC", "90 S 180 W 42849672.95m 90000000m 0.5m 0",
	    "90 0 0.000 S 180 0 0.000 W 42849672.95m 90000000m 0.50m 0m");
	CHECK(error_of("LOC", "91 N 0 E 0").find("LOC latitude") == 0);
	CHECK(error_of("LOC", "1 2 3 X 0 E 0").find("LOC latitude") == 0);
	CHECK(error_of("LOC", "1 N 181 E 0").find("LOC longitude") == 0);
	CHECK(error_of("LOC", "1 N 1 E").find("LOC altitude") == 0);
	CHECK(error_of("LOC", "1 60 N 1 E 0").find("LOC latitude") == 0);
	// Version 1 is not ours to print: the generic form.
	auto w = from_hex("01 33 16 13 89 17 2d d0 70 be 15 f0 00 98 8d 20");
	STRCMP_EQUAL("\\# 16 0133161389172DD070BE15F000988D20",
	    dns::rdata_to_text(dns::rr_type::loc, w).c_str());
}

TEST(dns_rdata, dnssec_types)
{
	round_trip("DS", "60485 5 1 2BB183AF5F22588179A53B0A 98631FAD1A292118",
	    "60485 5 1 2BB183AF5F22588179A53B0A98631FAD1A292118");
	round_trip("DS", "1 RSASHA256 2 ab", "1 8 2 AB");
	round_trip("DNSKEY", "256 3 ED25519 AQID BAU=", "256 3 15 AQIDBAU=",
	    "0100 03 0f 0102030405");
	round_trip("RRSIG",
	    "A 5 3 86400 20030322173103 20030220173103 2642 example.com. "
	    "oJB1W6WNGv+ldvQ3WDG0MQkg5IEhjRip8WTr",
	    "A 5 3 86400 20030322173103 20030220173103 2642 example.com. "
	    "oJB1W6WNGv+ldvQ3WDG0MQkg5IEhjRip8WTr");
	round_trip("RRSIG", "TYPE999 8 0 0 0 4294967295 0 . AA==",
	    "TYPE999 8 0 0 19700101000000 21060207062815 0 . AA==");
	round_trip("NSEC", "host.example.com. A MX RRSIG NSEC TYPE1234",
	    "host.example.com. A MX RRSIG NSEC TYPE1234",
	    "04686f7374076578616d706c6503636f6d00 0006 40010000 0003 "
	    "04 1b 00000000000000000000 00000000000000000000 000000000000 "
	    "20");
	round_trip("NSEC", "next", "next.example.com.");
	round_trip("NSEC3",
	    "1 1 12 aabbccdd 2t7b4g4vsa5smi47k61mv5bv1a22bojr MX DNSKEY NS "
	    "SOA NSEC3PARAM RRSIG",
	    "1 1 12 AABBCCDD 2t7b4g4vsa5smi47k61mv5bv1a22bojr NS SOA MX "
	    "RRSIG DNSKEY NSEC3PARAM");
	round_trip("NSEC3", "1 0 0 - 2T7B4G4VSA5SMI47K61MV5BV1A22BOJR",
	    "1 0 0 - 2t7b4g4vsa5smi47k61mv5bv1a22bojr");
	round_trip("NSEC3PARAM", "1 0 12 aabbccdd", "1 0 12 AABBCCDD",
	    "01 00 000c 04 aabbccdd");
	round_trip("NSEC3PARAM", "1 0 0 -", "1 0 0 -", "01 00 0000 00");
	round_trip("SSHFP", "2 1 123456789abcdef67890 123456789abcdef67890",
	    "2 1 123456789ABCDEF67890123456789ABCDEF67890");
	round_trip("TLSA", "3 1 1 0C72AC70B745AC19998811B131D662C9AC69DBDBE7"
	    "CB23E5B514B56664C5D3D6",
	    "3 1 1 0C72AC70B745AC19998811B131D662C9AC69DBDBE7CB23E5B514B566"
	    "64C5D3D6");
	STRCMP_EQUAL("DS digest: bad hex", error_of("DS", "1 8 2 abc").c_str());
	STRCMP_EQUAL("DS digest: missing", error_of("DS", "1 8 2").c_str());
	STRCMP_EQUAL("DNSKEY public key: bad base64",
	    error_of("DNSKEY", "256 3 8 AQ=").c_str());
	STRCMP_EQUAL("DNSKEY algorithm: 'RSAFOO' is not an algorithm number "
	    "or mnemonic", error_of("DNSKEY", "256 3 RSAFOO AQ==").c_str());
	STRCMP_EQUAL("RRSIG expiration: '20031322173103' is not a time "
	    "(YYYYMMDDHHmmSS or seconds)", error_of("RRSIG",
	    "A 5 3 86400 20031322173103 0 1 . AA==").c_str());
	STRCMP_EQUAL("NSEC types: 'BOGUS' is not a type",
	    error_of("NSEC", "a. A BOGUS").c_str());
	STRCMP_EQUAL("NSEC3 next hashed owner: 'w' is not base32hex",
	    error_of("NSEC3", "1 0 0 - w").c_str());
	STRCMP_EQUAL("NSEC3PARAM salt: 'xy' is not hex or \"-\"",
	    error_of("NSEC3PARAM", "1 0 0 xy").c_str());
}

TEST(dns_rdata, svcb_and_https)
{
	round_trip("SVCB", "0 foo.example.com.", "0 foo.example.com.",
	    "0000 03666f6f076578616d706c6503636f6d00");
	round_trip("HTTPS", "1 .", "1 .");
	round_trip("SVCB", "16 foo.example.org. alpn=h2,h3-19 "
	    "mandatory=ipv4hint,alpn ipv4hint=192.0.2.1",
	    "16 foo.example.org. mandatory=alpn,ipv4hint alpn=\"h2,h3-19\" "
	    "ipv4hint=192.0.2.1",
	    "0010 03666f6f076578616d706c65036f726700 "
	    "0000 0004 0001 0004 0001 0009 02 6832 05 68332d3139 "
	    "0004 0004 c0000201");
	// RFC 9460 appendix D: escaped commas and backslashes in alpn.
	round_trip("SVCB", "16 foo.example.org. alpn=\"f\\\\\\\\oo\\\\,bar,h2\"",
	    "16 foo.example.org. alpn=\"f\\\\\\\\oo\\\\,bar,h2\"",
	    "0010 03666f6f076578616d706c65036f726700 "
	    "0001 000c 08 665c6f6f2c626172 02 6832");
	round_trip("HTTPS", "1 . alpn=h2 no-default-alpn port=8443 "
	    "ipv6hint=2001:db8::1,2001:db8::53:1 ech=AEP+DQ== key667=hello "
	    "key65333",
	    "1 . alpn=\"h2\" no-default-alpn port=8443 ech=AEP+DQ== "
	    "ipv6hint=2001:db8::1,2001:db8::53:1 key667=\"hello\" key65333");
	round_trip("SVCB", "1 . key667=\"hello\\210qoo\"",
	    "1 . key667=\"hello\\210qoo\"");
	// A blank in a value prints escaped: "key=" starts no quoted token.
	round_trip("SVCB", "1 . key667=a\\032b alpn=\\032",
	    "1 . alpn=\"\\032\" key667=\"a\\032b\"");
	// A key split from its quoted value by the lexer.
	auto t = toks("1 . alpn=");
	net::token q;
	q.text = "h2,h3";
	q.quoted = true;
	t.push_back(q);
	auto w = dns::rdata_from_text(dns::rr_type::https, t, origin());
	CHECK(w.ok());
	STRCMP_EQUAL("1 . alpn=\"h2,h3\"",
	    dns::rdata_to_text(dns::rr_type::https, *w).c_str());
	STRCMP_EQUAL("SVCB: alpn given twice",
	    error_of("SVCB", "1 . alpn=h2 alpn=h3").c_str());
	STRCMP_EQUAL("SVCB mandatory: port is not given",
	    error_of("SVCB", "1 . mandatory=port").c_str());
	STRCMP_EQUAL("SVCB mandatory: lists mandatory itself",
	    error_of("SVCB", "1 . mandatory=mandatory").c_str());
	STRCMP_EQUAL("SVCB: 'bogus' is not a parameter key",
	    error_of("SVCB", "1 . bogus=1").c_str());
	STRCMP_EQUAL("SVCB: 'key65535' is not a parameter key",
	    error_of("SVCB", "1 . key65535").c_str());
	STRCMP_EQUAL("SVCB no-default-alpn: takes no value",
	    error_of("SVCB", "1 . no-default-alpn=x").c_str());
	STRCMP_EQUAL("SVCB port: needs a value",
	    error_of("SVCB", "1 . port").c_str());
	STRCMP_EQUAL("SVCB ipv4hint: '::1' is not an IPv4 address",
	    error_of("SVCB", "1 . ipv4hint=::1").c_str());
	STRCMP_EQUAL("SVCB alpn: bad list",
	    error_of("SVCB", "1 . alpn=h2,,h3").c_str());
	// Keys out of order on the wire are refused.
	auto bad = from_hex("0001 00 0003 0002 01bb 0001 0003 026832");
	CHECK(dns::rdata_check(dns::rr_type::svcb, bad) != nullptr);
}

TEST(dns_rdata, generic_form)
{
	round_trip("NULL", "\\# 3 abcdef", "\\# 3 ABCDEF");
	round_trip("NULL", "\\# 0", "\\# 0");
	auto w = wire("TYPE65280", "\\# 4 0A000001");
	STRCMP_EQUAL("\\# 4 0A000001", dns::rdata_to_text(65280, w).c_str());
	// A known type in the generic form is the same rdata.
	STRCMP_EQUAL("C0000201", hex(wire("A", "\\# 4 C0 00 02 01")).c_str());
	STRCMP_EQUAL("A \\#: not valid for the type: rdata too short",
	    error_of("A", "\\# 3 C00002").c_str());
	STRCMP_EQUAL("TYPE65280 \\#: length 5 but 4 bytes of data",
	    error_of("TYPE65280", "\\# 5 0A000001").c_str());
	STRCMP_EQUAL("TYPE65280 \\#: bad hex",
	    error_of("TYPE65280", "\\# 1 0").c_str());
	STRCMP_EQUAL("TYPE65280: only the \\# form is known for this type",
	    error_of("TYPE65280", "10.0.0.1").c_str());
	STRCMP_EQUAL("NULL: only the \\# form is known for this type",
	    error_of("NULL", "x").c_str());
	STRCMP_EQUAL("OPT records have no master-file form",
	    error_of("OPT", "\\# 0").c_str());
	STRCMP_EQUAL("AXFR records have no master-file form",
	    error_of("AXFR", "").c_str());
	// A quoted \# is a character string, not the generic form.
	auto q = toks("x");
	q[0].text = "\\#";
	q[0].quoted = true;
	auto r = dns::rdata_from_text(dns::rr_type::txt, q, origin());
	STRCMP_EQUAL("\"#\"", dns::rdata_to_text(dns::rr_type::txt, *r)
	    .c_str());
}

TEST(dns_rdata, wire_checks)
{
	CHECK(dns::rdata_check(dns::rr_type::a, from_hex("01020304")) ==
	    nullptr);
	STRCMP_EQUAL("bytes after the rdata",
	    dns::rdata_check(dns::rr_type::a, from_hex("0102030405")));
	STRCMP_EQUAL("bad name in rdata",
	    dns::rdata_check(dns::rr_type::mx, from_hex("000a c00c")));
	STRCMP_EQUAL("character string runs past the rdata",
	    dns::rdata_check(dns::rr_type::txt, from_hex("0561")));
	STRCMP_EQUAL("character string runs past the rdata",
	    dns::rdata_check(dns::rr_type::txt, from_hex("")));
	STRCMP_EQUAL("type bitmap with a trailing zero byte",
	    dns::rdata_check(dns::rr_type::nsec, from_hex("00 0002 4000")));
	STRCMP_EQUAL("type bitmap windows out of order",
	    dns::rdata_check(dns::rr_type::nsec,
	    from_hex("00 0101 40 0001 40")));
	STRCMP_EQUAL("bad type bitmap",
	    dns::rdata_check(dns::rr_type::nsec, from_hex("00 0021 40")));
	STRCMP_EQUAL("EDNS option runs past the rdata",
	    dns::rdata_check(dns::rr_type::opt, from_hex("000a 0008 0102")));
	CHECK(dns::rdata_check(65280, from_hex("c00c")) == nullptr);
	// Invalid rdata prints in the generic form.
	STRCMP_EQUAL("\\# 3 010203",
	    dns::rdata_to_text(dns::rr_type::a, from_hex("010203")).c_str());
}
