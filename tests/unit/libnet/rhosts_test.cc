#include <sys/stat.h>

#include <sstream>
#include <string>

#include "libnet/parse_file.h"
#include "libnet/rhosts.h"

#include <CppUTest/TestHarness.h>

namespace {

net::parsed<net::rhosts_entry>
parse(const std::string &text)
{
	std::istringstream in(text);
	return net::parse_rhosts(in, "test");
}

std::vector<net::rhosts_entry>
entries(const std::string &text)
{
	auto p = parse(text);
	for (const auto &d : p.diagnostics)
		FAIL(d.str().c_str());
	return std::move(p.entries);
}

// A request from alice@trusted.example (192.0.2.7, name verified) to log
// in as alice (uid 1000).
net::rhosts_query
query()
{
	net::rhosts_query q;
	q.remote_host = "trusted.example";
	q.remote_addr = *net::address::parse("192.0.2.7");
	q.remote_user = "alice";
	q.local_user = "alice";
	q.local_uid = 1000;
	q.source = net::rhosts_source::user_rhosts;
	return q;
}

} // namespace

TEST_GROUP(rhosts){};

TEST(rhosts, parses_hosts_users_wildcards_and_comments)
{
	auto p = parse("# comment\n"
		       "\n"
		       "trusted.example\n"
		       "laidbak ez # the manual's example\n"
		       "* bob\r\n"
		       "192.0.2.9 *\n"
		       "2001:db8::9\n");
	for (const auto &d : p.diagnostics)
		FAIL(d.str().c_str());
	LONGS_EQUAL(5, p.entries.size());
	STRCMP_EQUAL("trusted.example", p.entries[0].host.c_str());
	CHECK(p.entries[0].user.empty());
	CHECK_FALSE(p.entries[0].addr.has_value());
	LONGS_EQUAL(3, p.entries[0].line);
	STRCMP_EQUAL("ez", p.entries[1].user.c_str());
	STRCMP_EQUAL("*", p.entries[2].host.c_str());
	STRCMP_EQUAL("bob", p.entries[2].user.c_str());
	CHECK(p.entries[3].addr.has_value());
	STRCMP_EQUAL("*", p.entries[3].user.c_str());
	CHECK(p.entries[4].addr && p.entries[4].addr->is_v6());
	LONGS_EQUAL(7, p.entries[4].line);
}

TEST(rhosts, host_only_line_admits_the_same_user_only)
{
	auto e = entries("trusted.example\n");
	auto q = query();
	CHECK(net::rhosts_allows(e, q));
	q.remote_user = "mallory";
	CHECK_FALSE(net::rhosts_allows(e, q));
	q = query();
	q.source = net::rhosts_source::hosts_equiv;
	CHECK(net::rhosts_allows(e, q));
	q.remote_user = "mallory";
	CHECK_FALSE(net::rhosts_allows(e, q));
}

TEST(rhosts, host_user_line_admits_that_remote_user)
{
	auto e = entries("trusted.example ez\n");
	auto q = query();
	// alice@trusted is not ez.
	CHECK_FALSE(net::rhosts_allows(e, q));
	q.remote_user = "ez";
	CHECK(net::rhosts_allows(e, q));
	// In hosts.equiv, ez may log in as anyone but the superuser.
	q.source = net::rhosts_source::hosts_equiv;
	q.local_user = "derek";
	q.local_uid = 1001;
	CHECK(net::rhosts_allows(e, q));
	q.remote_user = "derek";
	CHECK_FALSE(net::rhosts_allows(e, q));
}

TEST(rhosts, hosts_equiv_never_admits_the_superuser)
{
	auto e = entries("trusted.example\ntrusted.example root\n* *\n");
	auto q = query();
	q.source = net::rhosts_source::hosts_equiv;
	q.remote_user = "root";
	q.local_user = "root";
	q.local_uid = 0;
	CHECK_FALSE(net::rhosts_allows(e, q));
	// By uid, whatever the account is called.
	q.local_user = "toor";
	CHECK_FALSE(net::rhosts_allows(e, q));
	// By name, even with a uid left wrong by a caller.
	q.local_user = "root";
	q.local_uid = 1000;
	CHECK_FALSE(net::rhosts_allows(e, q));
	// /.rhosts, the superuser's own file, is what counts.
	q.local_uid = 0;
	q.source = net::rhosts_source::user_rhosts;
	CHECK(net::rhosts_allows(e, q));
}

TEST(rhosts, asterisk_matches_any_host_and_any_user)
{
	auto q = query();
	CHECK(net::rhosts_allows(entries("*\n"), q));
	q.remote_host.reset();
	CHECK(net::rhosts_allows(entries("*\n"), q));
	q.remote_user = "bob";
	CHECK_FALSE(net::rhosts_allows(entries("*\n"), q));
	CHECK(net::rhosts_allows(entries("* bob\n"), q));
	CHECK(net::rhosts_allows(entries("* *\n"), q));
	q = query();
	q.remote_user = "bob";
	CHECK(net::rhosts_allows(entries("trusted.example *\n"), q));
	CHECK_FALSE(net::rhosts_allows(entries("other.example *\n"), q));
}

TEST(rhosts, address_literal_matches_the_remote_address)
{
	auto q = query();
	CHECK(net::rhosts_allows(entries("192.0.2.7\n"), q));
	CHECK_FALSE(net::rhosts_allows(entries("192.0.2.8\n"), q));
	q.remote_host.reset();
	CHECK(net::rhosts_allows(entries("192.0.2.7 alice\n"), q));
	q.remote_addr = *net::address::parse("::ffff:192.0.2.7");
	CHECK(net::rhosts_allows(entries("192.0.2.7\n"), q));
	q.remote_addr = *net::address::parse("2001:db8::7");
	CHECK(net::rhosts_allows(entries("2001:DB8:0::7\n"), q));
	CHECK_FALSE(net::rhosts_allows(entries("192.0.2.7\n"), q));
}

TEST(rhosts, host_names_match_without_regard_to_case)
{
	auto q = query();
	CHECK(net::rhosts_allows(entries("TRUSTED.Example\n"), q));
	CHECK(net::rhosts_allows(entries("trusted.example.\n"), q));
	q.remote_host = "Trusted.EXAMPLE.";
	CHECK(net::rhosts_allows(entries("trusted.example\n"), q));
	CHECK_FALSE(net::rhosts_allows(entries("trusted\n"), q));
	CHECK_FALSE(net::rhosts_allows(entries("trusted.example.org\n"), q));
	// User names are case-sensitive.
	q = query();
	q.remote_user = "Alice";
	CHECK_FALSE(net::rhosts_allows(entries("trusted.example\n"), q));
	CHECK_FALSE(net::rhosts_allows(entries("trusted.example alice\n"), q));
}

TEST(rhosts, an_unverified_name_matches_no_name_entry)
{
	auto q = query();
	q.remote_host.reset();
	CHECK_FALSE(net::rhosts_allows(entries("trusted.example\n"), q));
	CHECK_FALSE(net::rhosts_allows(entries("trusted.example *\n"), q));
	// A "name" that reads as an address is never taken as a name: a
	// PTR record of "192.0.2.8" does not make a host 192.0.2.8.
	q.remote_host = "192.0.2.8";
	CHECK_FALSE(net::rhosts_allows(entries("192.0.2.8\n"), q));
	std::vector<net::rhosts_entry> by_hand(1);
	by_hand[0].host = "10.1";
	q.remote_host = "10.1";
	CHECK_FALSE(net::rhosts_allows(by_hand, q));
	by_hand[0].host = "0x7f.1";
	q.remote_host = "0x7f.1";
	CHECK_FALSE(net::rhosts_allows(by_hand, q));
	q.remote_host = "";
	CHECK_FALSE(net::rhosts_allows(entries("trusted.example\n"), q));
}

TEST(rhosts, empty_users_and_empty_files_admit_nobody)
{
	auto q = query();
	CHECK_FALSE(net::rhosts_allows({}, q));
	auto e = entries("* *\n");
	q.remote_user = "";
	CHECK_FALSE(net::rhosts_allows(e, q));
	q = query();
	q.local_user = "";
	CHECK_FALSE(net::rhosts_allows(e, q));
}

TEST(rhosts, refused_forms_and_malformed_lines_get_one_diagnostic)
{
	struct {
		const char *line;
		const char *want;
	} cases[] = {
	    {"+", "'+' (trust every host) is not supported; list hosts by "
		  "name"},
	    {"+ alice", "'+' (trust every host) is not supported; list "
			"hosts by name"},
	    {"trusted.example +", "'+' (trust every user) is not "
				  "supported; list users by name"},
	    {"+trusted.example", "'+trusted.example': a '+' prefix is not "
				 "supported; list hosts by name"},
	    {"-evil.example", "'-evil.example': '-' negation is not "
			      "supported; hosts not listed are refused "
			      "already"},
	    {"trusted.example -bob", "'-bob': '-' negation is not "
				     "supported; users not listed are "
				     "refused already"},
	    {"@staff", "'@staff': netgroups are not supported (no NIS); "
		       "list hosts by name"},
	    {"+@staff", "'+@staff': netgroups are not supported (no NIS); "
			"list hosts by name"},
	    {"-@staff", "'-@staff': '-@netgroup' negation is not "
			"supported (no NIS netgroups)"},
	    {"trusted.example +@admins", "'+@admins': netgroups are not "
					 "supported (no NIS); list users "
					 "by name"},
	    {"trusted.example @admins", "'@admins': netgroups are not "
					"supported (no NIS); list users by "
					"name"},
	    {"host user extra", "extra field 'extra', expected "
				"'host [user]'"},
	    {"bad;host", "bad host name 'bad;host'"},
	    {"*.example", "bad host name '*.example'"},
	    {"host us$er", "bad user name 'us$er'"},
	    {"host **", "bad user name '**'"},
	    {"10.1", "address '10.1' must be a full dotted quad"},
	    {"3221225991", "address '3221225991' must be a full dotted quad"},
	    {"0300.0.2.7", "address '0300.0.2.7' must be a full dotted quad"},
	    {"256.1.1.1", "bad address '256.1.1.1'"},
	    {"1.2.3.4.5", "bad address '1.2.3.4.5'"},
	    {"0xc0.0.2.7", "address '0xc0.0.2.7' must be a full dotted quad"},
	    {"::1::2", "bad address '::1::2'"},
	    {"fe80::1%lo", "bad address 'fe80::1%lo'"},
	};
	for (const auto &c : cases) {
		auto p = parse(std::string("ok.example\n# c\n") + c.line +
		    "\nok2.example bob\n");
		LONGS_EQUAL_TEXT(2, p.entries.size(), c.line);
		LONGS_EQUAL_TEXT(1, p.diagnostics.size(), c.line);
		CHECK_TEXT(p.has_errors(), c.line);
		STRCMP_EQUAL_TEXT((std::string("test:3: ") + c.want).c_str(),
		    p.diagnostics[0].str().c_str(), c.line);
	}
}

TEST(rhosts, overlong_nul_and_0xff_lines_do_not_crash)
{
	std::string text(100000, 'h');
	text += "\nok.example\n";
	text += std::string("host\0 alice\n", 12);
	text += "host \xff\n";
	std::istringstream in(text);
	auto p = net::parse_rhosts(in, "test");
	LONGS_EQUAL(1, p.entries.size());
	LONGS_EQUAL(3, p.diagnostics.size());
	STRCMP_CONTAINS("test:1: line longer than",
	    p.diagnostics[0].str().c_str());
	STRCMP_EQUAL("test:3: bad host name 'host\\000'",
	    p.diagnostics[1].str().c_str());
	STRCMP_EQUAL("test:4: bad user name '\\377'",
	    p.diagnostics[2].str().c_str());
}

TEST(rhosts, shipped_hosts_equiv_is_clean_and_trusts_nobody)
{
	auto p = net::parse_file(TOP_SRCDIR "/etc/hosts.equiv",
	    net::parse_rhosts);
	CHECK(p.ok());
	for (const auto &d : p->diagnostics)
		FAIL(d.str().c_str());
	LONGS_EQUAL(0, p->entries.size());
}

TEST(rhosts, file_safety_check)
{
	struct stat st {};
	st.st_mode = S_IFREG | 0600;
	st.st_uid = 1000;
	CHECK_FALSE(net::check_rhosts_file(st, 1000).has_value());
	st.st_mode = S_IFREG | 0644;
	CHECK_FALSE(net::check_rhosts_file(st, 1000).has_value());
	st.st_uid = 0;
	CHECK_FALSE(net::check_rhosts_file(st, 1000).has_value());

	st.st_uid = 1001;
	auto why = net::check_rhosts_file(st, 1000);
	CHECK(why.has_value());
	STRCMP_EQUAL("owned by uid 1001, not by uid 1000 or root",
	    why->c_str());

	st.st_uid = 1000;
	st.st_mode = S_IFREG | 0664;
	why = net::check_rhosts_file(st, 1000);
	CHECK(why.has_value());
	STRCMP_EQUAL("writable by group or others (mode 0664)", why->c_str());
	st.st_mode = S_IFREG | 0602;
	CHECK(net::check_rhosts_file(st, 1000).has_value());
	st.st_mode = S_IFREG | 01777;
	why = net::check_rhosts_file(st, 1000);
	STRCMP_EQUAL("writable by group or others (mode 1777)", why->c_str());

	st.st_mode = S_IFLNK | 0600;
	why = net::check_rhosts_file(st, 1000);
	CHECK(why.has_value());
	STRCMP_EQUAL("not a regular file", why->c_str());
	st.st_mode = S_IFDIR | 0700;
	CHECK(net::check_rhosts_file(st, 1000).has_value());
	st.st_mode = S_IFIFO | 0600;
	CHECK(net::check_rhosts_file(st, 1000).has_value());
}
