// gen_zone: a master file of N records and query files for it, the same
// for a given seed on every machine (its own generator, not rand(3)).
//
// usage: gen_zone [-s seed] [-o origin] zone N
//        gen_zone [-s seed] [-o origin] [-m a/nx/mx] queries N COUNT
//
// zone: SOA, two apex NS with their addresses, then nodes until the zone
// holds N records: hosts (A; some also AAAA, TXT, MX to another host),
// aliases (CNAME to a host) and delegations (two NS below the cut, with
// glue).  Owner names are letters then the node's number, so no two
// collide and none has a hyphen.
//
// queries: COUNT lines "name type" for dnsperf, drawn from the zone of
// the same seed, origin and N: by default 80% A of an existing host, 10%
// A of a name that does not exist (a hyphen in its label: NXDOMAIN, never
// below a delegation) and 10% MX of a host that has one.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

// splitmix64: small, fast, and the same sequence everywhere.
class prng {
public:
	explicit prng(uint64_t seed) : s_(seed) {}

	uint64_t
	next()
	{
		uint64_t z = (s_ += 0x9e3779b97f4a7c15ULL);
		z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
		z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
		return z ^ (z >> 31);
	}

	// A number below n (n small: the bias is negligible).
	uint64_t
	below(uint64_t n)
	{
		return next() % n;
	}

	// True with probability percent/100.
	bool
	chance(unsigned percent)
	{
		return below(100) < percent;
	}

private:
	uint64_t s_;
};

// Output through one large buffer: a million records in well under a
// second.
class out {
public:
	~out() { flush(); }

	void
	put(const std::string &s)
	{
		buf_ += s;
		if (buf_.size() >= 1 << 20)
			flush();
	}

	void
	flush()
	{
		size_t n = buf_.size();
		if (n != 0 && std::fwrite(buf_.data(), 1, n, stdout) != n) {
			std::perror("gen_zone: write");
			std::exit(1);
		}
		buf_.clear();
	}

private:
	std::string buf_;
};

std::string
label(prng &r, uint64_t n)
{
	std::string s;
	size_t len = 2 + r.below(9);
	for (size_t i = 0; i < len; i++)
		s += static_cast<char>('a' + r.below(26));
	return s + std::to_string(n);
}

std::string
ipv4(prng &r)
{
	uint64_t v = r.next();
	return "10." + std::to_string(v & 0xff) + "." +
	    std::to_string((v >> 8) & 0xff) + "." +
	    std::to_string(1 + (v >> 16) % 254);
}

std::string
ipv6(prng &r)
{
	char b[64];
	uint64_t v = r.next();
	std::snprintf(b, sizeof b, "fd00:%x:%x:%x::%x",
	    static_cast<unsigned>(v & 0xffff),
	    static_cast<unsigned>((v >> 16) & 0xffff),
	    static_cast<unsigned>((v >> 32) & 0xffff),
	    static_cast<unsigned>(1 + (v >> 48) % 0xfffe));
	return b;
}

std::string
txt(prng &r)
{
	static const char words[][8] = {"alpha", "bravo", "delta", "echo",
	    "kilo", "lima", "oscar", "tango", "x-ray", "zulu"};
	std::string s = "\"v=bench1";
	size_t n = 1 + r.below(6);
	for (size_t i = 0; i < n; i++) {
		s += ' ';
		s += words[r.below(10)];
	}
	return s + "\"";
}

// The zone's names, as the query generator needs them.
struct names {
	std::vector<std::string> hosts;
	std::vector<std::string> mx;
};

// Walk the zone of N records; write it when o is given, and collect the
// names queries are drawn from.
void
walk(uint64_t seed, const std::string &origin, uint64_t n, out *o,
    names &nm)
{
	prng r(seed);
	auto emit = [&](const std::string &line) {
		if (o)
			o->put(line);
	};
	emit("$ORIGIN " + origin + "\n$TTL 3600\n");
	emit("@\tSOA\tns1 hostmaster 1 7200 3600 1209600 3600\n");
	emit("@\tNS\tns1\n@\tNS\tns2\n");
	emit("ns1\tA\t192.0.2.1\nns2\tA\t192.0.2.2\n");
	uint64_t count = 5;
	nm.hosts.push_back("ns1");
	for (uint64_t node = 0; count < n; node++) {
		uint64_t kind = r.below(100);
		std::string name = label(r, node);
		if (kind < 80 || nm.hosts.size() < 2) {
			emit(name + "\tA\t" + ipv4(r) + "\n");
			count++;
			if (r.chance(30) && count < n) {
				emit(name + "\tAAAA\t" + ipv6(r) + "\n");
				count++;
			}
			if (r.chance(20) && count < n) {
				emit(name + "\tTXT\t" + txt(r) + "\n");
				count++;
			}
			if (r.chance(20) && count < n) {
				const std::string &to =
				    nm.hosts[r.below(nm.hosts.size())];
				std::string pref =
				    std::to_string(10 * (1 + r.below(3)));
				emit(name + "\tMX\t" + pref + " " + to + "\n");
				count++;
				nm.mx.push_back(name);
			}
			nm.hosts.push_back(name);
		} else if (kind < 92) {
			const std::string &to =
			    nm.hosts[r.below(nm.hosts.size())];
			emit(name + "\tCNAME\t" + to + "\n");
			count++;
		} else {
			// A delegation and its glue: four records.
			emit(name + "\tNS\tns1." + name + "\n" + name +
			    "\tNS\tns2." + name + "\n");
			emit("ns1." + name + "\tA\t" + ipv4(r) + "\n");
			emit("ns2." + name + "\tA\t" + ipv4(r) + "\n");
			count += 4;
		}
	}
}

[[noreturn]] void
usage()
{
	std::fprintf(stderr,
	    "usage: gen_zone [-s seed] [-o origin] zone N\n"
	    "       gen_zone [-s seed] [-o origin] [-m a/nx/mx] "
	    "queries N COUNT\n");
	std::exit(2);
}

uint64_t
number(const char *s)
{
	char *end;
	unsigned long long v = std::strtoull(s, &end, 10);
	if (*s == '\0' || *end != '\0')
		usage();
	return v;
}

} // namespace

int
main(int argc, char **argv)
{
	uint64_t seed = 1;
	std::string origin = "bench.test.";
	unsigned pa = 80, pnx = 10, pmx = 10;
	int c;
	while ((c = getopt(argc, argv, "s:o:m:")) != -1) {
		switch (c) {
		case 's':
			seed = number(optarg);
			break;
		case 'o':
			origin = optarg;
			if (origin.empty() || origin.back() != '.')
				origin += '.';
			break;
		case 'm':
			if (std::sscanf(optarg, "%u/%u/%u", &pa, &pnx,
			    &pmx) != 3 || pa + pnx + pmx != 100)
				usage();
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 2)
		usage();
	std::string mode = argv[0];
	uint64_t n = number(argv[1]);
	names nm;
	out o;
	if (mode == "zone" && argc == 2) {
		walk(seed, origin, n, &o, nm);
		return 0;
	}
	if (mode != "queries" || argc != 3)
		usage();
	uint64_t count = number(argv[2]);
	walk(seed, origin, n, nullptr, nm);
	// Queries draw from a generator of their own: the same zone gives
	// other query files with another count.
	prng r(seed ^ 0x5175657269657321ULL);
	for (uint64_t i = 0; i < count; i++) {
		uint64_t k = r.below(100);
		if (k < pa || (k >= pa + pnx && nm.mx.empty()))
			o.put(nm.hosts[r.below(nm.hosts.size())] + "." +
			    origin + " A\n");
		else if (k < pa + pnx)
			o.put("nx-" + label(r, i) + "." + origin + " A\n");
		else
			o.put(nm.mx[r.below(nm.mx.size())] + "." + origin +
			    " MX\n");
	}
	return 0;
}
