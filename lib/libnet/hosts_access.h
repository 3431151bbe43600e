// hosts_access.h: the hosts_access(5) access control files, hosts.allow and
// hosts.deny, in the tcp_wrappers language but built in (no libwrap).
// Parsing and matching are pure: the caller opens the files, does any DNS
// lookup itself and says what it learnt about the client in the request.
#pragma once

#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "libnet/addr.h"
#include "libnet/diag.h"

namespace net {

// How a text pattern compares with a lowercased subject.
enum class text_match {
	exact,		// "host.example.com", "sshd"
	suffix,		// ".example.com", ".5": the subject ends with it
	prefix,		// "10.1.", "host.": the subject starts with it
	glob,		// "*" any run, "?" one character
};

// A lowercased pattern and the way it compares.
struct text_pattern {
	text_match how = text_match::exact;
	std::string text;

	// True when subject (already lowercased) matches.
	bool matches(std::string_view subject) const;
};

// One host pattern of a client list, or the host part of daemon@host.
struct host_pattern {
	enum class kind {
		all,		// ALL
		local,		// LOCAL: a verified name without a dot
		known,		// KNOWN: a verified name
		unknown,	// UNKNOWN: no name
		paranoid,	// PARANOID: a name that failed verification
		network,	// address, net/mask, net/len, [v6], [v6]/len
		address_text,	// "10.1." "10.1.*" ".5": the address text
		name,		// exact, ".suffix", "prefix.", glob: the name
	};

	kind what = kind::all;
	address net;		// network: the network, host bits clear
	address mask;		// network: its mask, same family
	text_pattern text;	// address_text, name

	// True when matching this pattern needs the client's host name.
	bool needs_hostname() const;
};

// One daemon pattern: a process name (or ALL) and an optional server host.
struct daemon_pattern {
	bool all = false;
	text_pattern name;
	std::optional<host_pattern> server;
};

// A list with EXCEPT: groups[0] EXCEPT groups[1] EXCEPT ..., nesting to the
// right, so a EXCEPT b EXCEPT c means a EXCEPT (b EXCEPT c).
template <class P>
struct pattern_list {
	std::vector<std::vector<P>> groups;
};

enum class access_verdict { grant, deny };

// One rule: daemon_list : client_list [: option ...].
struct access_rule {
	pattern_list<daemon_pattern> daemons;
	pattern_list<host_pattern> clients;
	// From an allow or deny option (twist and aclexec give deny); nothing
	// when the file the rule is in decides.
	std::optional<access_verdict> verdict;
	unsigned line = 0;
};

// Parses a hosts.allow or hosts.deny file; a malformed rule is skipped with
// an error naming the bad token, an ignored option is a warning.
parsed<access_rule> parse_hosts_access(std::istream &in,
    std::string_view origin);

// What the caller knows about one connection.
struct access_request {
	// The daemon's process name, argv[0] without its directory.
	std::string daemon;
	address client;
	// The client's name when it was looked up and found.
	std::optional<std::string> client_name;
	// A name was found but its forward lookup did not give the address
	// back; client_name is then not used.
	bool paranoid = false;
	// The local address the connection arrived on, when known.
	std::optional<address> server;
};

// The rules of one file, in order.
class access_table {
public:
	access_table() = default;
	// origin names the file in decisions, as in diagnostics.
	access_table(std::string origin, std::vector<access_rule> rules);

	// The first rule matching req; nullptr if none.
	const access_rule *match(const access_request &req) const;

	// The first rule matching req decided on its addresses alone, for a
	// client whose name has not been looked up: nullptr if none, with
	// *needs_name set when a rule that needs the name comes first.
	const access_rule *match_by_address(const access_request &req,
	    bool *needs_name) const;

	// True when some rule needs the client's name, so a caller does its
	// DNS lookups only then.
	bool needs_hostname() const { return needs_hostname_; }

	// True when a rule for req's daemon (and server address) needs the
	// client's name: only then must the caller look it up for req.
	bool needs_hostname_for(const access_request &req) const;

	const std::string &origin() const { return origin_; }
	const std::vector<access_rule> &rules() const { return rules_; }

private:
	std::string origin_;
	std::vector<access_rule> rules_;
	bool needs_hostname_ = false;
	std::vector<bool> rule_needs_name_;	// per rule, same order
};

// The outcome for one connection and the rule that gave it.
struct access_decision {
	bool granted = true;
	// The file and line of the deciding rule; empty and 0 when no rule
	// matched and access was granted by default.
	std::string origin;
	unsigned line = 0;

	// "origin:line" of the deciding rule, or "" for the default grant.
	std::string where() const;
};

// The hosts_access(5) order: the first matching rule of allow grants (deny
// if it says so), else the first of deny denies (grant if it says so), else
// access is granted.  A missing file is passed as an empty table.
access_decision decide_access(const access_table &allow,
    const access_table &deny, const access_request &req);

// decide_access without the client's name: the same decision when every
// rule up to the deciding one is numeric (addresses, networks, ALL), and
// nothing when a rule that needs the name comes first, so that the caller
// looks the name up only for the clients that need it.
std::optional<access_decision> decide_access_by_address(
    const access_table &allow, const access_table &deny,
    const access_request &req);

} // namespace net
