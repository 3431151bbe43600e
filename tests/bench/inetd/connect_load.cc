// connect_load: a load generator for super-servers.  N connections to
// host:port, C at a time, each connected and read to end of file; prints
// connections a second and latency percentiles.
//
// usage: connect_load HOST PORT N C
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <thread>
#include <vector>

namespace {

using clk = std::chrono::steady_clock;

// One connection: connect, read to EOF; the latency in microseconds, or -1.
long
one(const sockaddr_in &sa)
{
	auto t0 = clk::now();
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	if (connect(fd, reinterpret_cast<const sockaddr *>(&sa), sizeof sa) !=
	    0) {
		close(fd);
		return -1;
	}
	char buf[4096];
	for (;;) {
		pollfd p{fd, POLLIN, 0};
		if (poll(&p, 1, 10000) != 1) {
			close(fd);
			return -1;
		}
		ssize_t n = read(fd, buf, sizeof buf);
		if (n <= 0)
			break;
	}
	close(fd);
	return std::chrono::duration_cast<std::chrono::microseconds>(
	    clk::now() - t0).count();
}

} // namespace

int
main(int argc, char **argv)
{
	if (argc != 5) {
		std::fprintf(stderr, "usage: connect_load HOST PORT N C\n");
		return 2;
	}
	sockaddr_in sa{};
	sa.sin_family = AF_INET;
	sa.sin_port = htons(static_cast<uint16_t>(std::atoi(argv[2])));
	inet_pton(AF_INET, argv[1], &sa.sin_addr);
	long n = std::atol(argv[3]);
	int c = std::atoi(argv[4]);
	std::atomic<long> next{0};
	std::mutex mu;
	std::vector<long> lat;
	long failed = 0;
	auto t0 = clk::now();
	std::vector<std::thread> threads;
	for (int i = 0; i < c; i++)
		threads.emplace_back([&] {
			std::vector<long> mine;
			long bad = 0;
			while (next.fetch_add(1) < n) {
				long us = one(sa);
				if (us < 0)
					bad++;
				else
					mine.push_back(us);
			}
			std::lock_guard<std::mutex> g(mu);
			lat.insert(lat.end(), mine.begin(), mine.end());
			failed += bad;
		});
	for (auto &t : threads)
		t.join();
	double secs = std::chrono::duration<double>(clk::now() - t0).count();
	std::sort(lat.begin(), lat.end());
	auto pct = [&](double p) {
		if (lat.empty())
			return 0.0;
		std::size_t i = static_cast<std::size_t>(p * (lat.size() - 1));
		return lat[i] / 1000.0;
	};
	std::printf("rate=%.0f p50=%.3f p99=%.3f max=%.3f failed=%ld\n",
	    lat.size() / secs, pct(0.5), pct(0.99), pct(1.0), failed);
	return failed == 0 ? 0 : 1;
}
