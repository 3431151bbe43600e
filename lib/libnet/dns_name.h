// dns_name.h: domain names in uncompressed wire form (RFC 1035 section
// 3.1), held in an inline buffer so a name costs no heap; text form with
// the master-file escapes (RFC 1035 section 5.1, RFC 4343); comparison
// without case and without copies; canonical order (RFC 4034 section 6.1).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "libnet/result.h"
#include "libnet/wire.h"

namespace net::dns {

inline constexpr std::size_t max_name_length = 255;
inline constexpr std::size_t max_label_length = 63;

// A domain name: absolute (ending in the root label) or relative (a run of
// labels still to be completed by an origin).  Copies are plain memcpy.
class name {
public:
	// The root name ".".
	name() = default;

	// The root name.
	static name root() { return name(); }

	// A name from presentation text: labels split at unescaped dots, "\X"
	// a literal X, "\DDD" a decimal byte, "@" the origin; a trailing dot
	// makes it absolute, otherwise it is relative to origin.
	static result<name> from_text(std::string_view text, const name &origin);

	// The same without an origin: a name without a trailing dot stays
	// relative and "@" is an error.
	static result<name> from_text(std::string_view text);

	// A name from uncompressed wire form ending in the root label, checked
	// for label and name lengths; bytes after the root label are refused.
	static result<name> from_wire(bytes_view wire);

	// Reads a name, following compression pointers, at pos of a whole DNS
	// message into out and moves pos past the name as it is stored there.
	// Pointers must point strictly backwards of the previous jump and not
	// into the 12-byte header.  Returns nullptr, or a static reason; out is
	// unspecified then.  No allocation.
	static const char *read(bytes_view message, std::size_t &pos,
	    name &out);

	// The wire form: labels with length bytes, the root label last when
	// absolute.
	bytes_view
	wire() const
	{
		return bytes_view(buf_.data(), len_);
	}
	std::size_t length() const { return len_; }

	// The number of labels, the root label not counted ("a.b." has 2).
	unsigned label_count() const { return labels_; }

	bool is_absolute() const { return absolute_; }
	bool is_root() const { return absolute_ && len_ == 1; }

	// True when the first label is "*" (RFC 4592).
	bool
	is_wildcard() const
	{
		return labels_ > 0 && buf_[0] == 1 && buf_[1] == '*';
	}

	// Label i counted from the left (0 is the first), without its length
	// byte; an empty view past the last.
	bytes_view label(unsigned i) const;

	// Presentation form: special characters ". ; \ ( ) \" @ $" escaped with
	// a backslash, bytes outside printable ASCII and the blank as \DDD; an
	// absolute name ends with a dot, the root is ".".
	std::string to_text() const;

	// The presentation form relative to origin: "@" for origin itself,
	// the leading labels without a trailing dot below it, to_text() for a
	// name outside it.
	std::string to_text(const name &origin) const;

	// Case-insensitive (ASCII only, RFC 4343) equality; an absolute and a
	// relative name are never equal.
	friend bool operator==(const name &a, const name &b);

	// True when both have the same bytes, case included.
	bool identical(const name &other) const;

	// A hash that agrees with operator== (case folded).
	std::size_t hash() const;

	// True when this name is other or below it (the same kind, absolute
	// or relative, and other's labels ending this name's).
	bool is_subdomain_of(const name &other) const;

	// The name without its first n labels; the root stays the root and a
	// relative name of no more labels becomes the empty relative name.
	name strip_left(unsigned n) const;

	// The name without its first label.
	name parent() const { return strip_left(1); }

	// This relative name followed by origin; an error when it is absolute
	// already or the result is over 255 bytes.
	result<name> concat(const name &origin) const;

	// ASCII letters to lower case (DNSSEC canonical form).
	void to_lower();

private:
	std::array<std::uint8_t, max_name_length> buf_ = {0};
	std::uint8_t len_ = 1;
	std::uint8_t labels_ = 0;
	bool absolute_ = true;
};

// RFC 4034 section 6.1 order: label by label from the right, each label as
// lower-cased bytes, a shorter label (or name) first.  <0, 0 or >0.
int canonical_compare(const name &a, const name &b);

// The same over two valid wire forms of absolute names (a compact store
// keeps names as bytes, not as name objects).
int canonical_compare_wire(bytes_view a, bytes_view b);

// Less-than in canonical order, for ordered containers.
struct canonical_less {
	bool
	operator()(const name &a, const name &b) const
	{
		return canonical_compare(a, b) < 0;
	}
};

// Hash functor for unordered containers (case-insensitive, like ==).
struct name_hash {
	std::size_t operator()(const name &n) const { return n.hash(); }
};

// ASCII lower case of one byte.
inline std::uint8_t
fold_byte(std::uint8_t c)
{
	return (c >= 'A' && c <= 'Z') ? static_cast<std::uint8_t>(c + 32) : c;
}

// A hash of a wire form without case; name::hash() of an absolute name
// is this with 1 folded in.
std::size_t wire_hash(bytes_view wire);

// Case-insensitive comparison of n bytes; length bytes (0-63) are not
// letters, so whole wire forms compare this way.
bool equal_nocase(const std::uint8_t *a, const std::uint8_t *b,
    std::size_t n);

// The length of a valid uncompressed wire-form name at the start of b, or
// 0 when b does not start with one (bad label, too long, no root label).
std::size_t wire_name_length(bytes_view b);

} // namespace net::dns
