// spawner.h: net::spawn off the event loop's thread, for a server that
// starts a program per client (inetd) and must go on accepting while the
// kernel builds the child.
//
// net::spawn with vfork suspends its caller until the child has exec'd: on
// a server, the whole accept loop, for as long as the child waits for a
// CPU and execs, which on a busy machine is a time slice or more.  A
// spawner runs those spawns on threads of its own, one per CPU (vfork
// suspends only the calling thread), so the loop's thread accepts the
// next client and several children exec at once.  Specs with a pre-exec check still
// fork on the caller's thread: a full fork from another thread would hand
// the child whatever locks the first one held.
//
// The child is still the process's child, reaped with waitpid as any
// other; a reaper can find it gone before the spawner has told of its
// start (pending() is then not zero) and must hold its exit until then.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "libnet/event_loop.h"
#include "libnet/spawn.h"

namespace net {

class spawner {
public:
	// What became of one start: the spawn's result, delivered on the
	// loop's thread.
	using started_fn = std::function<void(result<spawn_result>)>;

	// Delivers its results through loop (a pipe it watches); its
	// threads (at most `threads` spawns under way at once, 0: one per
	// CPU, which measured best: more threads raise the rate a little
	// and the slowest starts a lot) start with the first spawn.
	explicit spawner(event_loop &loop, unsigned threads = 0);

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
	unsigned max_threads_;
	std::vector<std::thread> threads_;

	std::mutex mu_;
	std::condition_variable work_cv_;	// the threads: a job or stop
	std::deque<job> queue_;			// waiting for the thread
	std::deque<job> done_;			// spawned, not yet delivered
	unsigned busy_ = 0;			// threads spawning
	bool stop_ = false;
	std::size_t pending_ = 0;		// loop thread only
};

} // namespace net
