// config.h: the boot file to a database: every zone it names read (or, on
// a reload, kept when its files have not changed), and the settings that
// shape answers.  Directives of part 2 (cache, forwarders, slave,
// sortlist, bogusns, stub, key, most options) are read and checked by the
// boot parser and reported here as not used yet, each at its line.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "database.h"
#include "libnet/diag.h"

namespace named {

struct load_result {
	std::shared_ptr<database> db;		// null: the boot file had errors
	std::vector<net::diagnostic> diags;	// boot file, then zones
	bool zone_errors = false;		// a zone was not loaded
	std::size_t reread = 0;			// zones read from their files
	std::size_t kept = 0;			// zones kept as they were
};

// Reads bootfile and its zones.  With previous (a reload), a zone whose
// files are unchanged keeps its data without being read, and a zone that
// fails to load keeps the data it had.  A primary zone's IXFR history is
// read from its journal (FILE.jnl) at start, and written there when a
// reload changes the zone, unless check_only (named -n writes nothing).
load_result load_config(const std::string &bootfile,
    const database *previous, bool check_only = false);

} // namespace named
