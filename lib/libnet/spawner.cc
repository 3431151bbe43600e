#include "libnet/spawner.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>

namespace net {

spawner::spawner(event_loop &loop, unsigned threads)
    : loop_(loop), max_threads_(threads != 0 ? threads
	  : std::max(1u, std::thread::hardware_concurrency()))
{
	int p[2];
	if (pipe2(p, O_CLOEXEC | O_NONBLOCK) != 0)
		throw std::system_error(errno, std::generic_category(),
		    "spawner: pipe");
	wake_read_ = unique_fd(p[0]);
	wake_write_ = unique_fd(p[1]);
	wake_watch_ = watch(loop_, wake_read_.get(), POLLIN,
	    [this](short) { deliver(); });
}

spawner::~spawner()
{
	{
		std::lock_guard lock(mu_);
		stop_ = true;
	}
	work_cv_.notify_all();
	for (auto &t : threads_)
		t.join();
}

void
spawner::start(spawn_spec spec, started_fn on_started)
{
	pending_++;
	job j{std::move(spec), std::move(on_started), std::nullopt};
	if (j.spec.pre_exec) {
		j.outcome = spawn(j.spec);
		std::lock_guard lock(mu_);
		done_.push_back(std::move(j));
		char b = 1;
		(void)!write(wake_write_.get(), &b, 1);
		return;
	}
	if (threads_.size() < max_threads_ &&
	    threads_.size() < pending_) {
		// Every signal blocked in the thread (it inherits this
		// thread's mask): they are the loop thread's to handle.
		sigset_t all, saved;
		sigfillset(&all);
		pthread_sigmask(SIG_SETMASK, &all, &saved);
		threads_.emplace_back([this] { run_thread(); });
		pthread_sigmask(SIG_SETMASK, &saved, nullptr);
	}
	{
		std::lock_guard lock(mu_);
		queue_.push_back(std::move(j));
	}
	work_cv_.notify_one();
}

void
spawner::run_thread()
{
	std::unique_lock lock(mu_);
	for (;;) {
		work_cv_.wait(lock, [this] { return stop_ || !queue_.empty(); });
		if (stop_)
			return;
		job j = std::move(queue_.front());
		queue_.pop_front();
		busy_++;
		lock.unlock();
		j.outcome = spawn(j.spec);
		lock.lock();
		busy_--;
		done_.push_back(std::move(j));
		// One byte per result: a full pipe means a wake-up is
		// already waiting, which delivers everything done.
		char b = 1;
		(void)!write(wake_write_.get(), &b, 1);
	}
}

void
spawner::deliver()
{
	char buf[256];
	while (read(wake_read_.get(), buf, sizeof buf) > 0)
		;
	std::deque<job> ready;
	{
		std::lock_guard lock(mu_);
		ready.swap(done_);
	}
	for (auto &j : ready) {
		pending_--;
		j.on_started(std::move(*j.outcome));
	}
}

} // namespace net
