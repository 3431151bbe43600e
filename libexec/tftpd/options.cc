#include "options.h"

#include "libnet/numparse.h"
#include "libnet/text.h"

namespace tftpd {

namespace {

// An option's value as a number: decimal digits only, saturating, so
// that a value past every bound is still a value above it (and capped);
// nothing when it is not a number at all.
std::optional<std::uint64_t>
option_number(std::string_view s)
{
	if (s.empty())
		return std::nullopt;
	std::uint64_t v = 0;
	for (char c : s) {
		if (c < '0' || c > '9')
			return std::nullopt;
		auto d = static_cast<std::uint64_t>(c - '0');
		v = v > (UINT64_MAX - d) / 10 ? UINT64_MAX : v * 10 + d;
	}
	return v;
}

} // namespace

unsigned
option_bit_of(std::string_view name)
{
	if (net::iequals(name, "blksize"))
		return opt_blksize;
	if (net::iequals(name, "tsize"))
		return opt_tsize;
	if (net::iequals(name, "timeout"))
		return opt_timeout;
	if (net::iequals(name, "windowsize"))
		return opt_windowsize;
	return 0;
}

// RFC 2347 leaves an invalid value to each option's RFC: the server may
// omit the option from its OACK, answer another value or send ERROR 8.
// Only a blksize below 8 is refused (as tftpd-hpa does): RFC 2348 leaves
// no value to answer it with, since the answer may not be larger than the
// question, and a client that asked for less than 8 bytes a block cannot
// take the 512 of RFC 1350 either.  Everything else is served: a value
// above an option's range is capped like any other large one (RFC 2348,
// RFC 7440: the server answers a value no larger), and a value that is no
// number, or one that cannot be answered (timeout 0 or 256, which RFC 2349
// has echoed unchanged; windowsize 0), leaves its option out, as one the
// server does not know.
std::variant<negotiated, request_error>
negotiate(const request &req, const option_limits &lim,
    std::optional<std::uint64_t> file_size)
{
	negotiated n;
	bool window = false;
	for (const auto &o : req.options) {
		unsigned bit = option_bit_of(o.name);
		if (bit == 0 || (lim.refused & bit) != 0)
			continue;
		switch (bit) {
		case opt_blksize: {
			// RFC 2348: valid values range from 8 to 65464.
			auto v = option_number(o.value);
			if (!v)
				break;
			if (*v < min_blksize)
				return request_error{error_code::option_refused,
				    "blksize below 8"};
			unsigned cap = lim.max_blksize < min_blksize
			    ? min_blksize
			    : lim.max_blksize;
			if (cap > max_blksize)
				cap = max_blksize;
			n.blksize = *v < cap ? static_cast<unsigned>(*v) : cap;
			n.oack.push_back(
			    {"blksize", std::to_string(n.blksize)});
			break;
		}
		case opt_timeout: {
			// RFC 2349: 1 to 255 seconds, echoed as asked.
			auto v = option_number(o.value);
			if (!v || *v < 1 || *v > 255)
				break;
			n.timeout_s = static_cast<unsigned>(*v);
			n.oack.push_back({"timeout", std::to_string(*v)});
			break;
		}
		case opt_tsize: {
			// Not saturated: a size past 2^64 is no size.
			auto v = net::parse_uint(o.value);
			if (!v)
				break;
			// RFC 2349: a read asks with 0 and learns the size; a
			// write announces its size, which is echoed.
			if (req.op == opcode::wrq)
				n.oack.push_back({"tsize", std::to_string(*v)});
			else if (file_size)
				n.oack.push_back(
				    {"tsize", std::to_string(*file_size)});
			break;
		}
		case opt_windowsize: {
			// RFC 7440: 1 to 65535 blocks.
			auto v = option_number(o.value);
			if (!v || *v < 1)
				break;
			std::uint64_t w = *v;
			if (w > 65535)
				w = 65535;
			if (w > lim.max_windowsize)
				w = lim.max_windowsize;
			n.windowsize = w < 1 ? 1 : static_cast<unsigned>(w);
			window = true;
			break;
		}
		}
	}
	// The window is bounded by bytes only once blksize is settled,
	// whatever order the options came in.
	if (n.windowsize > 1) {
		std::size_t fit = lim.max_window_bytes / n.blksize;
		if (fit < 1)
			fit = 1;
		if (n.windowsize > fit)
			n.windowsize = static_cast<unsigned>(fit);
	}
	if (window)
		n.oack.push_back({"windowsize", std::to_string(n.windowsize)});
	return n;
}

unsigned
blksize_for_mtu(unsigned mtu, bool ipv6)
{
	unsigned overhead = (ipv6 ? 40 : 20) + 8 + 4;
	if (mtu <= overhead + min_blksize)
		return min_blksize;
	unsigned b = mtu - overhead;
	return b > max_blksize ? max_blksize : b;
}

option_limits
limits_for_path(option_limits lim, unsigned mtu, bool ipv6)
{
	if (mtu != 0) {
		unsigned cap = blksize_for_mtu(mtu, ipv6);
		if (cap < lim.max_blksize)
			lim.max_blksize = cap;
	}
	return lim;
}

std::size_t
block_footprint(unsigned blksize)
{
	// TFTP, UDP and IPv6 headers, then what Linux adds: a buffer of up
	// to 16 KiB is one allocation rounded up to a power of two with the
	// shared info at its end; a larger one goes in pages, about its
	// size.  Either way the sk_buff itself comes on top.
	std::size_t n = std::size_t{blksize} + 4 + 8 + 40;
	constexpr std::size_t shinfo = 320, skb = 320;
	if (n + shinfo <= 16384) {
		std::size_t p = 512;
		while (p < n + shinfo)
			p <<= 1;
		return p + skb;
	}
	return n + 4096 + skb;
}

std::size_t
window_buffer_bytes(unsigned blksize, unsigned windowsize)
{
	return (std::size_t{windowsize} + 1) * block_footprint(blksize);
}

bool
cap_window_to_buffer(negotiated &n, std::size_t buffer)
{
	std::size_t fit = buffer / block_footprint(n.blksize);
	if (fit >= n.windowsize)
		return false;
	n.windowsize = fit < 1 ? 1 : static_cast<unsigned>(fit);
	for (auto &o : n.oack)
		if (o.name == "windowsize")
			o.value = std::to_string(n.windowsize);
	return true;
}

std::string
options_text(const request &req, const negotiated &n)
{
	std::string s;
	for (const auto &o : req.options) {
		if (!s.empty())
			s += ',';
		const option *g = nullptr;
		for (const auto &x : n.oack)
			if (net::iequals(x.name, o.name))
				g = &x;
		if (g == nullptr) {
			s += o.name + '=' + o.value + " (not granted)";
			continue;
		}
		s += g->name + '=' + g->value;
		// A read's tsize is a question (0); its answer is no change.
		bool query = req.op == opcode::rrq && g->name == "tsize";
		if (g->value != o.value && !query)
			s += " (asked " + o.value + ')';
	}
	return s.empty() ? "-" : net::printable(s, 256);
}

} // namespace tftpd
