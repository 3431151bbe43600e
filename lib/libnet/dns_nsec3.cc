// dns_nsec3.cc: NSEC3 hashes.
#include "libnet/dns_nsec3.h"

#include <algorithm>
#include <array>
#include <string_view>

#include "libnet/dns_name.h"
#include "libnet/dns_rdata.h"

namespace net::dns {

sha1::digest
nsec3_hash(bytes_view name, bytes_view salt, unsigned iterations)
{
	std::array<std::uint8_t, max_name_length> low;
	std::size_t n = std::min(name.size(), low.size());
	// Lower case the label text, not the length bytes.
	std::size_t next = 0;
	for (std::size_t i = 0; i < n; i++) {
		std::uint8_t c = name[i];
		if (i == next)
			next = i + 1 + c;
		else if (c >= 'A' && c <= 'Z')
			c = static_cast<std::uint8_t>(c + 32);
		low[i] = c;
	}
	sha1 h;
	h.update(bytes_view(low.data(), n));
	h.update(salt);
	sha1::digest d = h.finish();
	for (unsigned k = 0; k < iterations; k++) {
		h.update(bytes_view(d.data(), d.size()));
		h.update(salt);
		d = h.finish();
	}
	return d;
}

std::optional<sha1::digest>
nsec3_label_hash(bytes_view label)
{
	std::vector<std::uint8_t> raw;
	if (label.size() != 32 || !base32hex_to_bytes(std::string_view(
	    reinterpret_cast<const char *>(label.data()), label.size()), raw) ||
	    raw.size() != sha1::digest_size)
		return std::nullopt;
	sha1::digest d;
	std::copy(raw.begin(), raw.end(), d.begin());
	return d;
}

std::optional<nsec3_param>
parse_nsec3param(bytes_view rd)
{
	if (rd.size() < 5 || rd.size() != 5u + rd[4])
		return std::nullopt;
	nsec3_param p;
	p.algorithm = rd[0];
	p.flags = rd[1];
	p.iterations = static_cast<std::uint16_t>(rd[2] << 8 | rd[3]);
	p.salt.assign(rd.begin() + 5, rd.end());
	return p;
}

} // namespace net::dns
