// master_file.h: RFC 1035 section 5 master files (zone files), at the text
// level: directives, owner/TTL/class inheritance, and each record's rdata
// as the lexer's tokens, to be read by the rdata code of its type.
//
//   $ORIGIN name                     (relative: appended to the origin)
//   $INCLUDE file [origin]           (the origin reverts after the file)
//   $TTL ttl                         (RFC 2308)
//   [owner] [ttl] [class] type rdata...   (ttl and class in either order)
//
// An owner is "@" (the origin), absolute ("a.b."), relative (the origin is
// appended), or left out by starting the line with a blank (the previous
// owner in the same file).  Parentheses continue a record over lines, ";"
// starts a comment, "..." quotes a string.
#pragma once

#include <cstdint>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "libnet/diag.h"
#include "libnet/lexer.h"
#include "libnet/parse_file.h"

namespace net {

// One resource record as written, with its names made absolute.
struct master_record {
	std::string owner;		// absolute text, escapes kept
	std::uint32_t ttl = 0;
	std::string rr_class;		// "IN", "CH", "HS", "CS" or "CLASSnnn"
	std::string type;		// upper-cased as written: "A", "TYPE65"
	std::vector<token> rdata;	// as the lexer gives them
	std::string origin;		// relative rdata names are under it
	std::string file;		// its file (an included one: its path)
	unsigned line = 0;		// where it starts
};

// The deepest $INCLUDE nesting accepted (the file itself is depth 0).
constexpr unsigned master_include_depth = 10;

// The most files one load may include: nesting alone would let ten lines of
// $INCLUDE in each of ten files open 10^10 files.
constexpr unsigned master_max_includes = 10000;

// Reads the records of a master file and of the files it includes, one at
// a time, so that a large zone is never held twice.
//
// A record without a TTL takes, in this order: the last $TTL; the
// minimum field of the first SOA record read (BIND 4's rule and the
// manual's, with a warning once per file since RFC 2308 made that field
// the negative-caching TTL); the TTL of the record before it.  A record
// without a class takes the one before it, IN for the first.
class master_reader {
public:
	// in is named file in diagnostics; origin is the zone's, absolute
	// (a final dot is added when missing); $INCLUDE files are opened
	// through open (without one, $INCLUDE is an error).  Diagnostics are
	// appended to diags.
	master_reader(std::istream &in, std::string_view file,
	    std::string_view origin, std::vector<diagnostic> &diags,
	    include_opener open = {});
	~master_reader();

	// The next well-formed record, or false at the end of the input.  A
	// malformed line is reported (file:line) and skipped.
	bool next(master_record &out);

private:
	struct frame;

	bool on_directive(const token_line &l);
	bool on_record(token_line &l, master_record &out);
	void include(const token_line &l, const std::string &path,
	    const std::string &origin);

	std::vector<diagnostic> &diags_;
	include_opener open_;
	std::vector<std::unique_ptr<frame>> frames_;	// the include chain
	token_line line_;		// kept: its storage is reused
	std::size_t includes_ = 0;	// files included so far
	std::optional<std::uint32_t> default_ttl_;	// $TTL
	std::optional<std::uint32_t> soa_minimum_;
	std::optional<std::uint32_t> last_ttl_;
	std::string last_class_ = "IN";
};

// Every record of a master file and its includes, with the diagnostics.
parsed<master_record> parse_master_file(std::istream &in,
    std::string_view file, std::string_view origin,
    const include_opener &open = {});

// The options the lexer is given for master files.
lexer_options master_lexer_options();

} // namespace net
