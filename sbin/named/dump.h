// dump.h: the database in master-file form (SIGINT), one zone after
// another, every name absolute so that each zone's part reads back as a
// zone file (named-checkzone, or a primary line of our own).
#pragma once

#include <ostream>
#include <string>
#include <string_view>

#include "database.h"
#include "libnet/result.h"

namespace named {

// Writes one zone's records to out, every name absolute.
void dump_zone(const zone &z, std::ostream &out);

// Writes every zone of db to out.
void dump_zones(const database &db, std::ostream &out);

// Writes the dump to path through a temporary file renamed over it, so
// that a reader never sees half a dump.
// Writes text to path through a new file beside it, synced and renamed
// over it: a reader (or a crash) never sees half of it.
net::result<void> write_file_atomically(const std::string &path,
    std::string_view text);

net::result<void> dump_to_file(const database &db, const std::string &path);

} // namespace named
