// zone_load.h: a zone from its master file (and the files it includes),
// and the stamps that tell a reload whether any of them changed.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <istream>
#include <memory>
#include <string>
#include <vector>

#include "libnet/diag.h"
#include "libnet/parse_file.h"
#include "zone.h"

namespace named {

// A file a zone was read from, as it was then.
struct file_stamp {
	std::string path;
	dev_t dev = 0;
	ino_t ino = 0;
	std::int64_t mtime_ns = 0;
	off_t size = 0;

	bool operator==(const file_stamp &) const = default;
};

struct loaded_zone {
	std::shared_ptr<const zone> data;	// null: not loaded (errors)
	std::vector<file_stamp> files;		// the file, then its includes
};

// Reads the zone origin (absolute text) of class IN from path; relative
// $INCLUDE paths are taken under directory when it is not empty, as BIND
// 4 took them from the directory it had changed to.  Diagnostics are
// appended to diags; the zone is null when any is an error.
loaded_zone load_zone(const std::string &path, const std::string &origin,
    const std::string &directory, std::vector<net::diagnostic> &diags);

// The zone origin read from in (called path in diagnostics), $INCLUDE
// files opened through open: what load_zone does once the file is open.
std::shared_ptr<const zone> read_zone(std::istream &in,
    const std::string &path, const std::string &origin,
    const net::include_opener &open, std::vector<net::diagnostic> &diags);

// The stamp of path now (size -1 when it cannot be read).
file_stamp stamp_file(const std::string &path);

// True when every file is as stamped: the zone need not be read again.
bool unchanged(const std::vector<file_stamp> &files);

} // namespace named
