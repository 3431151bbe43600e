// dnsflood: a UDP load generator for name servers that costs little per
// query, so that a server on one CPU, not the client on the other, is
// what runs out.  dnsperf sends and receives a datagram a system call and
// keeps per-query records; on a two-CPU machine it saturates its own CPU
// before a fast server saturates its one, and every server then measures
// the same.  This one sends with sendmmsg(2) and receives with
// recvmmsg(2), 64 at a time, keeps OUTSTANDING queries in flight over
// SOCKETS connected sockets, matches each response to its query by ID
// and question, and waits in poll(2) when it has nothing to do.
//
// usage: dnsflood -s ADDR -p PORT -d FILE -l SECONDS [-c SOCKETS]
//                 [-q OUTSTANDING] [-t TIMEOUT]
//
// FILE holds "name type" lines (dnsperf's format), sent in order and
// again from the start.  The report uses dnsperf's words for the figures
// the benchmark reads: Queries sent, completed, lost (no response within
// TIMEOUT seconds, default 1), per second, average latency, and response
// codes.  A response that matches no query in flight is counted apart
// (late, or forged).  Standalone (no libnet): it is built by cc-run.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace {

constexpr unsigned batch = 64;

using clock_type = std::chrono::steady_clock;

std::uint64_t
now_ns()
{
	return static_cast<std::uint64_t>(
	    std::chrono::duration_cast<std::chrono::nanoseconds>(
		clock_type::now().time_since_epoch()).count());
}

std::uint16_t
type_code(const std::string &t)
{
	static const std::map<std::string, std::uint16_t> types = {
		{"A", 1}, {"NS", 2}, {"CNAME", 5}, {"SOA", 6}, {"PTR", 12},
		{"MX", 15}, {"TXT", 16}, {"AAAA", 28}, {"SRV", 33},
		{"DS", 43}, {"DNSKEY", 48}, {"ANY", 255},
	};
	auto it = types.find(t);
	return it == types.end() ? 0 : it->second;
}

// The query for name and type, ID zero, or nothing when name is bad.
std::vector<std::uint8_t>
encode(const std::string &name, std::uint16_t type)
{
	std::vector<std::uint8_t> q = {0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0};
	std::size_t start = 0;
	while (start < name.size()) {
		std::size_t dot = name.find('.', start);
		if (dot == std::string::npos)
			dot = name.size();
		std::size_t len = dot - start;
		if (len == 0 || len > 63)
			return {};
		q.push_back(static_cast<std::uint8_t>(len));
		q.insert(q.end(), name.begin() + static_cast<long>(start),
		    name.begin() + static_cast<long>(dot));
		start = dot + 1;
	}
	q.push_back(0);
	q.push_back(static_cast<std::uint8_t>(type >> 8));
	q.push_back(static_cast<std::uint8_t>(type));
	q.push_back(0);
	q.push_back(1);
	return q.size() > 512 ? std::vector<std::uint8_t>() : q;
}

struct flight {
	std::uint64_t sent = 0;		// 0: free
	std::uint32_t query = 0;	// index in the query list
};

struct sock {
	int fd = -1;
	std::vector<flight> ids;	// by ID
	std::vector<std::uint16_t> free_ids;
	unsigned inflight = 0;
};

const char *const rcode_names[] = {
	"NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED",
	"YXDOMAIN", "YXRRSET", "NXRRSET", "NOTAUTH", "NOTZONE",
};

[[noreturn]] void
usage()
{
	std::fprintf(stderr, "usage: dnsflood -s addr -p port -d file -l seconds "
	    "[-c sockets] [-q outstanding] [-t timeout]\n");
	std::exit(2);
}

} // namespace

int
main(int argc, char **argv)
{
	std::string server = "127.0.0.1", file;
	int port = 53, opt;
	double seconds = 10, timeout = 1;
	unsigned nsocks = 8, outstanding = 200;
	while ((opt = getopt(argc, argv, "s:p:d:l:c:q:t:")) != -1) {
		switch (opt) {
		case 's': server = optarg; break;
		case 'p': port = std::atoi(optarg); break;
		case 'd': file = optarg; break;
		case 'l': seconds = std::atof(optarg); break;
		case 'c': nsocks = unsigned(std::atoi(optarg)); break;
		case 'q': outstanding = unsigned(std::atoi(optarg)); break;
		case 't': timeout = std::atof(optarg); break;
		default: usage();
		}
	}
	if (file.empty() || nsocks == 0 || outstanding < nsocks ||
	    port <= 0 || port > 65535 || seconds <= 0 || seconds > 3600 ||
	    timeout <= 0)
		usage();

	std::vector<std::vector<std::uint8_t>> queries;
	std::ifstream in(file);
	std::string line;
	while (std::getline(in, line)) {
		std::istringstream w(line);
		std::string name, type;
		if (!(w >> name >> type))
			continue;
		auto q = encode(name, type_code(type));
		if (!q.empty() && type_code(type))
			queries.push_back(std::move(q));
	}
	if (queries.empty()) {
		std::fprintf(stderr, "dnsflood: no queries in %s\n", file.c_str());
		return 1;
	}

	sockaddr_storage ss{};
	socklen_t sslen;
	if (inet_pton(AF_INET, server.c_str(),
	    &reinterpret_cast<sockaddr_in *>(&ss)->sin_addr) == 1) {
		auto *s4 = reinterpret_cast<sockaddr_in *>(&ss);
		s4->sin_family = AF_INET;
		s4->sin_port = htons(static_cast<std::uint16_t>(port));
		sslen = sizeof *s4;
	} else if (inet_pton(AF_INET6, server.c_str(),
	    &reinterpret_cast<sockaddr_in6 *>(&ss)->sin6_addr) == 1) {
		auto *s6 = reinterpret_cast<sockaddr_in6 *>(&ss);
		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons(static_cast<std::uint16_t>(port));
		sslen = sizeof *s6;
	} else {
		std::fprintf(stderr, "dnsflood: bad address %s\n", server.c_str());
		return 1;
	}

	std::vector<sock> socks(nsocks);
	std::vector<pollfd> pfds(nsocks);
	unsigned per_sock = outstanding / nsocks;
	for (unsigned i = 0; i < nsocks; i++) {
		int fd = socket(ss.ss_family, SOCK_DGRAM | SOCK_NONBLOCK, 0);
		int big = 4 << 20;
		if (fd < 0 ||
		    setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &big, sizeof big) < 0 ||
		    connect(fd, reinterpret_cast<sockaddr *>(&ss), sslen) < 0) {
			std::perror("dnsflood: socket");
			return 1;
		}
		socks[i].fd = fd;
		socks[i].ids.resize(65536);
		for (unsigned id = 65536; id-- > 0;)
			socks[i].free_ids.push_back(static_cast<std::uint16_t>(id));
		pfds[i] = {fd, POLLIN, 0};
	}

	// completed counts every answer; in_time those that came before
	// the end, the rate's numerator.
	std::uint64_t sent = 0, completed = 0, in_time = 0, lost = 0, stray = 0;
	std::uint64_t latency_ns = 0;
	std::uint64_t rcodes[16] = {};
	std::size_t next = 0;
	const std::uint64_t timeout_ns = std::uint64_t(timeout * 1e9);
	const std::uint64_t t0 = now_ns();
	const std::uint64_t t_end = t0 + std::uint64_t(seconds * 1e9);
	std::uint64_t last_sweep = t0;

	std::vector<std::vector<std::uint8_t>> out(batch);
	std::vector<iovec> iov(batch);
	std::vector<mmsghdr> msgs(batch);
	std::vector<std::array<std::uint8_t, 4096>> rbuf(batch);

	for (;;) {
		std::uint64_t now = now_ns();
		bool sending = now < t_end;
		unsigned total_inflight = 0;
		bool did = false;
		for (auto &s : socks) {
			// Responses first: they free IDs.
			for (;;) {
				for (unsigned i = 0; i < batch; i++) {
					iov[i] = {rbuf[i].data(), rbuf[i].size()};
					msgs[i] = {};
					msgs[i].msg_hdr.msg_iov = &iov[i];
					msgs[i].msg_hdr.msg_iovlen = 1;
				}
				int got = recvmmsg(s.fd, msgs.data(), batch,
				    MSG_DONTWAIT, nullptr);
				if (got <= 0)
					break;
				did = true;
				std::uint64_t t = now_ns();
				for (int i = 0; i < got; i++) {
					const auto *r = rbuf[i].data();
					unsigned len = msgs[i].msg_len;
					if (len < 12 || !(r[2] & 0x80)) {
						stray++;
						continue;
					}
					std::uint16_t id = std::uint16_t(r[0] << 8 | r[1]);
					flight &f = s.ids[id];
					const auto &q = queries[f.query];
					// The question must be the one asked.
					if (!f.sent || len < q.size() ||
					    std::memcmp(r + 12, q.data() + 12,
						q.size() - 12) != 0) {
						stray++;
						continue;
					}
					latency_ns += t - f.sent;
					f.sent = 0;
					s.free_ids.push_back(id);
					s.inflight--;
					completed++;
					in_time += t <= t_end;
					rcodes[r[3] & 0x0f]++;
				}
				if (unsigned(got) < batch)
					break;
			}
			// Then as many queries as the window allows.
			while (sending && s.inflight < per_sock) {
				unsigned n = std::min(batch, per_sock - s.inflight);
				std::uint64_t t = now_ns();
				for (unsigned i = 0; i < n; i++) {
					std::uint16_t id = s.free_ids.back();
					s.free_ids.pop_back();
					out[i] = queries[next];
					out[i][0] = std::uint8_t(id >> 8);
					out[i][1] = std::uint8_t(id);
					s.ids[id] = {t, std::uint32_t(next)};
					if (++next == queries.size())
						next = 0;
					iov[i] = {out[i].data(), out[i].size()};
					msgs[i] = {};
					msgs[i].msg_hdr.msg_iov = &iov[i];
					msgs[i].msg_hdr.msg_iovlen = 1;
				}
				int put = sendmmsg(s.fd, msgs.data(), n, 0);
				unsigned ok = put < 0 ? 0 : unsigned(put);
				// What was not sent goes back.
				for (unsigned i = ok; i < n; i++) {
					std::uint16_t id = std::uint16_t(
					    out[i][0] << 8 | out[i][1]);
					s.ids[id].sent = 0;
					s.free_ids.push_back(id);
				}
				s.inflight += ok;
				sent += ok;
				if (ok)
					did = true;
				if (ok < n)
					break;
			}
			total_inflight += s.inflight;
		}
		now = now_ns();
		// Queries past their time are lost, their IDs free again.
		if (now - last_sweep > 100000000 || (!sending && !did)) {
			last_sweep = now;
			for (auto &s : socks)
				for (unsigned id = 0; id < 65536; id++) {
					flight &f = s.ids[id];
					if (f.sent && now - f.sent > timeout_ns) {
						f.sent = 0;
						s.free_ids.push_back(
						    std::uint16_t(id));
						s.inflight--;
						lost++;
					}
				}
			total_inflight = 0;
			for (auto &s : socks)
				total_inflight += s.inflight;
		}
		if (!sending && total_inflight == 0)
			break;
		if (!did)
			(void)poll(pfds.data(), pfds.size(), 10);
	}
	double elapsed = double(t_end - t0) / 1e9;
	std::printf("  Queries sent:         %llu\n", (unsigned long long)sent);
	std::printf("  Queries completed:    %llu (%.2f%%)\n",
	    (unsigned long long)completed, sent ? 100.0 * double(completed) /
	    double(sent) : 0.0);
	std::printf("  Queries lost:         %llu (%.2f%%)\n",
	    (unsigned long long)lost, sent ? 100.0 * double(lost) /
	    double(sent) : 0.0);
	std::printf("  Stray responses:      %llu\n", (unsigned long long)stray);
	std::printf("  Response codes:       ");
	bool first = true;
	for (unsigned i = 0; i < 16; i++) {
		if (!rcodes[i])
			continue;
		std::string name = i < sizeof rcode_names / sizeof *rcode_names ?
		    rcode_names[i] : "RCODE" + std::to_string(i);
		std::printf("%s%s %llu (%.2f%%)", first ? "" : ", ",
		    name.c_str(), (unsigned long long)rcodes[i],
		    100.0 * double(rcodes[i]) / double(completed));
		first = false;
	}
	std::printf("\n");
	std::printf("  Run time (s):         %.6f\n", elapsed);
	std::printf("  Queries per second:   %.6f\n",
	    double(in_time) / elapsed);
	std::printf("  Average Latency (s):  %.6f\n", completed ?
	    double(latency_ns) / double(completed) / 1e9 : 0.0);
	return 0;
}
