#include "libnet/stream.h"

#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include "libnet/socket.h"

namespace net {

namespace {

// One read takes at most this much: a connection that always has data
// cannot hold the loop for long.
constexpr std::size_t read_chunk = 16 * 1024;

bool
transient(int e)
{
	return e == EAGAIN || e == EWOULDBLOCK || e == EINTR;
}

} // namespace

stream_conn::stream_conn(event_loop &loop, unique_fd fd, framing f,
    const limits &lim, callbacks cbs)
    : loop_(loop), fd_(std::move(fd)), idle_timer_(loop), framing_(f),
      lim_(lim), cbs_(std::move(cbs))
{
	if (lim_.max_frame == 0)
		lim_.max_frame = 1;
	if (framing_ == framing::length16)
		lim_.max_frame = std::min<std::size_t>(lim_.max_frame, 65535);
	if (fd_.valid())
		(void)set_nonblocking(fd_.get(), true);
}

stream_conn::~stream_conn()
{
	*alive_ = false;
}

void
stream_conn::start()
{
	if (started_ || ended_)
		return;
	started_ = true;
	watch_ = watch(loop_, fd_.get(), 0, [this](short ev) { on_io(ev); });
	touch();
	update_events();
}

void
stream_conn::touch()
{
	if (lim_.idle > duration::zero() && !ended_)
		idle_timer_.start(lim_.idle, [this] { end(end_reason::idle); });
}

void
stream_conn::send(std::string_view bytes)
{
	if (ended_ || closing_ || bytes.empty())
		return;
	if (out_pos_ == out_.size()) {
		out_.clear();
		out_pos_ = 0;
	}
	out_.append(bytes);
	if (queued() > lim_.max_queued)
		above_high_ = true;
	if (started_)
		update_events();
}

bool
stream_conn::send_frame(std::string_view frame)
{
	if (frame.size() > 65535)
		return false;
	char len[2] = {static_cast<char>(frame.size() >> 8),
	    static_cast<char>(frame.size() & 0xff)};
	send(std::string_view(len, 2));
	send(frame);
	return true;
}

void
stream_conn::close_after_write()
{
	if (ended_)
		return;
	closing_ = true;
	if (queued() == 0 && started_) {
		end(end_reason::closed);
		return;
	}
	if (started_)
		update_events();
}

void
stream_conn::close()
{
	end(end_reason::closed);
}

void
stream_conn::set_reading(bool on)
{
	if (reading_ == on || ended_)
		return;
	reading_ = on;
	if (!started_)
		return;
	update_events();
	// Frames already read wait in the buffer: delivered after the
	// caller's own callback, never from inside it.
	if (on && in_pos_ < in_.size()) {
		std::weak_ptr<bool> alive = alive_;
		loop_.defer([this, alive] {
			auto a = alive.lock();
			if (!a || !*a || ended_)
				return;
			deliver();
			if (*a)
				check_done();
		});
	}
}

unique_fd
stream_conn::release()
{
	watch_.reset();
	idle_timer_.cancel();
	ended_ = true;
	in_.clear();
	out_.clear();
	in_pos_ = out_pos_ = 0;
	return std::move(fd_);
}

void
stream_conn::update_events()
{
	if (ended_)
		return;
	short ev = 0;
	if (reading_ && !peer_eof_ && !closing_ && !above_high_)
		ev |= POLLIN;
	if (queued() > 0)
		ev |= POLLOUT;
	watch_.set_events(ev);
}

void
stream_conn::on_io(short revents)
{
	auto alive = alive_;
	if ((revents & POLLOUT) || ((revents & (POLLERR | POLLHUP)) &&
	    queued() > 0)) {
		if (!write_some() || !*alive || ended_)
			return;
	}
	if ((revents & (POLLIN | POLLHUP | POLLERR)) && reading_ &&
	    !peer_eof_ && !closing_ && !above_high_) {
		read_some();
		if (!*alive || ended_)
			return;
	} else if ((revents & (POLLHUP | POLLERR)) && queued() == 0) {
		// Nothing to write and nothing wanted from it: a hangup
		// would be reported again and again; the connection is over.
		end(end_reason::peer_closed);
		return;
	}
	check_done();
}

// Ends the connection when nothing is left to do, or sets the events it
// waits for.
void
stream_conn::check_done()
{
	if (ended_)
		return;
	// Everything complete was delivered: what is left after the end of
	// file is an unfinished frame, which is not a frame.
	if (peer_eof_ && reading_ && !delivering_) {
		in_.clear();
		in_pos_ = 0;
	}
	if (queued() == 0 &&
	    (closing_ || (peer_eof_ && in_pos_ == in_.size()))) {
		end(closing_ ? end_reason::closed : end_reason::peer_closed);
		return;
	}
	update_events();
}

// Sends what the socket takes; false when the connection ended.
bool
stream_conn::write_some()
{
	if (queued() == 0)
		return true;
	ssize_t n = ::send(fd_.get(), out_.data() + out_pos_, queued(),
	    MSG_NOSIGNAL | MSG_DONTWAIT);
	if (n < 0 && errno == ENOTSOCK)
		n = ::write(fd_.get(), out_.data() + out_pos_, queued());
	if (n < 0) {
		if (transient(errno))
			return true;
		end(end_reason::error, errno);
		return false;
	}
	out_pos_ += static_cast<std::size_t>(n);
	if (out_pos_ == out_.size()) {
		out_.clear();
		out_pos_ = 0;
	}
	touch();
	if (queued() <= lim_.max_queued / 2) {
		above_high_ = false;
		if (cbs_.on_drain && !closing_) {
			auto alive = alive_;
			cbs_.on_drain();
			if (!*alive || ended_)
				return false;
		}
	}
	return true;
}

void
stream_conn::read_some()
{
	// Compact what has been delivered before reading more.
	if (in_pos_ > 0) {
		in_.erase(0, in_pos_);
		in_pos_ = 0;
	}
	std::size_t want = read_chunk;
	if (framing_ == framing::raw)
		want = std::min(want, lim_.max_frame);
	std::size_t old = in_.size();
	in_.resize(old + want);
	ssize_t n = ::recv(fd_.get(), in_.data() + old, want, MSG_DONTWAIT);
	if (n < 0 && errno == ENOTSOCK)
		n = ::read(fd_.get(), in_.data() + old, want);
	int err = errno;
	in_.resize(old + (n > 0 ? static_cast<std::size_t>(n) : 0));
	if (n < 0) {
		if (!transient(err))
			end(end_reason::error, err);
		return;
	}
	if (n == 0) {
		peer_eof_ = true;
		deliver();
		return;
	}
	touch();
	deliver();
}

// Hands complete frames to on_frame while reading is on.
void
stream_conn::deliver()
{
	if (delivering_)
		return;
	auto alive = alive_;
	delivering_ = true;
	while (reading_ && !ended_ && !closing_ && in_pos_ < in_.size()) {
		std::string_view rest(in_.data() + in_pos_,
		    in_.size() - in_pos_);
		std::string_view frame;
		std::size_t used = 0;
		if (framing_ == framing::raw) {
			frame = rest;
			used = rest.size();
		} else if (framing_ == framing::line) {
			std::size_t lf = rest.find('\n');
			if (discarding_) {
				if (lf == std::string_view::npos) {
					in_pos_ = in_.size();
					break;
				}
				in_pos_ += lf + 1;
				discarding_ = false;
				continue;
			}
			if (lf == std::string_view::npos) {
				// Room for the CR of a line of max_frame.
				if (rest.size() <= lim_.max_frame ||
				    (rest.size() == lim_.max_frame + 1 &&
					rest.back() == '\r'))
					break;
				if (!cbs_.on_oversize) {
					end(end_reason::too_long);
					break;
				}
				discarding_ = true;
				in_pos_ = in_.size();
				cbs_.on_oversize();
				if (!*alive)
					return;
				continue;
			}
			used = lf + 1;
			frame = rest.substr(0, lf);
			if (!frame.empty() && frame.back() == '\r')
				frame.remove_suffix(1);
			if (frame.size() > lim_.max_frame) {
				in_pos_ += used;
				if (!cbs_.on_oversize) {
					end(end_reason::too_long);
					break;
				}
				cbs_.on_oversize();
				if (!*alive)
					return;
				continue;
			}
		} else {
			if (rest.size() < 2)
				break;
			std::size_t len =
			    static_cast<std::size_t>(
				static_cast<unsigned char>(rest[0]))
				<< 8 |
			    static_cast<unsigned char>(rest[1]);
			if (len > lim_.max_frame) {
				end(end_reason::too_long);
				break;
			}
			if (rest.size() < 2 + len)
				break;
			frame = rest.substr(2, len);
			used = 2 + len;
		}
		in_pos_ += used;
		cbs_.on_frame(frame);
		if (!*alive)
			return;
	}
	delivering_ = false;
	if (in_pos_ == in_.size()) {
		in_.clear();
		in_pos_ = 0;
	}
}

void
stream_conn::end(end_reason why, int err)
{
	if (ended_)
		return;
	ended_ = true;
	end_errno_ = err;
	watch_.reset();
	idle_timer_.cancel();
	fd_.reset();
	in_.clear();
	out_.clear();
	in_pos_ = out_pos_ = 0;
	if (cbs_.on_end)
		cbs_.on_end(why);
}

} // namespace net
