#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "libnet/inetd_conf.h"

#include <CppUTest/TestHarness.h>

namespace {

net::parsed<net::inetd_item>
parse(const std::string &text)
{
	std::istringstream in(text);
	return net::parse_inetd_conf(in, "inetd.conf");
}

const net::inetd_entry &
entry(const net::parsed<net::inetd_item> &p, std::size_t i)
{
	return std::get<net::inetd_entry>(p.entries.at(i));
}

void
write_file(const std::string &path, const std::string &text)
{
	std::ofstream(path) << text;
}

} // namespace

TEST_GROUP(inetd_conf){};

TEST(inetd_conf, the_manuals_prototype_entries)
{
	auto p = parse(
	    "ftp     stream tcp nowait root /etc/ftpd     ftpd\n"
	    "finger  stream tcp nowait sync /etc/fingerd  fingerd\n"
	    "echo    stream tcp nowait root internal\n"
	    "time    dgram  udp wait   root internal\n");
	CHECK(p.diagnostics.empty());
	LONGS_EQUAL(4, p.entries.size());
	const auto &ftp = entry(p, 0);
	STRCMP_EQUAL("ftp", ftp.service.c_str());
	CHECK(ftp.socktype == net::inetd_socktype::stream);
	CHECK(ftp.proto == net::inetd_proto::tcp);
	CHECK_FALSE(ftp.wait);
	STRCMP_EQUAL("root", ftp.user.c_str());
	CHECK(ftp.group.empty());
	STRCMP_EQUAL("/etc/ftpd", ftp.program.c_str());
	LONGS_EQUAL(1, ftp.argv.size());
	STRCMP_EQUAL("ftpd", ftp.argv[0].c_str());
	CHECK(ftp.addresses.empty());
	const auto &echo = entry(p, 2);
	CHECK(echo.internal);
	STRCMP_EQUAL("echo", echo.program.c_str());
	CHECK(echo.argv.empty());
	const auto &time = entry(p, 3);
	CHECK(time.wait);
	CHECK(time.socktype == net::inetd_socktype::dgram);
	LONGS_EQUAL(4, time.line);
	STRCMP_EQUAL("inetd.conf", time.origin.c_str());
}

TEST(inetd_conf, debian_update_inetd_lines)
{
	auto p = parse(
	    "#:STANDARD: These are standard services.\n"
	    "#<off># telnet stream tcp nowait root /usr/sbin/tcpd "
	    "/usr/sbin/telnetd\n"
	    "shell\tstream\ttcp\tnowait\troot\t/usr/sbin/tcpd\t"
	    "/usr/sbin/in.rshd\n"
	    "  # indented comment\n"
	    "ident stream tcp nowait.400 identd.nogroup /usr/sbin/identd "
	    "identd -i\n");
	CHECK(p.diagnostics.empty());
	LONGS_EQUAL(2, p.entries.size());
	STRCMP_EQUAL("/usr/sbin/in.rshd", entry(p, 0).argv[0].c_str());
	const auto &ident = entry(p, 1);
	LONGS_EQUAL(400, ident.max_children);
	STRCMP_EQUAL("identd", ident.user.c_str());
	STRCMP_EQUAL("nogroup", ident.group.c_str());
	LONGS_EQUAL(2, ident.argv.size());
}

TEST(inetd_conf, addresses_limits_buffers_and_groups)
{
	auto p = parse(
	    "127.0.0.1:echo stream tcp4 nowait.10.2 nobody:nogroup internal\n"
	    "[::1]:7 stream tcp6,sndbuf=64k,rcvbuf=1m wait.0 nobody "
	    "internal echo\n"
	    "10.0.0.1,[fe80::1%1]:tftp dgram udp wait root /usr/libexec/tftpd "
	    "tftpd -s /srv/tftp\n"
	    "*:daytime stream tcp46 nowait root internal\n"
	    "/run/x.sock stream unix nowait root /bin/cat cat\n");
	for (const auto &d : p.diagnostics)
		FAIL(d.str().c_str());
	const auto &a = entry(p, 0);
	LONGS_EQUAL(1, a.addresses.size());
	STRCMP_EQUAL("127.0.0.1", a.addresses[0].c_str());
	CHECK(a.proto == net::inetd_proto::tcp4);
	LONGS_EQUAL(10, a.max_children);
	LONGS_EQUAL(2, a.max_per_source);
	STRCMP_EQUAL("nogroup", a.group.c_str());
	const auto &b = entry(p, 1);
	STRCMP_EQUAL("[::1]", b.addresses[0].c_str());
	STRCMP_EQUAL("7", b.service.c_str());
	LONGS_EQUAL(65536, b.sndbuf);
	LONGS_EQUAL(1048576, b.rcvbuf);
	CHECK(b.wait);
	STRCMP_EQUAL("echo", b.program.c_str());
	const auto &c = entry(p, 2);
	LONGS_EQUAL(2, c.addresses.size());
	STRCMP_EQUAL("[fe80::1%1]", c.addresses[1].c_str());
	LONGS_EQUAL(3, c.argv.size());
	CHECK(entry(p, 3).addresses.empty());
	CHECK(entry(p, 3).proto == net::inetd_proto::tcp46);
	const auto &u = entry(p, 4);
	CHECK(u.proto == net::inetd_proto::unix_stream);
	STRCMP_EQUAL("/run/x.sock", u.service.c_str());
}

TEST(inetd_conf, default_address_lines)
{
	auto p = parse("127.0.0.1:\n"
		       "echo stream tcp nowait root internal\n"
		       "[::1]:discard stream tcp nowait root internal\n"
		       "*:\n"
		       "chargen stream tcp nowait root internal\n");
	CHECK(p.diagnostics.empty());
	STRCMP_EQUAL("127.0.0.1", entry(p, 0).addresses.at(0).c_str());
	STRCMP_EQUAL("[::1]", entry(p, 1).addresses.at(0).c_str());
	CHECK(entry(p, 2).addresses.empty());
}

TEST(inetd_conf, include_lines_are_returned_in_place)
{
	auto p = parse("echo stream tcp nowait root internal\n"
		       ".include inetd.d\n"
		       "time stream tcp nowait root internal\n");
	CHECK(p.diagnostics.empty());
	LONGS_EQUAL(3, p.entries.size());
	const auto &inc = std::get<net::inetd_include>(p.entries[1]);
	STRCMP_EQUAL("inetd.d", inc.path.c_str());
	LONGS_EQUAL(2, inc.line);
}

TEST(inetd_conf, every_malformed_line_gets_one_diagnostic)
{
	struct {
		const char *line;
		const char *message;
	} bad[] = {
	    {"echo stream tcp nowait root",
		"expected at least 6 fields"},
	    {"echo strem tcp nowait root internal", "unknown socket type"},
	    {"echo stream udp nowait root internal", "does not go with"},
	    {"echo dgram tcp wait root internal", "does not go with"},
	    {"echo stream sctp nowait root internal", "unknown protocol"},
	    {"echo stream tcp,sndbuf=x nowait root internal",
		"bad buffer size"},
	    {"echo stream tcp,nodelay nowait root internal",
		"unknown protocol option"},
	    {"echo stream tcp,sndbuf=999999999999 nowait root internal",
		"bad buffer size"},
	    {"echo stream tcp maybe root internal",
		"expected wait or nowait"},
	    {"echo stream tcp nowait/3/2 root internal",
		"limits are written nowait.max.per-source"},
	    {"echo stream tcp nowait.x root internal", "bad maximum"},
	    {"echo stream tcp nowait.1.x root internal",
		"bad per-source maximum"},
	    {"echo stream tcp nowait.1.2.3 root internal", "bad wait field"},
	    {"echo stream tcp nowait r$oot internal", "bad user name"},
	    {"echo stream tcp nowait root: internal", "bad group name"},
	    {"echo stream tcp nowait root bin/true true",
		"must be an absolute path"},
	    {"echo stream tcp nowait root internal echo extra",
		"at most one argument"},
	    {"7 stream tcp nowait root internal",
		"write its name after internal"},
	    {"ftp stream tcp nowait root internal",
		"no internal service named 'ftp'"},
	    {"7 stream tcp nowait root internal qotd",
		"unknown internal service 'qotd'"},
	    {"::1:echo stream tcp nowait root internal", "needs brackets"},
	    {"[::1x]:echo stream tcp nowait root internal",
		"bad IPv6 address"},
	    {"1.2.3.4,:echo stream tcp nowait root internal",
		"empty address"},
	    {"h@st:echo stream tcp nowait root internal", "bad address"},
	    {"ec/ho stream tcp nowait root internal", "bad service name"},
	    {"70000 stream tcp nowait root internal echo", "out of range"},
	    {"x.sock stream unix nowait root /bin/cat",
		"must be absolute"},
	    {".include", ".include takes exactly one path"},
	    {"bad;addr:", "bad address"},
	};
	for (const auto &b : bad) {
		auto p = parse(std::string("\n") + b.line + "\n");
		LONGS_EQUAL_TEXT(0, p.entries.size(), b.line);
		LONGS_EQUAL_TEXT(1, p.diagnostics.size(), b.line);
		STRCMP_CONTAINS_TEXT("inetd.conf:2: ",
		    p.diagnostics[0].str().c_str(), b.line);
		STRCMP_CONTAINS_TEXT(b.message,
		    p.diagnostics[0].message.c_str(), b.line);
	}
}

TEST(inetd_conf, other_inetds_lines_are_returned_marked_unsupported)
{
	// Well formed for openbsd-inetd and Debian's update-inetd: no parse
	// error, so that inetd can leave out the line and serve the rest.
	auto p = parse("echo stream tcp nowait root internal\n"
		       "rstatd/1-5 dgram rpc/udp wait root "
		       "/usr/sbin/rpc.rstatd rpc.rstatd\n"
		       "mountd/1 stream rpc/tcp,sndbuf=1k wait root /x x\n"
		       "ping raw icmp nowait root /x x\n"
		       "x seqpacket tcp nowait root /x x\n"
		       "y rdm udp wait root /x x\n"
		       "rstatd dgram rpc/udp wait root\n");
	// The last has too few fields: malformed whatever its protocol.
	LONGS_EQUAL(1, p.diagnostics.size());
	STRCMP_CONTAINS("inetd.conf:7: expected at least 6 fields",
	    p.diagnostics[0].str().c_str());
	LONGS_EQUAL(6, p.entries.size());
	CHECK(entry(p, 0).unsupported.empty());
	const char *why[] = {"rpc services are not supported",
	    "rpc services are not supported",
	    "socket type 'raw' is not supported",
	    "socket type 'seqpacket' is not supported",
	    "socket type 'rdm' is not supported"};
	for (unsigned i = 1; i < 6; i++) {
		STRCMP_EQUAL(why[i - 1], entry(p, i).unsupported.c_str());
		LONGS_EQUAL(i + 1, entry(p, i).line);
		STRCMP_EQUAL("inetd.conf", entry(p, i).origin.c_str());
	}
}

TEST(inetd_conf, too_many_arguments_and_hostile_bytes)
{
	std::string line = "x stream tcp nowait root /bin/echo";
	for (int i = 0; i < 65; i++)
		line += " a";
	auto p = parse(line + "\n");
	LONGS_EQUAL(1, p.diagnostics.size());
	STRCMP_CONTAINS("more than 64 arguments",
	    p.diagnostics[0].message.c_str());
	static const char hostile[] = "\xff\x01:echo stream tcp nowait root "
				      "internal\n\0\0\n";
	auto q = parse(std::string(hostile, sizeof hostile - 1));
	LONGS_EQUAL(0, q.entries.size());
	LONGS_EQUAL(2, q.diagnostics.size());
	// Peer-controlled bytes never reach a diagnostic unescaped.
	STRCMP_CONTAINS("\\377\\001", q.diagnostics[0].message.c_str());
}

TEST(inetd_conf, loader_follows_includes_and_catches_loops)
{
	char dir[] = "/tmp/inetdconfXXXXXX";
	CHECK(mkdtemp(dir) != nullptr);
	std::string d = dir;
	mkdir((d + "/inetd.d").c_str(), 0755);
	write_file(d + "/inetd.conf",
	    "echo stream tcp nowait root internal\n"
	    ".include inetd.d\n"
	    ".include " + d + "/missing.conf\n"
	    ".include inetd.conf\n");
	write_file(d + "/inetd.d/b.conf", "time stream tcp nowait root internal\n");
	write_file(d + "/inetd.d/a.conf",
	    "discard stream tcp nowait root internal\n"
	    "bad line\n");
	write_file(d + "/inetd.d/c.conf.dpkg-old",
	    "chargen stream tcp nowait root internal\n");
	auto p = net::load_inetd_conf(d + "/inetd.conf");
	LONGS_EQUAL(3, p.entries.size());
	STRCMP_EQUAL("echo", p.entries[0].service.c_str());
	STRCMP_EQUAL("discard", p.entries[1].service.c_str());
	STRCMP_EQUAL("time", p.entries[2].service.c_str());
	STRCMP_EQUAL((d + "/inetd.d/a.conf").c_str(),
	    p.entries[1].origin.c_str());
	LONGS_EQUAL(3, p.diagnostics.size());
	STRCMP_CONTAINS("/inetd.d/a.conf:2: expected at least 6 fields",
	    p.diagnostics[0].str().c_str());
	STRCMP_CONTAINS("/inetd.conf:3: cannot read",
	    p.diagnostics[1].str().c_str());
	STRCMP_CONTAINS("/inetd.conf:4: .include of",
	    p.diagnostics[2].str().c_str());
	STRCMP_CONTAINS("/missing.conf: No such file or directory",
	    p.diagnostics[1].str().c_str());
	// The file inetd was given has no line that named it: no ":0".
	auto none = net::load_inetd_conf(d + "/nope.conf");
	LONGS_EQUAL(1, none.diagnostics.size());
	STRCMP_EQUAL((d + "/nope.conf: cannot read: No such file or "
			  "directory").c_str(),
	    none.diagnostics[0].str().c_str());
	for (const char *f : {"/inetd.d/a.conf", "/inetd.d/b.conf",
		 "/inetd.d/c.conf.dpkg-old", "/inetd.conf"})
		unlink((d + f).c_str());
	rmdir((d + "/inetd.d").c_str());
	rmdir(dir);
}

TEST(inetd_conf, include_depth_is_bounded)
{
	char dir[] = "/tmp/inetdconfXXXXXX";
	CHECK(mkdtemp(dir) != nullptr);
	std::string d = dir;
	for (int i = 0; i < 12; i++)
		write_file(d + "/" + std::to_string(i) + ".x",
		    ".include " + std::to_string(i + 1) + ".x\n");
	write_file(d + "/12.x", "echo stream tcp nowait root internal\n");
	auto p = net::load_inetd_conf(d + "/0.x");
	LONGS_EQUAL(0, p.entries.size());
	LONGS_EQUAL(1, p.diagnostics.size());
	STRCMP_CONTAINS("nested more than 8 deep",
	    p.diagnostics[0].message.c_str());
	for (int i = 0; i <= 12; i++)
		unlink((d + "/" + std::to_string(i) + ".x").c_str());
	rmdir(dir);
}

TEST(inetd_conf, shipped_sample_prototypes_parse_when_enabled)
{
	std::ifstream in(TOP_SRCDIR "/etc/inetd.conf");
	CHECK(in.good());
	std::string text, line;
	while (std::getline(in, line)) {
		// Enable every prototype line: "#name ..." -> "name ...".
		if (line.size() > 1 && line[0] == '#' &&
		    ((line[1] >= 'a' && line[1] <= 'z') || line[1] == '.'))
			line.erase(0, 1);
		// As make install substitutes them.
		for (auto [from, to] : {std::pair{"@LIBEXECDIR@",
					    "/usr/local/libexec"},
			 std::pair{"@SYSCONFDIR@", "/etc"}})
			for (auto at = line.find(from); at != std::string::npos;
			     at = line.find(from))
				line.replace(at, std::string(from).size(), to);
		text += line + "\n";
	}
	auto p = parse(text);
	for (const auto &d : p.diagnostics)
		FAIL(d.str().c_str());
	LONGS_EQUAL(17, p.entries.size());
	CHECK(std::holds_alternative<net::inetd_include>(p.entries.back()));
	STRCMP_EQUAL("/usr/local/libexec/tftpd", entry(p, 5).program.c_str());
}
