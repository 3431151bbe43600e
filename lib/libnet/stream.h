// stream.h: a buffered stream connection on the event loop, for the
// servers that speak over TCP or a pipe: inetd's internal services now,
// and the SMTP, FTP, telnet and DNS-over-TCP servers.  Reads go into a
// bounded buffer and come out as frames (every chunk as it arrives, lines
// ending in LF with any CR before it removed, or frames behind a two-byte
// length as DNS over TCP sends them); writes are queued and sent as the
// socket takes them, and reading stops while too much is queued, so a
// client that sends without reading stalls only itself; a connection idle
// for too long is closed.  Nothing here blocks.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "libnet/event_loop.h"
#include "libnet/unique_fd.h"

namespace net {

class stream_conn {
public:
	enum class framing {
		raw,		// each read as it came
		line,		// up to LF; the LF and a CR before it removed
		length16,	// a 2-byte big-endian length, then that many
	};

	// Why a connection ended.
	enum class end_reason {
		peer_closed,	// end of file, everything owed written
		error,		// a read or write failed (errno in end_errno())
		idle,		// nothing moved for the idle limit
		too_long,	// a frame over max_frame, with no on_oversize
		closed,		// close() or close_after_write() finished
	};

	struct limits {
		// The longest frame taken (a line without its LF, a
		// length16 frame without its length); raw reads are cut at
		// this size.
		std::size_t max_frame = 4096;
		// Reading stops while more than this is queued to write,
		// and goes on once half of it is gone.
		std::size_t max_queued = 256 * 1024;
		// Closed after this long with nothing read or written;
		// zero: never.
		duration idle = duration::zero();
	};

	struct callbacks {
		// A frame; may send, close, pause reading or destroy the
		// connection.
		std::function<void(std::string_view frame)> on_frame;
		// The connection has ended (once); the fd is closed by then.
		// May destroy the connection.
		std::function<void(end_reason)> on_end;
		// A line longer than max_frame: with this set, its bytes up
		// to the next LF are dropped and this is called (an SMTP
		// server answers "500 line too long" and goes on); without,
		// the connection ends with too_long.  Line framing only.
		std::function<void()> on_oversize;
		// The queue has gone below half of max_queued (or empty):
		// a producer (chargen) may send more.
		std::function<void()> on_drain;
	};

	// Serves fd, which is made non-blocking.  Nothing happens until
	// start().
	stream_conn(event_loop &loop, unique_fd fd, framing f,
	    const limits &lim, callbacks cbs);
	~stream_conn();
	stream_conn(const stream_conn &) = delete;
	stream_conn &operator=(const stream_conn &) = delete;

	// Begins reading and the idle clock.
	void start();

	// Queues bytes to send; ignored once the connection is closing.
	void send(std::string_view bytes);

	// Queues a length16 frame (its length, then the bytes); false, and
	// nothing queued, when it is longer than 65535.
	bool send_frame(std::string_view frame);

	// Sends what is queued, then ends with closed; reads nothing more.
	void close_after_write();

	// Ends now with closed; what is queued is dropped.
	void close();

	// Stops or resumes delivering frames (and reading: what the peer
	// sends meanwhile waits in the socket buffer).
	void set_reading(bool on);

	// Bytes queued and not yet sent.
	std::size_t queued() const { return out_.size() - out_pos_; }

	// The descriptor (-1 once ended).
	int fd() const { return fd_.get(); }

	// True once ended (on_end has run or is running).
	bool ended() const { return ended_; }

	// True once the peer has finished sending (end of file read): a
	// producer that owes output only while the peer talks stops here.
	bool peer_closed() const { return peer_eof_; }

	// The errno of an end with error.
	int end_errno() const { return end_errno_; }

	// Hands the descriptor over (a server that execs a program on the
	// connection): stops watching, drops the buffers, never calls
	// on_end.  What was read but not yet delivered is lost.
	unique_fd release();

private:
	void on_io(short revents);
	void read_some();
	void deliver();
	bool write_some();
	void check_done();
	void update_events();
	void touch();
	void end(end_reason why, int err = 0);

	event_loop &loop_;
	unique_fd fd_;
	watch watch_;
	timer idle_timer_;
	framing framing_;
	limits lim_;
	callbacks cbs_;
	std::string in_;
	std::size_t in_pos_ = 0;	// delivered up to here
	std::string out_;
	std::size_t out_pos_ = 0;	// sent up to here
	bool reading_ = true;
	bool peer_eof_ = false;
	bool closing_ = false;		// close_after_write()
	bool discarding_ = false;	// dropping an oversize line
	bool above_high_ = false;	// reading held back by the queue
	bool started_ = false;
	bool ended_ = false;
	bool delivering_ = false;
	int end_errno_ = 0;
	// False once destroyed: a callback may delete the connection, and
	// the code that called it must then touch nothing.
	std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

} // namespace net
