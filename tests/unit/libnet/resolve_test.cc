#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <functional>
#include <string>

#include "libnet/resolve.h"

#include "fdio.h"
#include "skip.h"

#include <CppUTest/TestHarness.h>

namespace {

// Runs fn in a child that sees hosts_text as /etc/hosts, looks names up
// in files only, and takes the first line of a name only (host.conf
// "multi off") (a private mount and network namespace; root only);
// what fn returns is what the child printed.  Empty optional: could not
// set up the namespace.
std::optional<std::string>
with_hosts(const std::string &hosts_text, std::function<std::string()> fn)
{
	if (geteuid() != 0)
		return std::nullopt;
	// The mount point is made (and removed) here: the child's tmpfs
	// vanishes with its namespace, the directory under it would not.
	char dir[] = "/tmp/resolve_test.XXXXXX";
	if (mkdtemp(dir) == nullptr)
		return std::nullopt;
	int p[2];
	if (pipe(p) != 0) {
		rmdir(dir);
		return std::nullopt;
	}
	pid_t pid = fork();
	if (pid == 0) {
		close(p[0]);
		if (unshare(CLONE_NEWNS | CLONE_NEWNET) != 0 ||
		    mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE,
			nullptr) != 0 ||
		    mount("none", dir, "tmpfs", 0, nullptr) != 0)
			_exit(3);
		std::string d(dir);
		std::ofstream(d + "/hosts") << hosts_text;
		std::ofstream(d + "/nsswitch.conf") << "hosts: files\n";
		std::ofstream(d + "/host.conf") << "multi off\n";
		if (mount((d + "/hosts").c_str(), "/etc/hosts", nullptr,
			MS_BIND, nullptr) != 0 ||
		    mount((d + "/nsswitch.conf").c_str(),
			"/etc/nsswitch.conf", nullptr, MS_BIND,
			nullptr) != 0 ||
		    mount((d + "/host.conf").c_str(), "/etc/host.conf",
			nullptr, MS_BIND, nullptr) != 0)
			_exit(3);
		std::string out = fn();
		if (write(p[1], out.data(), out.size()) < 0)
			_exit(4);
		_exit(0);
	}
	close(p[1]);
	std::string out = read_to_eof(p[0]);
	close(p[0]);
	int st = 0;
	waitpid(pid, &st, 0);
	rmdir(dir);
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
		return std::nullopt;
	return out;
}

std::string
list(const net::result<net::resolved> &r)
{
	if (!r)
		return "error: " + r.err().message();
	std::string s = r->literal ? "literal" : "name";
	for (const auto &a : r->addresses)
		s += " " + a.str();
	return s;
}

const char stock_hosts[] = "127.0.0.1\tlocalhost\n"
			   "::1\tlocalhost ip6-localhost ip6-loopback\n"
			   "10.0.0.7\tgw.example gw\n"
			   "10.0.0.8\tliar.example\n"
			   "10.0.0.9\tother.example\n"
			   "10.0.0.20\tMixed.Example.ORG\n";

} // namespace

TEST_GROUP(resolve){};

TEST(resolve, literals_need_no_lookup)
{
	auto r = net::resolve("192.0.2.1");
	CHECK(r.ok());
	CHECK(r->literal);
	STRCMP_EQUAL("literal 192.0.2.1", list(r).c_str());
	STRCMP_EQUAL("literal 2001:db8::1",
	    list(net::resolve("2001:db8::1")).c_str());
	// The classic inet_aton forms are addresses too, as in ping(8).
	STRCMP_EQUAL("literal 127.0.0.1", list(net::resolve("127.1")).c_str());
	STRCMP_EQUAL("literal 0.0.0.0", list(net::resolve("0")).c_str());
	net::resolve_options v6;
	v6.family = AF_INET6;
	CHECK_FALSE(net::resolve("192.0.2.1", v6).ok());
}

TEST(resolve, address_literals_in_every_form_and_nothing_else)
{
	// Numbers, as iputils takes them, never names to look up.
	struct {
		const char *in, *out;
	} ok[] = {
	    {"127.0.0.1", "127.0.0.1"},
	    {"127.1", "127.0.0.1"},
	    {"127.0.1", "127.0.0.1"},
	    {"0", "0.0.0.0"},
	    {"0x7f.1", "127.0.0.1"},
	    {"2130706433", "127.0.0.1"},
	    {"::1", "::1"},
	    {"fd00:9::2", "fd00:9::2"},
	    {"::", "::"},
	    {"fe80::1%1", "fe80::1%lo"},
	};
	for (const auto &c : ok) {
		auto a = net::address_literal(c.in);
		CHECK_TEXT(a.has_value(), c.in);
		STRCMP_EQUAL(c.out, a->str().c_str());
	}
	const char *names[] = {"localhost", "", "127.0.0.1.", "1.2.3.4.5",
	    "256.1.1.1", "127.1 ", " 127.1", "0x", "::1::", "host-0",
	    "127.1\n", "fd00::g"};
	for (const char *n : names)
		CHECK_TEXT(!net::address_literal(n), n);
	CHECK_FALSE(net::address_literal(std::string("127.1\0x", 7)));
}

TEST(resolve, a_literal_of_the_other_family)
{
	net::resolve_options v4, v6;
	v4.family = AF_INET;
	v6.family = AF_INET6;
	auto r = net::resolve("127.1", v6);
	CHECK_FALSE(r.ok());
	STRCMP_EQUAL("127.1: Address family for hostname not supported",
	    r.err().message().c_str());
	CHECK_FALSE(net::resolve("::1", v4).ok());
	auto ok = net::resolve("127.1", v4);
	CHECK(ok.ok());
	CHECK(ok->literal);
	STRCMP_EQUAL("127.1", ok->canonical.c_str());
}

TEST(resolve, numeric_only_refuses_names)
{
	net::resolve_options o;
	o.numeric_only = true;
	auto r = net::resolve("localhost", o);
	CHECK_FALSE(r.ok());
	LONGS_EQUAL(0, r.err().code);
	STRCMP_CONTAINS("localhost: ", r.err().message().c_str());
}

TEST(resolve, hostile_names_are_refused_and_made_printable)
{
	auto r = net::resolve(std::string("a\0b", 3));
	CHECK_FALSE(r.ok());
	r = net::resolve(std::string(2000, 'a'));
	CHECK_FALSE(r.ok());
	r = net::resolve("");
	CHECK_FALSE(r.ok());
	net::resolve_options o;
	o.numeric_only = true;
	r = net::resolve("\x1b[2Jevil", o);
	CHECK_FALSE(r.ok());
	CHECK(r.err().message().find('\x1b') == std::string::npos);
}

TEST(resolve, names_from_the_hosts_file_in_its_order)
{
	auto out = with_hosts(stock_hosts, [] {
		net::resolve_options v4, v6;
		v4.family = AF_INET;
		v6.family = AF_INET6;
		net::resolve_options canon;
		canon.canonical_name = true;
		auto c = net::resolve("gw", canon);
		return list(net::resolve("gw")) + " " +
		    (c ? c->canonical : "-") + "\n" +
		    list(net::resolve("localhost", v4)) + "\n" +
		    list(net::resolve("localhost", v6)) + "\n" +
		    list(net::resolve("gw.example", v6)) + "\n" +
		    list(net::resolve("nosuch.example")) + "\n";
	});
	if (!out)
		NET_SKIP("needs root and mount namespaces");
	STRCMP_EQUAL("name 10.0.0.7 gw.example\n"
		     "name 127.0.0.1\n"
		     "name ::1\n"
		     "error: gw.example: Address family for hostname not "
		     "supported\n"
		     "error: nosuch.example: Name or service not known\n",
	    out->c_str());
}

TEST(resolve, reverse_and_forward_confirmed)
{
	// 10.0.0.99 claims liar.example, whose (first) line gives it
	// 10.0.0.8: the reverse lookup alone would believe it.
	auto out = with_hosts(std::string(stock_hosts) +
		"10.0.0.99\tliar.example\n",
	    [] {
		    auto show = [](const char *a) {
			    auto v = net::verified_name(
				*net::address::parse(a));
			    return std::string(a) + " " +
				(v.name ? *v.name : "-") +
				(v.mismatch ? " mismatch" : "") + "\n";
		    };
		    auto rev = net::reverse_name(
			*net::address::parse("10.0.0.20"));
		    return std::string("reverse ") + (rev ? *rev : "-") +
			"\n" + show("10.0.0.7") + show("10.0.0.20") +
			show("::ffff:10.0.0.7") + show("10.0.0.99") +
			show("10.0.0.55");
	    });
	if (!out)
		NET_SKIP("needs root and mount namespaces");
	STRCMP_EQUAL("reverse Mixed.Example.ORG\n"
		     "10.0.0.7 gw.example\n"
		     "10.0.0.20 mixed.example.org\n"
		     "::ffff:10.0.0.7 gw.example\n"
		     "10.0.0.99 - mismatch\n"
		     "10.0.0.55 -\n",
	    out->c_str());
}

TEST(resolve, a_reverse_name_whose_addresses_leave_it_out_is_a_mismatch)
{
	// The reverse lookup of 10.0.0.8 gives spoofed.example, whose
	// forward lookup gives 10.0.0.9 only: not confirmed.
	auto out = with_hosts("10.0.0.9\tspoofed.example\n"
			      "10.0.0.8\tspoofed.example\n",
	    [] {
		    auto show = [](const char *a) {
			    auto v = net::verified_name(
				*net::address::parse(a));
			    return std::string(v.name ? *v.name : "-") +
				(v.mismatch ? " mismatch" : "") + "\n";
		    };
		    return show("10.0.0.8") + show("10.0.0.9");
	    });
	if (!out)
		NET_SKIP("needs root and mount namespaces");
	STRCMP_EQUAL("- mismatch\nspoofed.example\n", out->c_str());
}

TEST(resolve, a_reverse_name_that_is_an_address_is_a_mismatch)
{
	auto out = with_hosts("10.0.0.8\t10.0.0.9\n", [] {
		auto v = net::verified_name(*net::address::parse("10.0.0.8"));
		return std::string(v.name ? *v.name : "-") +
		    (v.mismatch ? " mismatch" : "");
	});
	if (!out)
		NET_SKIP("needs root and mount namespaces");
	STRCMP_EQUAL("- mismatch", out->c_str());
}
