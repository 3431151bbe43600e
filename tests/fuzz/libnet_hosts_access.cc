// Fuzz target: hosts_access(5) parser, then decisions over what it kept,
// with IPv4, IPv6 and IPv4-mapped clients, with and without names, users,
// netgroups and pattern files (the input itself is the pattern file); a
// decision made on addresses alone must agree with the full one.  The
// same bytes also go through the pattern-file parser, the %-expansions
// and the ident reply parser.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "libnet/hosts_access.h"

namespace {

// Answers from the input: every netgroup holds the name "gateway" and
// 10.1.2.3, a file is the input, the user alternates.
class fuzz_lookups : public net::access_lookups {
public:
	explicit fuzz_lookups(const std::string &text) : text_(text) {}

	bool
	in_netgroup(const std::string &, const std::string &host) override
	{
		return host == "gateway" || host == "10.1.2.3";
	}

	std::optional<std::string>
	read_file(const std::string &path) override
	{
		// A few reads per input keep the runs fast; the reads a request
		// may make at all are bounded by the matcher.
		if (path.size() % 2 == 0 || reads_++ >= 4)
			return std::nullopt;
		return text_;
	}

	std::string
	client_user() override
	{
		return (calls_++ % 2) != 0 ? "unknown" : "alice";
	}

private:
	const std::string &text_;
	unsigned calls_ = 0;
	unsigned reads_ = 0;
};

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
	std::string text(reinterpret_cast<const char *>(data), size);
	std::istringstream in(text);
	auto p = net::parse_hosts_access(in, "fuzz");
	for (const auto &d : p.diagnostics)
		(void)d.str();
	for (const auto &r : p.entries) {
		(void)r.has_actions();
		(void)r.severity();
		for (const auto &o : r.options)
			(void)o.keyword();
	}
	// The same rules as both files: each decision walks allow and deny.
	std::vector<net::access_rule> copy = p.entries;
	net::access_table allow("hosts.allow", std::move(p.entries));
	net::access_table deny("hosts.deny", std::move(copy));
	(void)allow.needs_hostname();
	(void)allow.has_files();
	fuzz_lookups lookups(text);

	static const char *const clients[] = {"192.0.2.1", "10.1.2.3",
	    "::ffff:10.1.2.3", "2001:db8::1", "::1", "fe80::1%1"};
	static const char *const daemons[] = {"sshd", "in.ftpd", "tftpd"};
	// Names from the input itself reach the name patterns it holds.
	std::string from_input = text.substr(0, 64);
	const char *const names[] = {nullptr, "host.example.com", "gateway",
	    from_input.c_str()};
	std::size_t k = 0;
	for (const char *c : clients) {
		net::access_request req;
		req.client = *net::address::parse(c);
		req.daemon = daemons[k % 3];
		if (const char *n = names[k % 4])
			req.client_name = n;
		req.paranoid = k % 5 == 4;
		if (k % 2 == 0)
			req.server = net::address::parse(clients[(k + 1) % 6]);
		if (k % 3 != 2)
			req.lookups = &lookups;
		auto d = net::decide_access(allow, deny, req);
		(void)d.where();
		// Whatever the name, a decision made without it must agree.
		auto quick = net::decide_access_by_address(allow, deny, req);
		if (quick && (quick->granted != d.granted ||
				 quick->line != d.line))
			__builtin_trap();
		(void)allow.needs_hostname_for(req);
		k++;
	}

	std::istringstream in2(text);
	auto f = net::parse_host_file(in2, "fuzz.list");
	for (const auto &d : f.diagnostics)
		(void)d.str();
	std::string x = net::expand_percent(text, [&](char c) {
		return from_input + c;
	});
	// Nothing unsafe survives in what an expansion put there.
	std::string bad = net::expand_percent("%h", [&](char) {
		return text;
	});
	for (char c : bad)
		if (c == ' ' || c == ';' || c == '$' || c == '`' || c == '|' ||
		    c == '&' || c == '\n' || c == '(' || c == '\'' || c == '"')
			__builtin_trap();
	(void)net::parse_ident_reply(text, 6191, 23);
	return 0;
}
