// builtin_conn.h: one TCP connection to an internal service, served on
// the event loop without blocking: a slow reader only ever stalls itself.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "builtin.h"
#include "libnet/event_loop.h"
#include "libnet/unique_fd.h"

namespace inetd {

class builtin_conn {
public:
	using close_callback = std::function<void(builtin_conn *)>;

	// Serves kind on fd (non-blocking); on_close runs once when the
	// connection ends (client closed, error or idle for idle_limit), and
	// may destroy the object.
	builtin_conn(net::event_loop &loop, net::unique_fd fd,
	    builtin_kind kind, net::duration idle_limit,
	    close_callback on_close);
	~builtin_conn();
	builtin_conn(const builtin_conn &) = delete;
	builtin_conn &operator=(const builtin_conn &) = delete;

	// Sends the one-shot reply of daytime and time and closes; starts
	// the loop-driven exchange for the others.
	void start();

	int fd() const { return fd_.get(); }

private:
	void on_io(short revents);
	void on_idle();
	void arm_idle();
	void finish();
	void update_events();

	net::event_loop &loop_;
	net::unique_fd fd_;
	builtin_kind kind_;
	net::duration idle_limit_;
	close_callback on_close_;
	net::event_loop::timer_id idle_timer_ = 0;
	std::string out_;		// bytes waiting to be written
	std::size_t out_pos_ = 0;
	std::uint64_t chargen_pos_ = 0;
	bool peer_closed_ = false;
	bool finished_ = false;
};

} // namespace inetd
