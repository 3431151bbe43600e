// named_boot.h: named.boot(5), the boot file of BIND 4 named.
//
//   directory path
//   primary zone file
//   secondary zone addr... [backup-file]      (up to 10 addresses)
//   stub zone addr... [backup-file]
//   cache . file
//   forwarders addr...
//   slave
//   sortlist net...
//   xfrnets net[&mask]...                     (alias tcplist)
//   bogusns addr...
//   limit transfers-in|transfers-per-ns|files N
//   limit datasize N[k|m|g]
//   options no-recursion|no-fetch-glue|query-log|forward-only|fake-iquery...
//   check-names primary|secondary|response warn|fail|ignore
//   include file
//   key name algorithm secret-file            (ours: TSIG keys)
//   server address key name                   (ours: sign what we send
//                                               that server with the key)
//   rate-limit setting value [setting value]... (ours: response rate
//                                               limiting; see below)
//   rate-limit exempt network...
//   rate-limit log-only
//   cookies yes|no|require [secret-file]      (ours: DNS cookies)
//   domain name / suffixes ...                (obsolete: warned, ignored)
//
// ";" starts a comment; a line cannot be continued.  The parser is pure:
// addresses must be literals, and include files are opened through the
// caller's include_opener.
#pragma once

#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "libnet/addr.h"
#include "libnet/diag.h"
#include "libnet/parse_file.h"

namespace net {

// The file and line an entry came from (an included file: its path).
struct boot_place {
	std::string origin;
	unsigned line = 0;		// 0: not in the file, a default
};

enum class boot_zone_type { primary, secondary, stub, cache };

// One zone line.
struct boot_zone {
	boot_zone_type type = boot_zone_type::primary;
	std::string name;		// absolute text ("Berkeley.Edu.", ".")
	// primary, cache: the data; secondary, stub: the backup copy of the
	// transferred zone, empty when the line names none.
	std::string file;
	std::vector<address> masters;	// secondary, stub: in the order tried
	std::string directory;		// in effect at this line; empty: none
	boot_place where;

	// file under directory when it is relative; empty without a file.
	std::string path() const;
};

// An address of forwarders or bogusns.
struct boot_address {
	address addr;
	boot_place where;
};

// A network of sortlist or xfrnets.
struct boot_network {
	cidr net;
	boot_place where;
};

// A number given by a limit line.
struct boot_limit {
	std::uint64_t value = 0;
	boot_place where;
};

enum class boot_check { warn, fail, ignore };

// What check-names says for one kind of data (where.line 0: the default).
struct boot_check_names {
	boot_check action = boot_check::warn;
	boot_place where;
};

// A TSIG key: ours, not BIND 4's.  The secret is read by named, not here.
struct boot_key {
	std::string name;		// absolute text
	std::string algorithm;		// lower case, e.g. "hmac-sha256"
	std::string secret_file;
	std::string directory;		// in effect at this line
	boot_place where;

	// secret_file under directory when it is relative.
	std::string path() const;
};

// A server line: what named sends to address (SOA queries and transfer
// requests to a master, NOTIFY to a secondary) is signed with the key,
// and the answers must be signed with it.  Ours, as BIND 8's server
// statement's keys.  The key must be given by a key line (before or
// after); one line per address.
struct boot_server {
	address addr;			// unmapped
	std::string key;		// absolute text
	boot_place where;
};

// Response rate limiting, from rate-limit lines: each sets the settings it
// names (responses, nodata, nxdomains, referrals, errors: per second;
// window, slip, ipv4-prefix, ipv6-prefix, table-size), a later line's
// value winning; "exempt" lines add networks.  Unset rates follow
// responses; unset others keep named's defaults.
struct boot_rate_limit {
	std::optional<unsigned> responses;
	std::optional<unsigned> nodata;
	std::optional<unsigned> nxdomains;
	std::optional<unsigned> referrals;
	std::optional<unsigned> errors;
	std::optional<unsigned> window;
	std::optional<unsigned> slip;
	std::optional<unsigned> ipv4_prefix;
	std::optional<unsigned> ipv6_prefix;
	std::optional<unsigned> table_size;
	bool log_only = false;
	std::vector<boot_network> exempt;
	boot_place where;		// the last rate-limit line
};

enum class boot_cookie_mode { yes, no, require };

// The cookies line: answer cookies (yes, the default), ignore them (no),
// or answer UDP queries without a valid server cookie with BADCOOKIE
// (require).  The secret file (32 hex digits, then optionally the
// previous secret's on a second line) is read by named, not here.
struct boot_cookies {
	boot_cookie_mode mode = boot_cookie_mode::yes;
	std::string secret_file;	// empty: a random secret at start
	std::string directory;		// in effect at this line
	boot_place where;

	// secret_file under directory when it is relative; empty without.
	std::string path() const;
};

// The options line's flags, each with the line that set it.
struct boot_options {
	std::optional<boot_place> no_recursion;
	std::optional<boot_place> no_fetch_glue;
	std::optional<boot_place> query_log;
	std::optional<boot_place> forward_only;
	std::optional<boot_place> fake_iquery;
};

// A boot file and everything it includes, read in order.
struct named_boot {
	std::string directory;		// the last directory line's
	boot_place directory_where;
	std::vector<boot_zone> zones;	// in the order of the lines
	std::vector<boot_address> forwarders;
	std::optional<boot_place> slave;
	std::vector<boot_network> sortlist;
	std::vector<boot_network> xfrnets;
	std::vector<boot_address> bogusns;
	std::optional<boot_limit> transfers_in;
	std::optional<boot_limit> transfers_per_ns;
	std::optional<boot_limit> datasize;	// bytes
	std::optional<boot_limit> files;
	boot_options options;
	boot_check_names check_primary{boot_check::fail, {}};
	boot_check_names check_secondary{boot_check::warn, {}};
	boot_check_names check_response{boot_check::ignore, {}};
	std::vector<boot_key> keys;
	std::vector<boot_server> servers;
	std::optional<boot_rate_limit> rate_limit;
	std::optional<boot_cookies> cookies;
	std::vector<diagnostic> diagnostics;

	// True when any diagnostic is an error (warnings do not count).
	bool has_errors() const;
};

// The deepest include nesting accepted (the boot file itself is depth 0).
constexpr unsigned boot_include_depth = 10;

// The most files one boot file may include in all (nesting alone would let
// ten include lines in each of ten files open 10^10 files).
constexpr unsigned boot_max_includes = 1000;

// The most master addresses a secondary or stub line may give.
constexpr std::size_t boot_max_masters = 10;

// Parses the boot file in (called origin in diagnostics), following its
// include lines through open (relative paths under the directory then in
// effect); a bad line is reported at file:line and left out.  Without an
// opener, include lines are errors.
named_boot parse_named_boot(std::istream &in, std::string_view origin,
    const include_opener &open = {});

// "primary", "secondary", "stub", "cache".
const char *boot_zone_type_name(boot_zone_type t);

} // namespace net
