// Fuzz target: hosts.equiv/.rhosts parser and the matcher over what it
// accepted.  The superuser must never get in through hosts.equiv.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "libnet/rhosts.h"

extern "C" int
LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
	std::istringstream in(
	    std::string(reinterpret_cast<const char *>(data), size));
	auto p = net::parse_rhosts(in, "fuzz");
	for (const auto &d : p.diagnostics)
		(void)d.str();
	net::rhosts_query q;
	q.remote_addr = net::address::loopback4();
	q.remote_user = "alice";
	q.local_user = "alice";
	q.local_uid = 1000;
	for (const auto &e : p.entries) {
		q.remote_host = e.host;
		if (e.addr)
			q.remote_addr = *e.addr;
		if (!e.user.empty() && e.user != "*")
			q.remote_user = e.user;
		q.source = net::rhosts_source::user_rhosts;
		(void)net::rhosts_allows(p.entries, q);
		q.source = net::rhosts_source::hosts_equiv;
		(void)net::rhosts_allows(p.entries, q);
		net::rhosts_query root = q;
		root.local_user = "root";
		root.local_uid = 0;
		if (net::rhosts_allows(p.entries, root))
			__builtin_trap();
	}
	return 0;
}
