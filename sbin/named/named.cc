// named: the Internet domain name server (NAMED(1M)), part 1: an
// authoritative server for the zones its boot file names.
//
// Shape.  libnet holds what other programs share: the boot file parser
// (named_boot.h), master files (master_file.h over lexer.h), the DNS wire
// format (dns_name, dns_rdata, dns_message for tools and transfers,
// dns_query for the server's allocation-free path), TSIG (dns_tsig), NSEC3
// hashes (dns_nsec3, over sha1).
// Here:
//
//   zone.h, zone_build.h   one zone, compact and read-only (an NSEC3
//                          index by hash when it has a chain); the checks of
//                          named-checkzone while it is built
//   zone_load.h            a master file to a zone, with file stamps
//   database.h             every zone, swapped whole on reload
//   config.h               the boot file to a database
//   answer.h               a query to a response (no sockets: tested and
//                          fuzzed with bytes)
//   udp.h                  one thread per CPU, recvmmsg/sendmmsg
//   tcp.h                  TCP and zone transfers out, on the event loop
//   refresh.h, xfr_in.h,   secondary zones: the refresh/retry/expire
//   secondary.h            clock, SOA checks and IXFR/AXFR in (TSIG-signed
//                          to a server line's master), backup files
//   xfr_reader.h           a transfer's records to a zone (pure: fuzzed)
//   notify_out.h           NOTIFY to a changed primary's secondaries
//   ixfr.h                 zone differences for IXFR out and applied in,
//                          their journal
//   cookie.h, siphash.h    DNS cookies (RFC 7873, 9018)
//   rrl.h                  response rate limiting on UDP
//   stats.h, dump.h        SIGABRT's table and SIGINT's dump
//
// Part 2 (the resolver) adds a cache beside the zones in database.h and
// a second path in answer.cc for names outside them; the query path, the
// sockets and the reload stay as they are.
//
// Threads (a departure from DESIGN.md's one event loop per process, said
// in the README): UDP answers need every core, so each UDP socket has a
// thread of its own; everything else (TCP, signals, reloads) is on the
// main thread's loop.  Threads share only the database, by pointer, and
// each has its own counters.
//
// Start-up: options, the boot file and every zone (fatal if the boot file
// has errors; a zone with errors is left out and logged), sockets, the
// pidfile, detach, the user (-u, nobody by default when root), threads,
// loop.
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>

#include "config.h"
#include "database.h"
#include "dump.h"
#include "notify_out.h"
#include "secondary.h"
#include "libnet/cmdline.h"
#include "libnet/daemon.h"
#include "libnet/event_loop.h"
#include "libnet/log.h"
#include "libnet/parse_file.h"
#include "libnet/paths.h"
#include "libnet/privdrop.h"
#include "libnet/resolve.h"
#include "libnet/services.h"
#include "libnet/unique_fd.h"
#include "stats.h"
#include "tcp.h"
#include "udp.h"

namespace {

const char usage_text[] =
    "usage: named [-n] [-d level] [-p port] [-P pidfile] [-u user] "
    "[-w threads]\n"
    "             [-b bootfile] [bootfile]\n";

struct settings {
	bool check = false;
	std::optional<int> debug;	// -d: foreground
	std::optional<std::uint16_t> port;
	std::string pidfile;
	bool pidfile_given = false;
	std::string user = "nobody";
	unsigned threads = 0;		// 0: one per CPU
	std::string boot = net::paths::named_boot;
};

settings
parse_args(int argc, char **argv)
{
	settings s;
	s.pidfile = net::paths::named_pid;
	int ch;
	opterr = 0;
	while ((ch = getopt(argc, argv, ":b:d:np:P:u:w:")) != -1) {
		switch (ch) {
		case 'b':
			s.boot = optarg;
			break;
		case 'd':
			s.debug = static_cast<int>(net::number_arg("-d level",
			    optarg, 0, 99));
			break;
		case 'n':
			s.check = true;
			break;
		case 'p':
			s.port = static_cast<std::uint16_t>(net::number_arg(
			    "-p port", optarg, 1, 65535));
			break;
		case 'P':
			s.pidfile = optarg;
			s.pidfile_given = true;
			break;
		case 'u':
			s.user = optarg;
			break;
		case 'w':
			s.threads = static_cast<unsigned>(net::number_arg(
			    "-w threads", optarg, 1, 256));
			break;
		case ':':
			net::log_err("option -%c needs an argument", optopt);
			net::usage_error();
		default:
			net::log_err("unknown option -%s",
			    net::printable(std::string(1,
				static_cast<char>(optopt))).c_str());
			net::usage_error();
		}
	}
	// NAMED(1M): the last boot file named wins, operand or -b.
	if (optind < argc - 1)
		net::usage_error();
	if (optind == argc - 1)
		s.boot = argv[optind];
	return s;
}

std::uint16_t
domain_port()
{
	return net::service_port("domain", "udp", 53);
}

unsigned
cpus()
{
	cpu_set_t set;
	if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0)
		return static_cast<unsigned>(CPU_COUNT(&set));
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? static_cast<unsigned>(n) : 1;
}

void
log_diags(const std::vector<net::diagnostic> &diags)
{
	for (const auto &d : diags) {
		if (d.level == net::severity::error)
			net::log_err("%s", d.str().c_str());
		else
			net::log_warn("%s", d.str().c_str());
	}
}

std::size_t
served(const named::database &db)
{
	std::size_t n = 0;
	for (const auto &z : db.zones)
		n += z.data != nullptr;
	return n;
}

// -n: every error and warning, and the status.
int
check_only(const settings &s)
{
	auto r = named::load_config(s.boot, nullptr, true);
	for (const auto &d : r.diags)
		std::fprintf(stderr, "%s\n", d.str().c_str());
	return !r.db || r.zone_errors ? 1 : 0;
}

void
set_debug(int level)
{
	named::debug_level.store(level);
	net::log_set_debug(level > 0);
}

// The server once its sockets are open.
class server {
public:
	server(const settings &s, named::current_database &db,
	    named::stats &st)
	    : s_(s), db_(db), stats_(st), tcp_(loop_, db, st, inbox_),
	      udp_(db, st, inbox_), start_(std::chrono::steady_clock::now())
	{
	}

	void
	open(std::uint16_t port, unsigned threads)
	{
		port_ = port;
		if (auto r = udp_.open(port, threads); !r)
			net::fatal("udp port " + std::to_string(port) + ": " +
			    r.err().message());
		if (auto r = tcp_.open(port); !r)
			net::fatal("tcp port " + std::to_string(port) + ": " +
			    r.err().message());
	}

	void
	signals()
	{
		auto on = [this](int sig, net::event_loop::signal_callback cb) {
			if (auto r = loop_.on_signal(sig, std::move(cb)); !r)
				net::fatal(r.err().message());
		};
		on(SIGHUP, [this](int) { reload(); });
		on(SIGINT, [this](int) { dump(); });
		on(SIGABRT, [this](int) { statistics(); });
		on(SIGUSR1, [](int) {
			set_debug(named::debug_level.load() + 1);
			net::log_notice("debug level %d",
			    named::debug_level.load());
		});
		on(SIGUSR2, [](int) {
			set_debug(0);
			net::log_notice("debugging off");
		});
		on(SIGTERM, [this](int) { loop_.stop(); });
		signal(SIGPIPE, SIG_IGN);
	}

	void
	run(net::unique_fd &ready, std::uint16_t port, unsigned threads)
	{
		udp_.start();
		secondaries_ = std::make_unique<named::secondaries>(loop_, db_,
		    port, inbox_);
		notifier_ = std::make_unique<named::notifier>(loop_, port);
		secondaries_->sync();
		notify_changed(nullptr, *db_.get());
		rrl_timer_ = net::timer(loop_);
		rrl_report();
		net::log_notice("serving %zu zone%s on port %u (%u UDP "
		    "thread%s)", served(*db_.get()),
		    served(*db_.get()) == 1 ? "" : "s", port, threads,
		    threads == 1 ? "" : "s");
		net::notify_ready(ready);
		if (auto r = loop_.run(); !r)
			net::fatal(r.err().message());
		udp_.stop();
		net::log_notice("exiting on SIGTERM");
	}

private:
	void
	reload()
	{
		auto old = db_.get();
		auto r = named::load_config(s_.boot, old.get());
		if (!r.db) {
			log_diags(r.diags);
			net::log_err("reload: %s has errors; the configuration "
			    "in use is kept", s_.boot.c_str());
			return;
		}
		log_diags(r.diags);
		db_.set(r.db);
		secondaries_->sync();
		notify_changed(old.get(), *r.db);
		net::log_notice("reloaded: %zu zone%s served (%zu read, %zu "
		    "unchanged)%s", served(*r.db), served(*r.db) == 1 ? "" : "s",
		    r.reread, r.kept, r.zone_errors ? "; some with errors" : "");
	}

	// What rate limiting and the query parser turned away since the
	// last report, a line for each of the busiest source blocks and the
	// totals, every 15 s while there is something to say: never a line
	// a packet.
	void
	rrl_report()
	{
		if (auto db = db_.get(); db->limiter) {
			std::array<named::rrl_block_report, 8> lines;
			auto r = db->limiter->take_report(lines);
			for (std::size_t i = 0; i < r.lines; i++)
				net::log_warn("rate-limit: %s: %llu dropped, %llu "
				    "truncated", lines[i].block.str().c_str(),
				    static_cast<unsigned long long>(
					lines[i].dropped),
				    static_cast<unsigned long long>(
					lines[i].slipped));
			if (r.dropped || r.slipped)
				net::log_warn("rate-limit: %llu dropped, %llu "
				    "truncated in all since the last report",
				    static_cast<unsigned long long>(r.dropped),
				    static_cast<unsigned long long>(r.slipped));
		}
		// Malformed packets and refused connections: one line for
		// what came since the last report, never a line a packet.
		auto now = stats_.rejected();
		if (now.dropped > rejected_.dropped ||
		    now.formerr > rejected_.formerr)
			net::log_warn("turned away in the last 15 s: %llu packets "
			    "that were no query (dropped), %llu malformed "
			    "queries (FORMERR)",
			    static_cast<unsigned long long>(now.dropped -
				rejected_.dropped),
			    static_cast<unsigned long long>(now.formerr -
				rejected_.formerr));
		rejected_ = now;
		rrl_timer_.start(net::seconds(15), [this] { rrl_report(); });
	}

	// NOTIFY for every primary zone that is new or has a new serial.
	void
	notify_changed(const named::database *old, const named::database &now)
	{
		for (const auto &slot : now.zones) {
			if (slot.line.type != net::boot_zone_type::primary ||
			    !slot.data)
				continue;
			const named::zone *before = old ?
			    old->find_exact(slot.data->origin().wire()) : nullptr;
			if (before && before->serial() == slot.data->serial())
				continue;
			notifier_->zone_changed(*slot.data, now);
		}
	}

	void
	dump()
	{
		auto db = db_.get();
		if (auto r = named::dump_to_file(*db, net::paths::named_dump);
		    !r)
			net::log_err("dump: %s", r.err().message().c_str());
		else
			net::log_notice("database dumped to %s",
			    net::paths::named_dump);
	}

	void
	statistics()
	{
		long up = static_cast<long>(std::chrono::duration_cast<
		    std::chrono::seconds>(std::chrono::steady_clock::now() -
		    start_).count());
		std::string t = stats_.table(up);
		int fd = ::open(net::paths::named_stats, O_WRONLY | O_APPEND |
		    O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
		if (fd < 0) {
			net::log_err("statistics: %s: %s",
			    net::paths::named_stats, std::strerror(errno));
			return;
		}
		net::unique_fd hold(fd);
		if (write(fd, t.data(), t.size()) !=
		    static_cast<ssize_t>(t.size()))
			net::log_err("statistics: %s: %s",
			    net::paths::named_stats, std::strerror(errno));
		else
			net::log_notice("statistics appended to %s",
			    net::paths::named_stats);
	}

	const settings &s_;
	named::current_database &db_;
	named::stats &stats_;
	net::event_loop loop_;
	named::notify_inbox inbox_;
	named::tcp_server tcp_;
	named::udp_workers udp_;
	std::chrono::steady_clock::time_point start_;
	std::uint16_t port_ = 0;
	std::unique_ptr<named::secondaries> secondaries_;
	std::unique_ptr<named::notifier> notifier_;
	net::timer rrl_timer_;
	named::stats::rejects rejected_;
};

} // namespace

int
main(int argc, char **argv)
{
	net::set_usage(usage_text);
	net::handle_help(argc, argv);
	net::log_init({"named", 0, true, false});
	settings s = parse_args(argc, argv);
	if (s.check)
		return check_only(s);
	bool foreground = s.debug.has_value();
	set_debug(s.debug.value_or(0));

	auto loaded = named::load_config(s.boot, nullptr);
	log_diags(loaded.diags);
	if (!loaded.db)
		net::fatal(s.boot + ": errors; nothing served");
	auto user = net::lookup_unprivileged(s.user);
	if (!user)
		net::fatal(user.err().message());

	named::current_database db;
	db.set(loaded.db);
	named::stats st;
	server srv(s, db, st);
	std::uint16_t port = s.port ? *s.port : domain_port();
	unsigned threads = s.threads ? s.threads : cpus();
	srv.open(port, threads);

	std::optional<net::pidfile> pf;
	if (!foreground || s.pidfile_given) {
		auto p = net::pidfile::create(s.pidfile, foreground);
		if (!p)
			net::fatal(p.err().message());
		pf = std::move(*p);
	}
	net::unique_fd ready;
	if (!foreground) {
		auto r = net::daemonize_until_ready();
		if (!r)
			net::fatal(r.err().message());
		ready = std::move(*r);
		net::log_init({"named", 0, false, named::debug_level > 0});
		if (pf)
			if (auto w = pf->write_pid(); !w)
				net::fatal(w.err().message());
	}
	if (auto r = net::give_up_privileges(*user); !r)
		net::fatal(r.err().message());
	srv.signals();
	srv.run(ready, port, threads);
	return 0;
}
