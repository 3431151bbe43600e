// zone_build.h: a zone from its records, with the checks named-checkzone
// makes, each reported at the file and line of the record at fault:
//
//   out-of-zone data                        warning, record left out
//   a class other than the zone's           error
//   no SOA at the origin, or an SOA elsewhere, or two   error
//   no NS at the origin                     error
//   CNAME and other data at one name, two CNAMEs   error
//   two DNAMEs at one name                  error
//   an NS target in the zone with no A or AAAA   error ("missing glue")
//   records of one RRset with different TTLs   warning, the first TTL kept
//
// A zone with any error is not built: the server keeps what it had.
// Records are gathered in a compact list (owners deduplicated against the
// record before, as files give a name's records together), then sorted
// once in canonical order and turned into nodes.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "libnet/diag.h"
#include "libnet/dns_name.h"
#include "zone.h"

namespace named {

class zone_builder {
public:
	zone_builder(const net::dns::name &origin, std::uint16_t rclass,
	    std::vector<net::diagnostic> &diags);

	// One record read at file:line (file must outlive the builder: the
	// builder keeps the pointer).  owner is absolute.
	void add(const net::dns::name &owner, std::uint16_t type,
	    std::uint16_t rclass, std::uint32_t ttl, bytes_view rdata,
	    const std::string *file, unsigned line);

	// The zone, or nullptr when an error was reported (here or before
	// by the caller through diags).
	std::shared_ptr<const zone> finish();

private:
	struct entry {
		std::uint32_t owner;	// arena offset
		std::uint32_t rdata;	// arena offset
		std::uint32_t ttl;
		std::uint32_t line;
		std::uint32_t seq;	// the order read, to keep it in RRsets
		std::uint16_t type;
		std::uint16_t rdata_len;
		std::uint16_t file;	// index in files_
		std::uint8_t owner_len;
	};

	bytes_view
	owner_of(const entry &e) const
	{
		return bytes_view(arena_.data() + e.owner, e.owner_len);
	}
	bytes_view
	rdata_of(const entry &e) const
	{
		return bytes_view(arena_.data() + e.rdata, e.rdata_len);
	}
	void error(const entry &e, std::string msg);
	void warning(const entry &e, std::string msg);
	bool check_node(std::size_t from, std::size_t to);
	void check_glue(zone &z);
	std::string where_name(bytes_view wire) const;

	net::dns::name origin_;
	std::uint16_t rclass_;
	std::vector<net::diagnostic> &diags_;
	bool failed_ = false;
	std::vector<std::uint8_t> arena_;
	std::vector<entry> entries_;
	std::vector<const std::string *> files_;
	std::uint32_t last_owner_ = 0;
	std::uint8_t last_owner_len_ = 0;
};

} // namespace named
