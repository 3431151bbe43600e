// spawn_floor: how fast this machine can start and reap /bin/true with no
// super-server and no network at all: the ceiling for any inetd.
//
// usage: spawn_floor N PARALLEL
#include <spawn.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>
#include <vector>

extern char **environ;

int
main(int argc, char **argv)
{
	int n = argc > 1 ? std::atoi(argv[1]) : 2000;
	int par = argc > 2 ? std::atoi(argv[2]) : 1;
	auto t0 = std::chrono::steady_clock::now();
	std::vector<std::thread> ts;
	for (int t = 0; t < par; t++)
		ts.emplace_back([&] {
			for (int i = 0; i < n / par; i++) {
				pid_t p;
				char name[] = "true";
				char *a[] = {name, nullptr};
				if (posix_spawn(&p, "/bin/true", nullptr, nullptr,
					a, environ) != 0)
					continue;
				int st;
				waitpid(p, &st, 0);
			}
		});
	for (auto &t : ts)
		t.join();
	double s = std::chrono::duration<double>(
	    std::chrono::steady_clock::now() - t0).count();
	std::printf("rate=%.0f\n", n / s);
}
