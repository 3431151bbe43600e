// inetd: the internet super-server.
//
// One process and one event loop.  inetd reads inetd.conf(5), opens a
// socket for every service address and waits.  A connection to a nowait
// stream service is accepted and handed, on fds 0-2, to a child that
// switches to the service's user and execs the server (net::spawn with
// vfork, run by net::spawner's threads so that the loop goes on accepting
// while children exec); a wait service
// hands the socket itself to one child and is not watched until that child
// exits.  The internal services (echo, discard, chargen, daytime, time) run
// inside the loop.  hosts.allow/hosts.deny are checked for every
// connection and datagram, and limits (spawn rate per service, children
// per service, connections and rate per source) keep a flood on one
// service from starving the others.  SIGHUP rereads the configuration,
// SIGUSR1 logs the state, SIGTERM stops.
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <optional>
#include <string>

#include "config.h"
#include "libnet/cmdline.h"
#include "libnet/daemon.h"
#include "libnet/event_loop.h"
#include "libnet/log.h"
#include "libnet/numparse.h"
#include "libnet/paths.h"
#include "server.h"

namespace {

const char usage_text[] =
    "usage: inetd [-dfln] [-a address] [-C rate] [-p pidfile] [-q backlog]\n"
    "             [-R rate] [-s maximum] [configuration_file]\n";

unsigned
number_arg(const char *opt, const char *s, unsigned max)
{
	return static_cast<unsigned>(net::number_arg(std::string("-") + opt,
	    s, 0, max));
}

int
run(int argc, char **argv)
{
	net::log_init({"inetd", 0, true, false});
	net::set_usage(usage_text);
	net::handle_help(argc, argv);
	inetd::server_options opts;
	bool debug = false, foreground = false, check = false;
	std::optional<std::string> pidfile_path;
	int c;
	while ((c = getopt(argc, argv, "a:C:dflnp:q:R:s:")) != -1) {
		switch (c) {
		case 'a':
			opts.paths.default_address = optarg;
			break;
		case 'C':
			opts.source_rate = number_arg("C", optarg, 1000000);
			break;
		case 'd':
			debug = true;
			break;
		case 'f':
			foreground = true;
			break;
		case 'l':
			opts.log_connections = true;
			break;
		case 'n':
			check = true;
			break;
		case 'p':
			pidfile_path = optarg;
			break;
		case 'q':
			opts.backlog = static_cast<int>(
			    number_arg("q", optarg, 65535));
			break;
		case 'R':
			opts.spawn_rate = number_arg("R", optarg, 100000000);
			break;
		case 's':
			opts.source_max = number_arg("s", optarg, 1000000);
			break;
		default:
			net::usage_error();
		}
	}
	if (argc - optind > 1)
		net::usage_error();
	opts.paths.config = optind < argc ? argv[optind] : net::paths::inetd_conf;
	opts.paths.services = net::paths::services;
	opts.paths.protocols = net::paths::protocols;
	opts.paths.hosts_allow = net::paths::hosts_allow;
	opts.paths.hosts_deny = net::paths::hosts_deny;
	if (!opts.paths.default_address.empty() &&
	    opts.paths.default_address != "*" &&
	    !net::address::parse(opts.paths.default_address)) {
		std::fprintf(stderr, "inetd: -a: bad address '%s'\n",
		    opts.paths.default_address.c_str());
		return 1;
	}

	net::log_init({"inetd", 0, true, debug});

	std::vector<net::diagnostic> diags;
	auto conf = inetd::load_config(opts.paths, diags);
	for (const auto &d : diags)
		std::fprintf(stderr, "inetd: %s\n", d.str().c_str());
	// -n is strict: a line that would be left out is an error to fix.
	if (check) {
		// Strict: an error anywhere (a line that would be left out,
		// the access files, which do not stop a starting inetd) fails
		// the check.
		if (!conf || inetd::has_errors(diags))
			return 1;
		std::printf("%s: %zu services, configuration OK\n",
		    opts.paths.config.c_str(), conf->services.size());
		return 0;
	}
	if (!conf) {
		net::log_err("%s: configuration has errors, not starting",
		    opts.paths.config.c_str());
		return 1;
	}
	if (inetd::has_errors(diags)) {
		std::size_t n = 0;
		for (const auto &d : diags)
			n += d.level == net::severity::error;
		net::log_err("%s: %zu %s with errors left out, serving the "
			     "other %zu services",
		    opts.paths.config.c_str(), n, n == 1 ? "line" : "lines",
		    conf->services.size());
	}

	bool detach = !debug && !foreground;
	if (detach && !pidfile_path)
		pidfile_path = net::paths::inetd_pid;
	std::optional<net::pidfile> pidfile;
	if (pidfile_path) {
		auto p = net::pidfile::create(*pidfile_path, !detach);
		if (!p) {
			net::log_err("%s", p.err().message().c_str());
			return 1;
		}
		pidfile = std::move(*p);
	}

	net::event_loop loop;
	inetd::server srv(loop, opts);
	srv.start(std::move(*conf));

	if (detach) {
		if (auto r = net::daemonize(); !r) {
			net::log_err("%s", r.err().message().c_str());
			return 1;
		}
		if (pidfile)
			(void)pidfile->write_pid();
		net::log_init({"inetd", 0, false, false});
	}
	signal(SIGPIPE, SIG_IGN);
	auto sig = [&](int signo, net::event_loop::signal_callback cb) {
		if (auto r = loop.on_signal(signo, std::move(cb)); !r)
			net::fatal(r.err().message());
	};
	sig(SIGCHLD, [&](int) { srv.reap_children(); });
	sig(SIGHUP, [&](int) { srv.reload(); });
	sig(SIGUSR1, [&](int) { srv.dump_state(); });
	auto quit = [&](int signo) {
		net::log_notice("exiting on signal %d", signo);
		srv.stop();
		loop.stop();
	};
	sig(SIGTERM, quit);
	sig(SIGINT, quit);
	net::log_notice("started: %s", opts.paths.config.c_str());
	if (auto r = loop.run(); !r) {
		net::log_err("%s", r.err().message().c_str());
		return 1;
	}
	srv.reap_children();
	return 0;
}

} // namespace

int
main(int argc, char **argv)
{
	try {
		return run(argc, argv);
	} catch (const std::exception &e) {
		net::log_err("fatal: %s", e.what());
		return 1;
	}
}
