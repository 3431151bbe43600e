#include "netascii.h"

namespace tftpd {

std::pair<std::size_t, std::size_t>
netascii_encoder::encode(std::span<const std::uint8_t> in,
    std::span<std::uint8_t> out)
{
	std::size_t i = 0, o = 0;
	while (o < out.size()) {
		if (pending_ >= 0) {
			out[o++] = static_cast<std::uint8_t>(pending_);
			pending_ = -1;
			continue;
		}
		if (i == in.size())
			break;
		std::uint8_t c = in[i++];
		if (c == '\n') {
			out[o++] = '\r';
			pending_ = '\n';
		} else if (c == '\r') {
			out[o++] = '\r';
			pending_ = '\0';
		} else {
			out[o++] = c;
		}
	}
	return {i, o};
}

std::size_t
netascii_decoder::decode(std::span<const std::uint8_t> in, std::uint8_t *out)
{
	std::size_t o = 0;
	for (std::uint8_t c : in) {
		if (cr_) {
			cr_ = false;
			if (c == '\n') {
				out[o++] = '\n';
				continue;
			}
			if (c == '\0') {
				out[o++] = '\r';
				continue;
			}
			out[o++] = '\r';
		}
		if (c == '\r')
			cr_ = true;
		else
			out[o++] = c;
	}
	return o;
}

std::size_t
netascii_decoder::finish(std::uint8_t *out)
{
	if (!cr_)
		return 0;
	cr_ = false;
	out[0] = '\r';
	return 1;
}

} // namespace tftpd
