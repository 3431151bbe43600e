// fixture.h: zones and databases from text, and questions put to them as
// bytes, for named's unit tests.
#pragma once

#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "answer.h"
#include "database.h"
#include "libnet/dns_message.h"
#include "libnet/dns_rdata.h"
#include "libnet/dns_types.h"
#include "zone_load.h"

namespace fixture {

namespace dns = net::dns;

// The client every question comes from.
inline const net::address &
fixture_client()
{
	static const net::address a = *net::address::parse("192.0.2.200");
	return a;
}

// A zone from master-file text; null with the diagnostics in diags.
inline std::shared_ptr<const named::zone>
zone_of(const std::string &origin, const std::string &text,
    std::vector<net::diagnostic> &diags)
{
	std::istringstream in(text);
	return named::read_zone(in, "zone", origin, {}, diags);
}

inline std::string
diag_text(const std::vector<net::diagnostic> &diags)
{
	std::string s;
	for (const auto &d : diags)
		s += d.str() + "\n";
	return s;
}

// A database of zones given as (origin, text); every zone must load.
inline std::shared_ptr<named::database>
db_of(const std::vector<std::pair<std::string, std::string>> &zones)
{
	auto db = std::make_shared<named::database>();
	for (const auto &[origin, text] : zones) {
		std::vector<net::diagnostic> diags;
		named::zone_slot s;
		s.line.name = origin;
		s.data = zone_of(origin, text, diags);
		if (!s.data)
			throw std::runtime_error(diag_text(diags));
		db->zones.push_back(std::move(s));
	}
	db->index();
	return db;
}

struct ask_opts {
	bool edns = true;
	bool do_bit = false;
	std::uint16_t udp_size = 1232;
	std::uint8_t version = 0;
	std::uint8_t opcode = 0;
	std::uint16_t qclass = dns::rr_class::in;
	named::transport t = named::transport::udp;
};

// The response to one question, parsed; size 0 means none came.
struct reply {
	std::size_t size = 0;
	dns::message m;
};

inline reply
ask_bytes(const named::database &db, const std::vector<std::uint8_t> &pkt,
    named::transport t = named::transport::udp)
{
	static named::counters c;
	std::vector<std::uint8_t> out(65535);
	dns::query q;
	named::answer_info info;
	reply r;
	r.size = named::answer_query(db, pkt, out, t, q, c, info, fixture_client(), 0);
	if (r.size) {
		auto m = dns::parse_message(net::bytes_view(out.data(), r.size));
		if (!m)
			throw std::runtime_error("response does not parse: " +
			    m.err().message());
		r.m = std::move(*m);
	}
	return r;
}

inline std::vector<std::uint8_t>
query_bytes(const std::string &qname, std::uint16_t qtype,
    const ask_opts &o = {})
{
	dns::message m;
	m.hdr.id = 4242;
	m.hdr.opcode = o.opcode;
	m.questions.push_back({*dns::name::from_text(qname, dns::name::root()),
	    qtype, o.qclass});
	if (o.edns) {
		dns::edns e;
		e.udp_size = o.udp_size;
		e.version = o.version;
		e.do_bit = o.do_bit;
		m.opt = e;
	}
	return *dns::build_message(m);
}

inline reply
ask(const named::database &db, const std::string &qname,
    std::uint16_t qtype, const ask_opts &o = {})
{
	return ask_bytes(db, query_bytes(qname, qtype, o), o.t);
}

// "owner TYPE rdata" of each record of a section, in order.
inline std::string
section_text(const std::vector<dns::record> &rs)
{
	std::string s;
	for (const auto &r : rs) {
		if (!s.empty())
			s += "\n";
		s += r.owner.to_text() + " " + dns::type_to_text(r.type) + " " +
		    dns::rdata_to_text(r.type, r.rdata);
	}
	return s;
}

} // namespace fixture
