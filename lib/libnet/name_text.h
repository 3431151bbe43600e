// name_text.h: domain names as master files and named.boot write them, at
// the text level: absolute or relative, "@", escapes (\X, \DDD) kept as
// written.  Enough to resolve a relative name against an origin and to
// refuse text that cannot be a name, with the reason; the wire form and
// comparisons belong to the DNS name code.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace net {

// True when name ends in an unescaped dot ("a.", "\\.", not "a\.").
bool is_absolute_name(std::string_view name);

// Nothing when name, read as an absolute name, is well formed; otherwise
// why not: an empty label, a label over 63 octets, a name over 255 octets
// on the wire, a bad escape (\DDD over 255 or with fewer than 3 digits).
std::optional<std::string> check_name_text(std::string_view name);

// name made absolute against origin (itself absolute): "@" is the origin,
// an absolute name stays as it is, a relative one gets the origin
// appended.  Nothing, with why set, when the result is not a name.
std::optional<std::string> absolute_name(std::string_view name,
    std::string_view origin, std::string *why = nullptr);

} // namespace net
