// Fuzz target: hosts_access(5) parser, then decisions over what it kept,
// with IPv4, IPv6 and IPv4-mapped clients, with and without names; a
// decision made on addresses alone must agree with the full one.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "libnet/hosts_access.h"

extern "C" int
LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
	std::string text(reinterpret_cast<const char *>(data), size);
	std::istringstream in(text);
	auto p = net::parse_hosts_access(in, "fuzz");
	for (const auto &d : p.diagnostics)
		(void)d.str();
	// The same rules as both files: each decision walks allow and deny.
	std::vector<net::access_rule> copy = p.entries;
	net::access_table allow("hosts.allow", std::move(p.entries));
	net::access_table deny("hosts.deny", std::move(copy));
	(void)allow.needs_hostname();

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
		auto d = net::decide_access(allow, deny, req);
		(void)d.where();
		// Whatever the name, a decision made without it must agree.
		auto quick = net::decide_access_by_address(allow, deny, req);
		if (quick && (quick->granted != d.granted ||
				 quick->line != d.line))
			__builtin_trap();
		k++;
	}
	return 0;
}
