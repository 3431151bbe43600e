#include <sstream>
#include <string>

#include "libnet/hosts_access.h"
#include "libnet/parse_file.h"

#include <CppUTest/TestHarness.h>

namespace {

net::parsed<net::access_rule>
parse(const std::string &text)
{
	std::istringstream in(text);
	return net::parse_hosts_access(in, "test");
}

// A table from rules that must parse without any diagnostic.
net::access_table
table(const std::string &text, const char *origin = "test")
{
	std::istringstream in(text);
	auto p = net::parse_hosts_access(in, origin);
	for (const auto &d : p.diagnostics)
		FAIL(d.str().c_str());
	return net::access_table(origin, std::move(p.entries));
}

net::access_request
req(const char *daemon, const char *client, const char *name = nullptr)
{
	net::access_request r;
	r.daemon = daemon;
	auto a = net::address::parse(client);
	CHECK_TEXT(a.has_value(), client);
	r.client = *a;
	if (name != nullptr)
		r.client_name = name;
	return r;
}

// True when the one-file table matches the request.
bool
matches(const std::string &rules, const net::access_request &r)
{
	return table(rules).match(r) != nullptr;
}

bool
granted(const std::string &allow, const std::string &deny,
    const net::access_request &r)
{
	return net::decide_access(table(allow, "hosts.allow"),
	    table(deny, "hosts.deny"), r).granted;
}

} // namespace

TEST_GROUP(hosts_access){};

TEST(hosts_access, grammar_comments_blanks_commas_and_line_numbers)
{
	auto p = parse("# comment\n"
		       "\n"
		       "   \t\n"
		       "  # indented comment\n"
		       "sshd, ftpd in.tftpd : 10.0.0.1,10.0.0.2 ,10.0.0.3\n"
		       "ALL:ALL\r\n");
	CHECK(p.diagnostics.empty());
	LONGS_EQUAL(2, p.entries.size());
	LONGS_EQUAL(5, p.entries[0].line);
	LONGS_EQUAL(6, p.entries[1].line);
	LONGS_EQUAL(1, p.entries[0].daemons.groups.size());
	LONGS_EQUAL(3, p.entries[0].daemons.groups[0].size());
	LONGS_EQUAL(3, p.entries[0].clients.groups[0].size());
	CHECK_FALSE(p.entries[0].verdict.has_value());
}

TEST(hosts_access, continuation_joins_lines_and_reports_the_first)
{
	auto p = parse("sshd: 10.0.0.1, \\\n"
		       "  10.0.0.2 \\\n"
		       "  10.0.0.\\\n"
		       "3\n"
		       "ftpd: \\\n"
		       "  10.0.0.1/8\n");
	LONGS_EQUAL(2, p.entries.size());
	LONGS_EQUAL(1, p.entries[0].line);
	LONGS_EQUAL(5, p.entries[1].line);
	LONGS_EQUAL(3, p.entries[0].clients.groups[0].size());
	LONGS_EQUAL(1, p.diagnostics.size());
	STRCMP_CONTAINS("test:5: host bits set",
	    p.diagnostics[0].str().c_str());
	net::access_table t("test", std::move(p.entries));
	// The backslash joins without a blank, as in tcp_wrappers.
	CHECK(t.match(req("sshd", "10.0.0.3")) != nullptr);
	CHECK(t.match(req("sshd", "10.0.0.2")) != nullptr);
	CHECK(t.match(req("sshd", "10.0.0.4")) == nullptr);
}

TEST(hosts_access, a_comment_ending_in_backslash_swallows_the_next_line)
{
	auto p = parse("# old rule \\\n"
		       "sshd: ALL\n"
		       "ftpd: ALL\n");
	LONGS_EQUAL(1, p.entries.size());
	LONGS_EQUAL(3, p.entries[0].line);
	LONGS_EQUAL(1, p.diagnostics.size());
	CHECK_FALSE(p.has_errors());
	STRCMP_EQUAL("test:1: warning: comment ends with '\\', the next line "
		     "is part of it",
	    p.diagnostics[0].str().c_str());
}

TEST(hosts_access, a_hash_starting_a_word_starts_a_comment)
{
	auto t = table("sshd: 10.0.0.1 # host named after the comment\n"
		       "ftpd: 10.0.0.1,# after a comma\n"
		       "telnetd: ALL: deny # why\n");
	CHECK(t.match(req("sshd", "10.0.0.1")) != nullptr);
	CHECK(t.match(req("sshd", "10.0.0.2", "comment")) == nullptr);
	CHECK(t.match(req("sshd", "10.0.0.2", "named")) == nullptr);
	CHECK(t.match(req("ftpd", "10.0.0.1")) != nullptr);
	CHECK(t.rules()[2].verdict == net::access_verdict::deny);
}

TEST(hosts_access, all_and_exact_addresses)
{
	CHECK(matches("ALL: ALL\n", req("sshd", "192.0.2.1")));
	CHECK(matches("ALL: all\n", req("sshd", "2001:db8::1")));
	CHECK(matches("sshd: 192.0.2.1\n", req("sshd", "192.0.2.1")));
	CHECK_FALSE(matches("sshd: 192.0.2.1\n", req("sshd", "192.0.2.10")));
	CHECK(matches("sshd: [2001:db8::1]\n", req("sshd", "2001:db8::1")));
	CHECK(matches("sshd: [2001:DB8:0::1]\n",
	    req("sshd", "2001:db8::1")));
	CHECK_FALSE(matches("sshd: [2001:db8::1]\n",
	    req("sshd", "2001:db8::2")));
}

TEST(hosts_access, address_prefixes_and_suffixes)
{
	CHECK(matches("sshd: 192.0.2.\n", req("sshd", "192.0.2.77")));
	CHECK(matches("sshd: 192.\n", req("sshd", "192.0.2.77")));
	CHECK_FALSE(matches("sshd: 192.0.2.\n", req("sshd", "192.0.20.7")));
	CHECK_FALSE(matches("sshd: 19.\n", req("sshd", "192.0.2.77")));
	// A leading dot on digits is a suffix of the address text.
	CHECK(matches("sshd: .77\n", req("sshd", "192.0.2.77")));
	CHECK_FALSE(matches("sshd: .77\n", req("sshd", "192.0.2.177")));
	// Names are never compared with an address-looking prefix.
	CHECK_FALSE(matches("sshd: 192.0.2.\n",
	    req("sshd", "10.0.0.1", "192.0.2.evil.example")));
}

TEST(hosts_access, net_mask_and_net_length)
{
	const char *rules = "a: 10.0.0.0/255.0.0.0\n"
			    "b: 172.16.0.0/12\n"
			    "c: 192.0.2.0/255.255.254.0\n"
			    "d: 10.0.0.0/255.0.255.0\n"
			    "e: 0.0.0.0/0\n"
			    "f: 192.0.2.1/255.255.255.255\n";
	auto t = table(rules);
	CHECK(t.match(req("a", "10.200.1.1")) != nullptr);
	CHECK(t.match(req("a", "11.0.0.1")) == nullptr);
	CHECK(t.match(req("b", "172.31.255.255")) != nullptr);
	CHECK(t.match(req("b", "172.32.0.0")) == nullptr);
	CHECK(t.match(req("c", "192.0.3.255")) != nullptr);
	CHECK(t.match(req("c", "192.0.4.0")) == nullptr);
	// tcp_wrappers takes any mask, contiguous or not.
	CHECK(t.match(req("d", "10.99.0.7")) != nullptr);
	CHECK(t.match(req("d", "10.99.1.7")) == nullptr);
	CHECK(t.match(req("e", "203.0.113.9")) != nullptr);
	CHECK(t.match(req("e", "2001:db8::1")) == nullptr);
	CHECK(t.match(req("f", "192.0.2.1")) != nullptr);
	CHECK(t.match(req("f", "192.0.2.2")) == nullptr);
}

TEST(hosts_access, ipv6_prefixes)
{
	auto t = table("a: [2001:db8::]/32\n"
		       "b: [2001:db8:1:2::]/64\n"
		       "c: [::]/0\n"
		       "d: [fe80::]/10\n");
	CHECK(t.match(req("a", "2001:db8:ffff::1")) != nullptr);
	CHECK(t.match(req("a", "2001:db9::1")) == nullptr);
	CHECK(t.match(req("a", "10.0.0.1")) == nullptr);
	CHECK(t.match(req("b", "2001:db8:1:2:ffff:ffff:ffff:ffff")) !=
	    nullptr);
	CHECK(t.match(req("b", "2001:db8:1:3::")) == nullptr);
	CHECK(t.match(req("c", "::1")) != nullptr);
	CHECK(t.match(req("d", "fe80::1%1")) != nullptr);
	CHECK(t.match(req("d", "fec0::1")) == nullptr);
}

TEST(hosts_access, ipv4_rules_match_ipv4_mapped_clients)
{
	const char *mapped = "::ffff:192.0.2.7";
	CHECK(matches("sshd: 192.0.2.7\n", req("sshd", mapped)));
	CHECK(matches("sshd: 192.0.2.\n", req("sshd", mapped)));
	CHECK(matches("sshd: 192.0.2.0/24\n", req("sshd", mapped)));
	CHECK(matches("sshd: 192.0.2.0/255.255.255.0\n",
	    req("sshd", mapped)));
	CHECK(matches("sshd: 192.0.2.*\n", req("sshd", mapped)));
	CHECK(matches("sshd: .7\n", req("sshd", mapped)));
	CHECK_FALSE(matches("sshd: 192.0.3.0/24\n", req("sshd", mapped)));
	// The mapped form of a pattern and the plain one are the same.
	CHECK(matches("sshd: [::ffff:192.0.2.0]/120\n",
	    req("sshd", "192.0.2.7")));
	CHECK(matches("sshd: [::ffff:192.0.2.0]/120\n", req("sshd", mapped)));
	// Not every IPv6 address holding those bytes is mapped.
	CHECK_FALSE(matches("sshd: 192.0.2.7\n",
	    req("sshd", "::192.0.2.7")));
	CHECK_FALSE(matches("sshd: 192.0.2.7\n",
	    req("sshd", "64:ff9b::192.0.2.7")));
}

TEST(hosts_access, domain_suffixes_and_names_ignore_case)
{
	auto r = req("sshd", "192.0.2.1", "Host.Sub.Example.COM");
	CHECK(matches("sshd: .example.com\n", r));
	CHECK(matches("sshd: .EXAMPLE.com\n", r));
	CHECK(matches("sshd: .sub.example.com\n", r));
	CHECK(matches("sshd: host.sub.example.com\n", r));
	CHECK(matches("sshd: HOST.SUB.EXAMPLE.COM\n", r));
	CHECK(matches("sshd: host.\n", r));
	CHECK_FALSE(matches("sshd: .ample.com\n", r));
	CHECK_FALSE(matches("sshd: example.com\n", r));
	CHECK_FALSE(matches("sshd: host\n", r));
	// A suffix must be shorter than the name.
	CHECK_FALSE(matches("sshd: .example.com\n",
	    req("sshd", "192.0.2.1", "example.com")));
	// No name, no name match.
	CHECK_FALSE(matches("sshd: .example.com\n", req("sshd", "192.0.2.1")));
}

TEST(hosts_access, wildcards_in_names_and_addresses)
{
	auto r = req("sshd", "192.0.2.15", "www3.example.org");
	CHECK(matches("sshd: www?.example.org\n", r));
	CHECK(matches("sshd: *.org\n", r));
	CHECK(matches("sshd: w*3.*.org\n", r));
	CHECK(matches("sshd: *\n", r));
	CHECK_FALSE(matches("sshd: www?.example.net\n", r));
	CHECK_FALSE(matches("sshd: ww?.example.org\n", r));
	CHECK(matches("sshd: 192.0.2.*\n", r));
	CHECK(matches("sshd: 192.0.2.1?\n", r));
	CHECK(matches("sshd: 192.*.15\n", r));
	CHECK_FALSE(matches("sshd: 192.0.2.1?\n", req("sshd", "192.0.2.1")));
	CHECK_FALSE(matches("sshd: 192.0.3.*\n", r));
	// A hostile pattern costs time linear in practice, not exponential.
	std::string many = "sshd: ";
	for (int i = 0; i < 200; i++)
		many += "*a";
	many += "b\n";
	CHECK_FALSE(matches(many, req("sshd", "192.0.2.1",
	    std::string(4000, 'a').c_str())));
}

TEST(hosts_access, address_wildcards_never_match_a_name)
{
	// tcp_wrappers would let the name "10.1.2.evil.example" match here.
	auto r = req("sshd", "203.0.113.5", "10.1.2.evil.example");
	CHECK_FALSE(matches("sshd: 10.1.2.*\n", r));
	CHECK_FALSE(table("sshd: 10.1.2.*\n").needs_hostname());
}

TEST(hosts_access, local_known_unknown_paranoid)
{
	const char *rules = "loc: LOCAL\n"
			    "kno: KNOWN\n"
			    "unk: UNKNOWN\n"
			    "par: PARANOID\n";
	auto t = table(rules);
	auto dotless = req("x", "192.0.2.1", "gateway");
	auto dotted = req("x", "192.0.2.1", "gw.example.net");
	auto nameless = req("x", "192.0.2.1");
	auto liar = req("x", "192.0.2.1", "gateway");
	liar.paranoid = true;
	auto matches_as = [&](const char *daemon, net::access_request r) {
		r.daemon = daemon;
		return t.match(r) != nullptr;
	};
	CHECK(matches_as("loc", dotless));
	CHECK_FALSE(matches_as("loc", dotted));
	CHECK_FALSE(matches_as("loc", nameless));
	CHECK_FALSE(matches_as("loc", liar));
	CHECK(matches_as("kno", dotless));
	CHECK(matches_as("kno", dotted));
	CHECK_FALSE(matches_as("kno", nameless));
	CHECK_FALSE(matches_as("kno", liar));
	CHECK_FALSE(matches_as("unk", dotted));
	CHECK(matches_as("unk", nameless));
	CHECK_FALSE(matches_as("unk", liar));
	CHECK_FALSE(matches_as("par", dotted));
	CHECK_FALSE(matches_as("par", nameless));
	CHECK(matches_as("par", liar));
	// The unverified name is not used for name patterns.
	CHECK_FALSE(matches("x: gateway\n", liar));
	// An empty name is no name.
	CHECK(matches("x: UNKNOWN\n", req("x", "192.0.2.1", "")));
	// The keywords ignore case, as all of tcp_wrappers does.
	CHECK(matches("x: local\n", dotless));
	CHECK(matches("x: Paranoid\n", liar));
}

TEST(hosts_access, except_nests_to_the_right)
{
	auto t = table("sshd: ALL EXCEPT 10. EXCEPT 10.0.0.1\n");
	CHECK(t.match(req("sshd", "192.0.2.1")) != nullptr);
	CHECK(t.match(req("sshd", "10.9.9.9")) == nullptr);
	CHECK(t.match(req("sshd", "10.0.0.1")) != nullptr);
	auto u = table("ALL: .example.com EXCEPT a.example.com b.example.com"
		       " except c.example.com, 10.0.0.1 EXCEPT ALL\n");
	auto named = [](const char *name) {
		return req("d", "192.0.2.9", name);
	};
	CHECK(u.match(named("x.example.com")) != nullptr);
	CHECK(u.match(named("a.example.com")) == nullptr);
	CHECK(u.match(named("b.example.com")) == nullptr);
	// c is excluded from a and b's exclusion... which does not hold c.
	CHECK(u.match(named("c.example.com")) != nullptr);
	CHECK(u.match(named("x.example.org")) == nullptr);
	LONGS_EQUAL(4, u.rules()[0].clients.groups.size());
}

TEST(hosts_access, daemon_lists_names_wildcards_and_except)
{
	auto t = table("in.ftpd, SSHD: 10.0.0.1\n"
		       "ALL EXCEPT in.* EXCEPT in.tftpd: 10.0.0.2\n"
		       "rpc.*, ?ingerd: 10.0.0.3\n");
	CHECK(t.match(req("in.ftpd", "10.0.0.1")) != nullptr);
	CHECK(t.match(req("sshd", "10.0.0.1")) != nullptr);
	CHECK(t.match(req("In.FTPD", "10.0.0.1")) != nullptr);
	CHECK(t.match(req("telnetd", "10.0.0.1")) == nullptr);
	CHECK(t.match(req("telnetd", "10.0.0.2")) != nullptr);
	CHECK(t.match(req("in.ftpd", "10.0.0.2")) == nullptr);
	CHECK(t.match(req("in.tftpd", "10.0.0.2")) != nullptr);
	CHECK(t.match(req("rpc.mountd", "10.0.0.3")) != nullptr);
	CHECK(t.match(req("fingerd", "10.0.0.3")) != nullptr);
	CHECK(t.match(req("ingerd", "10.0.0.3")) == nullptr);
}

TEST(hosts_access, daemon_at_server_address)
{
	auto t = table("sshd@192.0.2.1: ALL\n"
		       "ftpd@192.0.2.0/24 ftpd@[2001:db8::]/32: ALL\n"
		       "tftpd@10.0.0.: ALL\n"
		       "ALL@ALL EXCEPT ALL@10.0.0.1: 10.0.0.5\n");
	auto at = [](const char *daemon, const char *server) {
		auto r = req(daemon, "10.0.0.9");
		if (server != nullptr)
			r.server = net::address::parse(server);
		return r;
	};
	CHECK(t.match(at("sshd", "192.0.2.1")) != nullptr);
	CHECK(t.match(at("sshd", "::ffff:192.0.2.1")) != nullptr);
	CHECK(t.match(at("sshd", "192.0.2.2")) == nullptr);
	// Without the server address, only ALL can match it.
	CHECK(t.match(at("sshd", nullptr)) == nullptr);
	CHECK(t.match(at("ftpd", "192.0.2.200")) != nullptr);
	CHECK(t.match(at("ftpd", "2001:db8::21")) != nullptr);
	CHECK(t.match(at("ftpd", "2001:db9::21")) == nullptr);
	CHECK(t.match(at("tftpd", "10.0.0.1")) != nullptr);
	auto five = [&](const char *server) {
		auto r = at("anything", server);
		r.client = *net::address::parse("10.0.0.5");
		return r;
	};
	CHECK(t.match(five(nullptr)) != nullptr);
	CHECK(t.match(five("10.0.0.2")) != nullptr);
	CHECK(t.match(five("10.0.0.1")) == nullptr);
}

TEST(hosts_access, all_at_host_is_host_without_an_ident_lookup)
{
	auto t = table("sshd: ALL@10.0.0.1, all@.example.com\n");
	CHECK(t.match(req("sshd", "10.0.0.1")) != nullptr);
	CHECK(t.match(req("sshd", "10.0.0.2", "h.example.com")) != nullptr);
	CHECK(t.match(req("sshd", "10.0.0.2")) == nullptr);
}

TEST(hosts_access, allow_and_deny_options)
{
	auto p = parse("sshd: 10.0.0.1: allow\n"
		       "sshd: 10.0.0.2 : DENY\n"
		       "sshd: 10.0.0.3: severity auth.notice: deny\n"
		       "sshd: 10.0.0.4:\n");
	CHECK(p.entries[0].verdict == net::access_verdict::grant);
	CHECK(p.entries[1].verdict == net::access_verdict::deny);
	CHECK(p.entries[2].verdict == net::access_verdict::deny);
	// A rule ending in ':' has an empty option, which tcp_wrappers
	// refuses ("missing option name"): the rule denies what it matches.
	CHECK(p.entries[3].verdict == net::access_verdict::deny);
	CHECK(p.entries[3].bad_option);
	LONGS_EQUAL(1, p.diagnostics.size());
	STRCMP_EQUAL("test:4: missing option name; a connection this rule "
		     "decides is refused",
	    p.diagnostics[0].str().c_str());

	// One file holding both kinds, as hosts_options(5) shows it.
	const char *one = "ALL: .friendly.example: ALLOW\n"
			  "ALL: ALL: DENY\n";
	CHECK(granted(one, "", req("sshd", "10.0.0.1", "a.friendly.example")));
	CHECK_FALSE(granted(one, "", req("sshd", "10.0.0.1")));
	// deny in hosts.allow denies; allow in hosts.deny grants.
	CHECK_FALSE(granted("sshd: ALL: deny\n", "", req("sshd", "10.0.0.1")));
	CHECK(granted("", "sshd: 10.0.0.1: allow\nALL: ALL\n",
	    req("sshd", "10.0.0.1")));
	CHECK_FALSE(granted("", "sshd: 10.0.0.1: allow\nALL: ALL\n",
	    req("sshd", "10.0.0.2")));
}

TEST(hosts_access, options_are_parsed_with_their_values)
{
	auto p = parse("sshd: 10.0.0.1: spawn (/bin/echo %h | mail root) &\n"
		       "sshd: 10.0.0.2: severity auth.info: banners /etc/b: "
		       "setenv A b=c: umask 022: user nobody.nogroup: nice: "
		       "keepalive: linger 10: rfc931 3: group adm\n"
		       "sshd: 10.0.0.3: twist /bin/echo 421 go away\n"
		       "sshd: 10.0.0.4: aclexec /usr/local/bin/check %a: "
		       "allow\n"
		       "sshd: 10.0.0.5: spawn echo a\\:b: severity = "
		       "WARNING: nice=-5\n");
	LONGS_EQUAL(5, p.entries.size());
	for (const auto &d : p.diagnostics)
		FAIL(d.str().c_str());
	using k = net::option_kind;
	const auto &o1 = p.entries[0].options;
	LONGS_EQUAL(1, o1.size());
	CHECK(o1[0].what == k::spawn);
	STRCMP_EQUAL("(/bin/echo %h | mail root) &", o1[0].value.c_str());
	CHECK(p.entries[0].has_actions());
	CHECK_FALSE(p.entries[0].verdict.has_value());
	const auto &o2 = p.entries[1].options;
	LONGS_EQUAL(10, o2.size());
	CHECK(o2[0].what == k::severity);
	LONGS_EQUAL(6, o2[0].number);		// LOG_INFO
	LONGS_EQUAL(4 << 3, o2[0].facility);	// LOG_AUTH
	CHECK(o2[1].what == k::banners);
	STRCMP_EQUAL("/etc/b", o2[1].value.c_str());
	CHECK(o2[2].what == k::setenv);
	STRCMP_EQUAL("A", o2[2].name.c_str());
	STRCMP_EQUAL("b=c", o2[2].value.c_str());
	LONGS_EQUAL(022, o2[3].number);
	STRCMP_EQUAL("nobody", o2[4].name.c_str());
	STRCMP_EQUAL("nogroup", o2[4].group_name.c_str());
	LONGS_EQUAL(10, o2[5].number);		// nice's default
	CHECK(o2[6].what == k::keepalive);
	LONGS_EQUAL(10, o2[7].number);
	LONGS_EQUAL(3, o2[8].number);
	CHECK(o2[9].what == k::group);
	STRCMP_EQUAL("adm", o2[9].name.c_str());
	CHECK(p.entries[1].severity() == 6);
	CHECK(p.entries[2].options[0].what == k::twist);
	CHECK_FALSE(p.entries[2].verdict.has_value());
	CHECK(p.entries[3].verdict == net::access_verdict::grant);
	const auto &o5 = p.entries[4].options;
	STRCMP_EQUAL("echo a:b", o5[0].value.c_str());
	LONGS_EQUAL(4, o5[1].number);
	LONGS_EQUAL(-5, o5[2].number);
	// Only allow, deny and severity need no process to act in.
	CHECK_FALSE(table("ALL: ALL: severity info: deny\n").rules()[0]
			.has_actions());
}

// tcp_wrappers checks an option only when its rule matches, and then
// refuses the connection: "further options will be ignored, and service
// is denied" (hosts_options(5)).  Each of these was checked with
// tcpdmatch, which answered "denied" for 10.1.2.3 with hosts.deny
// "ALL: ALL".
TEST(hosts_access, a_bad_option_refuses_what_its_rule_matches)
{
	struct bad_case {
		const char *text;
		const char *message;
	};
	const bad_case bad[] = {
	    {"sshd: 10.1.2.3: bogus\n", "unknown option 'bogus'"},
	    {"sshd: 10.1.2.3:\n", "missing option name"},
	    {"sshd: 10.1.2.3: : allow\n", "missing option name"},
	    {"sshd: 10.1.2.3: allow yes\n", "option 'allow' takes no value"},
	    {"sshd: 10.1.2.3: allow: spawn echo\n",
		"option 'allow' must be the last option"},
	    {"sshd: 10.1.2.3: twist echo: allow\n",
		"option 'twist' must be the last option"},
	    {"sshd: 10.1.2.3: keepalive 5: allow\n",
		"option 'keepalive' takes no value"},
	    {"sshd: 10.1.2.3: severity bogus: allow\n",
		"bad syslog facility or severity 'bogus'"},
	    {"sshd: 10.1.2.3: severity mail.loud: allow\n",
		"bad syslog facility or severity"},
	    {"sshd: 10.1.2.3: umask 01777: allow\n", "bad umask value"},
	    {"sshd: 10.1.2.3: umask 8: allow\n", "bad umask value"},
	    {"sshd: 10.1.2.3: banners: allow\n",
		"option 'banners' requires a value"},
	    {"sshd: 10.1.2.3: linger -1: allow\n", "bad linger value"},
	    {"sshd: 10.1.2.3: nice x: allow\n", "bad nice value"},
	    {"sshd: 10.1.2.3: rfc931 0: allow\n", "bad rfc931 timeout"},
	    {"sshd: 10.1.2.3: user .adm: allow\n", "bad user"},
	    {"sshd: 10.1.2.3: setenv: allow\n",
		"option 'setenv' requires a value"},
	    {"sshd: 10.1.2.3: (/usr/sbin/safe_finger -l @%h | mail) &\n",
		"unknown option '(/usr/sbin/safe_finger'"},
	};
	for (const auto &b : bad) {
		auto p = parse(b.text);
		LONGS_EQUAL_TEXT(1, p.entries.size(), b.text);
		LONGS_EQUAL_TEXT(1, p.diagnostics.size(), b.text);
		CHECK_TEXT(p.has_errors(), b.text);
		STRCMP_CONTAINS_TEXT(std::string("test:1: ").append(
		    b.message).c_str(), p.diagnostics[0].str().c_str(),
		    b.text);
		CHECK_TEXT(p.entries[0].bad_option, b.text);
		net::access_table allow("hosts.allow", std::move(p.entries));
		net::access_table none;
		auto d = net::decide_access(allow, none,
		    req("sshd", "10.1.2.3"));
		CHECK_FALSE_TEXT(d.granted, b.text);
		STRCMP_EQUAL_TEXT("hosts.allow:1", d.where().c_str(), b.text);
		// Not matched, nothing happens.
		CHECK_TEXT(net::decide_access(allow, none,
		    req("sshd", "10.1.2.4")).granted, b.text);
	}
	// The options before the bad one are kept, to be acted on.
	auto p = parse("ALL: ALL: spawn echo %a: setenv X y: bogus: allow\n");
	LONGS_EQUAL(2, p.entries[0].options.size());
	CHECK(p.entries[0].verdict == net::access_verdict::deny);
	// An unknown expansion is worth a warning; it expands to nothing.
	auto q = parse("ALL: ALL: spawn echo %x %a%%\n");
	LONGS_EQUAL(1, q.diagnostics.size());
	STRCMP_EQUAL("test:1: warning: unknown expansion '%x' in option "
		     "'spawn' expands to nothing",
	    q.diagnostics[0].str().c_str());
	CHECK_FALSE(q.entries[0].bad_option);
}

TEST(hosts_access, evaluation_order_and_the_deciding_line)
{
	net::access_table allow = table("# trusted\n"
					"sshd: 10.0.0.1\n"
					"ALL: 10.0.0.2: deny\n"
					"ALL: 10.0.0.\n",
	    "/etc/hosts.allow");
	net::access_table deny = table("ftpd: 10.0.0.3\n"
				       "\n"
				       "ALL: 10.0.0.0/8: allow\n"
				       "ALL: ALL\n",
	    "/etc/hosts.deny");
	auto decide = [&](const char *daemon, const char *client) {
		return net::decide_access(allow, deny, req(daemon, client));
	};
	auto d = decide("sshd", "10.0.0.1");
	CHECK(d.granted);
	STRCMP_EQUAL("/etc/hosts.allow:2", d.where().c_str());
	d = decide("sshd", "10.0.0.2");
	CHECK_FALSE(d.granted);
	STRCMP_EQUAL("/etc/hosts.allow:3", d.where().c_str());
	d = decide("ftpd", "10.0.0.3");
	CHECK(d.granted);
	STRCMP_EQUAL("/etc/hosts.allow:4", d.where().c_str());
	d = decide("ftpd", "10.1.0.3");
	CHECK(d.granted);
	STRCMP_EQUAL("/etc/hosts.deny:3", d.where().c_str());
	LONGS_EQUAL(3, d.line);
	STRCMP_EQUAL("/etc/hosts.deny", d.origin.c_str());
	d = decide("ftpd", "192.0.2.1");
	CHECK_FALSE(d.granted);
	STRCMP_EQUAL("/etc/hosts.deny:4", d.where().c_str());

	// Missing files are empty tables: everything is granted.
	net::access_table none;
	d = net::decide_access(none, none, req("sshd", "192.0.2.1"));
	CHECK(d.granted);
	LONGS_EQUAL(0, d.line);
	STRCMP_EQUAL("", d.where().c_str());
	CHECK(net::decide_access(none, deny, req("sshd", "10.0.0.3")).granted);
	CHECK_FALSE(net::decide_access(none, deny,
	    req("ftpd", "10.0.0.3")).granted);
}

TEST(hosts_access, needs_hostname_only_for_name_patterns)
{
	CHECK_FALSE(net::access_table().needs_hostname());
	const char *no_names[] = {
	    "ALL: ALL\n",
	    "sshd: 10.0.0.1 10.0. .5 10.*.1 10.0.0.0/8 [::1]/128\n",
	    "sshd@10.0.0.1 sshd@10.0.0.0/8: 10.0.0.1\n",
	    "*.example: 10.0.0.1\n",
	    "ALL: ALL@10.0.0.1: allow\n",
	};
	for (const char *text : no_names)
		CHECK_TEXT(!table(text).needs_hostname(), text);
	const char *names[] = {
	    "ALL: LOCAL\n",
	    "ALL: KNOWN\n",
	    "ALL: UNKNOWN\n",
	    "ALL: PARANOID\n",
	    "ALL: host\n",
	    "ALL: .example.com\n",
	    "ALL: host.\n",
	    "ALL: *.example.com\n",
	    "ALL: 10.0.0.1 EXCEPT ALL@h?st\n",
	    "ALL: 10.0.0.1\nALL: ALL EXCEPT LOCAL\n",
	};
	for (const char *text : names)
		CHECK_TEXT(table(text).needs_hostname(), text);
}

// Each malformed piece is an error, and the rule is taken as tcp_wrappers
// takes it: a line without ':' is skipped; otherwise the rule stays, the
// malformed pattern matching nothing (tcp_wrappers' "bad net/mask" case),
// and here no client of the rule matches 10.9.9.9 through it.
TEST(hosts_access, malformed_rules_give_one_diagnostic_each)
{
	struct bad_case {
		const char *text;
		const char *message;
	};
	const bad_case bad[] = {
	    {"sshd ALL\n", "missing ':' after daemon list 'sshd ALL'; line "
		"ignored"},
	    {"sshd [: ALL\n", "missing ':' after daemon list"},
	    {": ALL\n", "empty daemon list"},
	    {" , : ALL\n", "empty daemon list"},
	    {"sshd:\n", "empty client list"},
	    {"sshd: , : deny\n", "empty client list"},
	    {"sshd: EXCEPT 10.0.0.1\n", "nothing before EXCEPT in the client"},
	    {"sshd: 10.0.0.1 EXCEPT\n", "nothing after EXCEPT in the client"},
	    {"sshd: 10.0.0.1 EXCEPT except 10.0.0.2\n", "nothing before"},
	    {"EXCEPT sshd: ALL\n", "nothing before EXCEPT in the daemon"},
	    {"sshd: 10.0.0.0/33\n", "bad net/mask '10.0.0.0/33'"},
	    {"sshd: 10.0.0.0/255.0.0\n", "bad net/mask"},
	    {"sshd: 10.0.0/8\n", "bad net/mask"},
	    {"sshd: 10.0.0.0/\n", "bad net/mask"},
	    {"sshd: 10.0.0.0/8/8\n", "bad net/mask"},
	    {"sshd: host/24\n", "bad net/mask"},
	    {"sshd: 10.0.0.1/8\n", "host bits set in '10.0.0.1/8'"},
	    {"sshd: 10.0.0.0/0.255.0.0\n", "host bits set"},
	    {"sshd: [::1\n", "missing ']' in '[::1'"},
	    {"sshd: [::1]/129\n", "bad prefix length in '[::1]/129'"},
	    {"sshd: [::1]x\n", "bad prefix length"},
	    {"sshd: [::]/\n", "bad prefix length"},
	    {"sshd: [2001:db8::1]/32\n", "host bits set"},
	    {"sshd: [fe80::1%lo]\n", "bad address in '[fe80::1%lo]'"},
	    {"sshd: [zz::]/8\n", "bad address"},
	    {"sshd: []\n", "bad address"},
	    {"sshd: 10.1\n", "bad address '10.1'"},
	    {"@trusted: ALL\n",
		"netgroups are not supported for daemon names: '@trusted'"},
	    {"sshd: @\n", "missing netgroup name in '@'"},
	    {"sshd: r$t@ALL\n", "bad user pattern in 'r$t@ALL'"},
	    {"sshd@/etc/servers: ALL\n", "server host names are not supported"},
	    {"sshd@@servers: ALL\n", "server host names are not supported"},
	    {"sshd: 010.0.0.1\n", "bad address"},
	    {"sshd: 256.1.\n", "bad address '256.1.'"},
	    {"sshd: 10..\n", "bad address"},
	    {"sshd: 1.2.3.4.\n", "bad address"},
	    {"sshd: .\n", "bad address '.'"},
	    {"sshd: .1.\n", "bad address"},
	    {"sshd: *.example.\n",
		"wildcard with a leading or trailing '.' in '*.example.'"},
	    {"sshd: .10.*\n", "wildcard with a leading or trailing '.'"},
	    {"sshd: host$name\n", "bad host pattern 'host$name'"},
	    {"sshd: ho]st\n", "bad host pattern"},
	    {"ss;hd: ALL\n", "bad daemon name 'ss;hd'"},
	    {"*.: ALL\n", "wildcard with a leading or trailing '.'"},
	    {"LOCAL: ALL\n", "client pattern used as a daemon name: 'LOCAL'"},
	    {"sshd@host.example.com: ALL\n",
		"server host names are not supported, use an address: "
		"'sshd@host.example.com'"},
	    {"sshd@KNOWN: ALL\n", "server host names are not supported"},
	    {"sshd@: ALL\n", "missing host after '@' in 'sshd@'"},
	    {"sshd: ALL@\n", "missing host after '@' in 'ALL@'"},
	    {"sshd@10.0.0.1@x: ALL\n", "bad host pattern"},
	};
	for (const auto &b : bad) {
		std::string text = "# line 1\n\n";
		text += b.text;
		auto p = parse(text);
		LONGS_EQUAL_TEXT(1, p.diagnostics.size(), b.text);
		CHECK_TEXT(p.has_errors(), b.text);
		STRCMP_CONTAINS_TEXT(std::string("test:3: ").append(
		    b.message).c_str(), p.diagnostics[0].str().c_str(),
		    b.text);
		bool skipped = std::string(b.message).find("missing ':'") == 0;
		LONGS_EQUAL_TEXT(skipped ? 0 : 1, p.entries.size(), b.text);
		net::access_table t("test", std::move(p.entries));
		CHECK_TEXT(t.match(req("sshd", "10.9.9.9", "h.example")) ==
		    nullptr, b.text);
	}
}

TEST(hosts_access, a_bad_rule_leaves_the_others)
{
	auto p = parse("sshd: 10.0.0.1\n"
		       "sshd: \\\n"
		       "  10.0.0.2, \\\n"
		       "  10.0.0.3/8 EXCEPT 10.0.0.4/33\n"
		       "sshd: 10.0.0.3\n"
		       "ftpd 10.0.0.3\n");
	LONGS_EQUAL(3, p.entries.size());
	LONGS_EQUAL(1, p.entries[0].line);
	LONGS_EQUAL(2, p.entries[1].line);
	LONGS_EQUAL(5, p.entries[2].line);
	LONGS_EQUAL(3, p.diagnostics.size());
	STRCMP_CONTAINS("test:2: host bits set in '10.0.0.3/8'",
	    p.diagnostics[0].str().c_str());
	STRCMP_CONTAINS("test:2: bad net/mask '10.0.0.4/33'",
	    p.diagnostics[1].str().c_str());
	STRCMP_EQUAL("test:6: missing ':' after daemon list 'ftpd 10.0.0.3'; "
		     "line ignored",
	    p.diagnostics[2].str().c_str());
	// The bad patterns match nothing, the good one of their rule still
	// does; as tcpdmatch answers for "ftpd: 10.1.2.3 10.0.0.1/8" and
	// "telnetd: ALL EXCEPT 10.0.0.1/8".
	net::access_table t("test", std::move(p.entries));
	const auto *r = t.match(req("sshd", "10.0.0.2"));
	CHECK(r != nullptr && r->line == 2);
	r = t.match(req("sshd", "10.0.0.3"));
	CHECK(r != nullptr && r->line == 5);
	auto ex = parse("telnetd: ALL EXCEPT 10.0.0.1/8\n");
	net::access_table te("test", std::move(ex.entries));
	CHECK(te.match(req("telnetd", "10.0.0.1")) != nullptr);
}

TEST(hosts_access, overlong_and_binary_input_does_not_crash)
{
	std::string text(100000, 'a');
	text += ": ALL\n";				// 1: too long
	text += "sshd: 10.0.0.1\n";			// 2
	text += std::string("\0\xff\x01: ALL\n", 9);	// 3: binary
	text += "sshd: ALL \\\n";			// 4: rule cut by 5
	text += std::string(9000, 'b') + "\n";		// 5: too long
	text += "ftpd: 10.0.0.2\n";			// 6
	for (int i = 0; i < 9; i++)			// 7-15: > 64 KiB
		text += "sshd: " + std::string(8000, 'c') + " \\\n";
	text += "ALL\n";
	text += "telnetd: 10.0.0.3\n";			// 17
	text += "sshd: 10.0.0.1 \\";			// 18: no newline
	std::istringstream in(text);
	auto p = net::parse_hosts_access(in, "test");
	LONGS_EQUAL(5, p.entries.size());
	LONGS_EQUAL(2, p.entries[0].line);
	LONGS_EQUAL(3, p.entries[1].line);	// matches no daemon
	LONGS_EQUAL(6, p.entries[2].line);
	LONGS_EQUAL(17, p.entries[3].line);
	LONGS_EQUAL(18, p.entries[4].line);
	CHECK(p.entries[1].daemons.groups[0][0].never);
	LONGS_EQUAL(4, p.diagnostics.size());
	STRCMP_CONTAINS("test:1: line longer than",
	    p.diagnostics[0].str().c_str());
	STRCMP_EQUAL("test:3: bad daemon name '\\000\\377\\001'",
	    p.diagnostics[1].str().c_str());
	STRCMP_CONTAINS("test:5: line longer than",
	    p.diagnostics[2].str().c_str());
	STRCMP_EQUAL("test:7: rule longer than 65536 bytes, ignored",
	    p.diagnostics[3].str().c_str());

	std::string junk;
	for (int i = 0; i < 4096; i++)
		junk += static_cast<char>((i * 7919) & 0xff);
	std::istringstream in2(junk);
	auto q = net::parse_hosts_access(in2, "junk");
	CHECK(!q.diagnostics.empty());
}

TEST(hosts_access, shipped_samples_parse_clean_and_allow_everything)
{
	auto allow = net::parse_file(TOP_SRCDIR "/etc/hosts.allow",
	    net::parse_hosts_access);
	auto deny = net::parse_file(TOP_SRCDIR "/etc/hosts.deny",
	    net::parse_hosts_access);
	CHECK(allow.ok());
	CHECK(deny.ok());
	for (const auto &d : allow->diagnostics)
		FAIL(d.str().c_str());
	for (const auto &d : deny->diagnostics)
		FAIL(d.str().c_str());
	LONGS_EQUAL(0, allow->entries.size());
	LONGS_EQUAL(0, deny->entries.size());
}

TEST(hosts_access, missing_file_is_an_error_for_the_caller)
{
	auto p = net::parse_file("/nonexistent/hosts.allow",
	    net::parse_hosts_access);
	CHECK_FALSE(p.ok());
}

// The answers below were checked with tcpdmatch -d (Debian tcpd 7.6.q-32)
// on the same hosts.allow and hosts.deny: an address client is asked as
// "tcpdmatch -d daemon address" (name lookup failed); a named one as
// "tcpdmatch -d daemon name" with an /etc/hosts bind-mounted in a private
// mount namespace that maps the name to the address shown.
TEST(hosts_access, answers_agree_with_tcpdmatch)
{
	struct oracle_case {
		const char *allow;
		const char *deny;
		const char *daemon;
		const char *client;
		const char *name;
		bool granted;
	};
	const oracle_case cases[] = {
	    {"ALL: all\n", "ALL: ALL\n", "sshd", "10.1.2.3", nullptr, true},
	    {"sshd: ALL\n", "ALL: ALL\n", "SSHD", "10.1.2.3", nullptr, true},
	    {"ALL: .5\n", "ALL: ALL\n", "sshd", "10.1.2.5", nullptr, true},
	    {"ALL: 10.1.*\n", "ALL: ALL\n", "sshd", "10.1.2.5", nullptr, true},
	    {"ALL: 10.1.?.5\n", "ALL: ALL\n", "sshd", "10.1.2.5", nullptr,
		true},
	    {"ALL: 10.1.?.5\n", "ALL: ALL\n", "sshd", "10.1.22.5", nullptr,
		false},
	    {"ALL: 10.0.0.0/255.0.0.0\n", "ALL: ALL\n", "sshd", "10.1.2.5",
		nullptr, true},
	    {"ALL: 10.0.0.0/255.0.255.0\n", "ALL: ALL\n", "sshd", "10.1.0.5",
		nullptr, true},
	    {"ALL: 10.0.0.0/255.0.255.0\n", "ALL: ALL\n", "sshd", "10.1.1.5",
		nullptr, false},
	    {"ALL: 10.0.0.0/8\n", "ALL: ALL\n", "sshd", "10.200.0.5", nullptr,
		true},
	    {"ALL: 10.0.0.0/9\n", "ALL: ALL\n", "sshd", "10.200.0.5", nullptr,
		false},
	    {"ALL: ALL EXCEPT 10.1.2.5\n", "ALL: ALL\n", "sshd", "10.1.2.5",
		nullptr, false},
	    {"ALL: ALL except 10.1.2.5\n", "ALL: ALL\n", "sshd", "10.1.2.5",
		nullptr, false},
	    {"ALL: ALL EXCEPT 10. EXCEPT 10.1.2.5\n", "ALL: ALL\n", "sshd",
		"10.1.2.5", nullptr, true},
	    {"ALL: ALL EXCEPT 10. EXCEPT 10.1.2.5\n", "ALL: ALL\n", "sshd",
		"10.1.2.6", nullptr, false},
	    {"ALL: ALL EXCEPT 10. EXCEPT 10.1.2.5\n", "ALL: ALL\n", "sshd",
		"11.1.2.6", nullptr, true},
	    {"ALL EXCEPT sshd: ALL\n", "ALL: ALL\n", "sshd", "10.1.2.6",
		nullptr, false},
	    {"ALL EXCEPT sshd: ALL\n", "ALL: ALL\n", "ftpd", "10.1.2.6",
		nullptr, true},
	    {"ALL EXCEPT in.* EXCEPT in.ftpd: ALL\n", "ALL: ALL\n", "in.ftpd",
		"10.1.2.6", nullptr, true},
	    {"ALL EXCEPT in.* EXCEPT in.ftpd: ALL\n", "ALL: ALL\n",
		"in.tftpd", "10.1.2.6", nullptr, false},
	    {"s?hd, ftpd: ALL\n", "ALL: ALL\n", "sshd", "10.1.2.6", nullptr,
		true},
	    {"ALL: [::1]\n", "ALL: ALL\n", "sshd", "::1", nullptr, true},
	    {"ALL: [::]/0\n", "ALL: ALL\n", "sshd", "::1", nullptr, true},
	    {"ALL: [2001:db8::]/32\n", "ALL: ALL\n", "sshd", "2001:db8::5",
		nullptr, true},
	    {"ALL: [2001:db8::]/32\n", "ALL: ALL\n", "sshd", "2001:db9::5",
		nullptr, false},
	    {"ALL: [2001:DB8::5]\n", "ALL: ALL\n", "sshd", "2001:db8::5",
		nullptr, true},
	    {"ALL: 10.1.2.5\n", "ALL: ALL\n", "sshd", "::ffff:10.1.2.5",
		nullptr, true},
	    {"ALL: 10.1.2.\n", "ALL: ALL\n", "sshd", "::ffff:10.1.2.5",
		nullptr, true},
	    {"ALL: 10.0.0.0/8\n", "ALL: ALL\n", "sshd", "::ffff:10.1.2.5",
		nullptr, true},
	    {"ALL: UNKNOWN\n", "ALL: ALL\n", "sshd", "10.1.2.5", nullptr,
		true},
	    {"ALL: KNOWN\n", "ALL: ALL\n", "sshd", "10.1.2.5", nullptr, false},
	    {"ALL: LOCAL\n", "ALL: ALL\n", "sshd", "10.1.2.5", nullptr, false},
	    {"ALL: ALL: allow\n", "ALL: ALL\n", "sshd", "10.1.2.5", nullptr,
		true},
	    {"ALL: ALL: DENY\n", "", "sshd", "10.1.2.5", nullptr, false},
	    {"", "ALL: ALL: allow\n", "sshd", "10.1.2.5", nullptr, true},
	    {"", "sshd: 10.1.2.5: deny\nALL: ALL: allow\n", "sshd", "10.1.2.5",
		nullptr, false},
	    {"ALL: ALL: spawn echo hi\n", "ALL: ALL\n", "sshd", "10.1.2.5",
		nullptr, true},
	    {"ALL: ALL@10.1.2.5\n", "ALL: ALL\n", "sshd", "10.1.2.5", nullptr,
		true},
	    {"sshd: 10.1.2.5\\\n 10.1.2.6\n", "ALL: ALL\n", "sshd",
		"10.1.2.6", nullptr, true},
	    {"sshd: 10.1.2.\\\n6\n", "ALL: ALL\n", "sshd", "10.1.2.6",
		nullptr, true},
	    {"# sshd: 10.1.2.5\\\nsshd: 10.1.2.6\n", "ALL: ALL\n", "sshd",
		"10.1.2.6", nullptr, false},
	    {"sshd : 10.1.2.6 , 10.1.2.7\n", "ALL: ALL\n", "sshd", "10.1.2.7",
		nullptr, true},
	    {"sshd,,ftpd :,10.1.2.7,\n", "ALL: ALL\n", "ftpd", "10.1.2.7",
		nullptr, true},
	    {"sshd@10.0.0.: ALL\n", "ALL: ALL\n", "sshd", "10.1.2.5",
		nullptr, false},
	    {"ALL: LOCAL\n", "ALL: ALL\n", "sshd", "10.9.9.8", "bar", true},
	    {"ALL: LOCAL\n", "ALL: ALL\n", "sshd", "10.9.9.9",
		"foo.example.com", false},
	    {"ALL: KNOWN\n", "ALL: ALL\n", "sshd", "10.9.9.8", "bar", true},
	    {"ALL: UNKNOWN\n", "ALL: ALL\n", "sshd", "10.9.9.8", "bar", false},
	    {"ALL: PARANOID\n", "ALL: ALL\n", "sshd", "10.9.9.8", "bar",
		false},
	    {"ALL: ALL EXCEPT LOCAL\n", "ALL: ALL\n", "sshd", "10.9.9.8",
		"bar", false},
	    {"ALL: .example.com\n", "ALL: ALL\n", "sshd", "10.9.9.9",
		"foo.example.com", true},
	    {"ALL: .EXAMPLE.com\n", "ALL: ALL\n", "sshd", "10.9.9.9",
		"foo.example.com", true},
	    {"ALL: .example.com\n", "ALL: ALL\n", "sshd", "2001:db8::9",
		"v6host.example.net", false},
	    {"ALL: .example.net\n", "ALL: ALL\n", "sshd", "2001:db8::9",
		"v6host.example.net", true},
	    {"ALL: example.com\n", "ALL: ALL\n", "sshd", "10.9.9.9",
		"foo.example.com", false},
	    {"ALL: foo.\n", "ALL: ALL\n", "sshd", "10.9.9.9",
		"foo.example.com", true},
	    {"ALL: f*.example.com\n", "ALL: ALL\n", "sshd", "10.9.9.9",
		"foo.example.com", true},
	    {"ALL: *.com\n", "ALL: ALL\n", "sshd", "10.9.9.9",
		"foo.example.com", true},
	    {"ALL: fo?.example.com\n", "ALL: ALL\n", "sshd", "10.9.9.9",
		"foo.example.com", true},
	    {"ALL: f?.example.com\n", "ALL: ALL\n", "sshd", "10.9.9.9",
		"foo.example.com", false},
	    {"ALL: FOO.example.com\n", "ALL: ALL\n", "sshd", "10.9.9.9",
		"foo.example.com", true},
	    {"ALL: .example.com EXCEPT foo.example.com\n", "ALL: ALL\n",
		"sshd", "10.9.9.9", "foo.example.com", false},
	    {"ALL: .example.com EXCEPT foo.example.com\n", "ALL: ALL\n",
		"sshd", "10.9.9.6", "mixed.example.com", true},
	    {"ALL: 10.9.9.\n", "ALL: ALL\n", "sshd", "10.9.9.8", "bar", true},
	    {"ALL: LOCAL\nALL: .example.com EXCEPT mixed.example.com\n",
		"ALL: ALL\n", "sshd", "10.9.9.6", "mixed.example.com", false},
	    {"", "ALL: some.host.name, .some.domain\nALL EXCEPT in.fingerd: "
		"other.host.name, .example.com\n", "in.fingerd", "10.9.9.9",
		"foo.example.com", true},
	    {"", "ALL: some.host.name, .some.domain\nALL EXCEPT in.fingerd: "
		"other.host.name, .example.com\n", "in.telnetd", "10.9.9.9",
		"foo.example.com", false},
	};
	for (const auto &c : cases) {
		std::istringstream a(c.allow), d(c.deny);
		auto pa = net::parse_hosts_access(a, "hosts.allow");
		auto pd = net::parse_hosts_access(d, "hosts.deny");
		CHECK_TEXT(!pa.has_errors() && !pd.has_errors(), c.allow);
		net::access_table ta("hosts.allow", std::move(pa.entries));
		net::access_table td("hosts.deny", std::move(pd.entries));
		auto dec = net::decide_access(ta, td,
		    req(c.daemon, c.client, c.name));
		std::string what = std::string(c.allow) + "|" + c.deny + "|" +
		    c.daemon + "|" + c.client;
		CHECK_EQUAL_TEXT(c.granted, dec.granted, what.c_str());
	}
}

TEST(hosts_access, hostname_needed_only_for_daemons_with_name_rules)
{
	auto t = table("in.ftpd: .example.com\n"
		       "in.tftpd: 10.0.0.0/8\n"
		       "ALL EXCEPT in.telnetd: [::1]\n");
	CHECK(t.needs_hostname());
	CHECK(t.needs_hostname_for(req("in.ftpd", "10.1.2.3")));
	CHECK_FALSE(t.needs_hostname_for(req("in.tftpd", "10.1.2.3")));
	CHECK_FALSE(t.needs_hostname_for(req("in.telnetd", "10.1.2.3")));
	auto all = table("ALL: LOCAL\n");
	CHECK(all.needs_hostname_for(req("anything", "10.1.2.3")));
	auto none = table("ALL: 10.0.0.0/8\n");
	CHECK_FALSE(none.needs_hostname());
	CHECK_FALSE(none.needs_hostname_for(req("sshd", "10.1.2.3")));
}

namespace {

// decide_access_by_address as text: "granted file:line", "denied
// file:line", "granted" (no rule) or "undecided".
std::string
by_address(const net::access_table &allow, const net::access_table &deny,
    const char *daemon, const char *client)
{
	auto d = net::decide_access_by_address(allow, deny,
	    req(daemon, client));
	if (!d)
		return "undecided";
	std::string out = d->granted ? "granted" : "denied";
	if (!d->where().empty())
		out += " " + d->where();
	return out;
}

} // namespace

TEST(hosts_access, decided_by_address_until_a_name_rule_could_apply)
{
	auto allow = table("sshd: 10.0.0.0/8\n"
			   "sshd: 192.0.2.9 : deny\n"
			   "sshd: .example.com\n"
			   "sshd: 198.51.100.1\n",
	    "hosts.allow");
	auto deny = table("in.tftpd: .example.com\n"
			  "ALL: ALL\n",
	    "hosts.deny");
	struct {
		const char *daemon;
		const char *client;
		const char *want;
	} cases[] = {
	    // Numeric rules before the name rule decide without a lookup.
	    {"sshd", "10.1.2.3", "granted hosts.allow:1"},
	    {"sshd", "192.0.2.9", "denied hosts.allow:2"},
	    // Past them the name rule could match: the name is needed, even
	    // for a client a later numeric rule names.
	    {"sshd", "198.51.100.1", "undecided"},
	    {"sshd", "203.0.113.1", "undecided"},
	    // Another daemon skips the sshd rules and is decided by ALL:
	    // ALL; in.tftpd has a name rule in hosts.deny before it.
	    {"in.ftpd", "10.1.2.3", "denied hosts.deny:2"},
	    {"in.tftpd", "10.1.2.3", "undecided"},
	};
	for (const auto &c : cases)
		STRCMP_EQUAL_TEXT(c.want,
		    by_address(allow, deny, c.daemon, c.client).c_str(),
		    c.client);
	// No rule at all: granted by default, as decide_access does.
	STRCMP_EQUAL("granted", by_address(net::access_table(),
				    net::access_table(), "sshd", "10.1.2.3")
				    .c_str());
}

TEST(hosts_access, by_address_agrees_with_decide_access_when_it_decides)
{
	const char *allows[] = {"", "ALL: 10.0.0.0/8\n",
	    "sshd: [::1] 127.0.0.1\nALL: LOCAL\n", "ALL EXCEPT sshd: ALL\n",
	    "sshd: ALL EXCEPT 10.1.\n"};
	const char *denies[] = {"", "ALL: ALL\n", "sshd: UNKNOWN\nALL: ALL\n",
	    "ALL: 10.1.2.3 : allow\n"};
	const char *clients[] = {"10.1.2.3", "127.0.0.1", "::1", "192.0.2.1",
	    "::ffff:10.1.2.3"};
	for (const char *a : allows)
		for (const char *dn : denies)
			for (const char *c : clients) {
				auto ta = table(a, "hosts.allow");
				auto td = table(dn, "hosts.deny");
				auto r = req("sshd", c);
				auto quick = net::decide_access_by_address(ta,
				    td, r);
				if (!quick)
					continue;
				auto full = net::decide_access(ta, td, r);
				std::string what = std::string(a) + "|" + dn +
				    "|" + c;
				CHECK_EQUAL_TEXT(full.granted, quick->granted,
				    what.c_str());
				CHECK_EQUAL_TEXT(full.line, quick->line,
				    what.c_str());
			}
}

namespace {

// Netgroups, files and ident answers from the test: each lookup counted,
// so that a test sees which were made.
class fake_lookups : public net::access_lookups {
public:
	// group -> hosts (names or addresses)
	std::vector<std::pair<std::string, std::string>> netgroup;
	std::vector<std::pair<std::string, std::string>> files;
	std::string user = "unknown";
	int netgroup_calls = 0, file_calls = 0, user_calls = 0;

	bool
	in_netgroup(const std::string &group, const std::string &host) override
	{
		netgroup_calls++;
		for (const auto &[g, h] : netgroup)
			if (g == group && h == host)
				return true;
		return false;
	}

	std::optional<std::string>
	read_file(const std::string &path) override
	{
		file_calls++;
		for (const auto &[p, text] : files)
			if (p == path)
				return text;
		return std::nullopt;
	}

	std::string
	client_user() override
	{
		user_calls++;
		return user;
	}
};

net::access_request
with(net::access_request r, fake_lookups &l)
{
	r.lookups = &l;
	return r;
}

} // namespace

TEST(hosts_access, netgroups_match_the_verified_name_or_the_address)
{
	fake_lookups l;
	l.netgroup = {{"trusted", "gw.example"}, {"trusted", "10.1.2.4"},
	    {"Mixed", "h.example"}};
	auto t = table("sshd: @trusted\n"
		       "ftpd: @mixed\n"
		       "rshd: @Mixed\n"
		       "telnetd: ALL EXCEPT @trusted\n");
	CHECK(t.needs_hostname());
	CHECK(t.match(with(req("sshd", "10.1.2.5", "gw.example"), l)) !=
	    nullptr);
	CHECK(t.match(with(req("sshd", "10.1.2.4"), l)) != nullptr);
	CHECK(t.match(with(req("sshd", "::ffff:10.1.2.4"), l)) != nullptr);
	CHECK(t.match(with(req("sshd", "10.1.2.3"), l)) == nullptr);
	// An unverified name is not asked about.
	auto liar = with(req("sshd", "10.1.2.3", "gw.example"), l);
	liar.paranoid = true;
	CHECK(t.match(liar) == nullptr);
	// NIS names are case-sensitive.
	CHECK(t.match(with(req("ftpd", "10.1.2.9", "h.example"), l)) ==
	    nullptr);
	CHECK(t.match(with(req("rshd", "10.1.2.9", "h.example"), l)) !=
	    nullptr);
	CHECK(t.match(with(req("telnetd", "10.1.2.4"), l)) == nullptr);
	CHECK(t.match(with(req("telnetd", "10.1.2.3"), l)) != nullptr);
	// Without lookups a netgroup has no members.
	CHECK(t.match(req("sshd", "10.1.2.4")) == nullptr);
	// A netgroup rule is not decided on the address alone.
	net::access_table none;
	CHECK_FALSE(net::decide_access_by_address(t, none,
	    req("sshd", "10.1.2.4")).has_value());
}

TEST(hosts_access, file_patterns_are_read_when_matched)
{
	fake_lookups l;
	l.files = {{"/etc/trusted", "# our hosts\n"
				    "10.1.2.  .example.com # and a domain\n"
				    "2001:db8::/32 [2001:db9::1]\n"
				    "@ops /etc/more\n"
				    "10.0.0.1/8\n"},
	    {"/etc/more", "192.0.2.7\n/etc/loop\n"},
	    {"/etc/loop", "/etc/loop 198.51.100.1\n"}};
	l.netgroup = {{"ops", "203.0.113.1"}};
	auto t = table("sshd: /etc/trusted\n"
		       "ftpd: /etc/missing\n"
		       "rshd: ALL EXCEPT /etc/trusted\n");
	CHECK(t.has_files());
	CHECK(t.needs_hostname());
	auto yes = [&](const char *daemon, const char *client,
		       const char *name = nullptr) {
		return t.match(with(req(daemon, client, name), l)) != nullptr;
	};
	CHECK(yes("sshd", "10.1.2.3"));
	CHECK(yes("sshd", "10.9.9.9", "h.example.com"));
	CHECK(yes("sshd", "2001:db8::5"));
	CHECK(yes("sshd", "2001:db9::1"));
	CHECK(yes("sshd", "203.0.113.1"));
	CHECK(yes("sshd", "192.0.2.7"));
	// A file naming itself is followed to a bound, then its other
	// patterns count as usual.
	CHECK(yes("sshd", "198.51.100.1"));
	// The malformed word matches nothing; comment words are no patterns.
	CHECK_FALSE(yes("sshd", "10.0.0.1"));
	CHECK_FALSE(yes("sshd", "10.9.9.9", "our"));
	CHECK_FALSE(yes("sshd", "192.0.2.8"));
	CHECK_FALSE(yes("ftpd", "10.1.2.3"));
	CHECK_FALSE(yes("rshd", "10.1.2.3"));
	CHECK(yes("rshd", "192.0.2.8"));
	// Read at every match, so an edit counts at once.
	int before = l.file_calls;
	CHECK(yes("sshd", "10.1.2.3"));
	CHECK(l.file_calls > before);
	l.files[0].second = "192.0.2.99\n";
	CHECK_FALSE(yes("sshd", "10.1.2.3"));
}

TEST(hosts_access, host_files_parse_with_diagnostics)
{
	std::istringstream in("10.1.2.3 host.example # comment 10.0.0.1\n"
			      "\n"
			      "10.0.0.1/8 ::1 fe80::/10 ALL\n"
			      "b$d\n");
	auto p = net::parse_host_file(in, "/etc/trusted");
	LONGS_EQUAL(7, p.entries.size());
	LONGS_EQUAL(2, p.diagnostics.size());
	STRCMP_EQUAL("/etc/trusted:3: host bits set in '10.0.0.1/8', "
		     "matches nothing",
	    p.diagnostics[0].str().c_str());
	STRCMP_CONTAINS("/etc/trusted:4: bad host pattern 'b$d'",
	    p.diagnostics[1].str().c_str());
	using kind = net::host_pattern::kind;
	CHECK(p.entries[2].what == kind::never);
	CHECK(p.entries[3].what == kind::network);
	CHECK(p.entries[4].what == kind::network);
	CHECK(p.entries[5].what == kind::all);
}

TEST(hosts_access, user_at_host_asks_ident_only_when_the_host_matches)
{
	fake_lookups l;
	l.user = "Alice";
	auto t = table("ftpd: alice@10.1.2.0/24\n"
		       "telnetd: KNOWN@ALL\n"
		       "rshd: UNKNOWN@ALL\n"
		       "rlogind: a*@ALL EXCEPT root@ALL\n"
		       "sshd: ALL@10.1.2.3\n"
		       "fingerd: alice@@trusted\n");
	auto ask = [&](const char *daemon, const char *client) {
		return t.match(with(req(daemon, client), l)) != nullptr;
	};
	CHECK(ask("ftpd", "10.1.2.3"));
	LONGS_EQUAL(1, l.user_calls);
	CHECK_FALSE(ask("ftpd", "10.1.3.3"));
	LONGS_EQUAL(1, l.user_calls);	// the host did not match: not asked
	CHECK(ask("telnetd", "10.1.3.3"));
	CHECK_FALSE(ask("rshd", "10.1.3.3"));
	CHECK(ask("rlogind", "10.1.3.3"));
	l.user = "root";
	CHECK_FALSE(ask("rlogind", "10.1.3.3"));
	l.user = "unknown";
	CHECK_FALSE(ask("ftpd", "10.1.2.3"));
	CHECK_FALSE(ask("telnetd", "10.1.3.3"));
	CHECK(ask("rshd", "10.1.3.3"));
	// ALL@host needs no answer.
	int calls = l.user_calls;
	CHECK(ask("sshd", "10.1.2.3"));
	LONGS_EQUAL(calls, l.user_calls);
	CHECK_FALSE(table("sshd: ALL@10.1.2.3\n").needs_hostname_for(
	    req("sshd", "10.1.2.3")));
	// Netgroup after the user part.
	l.user = "alice";
	l.netgroup = {{"trusted", "10.1.2.9"}};
	CHECK(ask("fingerd", "10.1.2.9"));
	CHECK_FALSE(ask("fingerd", "10.1.2.8"));
	// One answer per request, however many patterns ask.
	auto many = table("ALL: bob@ALL carol@ALL dave@ALL\n");
	l.user_calls = 0;
	CHECK(many.match(with(req("x", "10.1.2.3"), l)) == nullptr);
	LONGS_EQUAL(1, l.user_calls);
	// Without lookups the user is unknown.
	CHECK(t.match(req("rshd", "10.1.3.3")) != nullptr);
	// A user rule is not decided on the address alone.
	net::access_table none;
	CHECK_FALSE(net::decide_access_by_address(t, none,
	    req("ftpd", "10.1.2.3")).has_value());
	CHECK(t.needs_hostname_for(req("ftpd", "10.1.2.3")));
}

TEST(hosts_access, percent_expansions_are_shell_safe)
{
	auto values = [](char c) -> std::string {
		switch (c) {
		case 'a':
			return "192.0.2.1";
		case 'h':
			return "evil;rm -rf $HOME`x`.example";
		case 'u':
			return "root|(x)";
		case 'd':
			return "in.ftpd";
		}
		return "?";
	};
	STRCMP_EQUAL("echo 192.0.2.1 in.ftpd 100%",
	    net::expand_percent("echo %a %d 100%%", values).c_str());
	STRCMP_EQUAL("finger @evil_rm_-rf__HOME_x_.example",
	    net::expand_percent("finger @%h", values).c_str());
	STRCMP_EQUAL("root__x_", net::expand_percent("%u", values).c_str());
	// An unknown letter is nothing; a '%' at the end stays.
	STRCMP_EQUAL("ab %", net::expand_percent("a%zb %", values).c_str());
	// Only the expansions are changed, never the rule's own text.
	STRCMP_EQUAL("(a | b) & 192.0.2.1",
	    net::expand_percent("(a | b) & %a", values).c_str());
	int calls = 0;
	(void)net::expand_percent("none here", [&](char) {
		calls++;
		return std::string();
	});
	LONGS_EQUAL(0, calls);
}

TEST(hosts_access, ident_replies)
{
	auto user = [](const char *reply) {
		auto u = net::parse_ident_reply(reply, 6191, 23);
		return u ? *u : std::string("(none)");
	};
	STRCMP_EQUAL("alice", user("6191 , 23 : USERID : UNIX : alice\r\n")
				  .c_str());
	STRCMP_EQUAL("alice", user("6191,23:USERID:UNIX,UTF-8:alice").c_str());
	STRCMP_EQUAL("a:b", user("6191 , 23 : USERID : OTHER : a:b x\r\n")
				.c_str());
	STRCMP_EQUAL("(none)", user("6191 , 23 : ERROR : NO-USER\r\n")
				   .c_str());
	STRCMP_EQUAL("(none)", user("6192 , 23 : USERID : UNIX : alice")
				   .c_str());
	STRCMP_EQUAL("(none)", user("6191 , 24 : USERID : UNIX : alice")
				   .c_str());
	STRCMP_EQUAL("(none)", user("6191 , 23 : USERID : UNIX :  \r\n")
				   .c_str());
	STRCMP_EQUAL("(none)", user("6191 , 23 : USERID : : alice").c_str());
	STRCMP_EQUAL("(none)", user("").c_str());
	STRCMP_EQUAL("(none)", user("::::").c_str());
	STRCMP_EQUAL("(none)", user("x , 23 : USERID : UNIX : a").c_str());
	STRCMP_EQUAL("(none)", user(("6191 , 23 : USERID : UNIX : " +
	    std::string(300, 'a')).c_str()).c_str());
}

// Decisions with the new pattern kinds, each checked with tcpdmatch
// (Debian tcpd 7.6.q-32) on the same files, with /etc/netgroup holding
// "trusted (gw.example,-,) (10.1.2.4,-,)", nsswitch "netgroup: files",
// gw.example at 10.1.2.5 in /etc/hosts, a pattern file /tmp/pats of
// "10.1.2." and "# comment", and the client asked as user@address.
// tcpdmatch matched the netgroup by name only: 10.1.2.4 was denied
// there, and is granted here, where the address is asked too.
TEST(hosts_access, new_patterns_agree_with_tcpdmatch)
{
	fake_lookups l;
	l.netgroup = {{"trusted", "gw.example"}, {"trusted", "10.1.2.4"}};
	l.files = {{"/tmp/pats", "10.1.2.\n# comment\n"}};
	struct oracle_case {
		const char *allow;
		const char *daemon;
		const char *client;
		const char *name;
		const char *user;
		bool granted;
	};
	const oracle_case cases[] = {
	    {"sshd: @trusted\n", "sshd", "10.1.2.5", "gw.example", nullptr,
		true},
	    {"sshd: @trusted\n", "sshd", "10.1.2.3", nullptr, nullptr, false},
	    {"sshd: @trusted\n", "sshd", "10.1.2.6", nullptr, nullptr, false},
	    {"ftpd: alice@ALL\n", "ftpd", "10.1.2.3", nullptr, "alice", true},
	    {"ftpd: alice@ALL\n", "ftpd", "10.1.2.3", nullptr, "bob", false},
	    {"ftpd: alice@ALL\n", "ftpd", "10.1.2.3", nullptr, nullptr, false},
	    {"telnetd: KNOWN@ALL\n", "telnetd", "10.1.2.3", nullptr, "bob",
		true},
	    {"telnetd: KNOWN@ALL\n", "telnetd", "10.1.2.3", nullptr, nullptr,
		false},
	    {"rshd: UNKNOWN@ALL\n", "rshd", "10.1.2.3", nullptr, "alice",
		false},
	    {"rshd: UNKNOWN@ALL\n", "rshd", "10.1.2.3", nullptr, nullptr,
		true},
	    {"fingerd: /tmp/pats\n", "fingerd", "10.1.2.3", nullptr, nullptr,
		true},
	    {"fingerd: /tmp/pats\n", "fingerd", "10.1.3.3", nullptr, nullptr,
		false},
	    {"fingerd: /tmp/none\n", "fingerd", "10.1.2.3", nullptr, nullptr,
		false},
	    {"ftpd: 10.1.2.3 10.0.0.1/8\n", "ftpd", "10.1.2.3", nullptr,
		nullptr, true},
	    {"telnetd: ALL EXCEPT 10.0.0.1/8\n", "telnetd", "10.1.2.3",
		nullptr, nullptr, true},
	    {"nocolon 10.1.2.3\n", "nocolon", "10.1.2.3", nullptr, nullptr,
		false},
	    {"sshd: 10.1.2.3: bogus\n", "sshd", "10.1.2.3", nullptr, nullptr,
		false},
	    {"a: 10.1.2.3:\n", "a", "10.1.2.3", nullptr, nullptr, false},
	    {"c: 10.1.2.3: severity = auth.info: allow\n", "c", "10.1.2.3",
		nullptr, nullptr, true},
	    {"h: 10.1.2.3: nice: allow\n", "h", "10.1.2.3", nullptr, nullptr,
		true},
	    {"n: 10.1.2.3: umask 0777: allow\n", "n", "10.1.2.3", nullptr,
		nullptr, true},
	    {"p: ALL EXCEPT\n", "p", "10.1.2.3", nullptr, nullptr, true},
	    {"q: EXCEPT ALL\n", "q", "10.1.2.3", nullptr, nullptr, false},
	};
	net::access_table deny = table("ALL: ALL\n", "hosts.deny");
	for (const auto &c : cases) {
		std::istringstream a(c.allow);
		auto pa = net::parse_hosts_access(a, "hosts.allow");
		net::access_table ta("hosts.allow", std::move(pa.entries));
		l.user = c.user != nullptr ? c.user : "unknown";
		auto dec = net::decide_access(ta, deny,
		    with(req(c.daemon, c.client, c.name), l));
		std::string what = std::string(c.allow) + "|" + c.client;
		CHECK_EQUAL_TEXT(c.granted, dec.granted, what.c_str());
	}
}
