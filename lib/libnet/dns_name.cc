#include "libnet/dns_name.h"

#include <cstring>

namespace net::dns {

namespace {

bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

error
name_error(const char *why)
{
	return fail(0, why);
}

} // namespace

bool
equal_nocase(const std::uint8_t *a, const std::uint8_t *b, std::size_t n)
{
	for (std::size_t i = 0; i < n; i++)
		if (a[i] != b[i] && fold_byte(a[i]) != fold_byte(b[i]))
			return false;
	return true;
}

std::size_t
wire_name_length(bytes_view b)
{
	std::size_t p = 0;
	while (p < b.size()) {
		std::uint8_t c = b[p];
		if (c > max_label_length)
			return 0;
		p += 1 + c;
		if (p > max_name_length)
			return 0;
		if (c == 0)
			return p;
	}
	return 0;
}

result<name>
name::from_text(std::string_view text)
{
	if (text == "@")
		return name_error("'@' without an origin");
	name n;
	n.len_ = 0;
	n.absolute_ = false;
	if (text.empty())
		return name_error("empty name");
	if (text == ".")
		return name();
	std::size_t label_start = 0;	// where the current label's length goes
	std::size_t len = 1;		// bytes used, the length byte reserved
	bool ended_with_dot = false;
	auto close_label = [&]() -> const char * {
		std::size_t l = len - label_start - 1;
		if (l == 0)
			return "empty label";
		n.buf_[label_start] = static_cast<std::uint8_t>(l);
		n.labels_++;
		// The next label, or the root label, needs a byte more.
		if (len >= max_name_length)
			return "name longer than 255 bytes";
		label_start = len;
		len++;
		return nullptr;
	};
	for (std::size_t i = 0; i < text.size(); i++) {
		char c = text[i];
		ended_with_dot = false;
		if (c == '.') {
			if (const char *e = close_label())
				return name_error(e);
			ended_with_dot = true;
			continue;
		}
		std::uint8_t byte;
		if (c == '\\') {
			if (i + 1 >= text.size())
				return name_error("backslash at the end");
			if (is_digit(text[i + 1])) {
				if (i + 3 >= text.size() ||
				    !is_digit(text[i + 2]) ||
				    !is_digit(text[i + 3]))
					return name_error("bad \\DDD escape");
				unsigned v = (text[i + 1] - '0') * 100 +
				    (text[i + 2] - '0') * 10 + (text[i + 3] - '0');
				if (v > 255)
					return name_error(
					    "\\DDD escape over 255");
				byte = static_cast<std::uint8_t>(v);
				i += 3;
			} else {
				byte = static_cast<std::uint8_t>(text[i + 1]);
				i++;
			}
		} else {
			byte = static_cast<std::uint8_t>(c);
		}
		if (len - label_start - 1 >= max_label_length)
			return name_error("label longer than 63 bytes");
		if (len >= max_name_length)
			return name_error("name longer than 255 bytes");
		n.buf_[len++] = byte;
	}
	if (ended_with_dot) {
		// The reserved length byte becomes the root label.
		n.buf_[label_start] = 0;
		n.len_ = static_cast<std::uint8_t>(label_start + 1);
		n.absolute_ = true;
		return n;
	}
	if (const char *e = close_label())
		return name_error(e);
	n.len_ = static_cast<std::uint8_t>(label_start);
	return n;
}

result<name>
name::from_text(std::string_view text, const name &origin)
{
	if (text == "@")
		return origin;
	auto n = from_text(text);
	if (!n || n->absolute_)
		return n;
	return n->concat(origin);
}

result<name>
name::from_wire(bytes_view wire)
{
	std::size_t l = wire_name_length(wire);
	if (l == 0)
		return name_error("bad wire-form name");
	if (l != wire.size())
		return name_error("bytes after the root label");
	name n;
	std::memcpy(n.buf_.data(), wire.data(), l);
	n.len_ = static_cast<std::uint8_t>(l);
	n.labels_ = 0;
	for (std::size_t p = 0; wire[p] != 0; p += 1 + wire[p])
		n.labels_++;
	return n;
}

const char *
name::read(bytes_view msg, std::size_t &pos, name &out)
{
	std::size_t p = pos;
	std::size_t limit = 0;
	bool jumped = false;
	std::size_t len = 0;
	unsigned labels = 0;
	for (;;) {
		if (p >= msg.size())
			return "name runs past the end";
		std::uint8_t c = msg[p];
		if ((c & 0xc0) == 0xc0) {
			if (p + 1 >= msg.size())
				return "compression pointer runs past the end";
			std::size_t target = (std::size_t(c & 0x3f) << 8) |
			    msg[p + 1];
			if (!jumped) {
				pos = p + 2;
				limit = p;
				jumped = true;
			}
			// Strictly decreasing targets: no loop can form, and
			// the hops are bounded by the message size.
			if (target >= limit)
				return "compression pointer does not point "
				       "backwards";
			if (target < 12)
				return "compression pointer into the header";
			limit = target;
			p = target;
			continue;
		}
		if (c & 0xc0)
			return "unknown label type";
		if (c == 0)
			break;
		if (p + 1 + c > msg.size())
			return "label runs past the end";
		if (len + 1 + c + 1 > max_name_length)
			return "name longer than 255 bytes";
		std::memcpy(out.buf_.data() + len, msg.data() + p, 1 + c);
		len += 1 + c;
		labels++;
		p += 1 + c;
	}
	out.buf_[len++] = 0;
	out.len_ = static_cast<std::uint8_t>(len);
	out.labels_ = static_cast<std::uint8_t>(labels);
	out.absolute_ = true;
	if (!jumped)
		pos = p + 1;
	return nullptr;
}

bytes_view
name::label(unsigned i) const
{
	if (i >= labels_)
		return {};
	std::size_t p = 0;
	for (unsigned k = 0; k < i; k++)
		p += 1 + buf_[p];
	return bytes_view(buf_.data() + p + 1, buf_[p]);
}

namespace {

void
append_label_text(std::string &s, bytes_view l)
{
	for (std::uint8_t c : l) {
		switch (c) {
		case '.': case ';': case '\\': case '(': case ')':
		case '"': case '@': case '$':
			s += '\\';
			s += static_cast<char>(c);
			break;
		default:
			if (c < 0x21 || c > 0x7e) {
				s += '\\';
				s += static_cast<char>('0' + c / 100);
				s += static_cast<char>('0' + c / 10 % 10);
				s += static_cast<char>('0' + c % 10);
			} else {
				s += static_cast<char>(c);
			}
		}
	}
}

} // namespace

std::string
name::to_text() const
{
	if (is_root())
		return ".";
	std::string s;
	s.reserve(len_ + 8);
	std::size_t p = 0;
	for (unsigned i = 0; i < labels_; i++) {
		if (i > 0)
			s += '.';
		append_label_text(s, bytes_view(buf_.data() + p + 1, buf_[p]));
		p += 1 + buf_[p];
	}
	if (absolute_)
		s += '.';
	return s;
}

std::string
name::to_text(const name &origin) const
{
	if (*this == origin)
		return "@";
	if (origin.absolute_ && absolute_ && is_subdomain_of(origin) &&
	    !origin.is_root()) {
		std::string s;
		std::size_t p = 0;
		for (unsigned i = 0; i < unsigned(labels_ - origin.labels_); i++) {
			if (i > 0)
				s += '.';
			append_label_text(s,
			    bytes_view(buf_.data() + p + 1, buf_[p]));
			p += 1 + buf_[p];
		}
		return s;
	}
	return to_text();
}

bool
operator==(const name &a, const name &b)
{
	return a.len_ == b.len_ && a.absolute_ == b.absolute_ &&
	    equal_nocase(a.buf_.data(), b.buf_.data(), a.len_);
}

bool
name::identical(const name &other) const
{
	return len_ == other.len_ && absolute_ == other.absolute_ &&
	    std::memcmp(buf_.data(), other.buf_.data(), len_) == 0;
}

std::size_t
name::hash() const
{
	return wire_hash(wire()) ^ absolute_;
}

bool
name::is_subdomain_of(const name &other) const
{
	if (absolute_ != other.absolute_ || labels_ < other.labels_)
		return false;
	std::size_t p = 0;
	for (unsigned i = 0; i < unsigned(labels_ - other.labels_); i++)
		p += 1 + buf_[p];
	return len_ - p == other.len_ &&
	    equal_nocase(buf_.data() + p, other.buf_.data(), other.len_);
}

name
name::strip_left(unsigned n) const
{
	if (n > labels_)
		n = labels_;
	std::size_t p = 0;
	for (unsigned i = 0; i < n; i++)
		p += 1 + buf_[p];
	name r;
	std::memcpy(r.buf_.data(), buf_.data() + p, len_ - p);
	r.len_ = static_cast<std::uint8_t>(len_ - p);
	r.labels_ = static_cast<std::uint8_t>(labels_ - n);
	r.absolute_ = absolute_;
	return r;
}

result<name>
name::concat(const name &origin) const
{
	if (absolute_)
		return name_error("name is absolute already");
	if (std::size_t(len_) + origin.len_ > max_name_length ||
	    (!origin.absolute_ &&
	    std::size_t(len_) + origin.len_ > max_name_length - 1))
		return name_error("name longer than 255 bytes");
	name r;
	std::memcpy(r.buf_.data(), buf_.data(), len_);
	std::memcpy(r.buf_.data() + len_, origin.buf_.data(), origin.len_);
	r.len_ = static_cast<std::uint8_t>(len_ + origin.len_);
	r.labels_ = static_cast<std::uint8_t>(labels_ + origin.labels_);
	r.absolute_ = origin.absolute_;
	return r;
}

void
name::to_lower()
{
	for (std::size_t i = 0; i < len_; i++)
		buf_[i] = fold_byte(buf_[i]);
}

int
canonical_compare_wire(bytes_view a, bytes_view b)
{
	std::uint8_t oa[128], ob[128];
	unsigned na = 0, nb = 0;
	for (std::size_t p = 0; p < a.size() && a[p] != 0 && na < 128;
	    p += 1 + a[p])
		oa[na++] = static_cast<std::uint8_t>(p);
	for (std::size_t p = 0; p < b.size() && b[p] != 0 && nb < 128;
	    p += 1 + b[p])
		ob[nb++] = static_cast<std::uint8_t>(p);
	const std::uint8_t *wa = a.data();
	const std::uint8_t *wb = b.data();
	while (na > 0 && nb > 0) {
		na--;
		nb--;
		const std::uint8_t *la = wa + oa[na];
		const std::uint8_t *lb = wb + ob[nb];
		unsigned n = la[0] < lb[0] ? la[0] : lb[0];
		for (unsigned i = 1; i <= n; i++) {
			std::uint8_t x = fold_byte(la[i]);
			std::uint8_t y = fold_byte(lb[i]);
			if (x != y)
				return x < y ? -1 : 1;
		}
		if (la[0] != lb[0])
			return la[0] < lb[0] ? -1 : 1;
	}
	if (na != nb)
		return na < nb ? -1 : 1;
	return 0;
}

int
canonical_compare(const name &a, const name &b)
{
	return canonical_compare_wire(a.wire(), b.wire());
}

std::size_t
wire_hash(bytes_view wire)
{
	// FNV-1a over the folded bytes.
	std::uint64_t h = 14695981039346656037ULL;
	for (std::uint8_t c : wire) {
		h ^= fold_byte(c);
		h *= 1099511628211ULL;
	}
	return static_cast<std::size_t>(h);
}

} // namespace net::dns
