// privsep.h: privilege separation.  A privileged monitor and the
// unprivileged worker it started talk over a channel of typed,
// length-checked messages, each able to carry one descriptor (SCM_RIGHTS):
// the worker asks, the monitor checks the request against the state the
// session is in and answers, so a worker taken over by its client can ask
// only what its state allows.  For ftpd's log-in and low-port binds,
// timed's clock setting, routed's route writes and sendmail's local
// delivery.  Bodies are written with wire_writer and read with
// wire_reader.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "libnet/result.h"
#include "libnet/unique_fd.h"
#include "libnet/wire.h"

namespace net {

// The largest message body either side sends or takes.
inline constexpr std::size_t privsep_max_body = 64 * 1024;

struct privsep_message {
	std::uint32_t type = 0;
	std::vector<std::uint8_t> body;
	unique_fd fd;		// the descriptor passed with it, if any
};

// One end of a channel: a SOCK_SEQPACKET socket, so a message arrives
// whole or not at all.
class privsep_channel {
public:
	privsep_channel() = default;
	explicit privsep_channel(unique_fd fd) : fd_(std::move(fd)) {}

	// A connected pair of ends, close-on-exec.
	static result<std::pair<privsep_channel, privsep_channel>> make_pair();

	// Sends one message, with fd passed along unless it is -1.  A body
	// over privsep_max_body is refused (EMSGSIZE).
	result<void> send(std::uint32_t type, bytes_view body, int fd = -1);

	// Waits for one message.  The other end closed (or sent an empty
	// datagram, which looks the same): EPIPE.  A message
	// that is short, cut off, longer than privsep_max_body, whose length
	// disagrees with its header, or that carries anything but at most
	// one descriptor: EPROTO (any descriptors it carried are closed).
	result<privsep_message> recv();

	// A request and its answer: send, then recv.
	result<privsep_message> call(std::uint32_t type, bytes_view body,
	    int fd = -1);

	int fd() const { return fd_.get(); }
	bool valid() const { return fd_.valid(); }

private:
	unique_fd fd_;
};

// The monitor's side: which requests each state allows, and what answers
// them.  A request not allowed in the current state is refused and ends
// the session (serve_one returns EACCES): the worker asked what its
// state does not allow, so it is no longer trusted.
class privsep_monitor {
public:
	using state = std::uint32_t;

	// What a handler answers: the reply's type, body and descriptor,
	// and the state the session goes to.
	struct answer {
		std::uint32_t type = 0;
		std::vector<std::uint8_t> body;
		unique_fd fd;
		state next = 0;
	};
	using handler = std::function<answer(state, privsep_message &)>;

	explicit privsep_monitor(state initial) : state_(initial) {}

	// In state s, a request of type t is answered by h.
	void allow(state s, std::uint32_t type, handler h);

	// Reads one request, answers it and moves to the handler's state.
	// EPIPE when the worker has gone, EPROTO for a malformed message,
	// EACCES (with the type and state named) for a request the state
	// does not allow; no answer is sent in the last two cases.
	result<void> serve_one(privsep_channel &ch);

	state current() const { return state_; }

private:
	std::map<std::pair<state, std::uint32_t>, handler> rules_;
	state state_;
};

} // namespace net
