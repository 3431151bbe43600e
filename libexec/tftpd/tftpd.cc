// tftpd: the DARPA Trivial File Transfer Protocol server (TFTPD(1M)).
//
// Process model.  Started by inetd with a `wait` entry, fd 0 is the
// service's UDP socket with the request still queued: tftpd takes that
// one datagram (and any identical copies the client already resent),
// forks, and the parent exits at once so inetd goes back to watching the
// port; the child serves the transfer from a socket of its own.  A
// datagram that starts no transfer is answered (or not) without a fork,
// and that process stays on the port while more such datagrams come, so
// that the limit on errors per client address holds across them.  With -N
// (a `nowait` entry) there is no fork: the process inetd started is the
// transfer, so inetd's limits count transfers.  With -L (or -l, detached)
// it is a standalone daemon: one process, one event loop (epoll(7)), every
// transfer at once.
//
// Start-up order: syslog, (under inetd) the request, options, user
// lookup, sockets and pidfile, the served directory (then chroot to it
// when root), privilege drop, loop.  Under inetd a fatal error is also
// answered to the client, after its request is taken off the queue:
// left there, it would start tftpd again, and again.
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "admission.h"
#include "files.h"
#include "libnet/addr.h"
#include "libnet/cmdline.h"
#include "libnet/daemon.h"
#include "libnet/event_loop.h"
#include "libnet/fs.h"
#include "libnet/inetd_child.h"
#include "libnet/log.h"
#include "libnet/numparse.h"
#include "libnet/parse_file.h"
#include "libnet/paths.h"
#include "libnet/privdrop.h"
#include "libnet/resolve.h"
#include "libnet/services.h"
#include "libnet/socket.h"
#include "libnet/sockopt.h"
#include "options.h"
#include "packet.h"
#include "server.h"

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/lsan_interface.h>
#endif

namespace {

// True once tftpd has chrooted into the served directory.
bool chrooted = false;

struct settings {
	bool standalone = false;
	bool foreground = true;
	bool fork = true;		// under inetd; -N: no fork
	bool debug = false;
	std::vector<std::string> listen;
	std::optional<std::uint16_t> port;
	std::string dir = "/";
	bool confined = false;
	std::optional<std::string> user;
	std::string pidfile;
	mode_t umask = 022;
	tftpd::file_policy files;
	tftpd::server_config srv;
};


// The request inetd left on fd 0, once taken.
struct inetd_request {
	bool inetd = false;		// fd 0 is inetd's socket
	bool taken = false;
	std::vector<std::uint8_t> pkt;
	net::datagram_info info;
};

inetd_request pending;

bool take_request(std::vector<std::uint8_t> &pkt, net::datagram_info &info);

// Before a fatal error ends a tftpd started by inetd: the client of the
// request it was started for learns that it is not its fault, not why.
void
tell_client()
{
	if (pending.inetd && !pending.taken)
		pending.taken = take_request(pending.pkt, pending.info);
	if (pending.taken) {
		net::log_err("request from %s refused: server misconfigured",
		    pending.info.peer.str().c_str());
		tftpd::send_error(pending.info.peer, pending.info.local,
		    {tftpd::error_code::not_defined, "server misconfigured"});
	}
}

const char usage_text[] =
    "usage: tftpd [-cdLlNv] [-a address[:port]] [-B blksize] "
    "[-M per-source] [-m max]\n"
    "             [-P pidfile] [-r option] [-s directory] [-T timeout] "
    "[-U umask]\n"
    "             [-u user] [-W windowsize] [port]\n";

std::uint64_t
number(const char *opt, const char *arg, std::uint64_t lo, std::uint64_t hi)
{
	return net::number_arg(std::string("-") + opt, arg, lo, hi);
}

// The tftp port from services(5), 69 when it has none.
std::uint16_t
tftp_port()
{
	return net::service_port("tftp", "udp", 69);
}

// "address[:port]", "[v6]:port" or ":port"; an empty address is every
// address, IPv6 and IPv4 on one socket.
net::endpoint
listen_endpoint(const std::string &spec, std::uint16_t port)
{
	auto hp = net::split_host_port(spec);
	if (!hp)
		net::fatal("-a " + spec + ": bad address");
	net::endpoint ep;
	ep.port = port;
	if (!hp->second.empty())
		ep.port = static_cast<std::uint16_t>(number("a",
		    std::string(hp->second).c_str(), 0, 65535));
	std::string host(hp->first);
	if (host.empty() || host == "*") {
		ep.addr = net::address::any6();
	} else {
		auto a = net::address::parse(host);
		if (!a)
			net::fatal("-a " + spec + ": not a numeric address");
		ep.addr = *a;
	}
	return ep;
}

settings
parse_args(int argc, char **argv)
{
	settings s;
	int ch;
	// getopt's own messages would go to stderr, the client's socket
	// under inetd.
	opterr = 0;
	const char *letters = ":a:B:cdLlM:m:NP:r:s:T:U:u:vW:";
	while ((ch = getopt(argc, argv, letters)) != -1) {
		switch (ch) {
		case 'a':
			s.listen.push_back(optarg);
			s.standalone = true;
			break;
		case 'B':
			s.srv.limits.max_blksize = static_cast<unsigned>(
			    number("B", optarg, tftpd::min_blksize,
				tftpd::max_blksize));
			break;
		case 'c':
			s.files.allow_create = true;
			break;
		case 'd':
			s.debug = true;
			break;
		case 'L':
			s.standalone = true;
			s.foreground = true;
			break;
		case 'l':
			s.standalone = true;
			s.foreground = false;
			break;
		case 'N':
			s.fork = false;
			break;
		case 'M':
			s.srv.max_per_source = static_cast<unsigned>(
			    number("M", optarg, 0, 100000));
			break;
		case 'm':
			s.srv.max_transfers = static_cast<unsigned>(
			    number("m", optarg, 0, 100000));
			break;
		case 'P':
			s.pidfile = optarg;
			break;
		case 'r': {
			unsigned bit = tftpd::option_bit_of(optarg);
			if (bit == 0)
				net::fatal(std::string("-r ") + optarg +
				    ": unknown option");
			s.srv.limits.refused |= bit;
			break;
		}
		case 's':
			s.dir = optarg;
			s.confined = true;
			break;
		case 'T': {
			auto ms = net::parse_duration_ms(optarg, 1);
			if (!ms || *ms < 10 || *ms > 255000)
				net::fatal(std::string("-T ") + optarg +
				    ": not a timeout from 10ms to 255s");
			s.srv.timeout = std::chrono::milliseconds(*ms);
			break;
		}
		case 'U': {
			// Octal, as umask(1) takes it.
			auto v = net::parse_uint_c(std::string("0") + optarg, 0,
			    0777);
			if (!v)
				net::fatal(std::string("-U ") + optarg +
				    ": not an octal umask");
			s.umask = static_cast<mode_t>(*v);
			break;
		}
		case 'u':
			s.user = optarg;
			break;
		case 'v':
			s.srv.verbose = true;
			break;
		case 'W':
			s.srv.limits.max_windowsize = static_cast<unsigned>(
			    number("W", optarg, 1, 65535));
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
	argc -= optind;
	argv += optind;
	if (argc > 1)
		net::usage_error();
	if (argc == 1) {
		// TFTPD(1M): a port on the command line overrides the
		// service port, for debugging; it implies -L.
		s.port = static_cast<std::uint16_t>(number("port", argv[0], 1,
		    65535));
		s.standalone = true;
	}
	s.files.root_path = s.dir;
	s.files.create_mode = 0666 & ~s.umask;
	return s;
}

// The served directory, opened before anything (daemonizing) changes
// the working directory a relative -s is taken from.
net::unique_fd
open_served(const settings &s)
{
	auto dirfd = net::open_root(s.dir);
	if (!dirfd)
		net::fatal(dirfd.err().message());
	return std::move(*dirfd);
}

// Chroots into the served directory when root and -s was given, and
// becomes the unprivileged user.
tftpd::file_root
confine(settings &s, net::unique_fd dirfd,
    const std::optional<net::user_info> &user)
{
	if (s.confined && geteuid() == 0) {
		// Belt and braces: openat2 already keeps every path inside;
		// a chroot also keeps out whatever a bug might reach.
		if (fchdir(dirfd.get()) != 0 || chroot(".") != 0)
			net::fatal("chroot " + s.dir + ": " + std::strerror(errno));
		chrooted = true;
	}
	if (user) {
		if (auto r = net::drop_privileges(*user); !r)
			net::fatal(r.err().message());
	}
	return tftpd::file_root(std::move(dirfd), s.files);
}

std::optional<net::user_info>
target_user(const settings &s)
{
	if (geteuid() != 0 && !s.user)
		return std::nullopt;
	// Root is not kept by default: TFTP has no authentication at all.
	auto u = net::lookup_user(s.user ? *s.user : "nobody");
	if (!u)
		net::fatal(u.err().message());
	return *u;
}

// Reads the one request inetd left on fd 0; returns false if there is
// none after a short wait.
bool
take_request(std::vector<std::uint8_t> &pkt, net::datagram_info &info)
{
	int one = 1;
	(void)setsockopt(0, IPPROTO_IP, IP_PKTINFO, &one, sizeof one);
	(void)setsockopt(0, IPPROTO_IPV6, IPV6_RECVPKTINFO, &one, sizeof one);
	pkt.resize(65536);
	pollfd p{0, POLLIN, 0};
	if (poll(&p, 1, 5000) != 1)
		return false;
	auto d = net::recv_datagram(0, pkt, MSG_DONTWAIT);
	if (!d || d->truncated)
		return false;
	info = *d;
	pkt.resize(d->size);
	if (!info.local) {
		if (auto le = net::local_endpoint(0);
		    le && !le->addr.is_unspecified())
			info.local = le->addr;
	}
	// Copies the client already resent would make inetd start another
	// tftpd for the same request: they are taken off the queue too.
	std::vector<std::uint8_t> again(pkt.size() + 1);
	for (;;) {
		auto dup = net::recv_datagram(0, again,
		    MSG_PEEK | MSG_DONTWAIT);
		if (!dup || dup->size != pkt.size() ||
		    !(dup->peer == info.peer) ||
		    std::memcmp(again.data(), pkt.data(), pkt.size()) != 0)
			break;
		(void)net::recv_datagram(0, again, MSG_DONTWAIT);
	}
	return true;
}

// True when pkt is a request a transfer can start from.
bool
servable(std::span<const std::uint8_t> pkt)
{
	return std::holds_alternative<tftpd::request>(
	    tftpd::parse_request(pkt));
}

// Under inetd with a wait entry, a datagram that starts no transfer (a
// stray DATA, ACK or OACK, a malformed request, an ERROR, no TFTP at all)
// is answered as the server answers one, and this process then stays on
// the port for the datagrams that follow: each would otherwise start a
// tftpd of its own, with an error rate limit of its own, and no limit
// would hold.  It leaves once the port has been quiet for as long as a
// source's limit takes to reset, or at once when a request arrives,
// which it leaves queued for the tftpd inetd starts next.
int
serve_strays(settings &s, const tftpd::file_root &root, net::unique_fd sock)
{
	constexpr auto quiet = std::chrono::duration_cast<
	    std::chrono::milliseconds>(tftpd::reply_interval *
	    tftpd::reply_burst);
	net::event_loop loop;
	tftpd::server srv(loop, root, s.srv);
	std::vector<std::uint8_t> next(65536);
	for (;;) {
		srv.handle_request(pending.pkt, pending.info.peer,
		    pending.info.local, std::move(sock));
		pollfd p{0, POLLIN, 0};
		if (poll(&p, 1, static_cast<int>(quiet.count())) != 1)
			return 0;
		auto d = net::recv_datagram(0, next, MSG_PEEK | MSG_DONTWAIT);
		if (!d || (!d->truncated && servable(std::span(next.data(),
		    d->size))))
			return 0;
		if (!take_request(pending.pkt, pending.info))
			return 0;
	}
}

int
run_inetd(settings &s)
{
	net::log_set_debug(s.debug);
	if (!pending.taken) {
		net::log_err("inetd mode: no request on fd 0");
		return 1;
	}
	auto user = target_user(s);
	// Made while still root, so its buffers may pass the system's
	// ceiling: a large window then fits (server::size_buffers).  Only
	// the opcode is read as root: whether the request is well formed is
	// for after the privileges are gone.
	net::unique_fd sock;
	if (geteuid() == 0 &&
	    tftpd::classify(pending.pkt) == tftpd::arrival::request) {
		if (auto t = tftpd::transfer_socket(pending.info.peer,
			pending.info.local)) {
			sock = std::move(*t);
			(void)net::raise_buffer(sock.get(), true,
			    tftpd::max_window_buffer);
			(void)net::raise_buffer(sock.get(), false,
			    tftpd::max_window_buffer);
		}
	}
	// Opened now: after a chroot there may be no /dev/null to open.
	int null = open("/dev/null", O_RDWR | O_CLOEXEC);
	auto root = confine(s, open_served(s), user);
	if (s.fork && !servable(pending.pkt)) {
		if (null >= 0)
			close(null);
		return serve_strays(s, root, std::move(sock));
	}
	if (s.fork) {
		pid_t pid = fork();
		if (pid < 0)
			net::fatal(std::string("fork: ") + std::strerror(errno));
		if (pid > 0)
			_exit(0);
	}
	// The transfer lets go of inetd's socket: fds 0-2 become /dev/null.
	for (int fd = 0; fd <= 2; fd++) {
		if (null >= 0)
			dup2(null, fd);
		else
			close(fd);
	}
	if (null > 2)
		close(null);
	net::event_loop loop;
	tftpd::server srv(loop, root, s.srv);
	srv.on_idle([&loop] { loop.stop(); });
	srv.handle_request(pending.pkt, pending.info.peer, pending.info.local,
	    std::move(sock));
	if (srv.active() == 0)
		return 0;
	if (auto r = loop.run(); !r)
		net::fatal(r.err().message());
	return 0;
}

int
run_standalone(settings &s)
{
	net::log_set_debug(s.debug);
	auto user = target_user(s);
	std::uint16_t port = s.port ? *s.port : tftp_port();
	if (s.listen.empty())
		s.listen.push_back("");
	std::vector<net::unique_fd> socks;
	for (const auto &spec : s.listen) {
		net::endpoint ep = listen_endpoint(spec, port);
		net::socket_options so;
		so.rcvbuf = 1 << 20;
		// No address, or "*", is every address of both families on
		// one socket; an explicit "[::]" stays IPv6 only.
		if (ep.addr.is_v6() && ep.addr.is_unspecified() &&
		    spec.find('[') == std::string::npos)
			so.v6only = net::v6only_mode::off;
		auto fd = net::udp_bind(ep, so);
		if (!fd && spec.empty() && fd.err().code == EAFNOSUPPORT) {
			ep.addr = net::address::any4();
			fd = net::udp_bind(ep, so);
		}
		if (!fd)
			net::fatal(fd.err().message());
		socks.push_back(std::move(*fd));
	}
	auto dirfd = open_served(s);
	std::optional<net::pidfile> pf;
	if (!s.pidfile.empty()) {
		auto p = net::pidfile::create(s.pidfile, s.foreground);
		if (!p)
			net::fatal(p.err().message());
		pf = std::move(*p);
	}
	// The command returns once the detached server is ready (its pid
	// written, its privileges dropped), with status 1 if it never was.
	net::unique_fd ready;
	if (!s.foreground) {
		auto r = net::daemonize_until_ready();
		if (!r)
			net::fatal(r.err().message());
		ready = std::move(*r);
		net::log_init({"tftpd", 0, false, s.debug});
		if (pf)
			if (auto w = pf->write_pid(); !w)
				net::fatal(w.err().message());
	}
	auto root = confine(s, std::move(dirfd), user);
	net::event_loop loop;
	tftpd::server srv(loop, root, s.srv);
	for (const auto &fd : socks)
		srv.add_listener(fd.get());
	auto stop = [&loop](int) { loop.stop(); };
	if (auto r = loop.on_signal(SIGTERM, stop); !r)
		net::fatal(r.err().message());
	if (auto r = loop.on_signal(SIGINT, stop); !r)
		net::fatal(r.err().message());
	net::log_notice("listening on %zu socket%s, serving %s",
	    socks.size(), socks.size() == 1 ? "" : "s", s.dir.c_str());
	net::notify_ready(ready);
	if (auto r = loop.run(); !r)
		net::fatal(r.err().message());
	srv.abort_all();
	return 0;
}

} // namespace

#if defined(__SANITIZE_ADDRESS__)
// A sanitizer build (make SANITIZE=1).  LeakSanitizer's check at exit
// lists the process's threads in /proc/self/task to stop them, and a
// chroot leaves /proc behind: the check then fails, and its report of
// that failure, bound for a log_path outside the chroot (as make check
// sets one), cannot be opened, which leaves the process spinning for
// ever instead of exiting after SIGTERM.  No leak check is possible in
// there, so a chrooted tftpd turns it off; one that does not chroot is
// still checked.  LeakSanitizer reads this when the check runs (at
// exit), not at start-up, which is what lets the answer change.
extern "C" int
__lsan_is_turned_off()
{
	return chrooted ? 1 : 0;
}
#endif

int
main(int argc, char **argv)
{
	// stderr only when it is not the client's socket (inetd mode).
	// Under inetd, stderr is the client's socket: syslog only.
	pending.inetd = net::started_by_inetd();
	if (pending.inetd)
		net::serve_from_inetd("tftpd", 0, tell_client);
	else
		net::log_init({"tftpd", 0, true, false});
	net::set_fatal_hook(tell_client);
	net::set_usage(usage_text);
	net::handle_help(argc, argv);
	try {
		settings s = parse_args(argc, argv);
		umask(s.umask);
		if (s.standalone) {
			// fd 0 is not inetd's to answer from, whatever it is.
			if (pending.inetd)
				net::log_init({"tftpd", 0, false, s.debug});
			pending.inetd = false;
			return run_standalone(s);
		}
		pending.taken = take_request(pending.pkt, pending.info);
		return run_inetd(s);
	} catch (const std::exception &e) {
		net::log_err("fatal: %s", e.what());
		return 1;
	}
}
