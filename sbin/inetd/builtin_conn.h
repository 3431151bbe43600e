// builtin_conn.h: one TCP connection to an internal service, served on
// the event loop by a net::stream_conn: nothing blocks, a slow reader only
// ever stalls itself, and an idle connection is closed.
#pragma once

#include <cstdint>
#include <functional>

#include "builtin.h"
#include "libnet/event_loop.h"
#include "libnet/stream.h"
#include "libnet/unique_fd.h"

namespace inetd {

class builtin_conn {
public:
	using close_callback = std::function<void(builtin_conn *)>;

	// Serves kind on fd; on_close runs once when the connection ends
	// (client closed, error or idle for idle_limit), and may destroy the
	// object.
	builtin_conn(net::event_loop &loop, net::unique_fd fd,
	    builtin_kind kind, net::duration idle_limit,
	    close_callback on_close);
	builtin_conn(const builtin_conn &) = delete;
	builtin_conn &operator=(const builtin_conn &) = delete;

	// Sends the one-shot reply of daytime and time, then closes; starts
	// the exchange of the others.
	void start();

private:
	void on_frame(std::string_view bytes);
	void on_drain();

	builtin_kind kind_;
	close_callback on_close_;
	std::uint64_t chargen_pos_ = 0;
	net::stream_conn conn_;
};

} // namespace inetd
