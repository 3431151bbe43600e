// Fuzz target: the TFTP request parser, the opcode classifier, option
// negotiation and path rules, and the transfer packet parser on the same
// bytes.  Properties: what parses as a request is classified as one,
// negotiated values stay in their bounds (whatever values were asked),
// and a path the rules let through has no ".." component, no leading '/'
// and no backslash.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <variant>

#include "files.h"
#include "options.h"
#include "packet.h"

namespace {

// True when a component of path is "..".
bool
climbs(std::string_view path)
{
	for (;;) {
		std::size_t slash = path.find('/');
		if (path.substr(0, slash) == "..")
			return true;
		if (slash == std::string_view::npos)
			return false;
		path.remove_prefix(slash + 1);
	}
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
	std::span<const std::uint8_t> in(data, size);
	auto r = tftpd::parse_request(in);
	auto kind = tftpd::classify(in);
	if (auto *req = std::get_if<tftpd::request>(&r)) {
		if (kind != tftpd::arrival::request)
			__builtin_trap();
		tftpd::option_limits lim;
		lim.max_blksize = 1468;
		auto n = tftpd::negotiate(*req, lim, 12345);
		if (auto *g = std::get_if<tftpd::negotiated>(&n)) {
			if (g->blksize < tftpd::min_blksize ||
			    g->blksize > 1468 || g->windowsize < 1 ||
			    g->windowsize > lim.max_windowsize ||
			    (g->timeout_s && (*g->timeout_s < 1 ||
			    *g->timeout_s > 255)))
				__builtin_trap();
			(void)tftpd::make_oack(g->oack);
		}
		auto p = tftpd::client_path("/srv/tftp", req->filename);
		if (auto *rel = std::get_if<std::string>(&p)) {
			// What the path rules let through never climbs, never
			// starts at the root and holds no backslash.
			if (rel->empty() || rel->front() == '/' ||
			    rel->find('\\') != std::string::npos ||
			    climbs(*rel))
				__builtin_trap();
		}
	} else {
		const auto &e = std::get<tftpd::request_error>(r);
		(void)tftpd::make_error(e.code, e.message);
	}
	tftpd::packet_view pv;
	(void)tftpd::parse_packet(in, pv);
	return 0;
}
