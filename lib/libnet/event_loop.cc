#include "libnet/event_loop.h"

#include <fcntl.h>
#include <sys/epoll.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace net {

namespace {

// One self-pipe per process, shared by every loop: signal handlers are
// process-wide anyway.
int signal_pipe_[2] = {-1, -1};

void
on_signal_handler(int signo)
{
	int saved = errno;
	unsigned char b = static_cast<unsigned char>(signo);
	// A full pipe means a wakeup is already pending; losing a duplicate
	// byte loses nothing the loop needs.
	ssize_t n = write(signal_pipe_[1], &b, 1);
	(void)n;
	errno = saved;
}

result<void>
ensure_signal_pipe()
{
	if (signal_pipe_[0] >= 0)
		return {};
	if (pipe2(signal_pipe_, O_CLOEXEC | O_NONBLOCK) != 0)
		return fail("signal pipe");
	return {};
}

// The registration word of a watch: its generation above, the fd below.
std::uint64_t
tag(int fd, std::uint64_t generation)
{
	return (generation << 32) | static_cast<std::uint32_t>(fd);
}

} // namespace

event_loop::event_loop()
    : epoll_(epoll_create1(EPOLL_CLOEXEC)),
      epoll_errno_(epoll_.valid() ? 0 : errno), ready_(64),
      now_(mono_clock::now())
{
}

event_loop::~event_loop()
{
	for (const auto &[signo, cb] : signals_) {
		(void)cb;
		signal(signo, SIG_DFL);
	}
}

// Brings epoll's interest list for fd from the events was (0: not on the
// list) to now.  A failure (a bad fd) leaves the fd off the list: its
// watch then never fires, where poll would have reported POLLNVAL.
void
event_loop::apply(int fd, short was, short now, std::uint64_t generation)
{
	epoll_event ev{};
	ev.events = static_cast<std::uint16_t>(now);
	ev.data.u64 = tag(fd, generation);
	if (now == 0) {
		if (was != 0)
			(void)epoll_ctl(epoll_.get(), EPOLL_CTL_DEL, fd, nullptr);
	} else if (was != 0) {
		(void)epoll_ctl(epoll_.get(), EPOLL_CTL_MOD, fd, &ev);
	} else if (epoll_ctl(epoll_.get(), EPOLL_CTL_ADD, fd, &ev) != 0 &&
	    errno == EEXIST) {
		(void)epoll_ctl(epoll_.get(), EPOLL_CTL_MOD, fd, &ev);
	}
}

void
event_loop::watch(int fd, short events, fd_callback cb)
{
	watch_entry w{events, std::move(cb), ++generation_};
	auto it = watches_.find(fd);
	if (it == watches_.end()) {
		apply(fd, 0, events, w.generation);
		watches_.emplace(fd, std::move(w));
	} else {
		apply(fd, it->second.events, events, w.generation);
		it->second = std::move(w);
	}
}

void
event_loop::set_events(int fd, short events)
{
	auto it = watches_.find(fd);
	if (it == watches_.end() || it->second.events == events)
		return;
	apply(fd, it->second.events, events, it->second.generation);
	it->second.events = events;
}

void
event_loop::unwatch(int fd)
{
	auto it = watches_.find(fd);
	if (it == watches_.end())
		return;
	if (it->second.events != 0)
		(void)epoll_ctl(epoll_.get(), EPOLL_CTL_DEL, fd, nullptr);
	watches_.erase(it);
}

bool
event_loop::watching(int fd) const
{
	return watches_.count(fd) > 0;
}

std::uint64_t
event_loop::watch_generation(int fd) const
{
	auto it = watches_.find(fd);
	return it == watches_.end() ? 0 : it->second.generation;
}

event_loop::timer_id
event_loop::add_timer(time_point when, timer_callback cb)
{
	timer_id id = next_timer_++;
	timers_.emplace(std::pair{when, id}, std::move(cb));
	timer_index_.emplace(id, when);
	return id;
}

event_loop::timer_id
event_loop::add_timer(duration delay, timer_callback cb)
{
	return add_timer(mono_clock::now() + delay, std::move(cb));
}

void
event_loop::cancel_timer(timer_id id)
{
	auto it = timer_index_.find(id);
	if (it == timer_index_.end())
		return;
	timers_.erase(std::pair{it->second, id});
	timer_index_.erase(it);
}

bool
event_loop::timer_pending(timer_id id) const
{
	return timer_index_.count(id) > 0;
}

void
event_loop::defer(std::function<void()> fn)
{
	deferred_.push_back(std::move(fn));
}

void
event_loop::run_deferred()
{
	// Work deferred by deferred work runs in the same drain.
	while (!deferred_.empty()) {
		std::vector<std::function<void()>> batch;
		batch.swap(deferred_);
		for (auto &fn : batch)
			fn();
	}
}

result<void>
event_loop::on_signal(int signo, signal_callback cb)
{
	if (auto r = ensure_signal_pipe(); !r)
		return r;
	struct sigaction sa;
	std::memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal_handler;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART;
	if (sigaction(signo, &sa, nullptr) != 0)
		return fail("sigaction " + std::to_string(signo));
	signals_[signo] = std::move(cb);
	if (!watching(signal_pipe_[0]))
		watch(signal_pipe_[0], POLLIN,
		    [this](short) { dispatch_signals(); });
	return {};
}

void
event_loop::dispatch_signals()
{
	unsigned char buf[64];
	ssize_t n;
	while ((n = read(signal_pipe_[0], buf, sizeof buf)) > 0) {
		for (ssize_t i = 0; i < n; i++) {
			auto it = signals_.find(buf[i]);
			if (it != signals_.end())
				it->second(buf[i]);
			run_deferred();
		}
	}
}

void
event_loop::fire_timers()
{
	// Only timers already due when the round began: a callback that adds
	// a zero-delay timer cannot starve the descriptors.
	time_point limit = now_;
	while (!timers_.empty()) {
		auto it = timers_.begin();
		if (it->first.first > limit)
			break;
		timer_callback cb = std::move(it->second);
		timer_index_.erase(it->first.second);
		timers_.erase(it);
		cb();
		run_deferred();
	}
}

result<void>
event_loop::run_once(std::optional<duration> max_wait)
{
	if (!epoll_.valid())
		return fail(epoll_errno_, "epoll_create1");
	run_deferred();
	int timeout = -1;
	time_point start = mono_clock::now();
	std::optional<duration> wait = max_wait;
	if (!timers_.empty()) {
		duration until = timers_.begin()->first.first - start;
		if (!wait || until < *wait)
			wait = until;
	}
	if (wait) {
		auto ms = std::chrono::ceil<milliseconds>(*wait).count();
		timeout = ms < 0 ? 0 : ms > INT32_MAX ? INT32_MAX
						      : static_cast<int>(ms);
	}
	int n = epoll_wait(epoll_.get(), ready_.data(),
	    static_cast<int>(ready_.size()), timeout);
	if (n < 0 && errno != EINTR)
		return fail("epoll_wait");
	now_ = mono_clock::now();
	// Callbacks may add, remove or replace watches: an event is
	// dispatched only to the watch it was queued for, and only while
	// that watch still wants events.
	for (int i = 0; i < n; i++) {
		const epoll_event &ev = ready_[static_cast<std::size_t>(i)];
		int fd = static_cast<int>(static_cast<std::uint32_t>(ev.data.u64));
		auto it = watches_.find(fd);
		if (it == watches_.end() ||
		    tag(fd, it->second.generation) != ev.data.u64 ||
		    it->second.events == 0)
			continue;
		fd_callback cb = it->second.cb;
		cb(static_cast<short>(ev.events & 0xffff));
		run_deferred();
	}
	fire_timers();
	return {};
}

result<void>
event_loop::run()
{
	stopped_ = false;
	while (!stopped_)
		if (auto r = run_once(); !r)
			return r;
	return {};
}

timer::timer(timer &&o) noexcept
    : loop_(o.loop_), id_(o.id_), when_(o.when_)
{
	o.id_ = 0;
}

timer &
timer::operator=(timer &&o) noexcept
{
	if (this != &o) {
		cancel();
		loop_ = o.loop_;
		id_ = o.id_;
		when_ = o.when_;
		o.id_ = 0;
	}
	return *this;
}

void
timer::start(time_point when, event_loop::timer_callback cb)
{
	cancel();
	when_ = when;
	id_ = loop_->add_timer(when, std::move(cb));
}

void
timer::start(duration delay, event_loop::timer_callback cb)
{
	start(mono_clock::now() + delay, std::move(cb));
}

void
timer::cancel()
{
	if (id_ != 0 && loop_ != nullptr)
		loop_->cancel_timer(id_);
	id_ = 0;
}

bool
timer::pending() const
{
	return id_ != 0 && loop_ != nullptr && loop_->timer_pending(id_);
}

watch::watch(event_loop &loop, int fd, short events,
    event_loop::fd_callback cb)
    : loop_(&loop), fd_(fd)
{
	loop.watch(fd, events, std::move(cb));
	generation_ = loop.watch_generation(fd);
}

watch::watch(watch &&o) noexcept
    : loop_(o.loop_), fd_(o.fd_), generation_(o.generation_)
{
	o.fd_ = -1;
	o.generation_ = 0;
}

watch &
watch::operator=(watch &&o) noexcept
{
	if (this != &o) {
		reset();
		loop_ = o.loop_;
		fd_ = o.fd_;
		generation_ = o.generation_;
		o.fd_ = -1;
		o.generation_ = 0;
	}
	return *this;
}

watch::operator bool() const
{
	return fd_ >= 0 && loop_->watch_generation(fd_) == generation_;
}

void
watch::set_events(short events)
{
	if (*this)
		loop_->set_events(fd_, events);
}

void
watch::reset()
{
	if (*this)
		loop_->unwatch(fd_);
	fd_ = -1;
	generation_ = 0;
}

void
reset_signals_for_exec()
{
	for (int s = 1; s < NSIG; s++) {
		if (s == SIGKILL || s == SIGSTOP)
			continue;
		signal(s, SIG_DFL);
	}
	sigset_t none;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, nullptr);
}

} // namespace net
