#include "format.h"

#include <cstdio>

namespace arp {

std::string
format_entry(const arp_entry &e, const std::string &host)
{
	std::string s = (host.empty() ? "?" : host) + " (" + e.addr.str() +
	    ") at ";
	if (e.mac)
		s += e.mac->str();
	else
		s += e.proxy_only ? "(none)" : "(incomplete)";
	if (e.mac && e.permanent)
		s += " permanent";
	if (e.published)
		s += " published";
	if (!e.ifname.empty())
		s += " on " + e.ifname;
	return s;
}

std::string
format_ms(std::int64_t ns)
{
	if (ns < 0)
		ns = 0;
	long long us = (ns + 500) / 1000;
	char buf[40];
	std::snprintf(buf, sizeof buf, "%lld.%03lld", us / 1000, us % 1000);
	return buf;
}

} // namespace arp
