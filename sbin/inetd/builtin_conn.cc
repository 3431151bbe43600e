#include "builtin_conn.h"

#include <ctime>
#include <string>

namespace inetd {

namespace {

// An echo client that sends without reading gets no more than this
// queued for it: then inetd stops reading until it catches up.
constexpr std::size_t echo_buffer = 64 * 1024;
// Read at a time; for chargen, written at a time, refilled while the
// queue is at most half of the buffer, so that it never stops reading
// (and seeing the client's end).
constexpr std::size_t chunk = 16 * 1024;

net::stream_conn::limits
limits_of(net::duration idle)
{
	net::stream_conn::limits lim;
	lim.max_frame = chunk;
	lim.max_queued = echo_buffer;
	lim.idle = idle;
	return lim;
}

} // namespace

builtin_conn::builtin_conn(net::event_loop &loop, net::unique_fd fd,
    builtin_kind kind, net::duration idle_limit, close_callback on_close)
    : kind_(kind), on_close_(std::move(on_close)),
      conn_(loop, std::move(fd), net::stream_conn::framing::raw,
	  limits_of(idle_limit),
	  {[this](std::string_view b) { on_frame(b); },
	      [this](net::stream_conn::end_reason) { on_close_(this); },
	      nullptr, [this] { on_drain(); }})
{
}

void
builtin_conn::start()
{
	conn_.start();
	switch (kind_) {
	case builtin_kind::daytime:
		conn_.send(daytime_text(std::time(nullptr)));
		conn_.close_after_write();
		break;
	case builtin_kind::time:
		conn_.send(time_bytes(std::time(nullptr)));
		conn_.close_after_write();
		break;
	case builtin_kind::chargen:
		on_drain();
		break;
	case builtin_kind::echo:
	case builtin_kind::discard:
		break;
	}
}

void
builtin_conn::on_frame(std::string_view bytes)
{
	// Discard and chargen throw what they read away (RFC 863, 864).
	if (kind_ == builtin_kind::echo)
		conn_.send(bytes);
}

void
builtin_conn::on_drain()
{
	if (kind_ != builtin_kind::chargen)
		return;
	// RFC 864: the stream goes on until the client closes; a client
	// that has only stopped sending is taken to be done too.
	if (conn_.peer_closed()) {
		conn_.close();
		return;
	}
	std::string more;
	chargen_fill(more, chunk, &chargen_pos_);
	conn_.send(more);
}

} // namespace inetd
