#include "report.h"

#include <cstdio>

#include "libnet/icmp.h"
#include "libnet/icmp6.h"

namespace ping {

std::string
header_line(const std::string &host, const net::address &addr,
    const std::string &name, std::size_t size, std::size_t options_size,
    const std::string &from)
{
	std::string s = "PING " + host;
	s += addr.is_v4() ? " (" + addr.str() : "(" + peer_name(name, addr);
	s += ") ";
	if (!from.empty())
		s += "from " + from + ": ";
	if (addr.is_v4())
		s += std::to_string(size) + "(" +
		    std::to_string(size + 8 + 20 + options_size) +
		    ") bytes of data.";
	else
		s += std::to_string(size) + " data bytes";
	return s;
}

std::string
pattern_line(const std::vector<std::uint8_t> &pattern)
{
	std::string s = "PATTERN: 0x";
	for (auto b : pattern) {
		char buf[3];
		std::snprintf(buf, sizeof buf, "%02x", b);
		s += buf;
	}
	return s;
}

std::string
peer_name(const std::string &name, const net::address &addr)
{
	if (name.empty())
		return addr.str();
	return name + " (" + addr.str() + ")";
}

namespace {

std::string
unreach4(std::uint8_t code, std::uint32_t mtu)
{
	// RFC 792, RFC 1122 3.2.2.1, RFC 1812 5.2.7.1.
	static const char *const text[] = {
	    "Destination Net Unreachable",
	    "Destination Host Unreachable",
	    "Destination Protocol Unreachable",
	    "Destination Port Unreachable",
	    nullptr,
	    "Source Route Failed",
	    "Destination Net Unknown",
	    "Destination Host Unknown",
	    "Source Host Isolated",
	    "Destination Net Prohibited",
	    "Destination Host Prohibited",
	    "Destination Net Unreachable for Type of Service",
	    "Destination Host Unreachable for Type of Service",
	    "Packet filtered",
	    "Precedence Violation",
	    "Precedence Cutoff",
	};
	if (code == net::icmp_unreach::frag_needed)
		return "Frag needed and DF set (mtu = " + std::to_string(mtu) +
		    ")";
	if (code < std::size(text))
		return text[code];
	return "Dest Unreachable, Bad Code: " + std::to_string(code);
}

std::string
icmp4_text(std::uint8_t type, std::uint8_t code, std::uint32_t info)
{
	switch (type) {
	case net::icmp_type::dest_unreach:
		return unreach4(code, info);
	case net::icmp_type::source_quench:
		return "Source Quench";
	case net::icmp_type::redirect: {
		static const char *const what[] = {"Network", "Host",
		    "Type of Service and Network", "Type of Service and Host"};
		std::string s = code < std::size(what)
		    ? std::string("Redirect ") + what[code]
		    : "Redirect, Bad Code: " + std::to_string(code);
		return s + "(New nexthop: " + net::address::v4(info).str() +
		    ")";
	}
	case net::icmp_type::time_exceeded:
		if (code == 0)
			return "Time to live exceeded";
		if (code == 1)
			return "Frag reassembly time exceeded";
		return "Time exceeded, Bad Code: " + std::to_string(code);
	case net::icmp_type::param_problem:
		return "Parameter problem: pointer = " + std::to_string(info);
	default:
		return icmp_type_name(AF_INET, type) + ", code " +
		    std::to_string(code);
	}
}

std::string
icmp6_text(std::uint8_t type, std::uint8_t code, std::uint32_t info)
{
	// RFC 4443 section 3.
	switch (type) {
	case net::icmp6_type::dest_unreach: {
		static const char *const text[] = {"No route",
		    "Administratively prohibited",
		    "Beyond scope of source address", "Address unreachable",
		    "Port unreachable", "Source address failed ingress/egress "
		    "policy", "Reject route to destination"};
		return std::string("Destination unreachable: ") +
		    (code < std::size(text)
			    ? text[code]
			    : "Unknown code " + std::to_string(code));
	}
	case net::icmp6_type::packet_too_big:
		return "Packet too big: mtu=" + std::to_string(info);
	case net::icmp6_type::time_exceeded:
		if (code == 0)
			return "Time exceeded: Hop limit";
		if (code == 1)
			return "Time exceeded: Defragmentation failure";
		return "Time exceeded: code " + std::to_string(code);
	case net::icmp6_type::param_problem: {
		static const char *const text[] = {"Wrong header field",
		    "Unknown header", "Unknown option"};
		return std::string("Parameter problem: ") +
		    (code < std::size(text)
			    ? text[code]
			    : "code " + std::to_string(code)) +
		    " at " + std::to_string(info);
	}
	default:
		return icmp_type_name(AF_INET6, type) + ", code " +
		    std::to_string(code);
	}
}

} // namespace

std::string
icmp_text(int family, std::uint8_t type, std::uint8_t code,
    std::uint32_t info)
{
	return family == AF_INET6 ? icmp6_text(type, code, info)
				  : icmp4_text(type, code, info);
}

std::string
icmp_type_name(int family, std::uint8_t type)
{
	if (family == AF_INET6) {
		switch (type) {
		case net::icmp6_type::echo_request:
			return "Echo Request";
		case net::icmp6_type::echo_reply:
			return "Echo Reply";
		case net::icmp6_type::router_solicit:
			return "Router Solicitation";
		case net::icmp6_type::router_advert:
			return "Router Advertisement";
		case net::icmp6_type::neighbor_solicit:
			return "Neighbor Solicitation";
		case net::icmp6_type::neighbor_advert:
			return "Neighbor Advertisement";
		case net::icmp6_type::redirect:
			return "Redirect";
		default:
			return "type " + std::to_string(type);
		}
	}
	switch (type) {
	case net::icmp_type::echo_request:
		return "Echo Request";
	case net::icmp_type::echo_reply:
		return "Echo Reply";
	case net::icmp_type::timestamp:
		return "Timestamp";
	case net::icmp_type::timestamp_reply:
		return "Timestamp Reply";
	default:
		return "type " + std::to_string(type);
	}
}

std::string
route_lines(const std::vector<std::string> &hops, bool full)
{
	std::string s = "RR: ";
	for (std::size_t i = 0; i < hops.size(); i++)
		s += (i == 0 ? "\t" : "\n\t") + hops[i];
	if (full)
		s += "\n\t(truncated route)";
	s += "\n\n";
	return s;
}

std::string
data_mismatch_lines(std::size_t offset, std::uint8_t expected,
    net::bytes_view data)
{
	char buf[96];
	std::snprintf(buf, sizeof buf,
	    "wrong data byte #%zu should be 0x%x but was 0x%x", offset,
	    expected, offset < data.size() ? data[offset] : 0);
	std::string s = buf;
	// The dump starts after the timestamp whatever differed; each line
	// holds 32 bytes, so its offsets are 16, 48, 80...
	for (std::size_t i = 16; i < data.size(); i++) {
		if (i % 32 == 16) {
			std::snprintf(buf, sizeof buf, "\n#%zu\t", i);
			s += buf;
		}
		std::snprintf(buf, sizeof buf, "%x ", data[i]);
		s += buf;
	}
	return s;
}

} // namespace ping
