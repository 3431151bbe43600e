// rhosts.h: hosts.equiv(5) and ~/.rhosts, the hosts and remote users that
// rshd and rlogind admit without a password, and the pure check of a
// request against them.
#pragma once

#include <sys/stat.h>
#include <sys/types.h>

#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "libnet/addr.h"
#include "libnet/diag.h"

namespace net {

// One line of hosts.equiv or .rhosts.
struct rhosts_entry {
	// A host name, "*" for any host, or an address literal (then addr is
	// set too).
	std::string host;
	std::optional<address> addr;
	// A user name, "*" for any user, or empty when the line names only a
	// host.
	std::string user;
	unsigned line = 0;
};

// Parses hosts.equiv or .rhosts: "host [user]" lines, "#" comments.  The
// BSD "+", "-" and "@netgroup" forms are refused with a diagnostic naming
// the form, like every other malformed line, and the line skipped.
parsed<rhosts_entry> parse_rhosts(std::istream &in, std::string_view origin);

// Which file the entries came from; the superuser rule depends on it.
enum class rhosts_source { hosts_equiv, user_rhosts };

// One login request as the server sees it.
struct rhosts_query {
	// The remote host's name, only when its address maps back to it (the
	// reverse lookup confirmed by a forward one); nothing otherwise, and
	// then only "*" and address entries can match.
	std::optional<std::string> remote_host;
	address remote_addr;
	std::string remote_user;
	std::string local_user;
	// 0, the default, is the superuser, whom hosts.equiv never admits.
	uid_t local_uid = 0;
	rhosts_source source = rhosts_source::user_rhosts;
};

// True when an entry admits the query: its host matches (name without
// regard to case, address literal, or "*") and its user does (empty: the
// remote user has the local user's name; otherwise that remote user, or
// "*" for any).  Always false for the superuser with hosts.equiv entries,
// and for an empty remote or local user.
bool rhosts_allows(const std::vector<rhosts_entry> &entries,
    const rhosts_query &q);

// Why a .rhosts file with status st cannot be trusted for the user with
// uid owner, or nothing when it can: it must be a regular file owned by
// that user or by root and writable by neither group nor others.  The
// caller opens the file with O_NOFOLLOW and fstat()s the descriptor it
// reads, so the file checked is the file read.
std::optional<std::string> check_rhosts_file(const struct stat &st,
    uid_t owner);

} // namespace net
