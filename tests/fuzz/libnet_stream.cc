// Fuzz target: the framing of net::stream_conn.  The first byte picks the
// framing and the frame limit, the second how the rest is cut into writes;
// the rest goes through a socketpair.  The frames delivered must be those
// of a plain reference framer over the whole input, however it was cut.
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include "libnet/stream.h"

namespace {

using framing = net::stream_conn::framing;
using reason = net::stream_conn::end_reason;

struct expected {
	std::vector<std::string> frames;
	int oversize = 0;
	bool too_long = false;
};

expected
reference(framing f, const std::string &in, std::size_t max)
{
	expected e;
	if (f == framing::raw) {
		if (!in.empty())
			e.frames.push_back(in);	// compared concatenated
		return e;
	}
	if (f == framing::line) {
		std::size_t pos = 0;
		for (;;) {
			std::size_t lf = in.find('\n', pos);
			if (lf == std::string::npos)
				break;	// unfinished: not a frame
			std::string line = in.substr(pos, lf - pos);
			if (!line.empty() && line.back() == '\r')
				line.pop_back();
			if (line.size() > max)
				e.oversize++;
			else
				e.frames.push_back(line);
			pos = lf + 1;
		}
		// An unfinished line already too long is reported as it
		// arrives.
		std::string rest = in.substr(pos);
		if (rest.size() > max + 1 ||
		    (rest.size() == max + 1 && rest.back() != '\r'))
			e.oversize++;
		return e;
	}
	std::size_t pos = 0;
	while (in.size() - pos >= 2) {
		std::size_t len = static_cast<unsigned char>(in[pos]) << 8 |
		    static_cast<unsigned char>(in[pos + 1]);
		if (len > max) {
			e.too_long = true;
			break;
		}
		if (in.size() - pos - 2 < len)
			break;
		e.frames.push_back(in.substr(pos + 2, len));
		pos += 2 + len;
	}
	return e;
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
	if (size < 2)
		return 0;
	framing f = data[0] % 3 == 0 ? framing::raw
	    : data[0] % 3 == 1	     ? framing::line
				     : framing::length16;
	std::size_t max = 1 + (data[0] >> 2) * 3;	// 1 .. 190
	std::size_t cut = 1 + data[1];
	std::string in(reinterpret_cast<const char *>(data + 2), size - 2);

	static bool once = [] {
		signal(SIGPIPE, SIG_IGN);	// writes after the end
		return true;
	}();
	(void)once;
	int sv[2];
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
		return 0;
	net::unique_fd peer(sv[1]);
	net::event_loop loop;
	std::vector<std::string> got;
	std::optional<reason> ended;
	int oversize = 0;
	net::stream_conn::callbacks cbs;
	cbs.on_frame = [&](std::string_view fr) {
		if (fr.size() > max)
			std::abort();
		got.emplace_back(fr);
	};
	cbs.on_end = [&](reason r) { ended = r; };
	if (f == framing::line)
		cbs.on_oversize = [&] { oversize++; };
	net::stream_conn::limits lim;
	lim.max_frame = max;
	net::stream_conn conn(loop, net::unique_fd(sv[0]), f, lim,
	    std::move(cbs));
	conn.start();
	for (std::size_t pos = 0; pos < in.size() && !ended; pos += cut) {
		std::string piece = in.substr(pos, cut);
		if (write(peer.get(), piece.data(), piece.size()) !=
		    static_cast<ssize_t>(piece.size()))
			std::abort();
		for (int i = 0; i < 3 && !ended; i++)
			(void)loop.run_once(net::milliseconds(0));
	}
	shutdown(peer.get(), SHUT_WR);
	for (int i = 0; i < 1000 && !ended; i++)
		(void)loop.run_once(net::milliseconds(1));
	if (!ended)
		std::abort();

	expected e = reference(f, in, max);
	if (f == framing::raw) {
		std::string all;
		for (const auto &g : got)
			all += g;
		if (all != in || *ended != reason::peer_closed)
			std::abort();
		return 0;
	}
	if (got != e.frames)
		std::abort();
	if (f == framing::line && oversize != e.oversize)
		std::abort();
	if ((*ended == reason::too_long) != e.too_long)
		std::abort();
	return 0;
}
