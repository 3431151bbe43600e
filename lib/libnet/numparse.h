// numparse.h: bounded number parsing.  No sign, no whitespace, no overflow,
// no trailing garbage: what strtoul lets through is refused here.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "libnet/result.h"

namespace net {

// A decimal integer in [min, max], or nothing.
std::optional<std::uint64_t> parse_uint(std::string_view s,
    std::uint64_t min = 0, std::uint64_t max = UINT64_MAX);

// A number in C notation (0x hex, leading-0 octal, decimal) in [min, max],
// as inet_addr(3) reads the parts of an address; or nothing.
std::optional<std::uint64_t> parse_uint_c(std::string_view s,
    std::uint64_t min = 0, std::uint64_t max = UINT64_MAX);

// A duration such as "90", "500ms", "2s", "5m", "1h" in milliseconds, with a
// bare number taken in default_unit_ms; or nothing.
std::optional<std::uint64_t> parse_duration_ms(std::string_view s,
    std::uint64_t default_unit_ms = 1000);

// A number given on the command line, or the message for a bad one:
// "invalid WHAT: 'ARG' (from MIN to MAX)", ARG made printable.
result<std::uint64_t> parse_arg_number(std::string_view what,
    std::string_view arg, std::uint64_t min, std::uint64_t max);

// The value of one hexadecimal digit, or nothing.
std::optional<unsigned> hex_digit(char c);

} // namespace net
