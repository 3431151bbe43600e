#include "format.h"

#include <algorithm>
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

std::vector<linux_row>
linux_rows(const std::vector<arp_entry> &entries)
{
	std::vector<linux_row> rows;
	for (const auto &e : entries)
		if (!e.proxy_only)
			rows.push_back({&e, false});
	std::vector<linux_row> proxies;
	for (const auto &e : entries)
		if (e.published)
			proxies.push_back({&e, true});
	std::stable_sort(proxies.begin(), proxies.end(),
	    [](const linux_row &a, const linux_row &b) {
		    return a.e->proxy_order < b.e->proxy_order;
	    });
	rows.insert(rows.end(), proxies.begin(), proxies.end());
	return rows;
}

namespace {

// net-tools' columns: host, hardware type, hardware address, flags, mask
// and interface.
std::string
columns(const std::string &host, const std::string &type,
    const std::string &hw, const std::string &flags, const std::string &mask,
    const std::string &iface)
{
	char buf[160];
	std::snprintf(buf, sizeof buf,
	    "%-23.23s  %-8.8s%-20.20s%-6.6s%-15.15s %s", host.c_str(),
	    type.c_str(), hw.c_str(), flags.c_str(), mask.c_str(),
	    iface.c_str());
	return buf;
}

} // namespace

std::string
linux_header()
{
	return columns("Address", "HWtype", "HWaddress", "Flags", "Mask",
	    "Iface");
}

std::string
format_linux(const arp_entry &e, bool proxy, const std::string &host)
{
	const std::string &name = host.empty() ? e.addr.str() : host;
	if (proxy)
		return columns(name, "*", "<from_interface>", "MP", "",
		    e.ifname);
	if (!e.mac || e.proxy_only)
		return columns(name, "", "(incomplete)", e.permanent ? "M" : "",
		    "", e.ifname);
	return columns(name, "ether", e.mac->str(),
	    e.permanent ? "CM" : "C", "", e.ifname);
}

std::string
counts_line(std::size_t entries, std::size_t found)
{
	char buf[96];
	std::snprintf(buf, sizeof buf,
	    "Entries: %zu\tSkipped: %zu\tFound: %zu", entries,
	    entries - std::min(found, entries), found);
	return buf;
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
