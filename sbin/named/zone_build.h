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
//   check-names (named.boot(5)): the owner of an A or AAAA record, or
//   the host an NS, MX or SRV record names, that is no host name (RFC 952
//   and 1123: letters, digits, hyphens; "*" as a first label)
//                                           error, warning or nothing
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

// What check-names does with a name that is no host name.
enum class names_check { fail, warn, ignore };

class zone_builder {
public:
	zone_builder(const net::dns::name &origin, std::uint16_t rclass,
	    std::vector<net::diagnostic> &diags,
	    names_check names = names_check::ignore);

	// Room for about n bytes of zone file (a guess of the records it
	// holds saves growing the lists a record at a time).
	void reserve_for(std::size_t file_bytes);

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
		std::uint64_t prefix;	// the key's first 8 bytes, big-endian
		std::uint32_t key;	// offset of its owner's canonical key
		std::uint16_t key_len;	// in keys_, below the origin's part
					// (all share that); set by finish()
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
	void check_host(const entry &e, bytes_view name, const char *what);
	std::string where_name(bytes_view wire) const;

	net::dns::name origin_;
	std::uint16_t rclass_;
	std::vector<net::diagnostic> &diags_;
	names_check names_;
	// Where each NS RRset came from, for the glue check's messages.
	struct place {
		std::uint32_t rrset;
		std::uint32_t index;	// the record within it
		std::uint16_t file;
		std::uint32_t line;
	};
	std::vector<place> ns_places_;
	bool failed_ = false;
	std::vector<std::uint8_t> arena_;
	std::vector<std::uint8_t> keys_;	// canonical sort keys
	std::vector<entry> entries_;
	std::vector<const std::string *> files_;
	std::uint32_t last_owner_ = 0;
	std::uint8_t last_owner_len_ = 0;
};

} // namespace named
