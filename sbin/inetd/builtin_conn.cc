#include "builtin_conn.h"

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <ctime>

namespace inetd {

namespace {

// An echo client that sends without reading gets no more than this
// buffered for it: then inetd stops reading until it catches up.
constexpr std::size_t echo_buffer = 64 * 1024;
constexpr std::size_t chargen_chunk = 16 * 1024;

} // namespace

builtin_conn::builtin_conn(net::event_loop &loop, net::unique_fd fd,
    builtin_kind kind, net::duration idle_limit, close_callback on_close)
    : loop_(loop), fd_(std::move(fd)), kind_(kind), idle_limit_(idle_limit),
      on_close_(std::move(on_close))
{
}

builtin_conn::~builtin_conn()
{
	if (fd_.valid())
		loop_.unwatch(fd_.get());
	if (idle_timer_ != 0)
		loop_.cancel_timer(idle_timer_);
}

void
builtin_conn::start()
{
	switch (kind_) {
	case builtin_kind::daytime:
		out_ = daytime_text(std::time(nullptr));
		break;
	case builtin_kind::time:
		out_ = time_bytes(std::time(nullptr));
		break;
	case builtin_kind::echo:
	case builtin_kind::discard:
	case builtin_kind::chargen:
		break;
	}
	if (kind_ == builtin_kind::daytime || kind_ == builtin_kind::time) {
		// A few bytes into a fresh socket buffer: written at once.
		ssize_t n = send(fd_.get(), out_.data(), out_.size(),
		    MSG_NOSIGNAL | MSG_DONTWAIT);
		(void)n;
		finish();
		return;
	}
	loop_.watch(fd_.get(), POLLIN, [this](short ev) { on_io(ev); });
	update_events();
	arm_idle();
}

void
builtin_conn::arm_idle()
{
	if (idle_timer_ != 0)
		loop_.cancel_timer(idle_timer_);
	idle_timer_ = loop_.add_timer(idle_limit_, [this] {
		idle_timer_ = 0;
		on_idle();
	});
}

void
builtin_conn::on_idle()
{
	finish();
}

void
builtin_conn::update_events()
{
	short ev = 0;
	bool pending = out_pos_ < out_.size();
	if (kind_ == builtin_kind::chargen || pending)
		ev |= POLLOUT;
	if (!peer_closed_ && !(kind_ == builtin_kind::echo &&
				 out_.size() - out_pos_ >= echo_buffer))
		ev |= POLLIN;
	loop_.set_events(fd_.get(), ev);
}

void
builtin_conn::on_io(short revents)
{
	bool progress = false;
	if (revents & (POLLIN | POLLHUP | POLLERR)) {
		char buf[16384];
		ssize_t n = recv(fd_.get(), buf, sizeof buf, MSG_DONTWAIT);
		if (n > 0) {
			progress = true;
			if (kind_ == builtin_kind::echo) {
				if (out_pos_ == out_.size()) {
					out_.clear();
					out_pos_ = 0;
				}
				out_.append(buf, static_cast<std::size_t>(n));
			}
		} else if (n == 0 ||
		    (errno != EAGAIN && errno != EWOULDBLOCK &&
			errno != EINTR)) {
			peer_closed_ = true;
		}
	}
	if (kind_ == builtin_kind::chargen && out_pos_ == out_.size() &&
	    !peer_closed_) {
		out_.clear();
		out_pos_ = 0;
		chargen_fill(out_, chargen_chunk, &chargen_pos_);
	}
	if ((revents & POLLOUT) && out_pos_ < out_.size()) {
		ssize_t n = send(fd_.get(), out_.data() + out_pos_,
		    out_.size() - out_pos_, MSG_NOSIGNAL | MSG_DONTWAIT);
		if (n > 0) {
			out_pos_ += static_cast<std::size_t>(n);
			progress = true;
		} else if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK &&
		    errno != EINTR) {
			finish();
			return;
		}
	}
	// Done when the client has closed and everything owed is written
	// (for echo) or at once (discard and chargen owe nothing more).
	if (peer_closed_ &&
	    (kind_ != builtin_kind::echo || out_pos_ == out_.size())) {
		finish();
		return;
	}
	if (progress)
		arm_idle();
	update_events();
}

void
builtin_conn::finish()
{
	if (finished_)
		return;
	finished_ = true;
	if (idle_timer_ != 0) {
		loop_.cancel_timer(idle_timer_);
		idle_timer_ = 0;
	}
	loop_.unwatch(fd_.get());
	fd_.reset();
	on_close_(this);
}

} // namespace inetd
