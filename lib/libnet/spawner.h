// spawner.h: net::spawn off the event loop's thread, for a server that
// starts a program per client (inetd) and must go on accepting while the
// kernel builds the child.
//
// net::spawn with vfork suspends its caller until the child has exec'd; on
// a server that is the whole accept loop, for the length of an exec.  A
// spawner runs those spawns on a thread of its own (vfork suspends only
// the calling thread), so the loop's thread accepts the next client while
// the last one's program is being started, on another core.  Specs with a
// pre-exec check still fork on the caller's thread: a full fork from a
// second thread would hand the child whatever locks the first one held.
//
// The child is still the process's child: it is reaped with waitpid as
// any other.  A reaper can see a child exit before the spawner has said it
// started; settle() closes that window (see there).
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

#include "libnet/event_loop.h"
#include "libnet/spawn.h"

namespace net {

class spawner {
public:
	// What became of one start: the spawn's result, delivered on the
	// loop's thread.
	using started_fn = std::function<void(result<spawn_result>)>;

	// Delivers its results through loop (a pipe it watches); the thread
	// starts with the first spawn.
	explicit spawner(event_loop &loop);

	// Waits for the spawns under way, delivers nothing more.
	~spawner();

	spawner(const spawner &) = delete;
	spawner &operator=(const spawner &) = delete;

	// Starts spec's program; on_started runs later on the loop's thread
	// with the result.  The descriptors in spec.fds must stay open until
	// then.  A spec with pre_exec is spawned here and now, its result
	// deferred to the loop like the others.
	void start(spawn_spec spec, started_fn on_started);

	// Spawns queued or under way whose results are not yet delivered.
	std::size_t pending() const { return pending_; }

	// For a reaper that found an exited child it does not know: waits
	// until no spawn is under way and delivers every result ready, so
	// that a child reaped early is known once this returns.  Blocks at
	// most for the spawns already queued.
	void settle();

private:
	struct job {
		spawn_spec spec;
		started_fn on_started;
		std::optional<result<spawn_result>> outcome;
	};

	void run_thread();
	void deliver();

	event_loop &loop_;
	unique_fd wake_read_;
	unique_fd wake_write_;
	watch wake_watch_;
	std::thread thread_;

	std::mutex mu_;
	std::condition_variable work_cv_;	// the thread: a job or stop
	std::condition_variable idle_cv_;	// settle: queue drained
	std::deque<job> queue_;			// waiting for the thread
	std::deque<job> done_;			// spawned, not yet delivered
	bool busy_ = false;			// the thread is spawning
	bool stop_ = false;
	std::size_t pending_ = 0;		// loop thread only
};

} // namespace net
