#include "options.h"

#include "libnet/numparse.h"
#include "libnet/text.h"

namespace tftpd {

namespace {

request_error
refuse(std::string msg)
{
	return request_error{error_code::option_refused, std::move(msg)};
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

std::variant<negotiated, request_error>
negotiate(const request &req, const option_limits &lim,
    std::optional<std::uint64_t> file_size)
{
	negotiated n;
	for (const auto &o : req.options) {
		unsigned bit = option_bit_of(o.name);
		if (bit == 0 || (lim.refused & bit) != 0)
			continue;
		switch (bit) {
		case opt_blksize: {
			// RFC 2348: valid values range from 8 to 65464.
			auto v = net::parse_uint(o.value, min_blksize,
			    max_blksize);
			if (!v)
				return refuse("blksize out of range");
			unsigned cap = lim.max_blksize < min_blksize
			    ? min_blksize
			    : lim.max_blksize;
			n.blksize = static_cast<unsigned>(*v) < cap
			    ? static_cast<unsigned>(*v)
			    : cap;
			n.oack.push_back(
			    {"blksize", std::to_string(n.blksize)});
			break;
		}
		case opt_timeout: {
			// RFC 2349: 1 to 255 seconds.
			auto v = net::parse_uint(o.value, 1, 255);
			if (!v)
				return refuse("timeout out of range");
			n.timeout_s = static_cast<unsigned>(*v);
			n.oack.push_back({"timeout", o.value});
			break;
		}
		case opt_tsize: {
			auto v = net::parse_uint(o.value);
			if (!v)
				return refuse("tsize is not a number");
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
			auto v = net::parse_uint(o.value, 1, 65535);
			if (!v)
				return refuse("windowsize out of range");
			n.windowsize = static_cast<unsigned>(*v);
			if (n.windowsize > lim.max_windowsize)
				n.windowsize = lim.max_windowsize;
			if (n.windowsize < 1)
				n.windowsize = 1;
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
	for (const auto &o : req.options)
		if (option_bit_of(o.name) == opt_windowsize &&
		    (lim.refused & opt_windowsize) == 0)
			n.oack.push_back(
			    {"windowsize", std::to_string(n.windowsize)});
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
