// hosts_access.h: the hosts_access(5) access control files, hosts.allow and
// hosts.deny, in the tcp_wrappers language but built in (no libwrap), with
// the hosts_options(5) extensions.  Parsing and matching are pure: the
// caller opens the files, does any DNS lookup itself and says what it learnt
// about the client in the request; netgroups, pattern files and ident
// answers reach the matcher through an interface the caller implements.
#pragma once

#include <functional>
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

// The user part of user@host (RFC 1413 ident): the daemon pattern syntax,
// plus KNOWN; an ident lookup that gives nothing is the user "unknown".
struct user_pattern {
	enum class kind { all, known, text };
	kind what = kind::all;
	text_pattern text;

	// True when user (as the lookup gave it) matches.
	bool matches(std::string_view user) const;
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
		netgroup,	// @group: innetgr(3) of the name or address
		file,		// /path: any host pattern the file lists
		never,		// malformed: matches nothing, as in tcp_wrappers
	};

	kind what = kind::all;
	address net;		// network: the network, host bits clear
	address mask;		// network: its mask, same family
	text_pattern text;	// address_text, name
	std::string path;	// netgroup: its name (case kept); file: path
	// Client lists only: user@host, matched after the host part.
	std::optional<user_pattern> user;

	// True when matching this pattern needs the client's host name.
	bool needs_hostname() const;
	// True when matching it needs more than the client's address: a
	// name, a netgroup, a file or an ident lookup.
	bool needs_lookup() const;
};

// One daemon pattern: a process name (or ALL) and an optional server host.
struct daemon_pattern {
	bool all = false;
	bool never = false;	// malformed: matches no daemon
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

// The hosts_options(5) keywords.
enum class option_kind {
	allow, deny, severity, spawn, twist, aclexec, keepalive, linger,
	rfc931, banners, nice, setenv, umask, user, group,
};

// One option of a rule, checked as far as that can be done without
// looking anything up.
struct access_option {
	option_kind what = option_kind::allow;
	// The value as written, blanks trimmed and "\:" made ':'; the
	// commands of spawn, twist and aclexec and setenv's value are still
	// to be %-expanded (expand_percent).
	std::string value;
	// linger and rfc931 seconds, nice increment, umask bits; severity:
	// the syslog(3) level (LOG_*) and facility (0 for none).
	long number = 0;
	int facility = 0;
	// setenv: the variable; user: the user (its group is in group_name);
	// group: the group.
	std::string name;
	std::string group_name;

	// The keyword as written in files.
	const char *keyword() const;
};

// One rule: daemon_list : client_list [: option ...].
struct access_rule {
	pattern_list<daemon_pattern> daemons;
	pattern_list<host_pattern> clients;
	// The options in order, up to a bad one if there is one.
	std::vector<access_option> options;
	// An option was unknown or malformed: as tcp_wrappers does, a
	// connection this rule decides is refused (after the options before
	// the bad one have been acted on).
	bool bad_option = false;
	// From an allow or deny option, or deny after a bad option; nothing
	// when the file the rule is in decides.
	std::optional<access_verdict> verdict;
	unsigned line = 0;

	// True when a connection this rule decides needs more done than a
	// verdict and a log line: an option other than allow, deny and
	// severity acts on the server's process or runs a command.
	bool has_actions() const;
	// The syslog(3) level of a severity option, if it has one.
	std::optional<int> severity() const;
};

// Parses a hosts.allow or hosts.deny file.  Every problem is an error
// naming the bad token and the rule's first line, and the rule is then
// taken as tcp_wrappers takes it: a line without ':' (or longer than 64
// KiB) is skipped; a malformed pattern matches nothing while the rest of
// its rule stands; after a bad option, a connection the rule decides is
// refused.
parsed<access_rule> parse_hosts_access(std::istream &in,
    std::string_view origin);

// Parses a pattern file named by a /path client pattern: host patterns
// separated by blanks and newlines, '#' starting a comment.  A malformed
// pattern is an error and matches nothing.
parsed<host_pattern> parse_host_file(std::istream &in,
    std::string_view origin);

// What a rule may need beyond the request, answered by the caller; each
// is asked only when a rule gets that far, as tcp_wrappers does.
class access_lookups {
public:
	virtual ~access_lookups() = default;
	// True when host (a name or an address in text) is a host member of
	// the netgroup.
	virtual bool in_netgroup(const std::string &group,
	    const std::string &host) = 0;
	// The text of the pattern file at path; nothing when it cannot be
	// read (it then matches nothing).
	virtual std::optional<std::string> read_file(const std::string &path)
	    = 0;
	// The client's user name from its ident server, or "unknown".
	virtual std::string client_user() = 0;
};

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
	// Netgroups, pattern files and ident; without it a netgroup has no
	// members, a file cannot be read and every user is "unknown".
	access_lookups *lookups = nullptr;
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

	// True when some rule has a /path pattern.
	bool has_files() const;

	// True when a rule for req's daemon (and server address) needs the
	// client's name or another lookup: only then must the caller make
	// them for req.
	bool needs_hostname_for(const access_request &req) const;

	const std::string &origin() const { return origin_; }
	const std::vector<access_rule> &rules() const { return rules_; }

private:
	std::string origin_;
	std::vector<access_rule> rules_;
	bool needs_hostname_ = false;
	std::vector<bool> rule_needs_lookup_;	// per rule, same order
};

// The outcome for one connection and the rule that gave it.
struct access_decision {
	bool granted = true;
	// The file and line of the deciding rule; empty and 0 when no rule
	// matched and access was granted by default.
	std::string origin;
	unsigned line = 0;

	// The deciding rule, valid while its table is; nullptr when none.
	const access_rule *rule = nullptr;

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

// The %<letter> expansions of hosts_access(5) in text, each value from
// value(letter) (called only for the letters used, so that a lookup is
// made only when needed); as in tcp_wrappers, every character of a value
// outside letters, digits and "!@%-_=+:,./" becomes '_', so that nothing
// a client controls reaches a shell as anything but a word; "%%" is '%',
// an unknown letter expands to nothing.
std::string expand_percent(std::string_view text,
    const std::function<std::string(char)> &value);

// True when c is a letter expand_percent knows.
bool is_percent_letter(char c);

// The user name in an RFC 1413 ident reply to "remote_port , local_port":
// "rport , lport : USERID : opsys : user"; nothing for an ERROR reply, a
// reply for other ports or anything malformed.  The name ends at the
// first blank, as tcp_wrappers takes it.
std::optional<std::string> parse_ident_reply(std::string_view reply,
    unsigned remote_port, unsigned local_port);

} // namespace net
