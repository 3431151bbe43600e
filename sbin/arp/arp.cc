// arp: address resolution display and control (ARP(1M) of the System
// V/386 TCP/IP manual).  The kernel's ARP table is read and changed
// through rtnetlink, not /dev/kmem; arp -r asks the network directly.
//
// One process, no loop: parse the command line, open the netlink socket
// (and, for -r, the packet socket, after which root becomes nobody), do
// the one operation, exit 0 on success, 1 on failure, 2 on misuse.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "libnet/cmdline.h"
#include "libnet/log.h"
#include "libnet/privdrop.h"
#include "libnet/resolve.h"
#include "libnet/rtnl.h"

#include "entries.h"
#include "format.h"
#include "request.h"
#include "table.h"

namespace {

enum class mode { show, all, remove, set, file, resolve };

struct options {
	mode what = mode::show;
	bool numeric = false;
	bool linux_form = false;	// -e: net-tools' columns
	bool verbose = false;		// -v: the counts after a listing
	std::string iface;
	std::vector<std::string> operands;
};

const char usage_text[] =
    "usage: arp [-env] [-i interface] [hostname]\n"
    "       arp -a [-nv] [-i interface] [namelist [corefile]]\n"
    "       arp -d [-i interface] hostname [pub]\n"
    "       arp -s [-i interface] hostname ether_addr [temp] [pub] [trail]\n"
    "       arp -f [-i interface] filename\n"
    "       arp -r [-n] [-i interface] hostname\n";

options
parse_args(int argc, char **argv)
{
	options o;
	int c;
	int modes = 0;
	while ((c = getopt(argc, argv, "adefi:nrsv")) != -1) {
		switch (c) {
		case 'a':
			o.what = mode::all;
			modes++;
			break;
		case 'd':
			o.what = mode::remove;
			modes++;
			break;
		case 'e':
			o.linux_form = true;
			break;
		case 'f':
			o.what = mode::file;
			modes++;
			break;
		case 'i':
			o.iface = optarg;
			break;
		case 'n':
			o.numeric = true;
			break;
		case 'r':
			o.what = mode::resolve;
			modes++;
			break;
		case 's':
			o.what = mode::set;
			modes++;
			break;
		case 'v':
			o.verbose = true;
			break;
		default:
			net::usage_error();
		}
	}
	if (modes > 1)
		net::usage_error();
	// -e is a form of the first synopsis line, -v of the listings.
	if (o.linux_form && o.what != mode::show)
		net::usage_error();
	if (o.verbose && o.what != mode::show && o.what != mode::all)
		net::usage_error();
	for (int i = optind; i < argc; i++)
		o.operands.emplace_back(argv[i]);
	std::size_t n = o.operands.size();
	switch (o.what) {
	case mode::show:
		if (n > 1)
			net::usage_error();
		break;
	case mode::resolve:
		if (n != 1)
			net::usage_error();
		break;
	case mode::all:
		if (n > 2)
			net::usage_error();
		break;
	case mode::remove:
		if (n < 1 || n > 2 || (n == 2 && o.operands[1] != "pub"))
			net::usage_error();
		break;
	case mode::set:
		if (n < 2 || n > 5)
			net::usage_error();
		break;
	case mode::file:
		if (n != 1)
			net::usage_error();
		break;
	}
	return o;
}

std::string
host_name(const options &o, const net::address &a)
{
	return o.numeric ? "" : net::reverse_name(a).value_or("");
}

// The IPv4 address of host: a number in any of the inet_aton(3) forms, or
// a name; "host: unknown host" otherwise, as net-tools says it.
net::result<net::address>
resolve_ipv4(const std::string &host)
{
	auto a = net::resolve_one(host, AF_INET);
	if (!a)
		return net::fail(0, net::printable(host, 64) +
		    ": unknown host");
	return *a;
}

// The index of -i's interface, or 0 (every interface) without -i.
int
iface_index(arp::arp_table &t, const options &o)
{
	if (o.iface.empty())
		return 0;
	auto l = t.link(o.iface);
	if (!l)
		net::fatal(l.err().message());
	return l->index;
}

// Lists the table, or the entries for host when given, on -i's interface
// (all without -i), in the BSD form or with -e net-tools'; with -v the
// counts after it.  Exit 1 when host has no entry.
int
show(arp::arp_table &t, const options &o, const std::string *host)
{
	std::optional<net::address> addr;
	if (host != nullptr) {
		auto a = resolve_ipv4(*host);
		if (!a)
			net::fatal(a.err().message());
		addr = *a;
	}
	int ifindex = iface_index(t, o);
	auto list = t.list();
	if (!list)
		net::fatal(list.err().message());
	auto wanted = [&](const arp::arp_entry &e) {
		return (ifindex == 0 || e.ifindex == ifindex) &&
		    (!addr || e.addr == *addr);
	};
	std::size_t entries = 0, found = 0;
	if (o.linux_form) {
		auto rows = arp::linux_rows(*list);
		entries = rows.size();
		for (const auto &r : rows) {
			if (!wanted(*r.e))
				continue;
			if (found++ == 0)
				std::printf("%s\n", arp::linux_header().c_str());
			std::printf("%s\n", arp::format_linux(*r.e, r.proxy,
			    host_name(o, r.e->addr)).c_str());
		}
	} else {
		entries = list->size();
		for (const auto &e : *list) {
			if (!wanted(e))
				continue;
			found++;
			std::printf("%s\n", arp::format_entry(e,
			    host_name(o, e.addr)).c_str());
		}
	}
	if (o.verbose)
		std::printf("%s\n", arp::counts_line(entries, found).c_str());
	if (found > 0)
		return 0;
	if (addr) {
		std::printf("%s (%s) -- no entry\n", net::printable(*host,
		    64).c_str(), addr->str().c_str());
		return 1;
	}
	// net-tools says so when -i found nothing; the BSD form says nothing.
	if (o.linux_form && ifindex != 0)
		std::printf("arp: in %zu entries no match found.\n", entries);
	return 0;
}

int
show_all(arp::arp_table &t, const options &o)
{
	if (!o.operands.empty())
		net::log_warn("namelist and corefile are ignored: the table "
			      "is read from the kernel through netlink, not "
			      "/dev/kmem");
	return show(t, o, nullptr);
}

int
remove(arp::arp_table &t, const options &o)
{
	const std::string &host = o.operands[0];
	auto addr = resolve_ipv4(host);
	if (!addr)
		net::fatal(addr.err().message());
	int ifindex = iface_index(t, o);
	auto n = t.remove(*addr, ifindex, o.operands.size() == 2);
	if (!n)
		net::fatal(n.err().message());
	if (*n == 0)
		net::fatal(net::printable(host, 64) + " (" + addr->str() +
		    "): no entry");
	return 0;
}

// Applies one entry; the error is what to report for it.
net::result<void>
apply(arp::arp_table &t, const options &o, const arp::entry &e)
{
	auto addr = resolve_ipv4(e.host);
	if (!addr)
		return addr.err();
	auto ifindex = t.interface_for(*addr, o.iface);
	if (!ifindex)
		return ifindex.err();
	return t.set(*addr, e.mac, *ifindex, e.temp, e.pub);
}

int
set(arp::arp_table &t, const options &o)
{
	std::vector<std::string_view> fields(o.operands.begin(),
	    o.operands.end());
	auto e = arp::parse_entry(fields);
	if (!e)
		net::fatal(e.err().message());
	if (e->trail)
		net::log_warn("trail: Linux has no trailer encapsulation; "
			      "ignored");
	if (auto r = apply(t, o, *e); !r)
		net::fatal(r.err().message());
	return 0;
}

int
from_file(arp::arp_table &t, const options &o)
{
	const std::string &path = o.operands[0];
	std::ifstream in(path);
	if (!in)
		net::fatal(path + ": cannot open");
	auto p = arp::parse_entries(in, path);
	// The valid lines are applied; every failure is told by file:line,
	// in line order, whether the line was malformed or refused.
	for (const auto &e : p.entries)
		if (auto r = apply(t, o, e); !r)
			p.diagnostics.push_back(net::diagnostic{path, e.line,
			    r.err().message(), net::severity::error});
	std::stable_sort(p.diagnostics.begin(), p.diagnostics.end(),
	    [](const auto &a, const auto &b) { return a.line < b.line; });
	for (const auto &d : p.diagnostics)
		net::log_msg(d.level == net::severity::error
			? net::log_level::err
			: net::log_level::warning,
		    "%s", d.str().c_str());
	return p.has_errors() ? 1 : 0;
}

int
resolve(arp::arp_table &t, const options &o)
{
	const std::string &host = o.operands[0];
	auto addr = resolve_ipv4(host);
	if (!addr)
		net::fatal(addr.err().message());
	auto ifindex = t.interface_for(*addr, o.iface);
	if (!ifindex)
		net::fatal(ifindex.err().message());
	auto link = t.link(*ifindex);
	if (!link)
		net::fatal(link.err().message());
	if (!link->mac || link->mac->is_zero())
		net::fatal(link->name + ": not an Ethernet interface");
	// The source the kernel would use on that interface, if any
	// (RFC 5227 allows 0.0.0.0 for a host without one).
	net::address sender = net::address::any4();
	if (auto rt = net::get_route(t.netlink(), *addr, *ifindex);
	    rt && rt->prefsrc)
		sender = *rt->prefsrc;
	auto nobody = net::lookup_unprivileged("nobody");
	if (!nobody)
		net::fatal(nobody.err().message());
	auto req = arp::requester::open(*ifindex);
	if (!req)
		net::fatal(req.err().message() + " (arp -r needs CAP_NET_RAW)");
	// Nothing is left to do with privilege: no reply is read with it.
	if (auto r = net::give_up_privileges(*nobody); !r)
		net::fatal(r.err().message());
	auto a = req->ask(*link->mac, sender, *addr, 3,
	    std::chrono::milliseconds(1000));
	if (!a)
		net::fatal(a.err().message());
	if (!*a)
		net::fatal(net::printable(host, 64) + " (" + addr->str() +
		    "): no reply on " + link->name);
	arp::arp_entry e;
	e.addr = *addr;
	e.mac = (*a)->mac;
	e.ifname = link->name;
	std::printf("%s time=%s ms\n", arp::format_entry(e,
	    host_name(o, *addr)).c_str(), arp::format_ms((*a)->rtt_ns).c_str());
	return 0;
}

} // namespace

int
main(int argc, char **argv)
{
	net::log_init({"arp", 0, true, false});
	net::set_usage(usage_text);
	net::handle_help(argc, argv);
	options o = parse_args(argc, argv);
	auto t = arp::arp_table::open();
	if (!t)
		net::fatal(t.err().message());
	switch (o.what) {
	case mode::show:
		return show(*t, o, o.operands.empty() ? nullptr
						      : &o.operands[0]);
	case mode::all:
		return show_all(*t, o);
	case mode::remove:
		return remove(*t, o);
	case mode::set:
		return set(*t, o);
	case mode::file:
		return from_file(*t, o);
	case mode::resolve:
		return resolve(*t, o);
	}
	return 1;
}
