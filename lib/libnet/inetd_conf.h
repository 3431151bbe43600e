// inetd_conf.h: the inetd.conf(5) grammar.
//
//   [addr[,addr...]:]service socktype proto[,sndbuf=N][,rcvbuf=N]
//       wait|nowait[.max[.per-source]] user[:group|.group]
//       program|internal [argv...]
//   addr:                 (alone: the default address for later lines)
//   .include path         (a file, or every *.conf in a directory)
//
// The parser is pure: names stay names (services, users and programs are
// resolved by inetd, which knows the databases), and .include lines are
// returned for the loader to follow.
#pragma once

#include <istream>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "libnet/diag.h"

namespace net {

enum class inetd_socktype { stream, dgram };

// tcp/udp: IPv4 and IPv6 sockets; tcp4/udp4 and tcp6/udp6: one family;
// tcp46/udp46: one IPv6 socket that also accepts IPv4 (v4-mapped);
// unix: a UNIX-domain stream socket whose path is the service field.
enum class inetd_proto { tcp, udp, tcp4, udp4, tcp6, udp6, tcp46, udp46,
	unix_stream };

struct inetd_entry {
	std::vector<std::string> addresses;	// empty: the default address
	std::string service;		// name, number, or unix socket path
	inetd_socktype socktype = inetd_socktype::stream;
	inetd_proto proto = inetd_proto::tcp;
	int sndbuf = 0;			// 0: system default
	int rcvbuf = 0;
	bool wait = false;
	unsigned max_children = 0;	// 0: no limit of its own
	unsigned max_per_source = 0;	// 0: no limit of its own
	std::string user;
	std::string group;		// empty: the user's primary group
	bool internal = false;
	std::string program;		// absolute path, or the internal name
	std::vector<std::string> argv;	// argv[0] first; empty for internal
	std::string origin;
	unsigned line = 0;
	// Not empty for a line of a kind other inetds serve and this one
	// does not (Sun RPC, raw sockets): why.  Such a line is well formed,
	// so it is no parse error; only origin and line are set besides, and
	// inetd reports it as a line it cannot use.
	std::string unsupported;
};

struct inetd_include {
	std::string path;		// as written (relative to the file)
	std::string origin;
	unsigned line = 0;
};

using inetd_item = std::variant<inetd_entry, inetd_include>;

// Parses one inetd.conf file; malformed lines are skipped with a
// diagnostic naming the field, unsupported ones returned marked.
parsed<inetd_item> parse_inetd_conf(std::istream &in,
    std::string_view origin);

// Reads path and every file it includes (depth 8 at most, no file twice),
// returning the entries in reading order; unreadable files and include
// loops are diagnostics.
parsed<inetd_entry> load_inetd_conf(const std::string &path);

// "tcp", "udp6", "unix", ... as written in the file.
const char *inetd_proto_name(inetd_proto p);

// True for the stream protocols (tcp*, unix).
bool inetd_proto_is_stream(inetd_proto p);

} // namespace net
