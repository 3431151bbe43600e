// xfr_reader.h: the records of a zone transfer's answer, in order, made
// into the zone they describe: pure (no sockets, no clock), so that the
// unit tests and a fuzz target drive it with records.
//
// An AXFR answer (RFC 5936 2.2) is the SOA, the zone, the SOA again.  An
// IXFR answer (RFC 1995 section 4) starts with the master's SOA and is
// then one of: nothing more (we are up to date: the caller sees that in
// the first message), the zone in AXFR form, or steps, each the old SOA,
// the records deleted, the new SOA and the records added, closed by the
// master's SOA again.  Steps are applied to the data held (ixfr.h
// apply_diffs); a zone is built with the checks of a zone file.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "ixfr.h"
#include "libnet/diag.h"
#include "libnet/dns_message.h"
#include "zone.h"

namespace named {

class zone_builder;

class xfr_reader {
public:
	enum class status { more, done, failed };

	// The answer for origin; have is the data the IXFR asked from (null
	// for AXFR).  where names the transfer in diagnostics.
	xfr_reader(const net::dns::name &origin,
	    std::shared_ptr<const zone> have, std::string where);
	~xfr_reader();

	// The next record of the answer (message: the number of the message
	// it came in, for diagnostics).  After done or failed, nothing more
	// is taken.
	status add(const net::dns::record &r, unsigned message);

	// Set once add returns done: the zone, its serial, whether it came
	// by steps, and how many records they deleted and added.
	std::shared_ptr<const zone> result;
	std::uint32_t serial = 0;
	bool incremental = false;
	std::size_t changes = 0;

	// Why it failed; apply_failed when it was the steps that did not
	// apply (the caller may ask AXFR) rather than a malformed answer or
	// a zone with errors.
	std::string error;
	bool apply_failed = false;

private:
	status whole_record(const net::dns::record &r, unsigned message);
	status finish_whole();
	status finish_steps();
	status fail(std::string why);

	enum class form { none, first_soa, whole, steps };

	net::dns::name origin_;
	std::shared_ptr<const zone> have_;
	std::string where_;
	std::vector<net::diagnostic> diags_;
	std::unique_ptr<zone_builder> b_;
	form shape_ = form::none;
	status state_ = status::more;
	net::dns::record first_soa_;
	std::vector<zone_diff> steps_;
	bool adding_ = false;
};

} // namespace named
