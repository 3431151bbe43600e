// listeners.cc: the listening sockets: opened with the service's options,
// watched while the service takes clients, closed, and tried again when
// they could not be opened; the open-files limit fitted to them.
#include "server.h"

#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "libnet/log.h"
#include "libnet/socket.h"

namespace inetd {

namespace {

// How often sockets that could not be opened (a port in use) are tried
// again; a SIGHUP tries them at once.
constexpr auto retry_interval = std::chrono::seconds(30);

// Sockets handed to children must block (the flag is shared with the
// child's descriptor); the ones inetd alone reads must not.
bool
listener_nonblocking(const service_spec &s)
{
	if (s.builtin)
		return true;
	return s.is_stream() && !s.wait;
}

// IPv6 wildcard sockets of plain tcp/udp lines are a bonus: a host
// without IPv6 still serves the IPv4 side.  True when the socket failed
// for want of IPv6 and can go.
bool
optional_v6(const service_spec &s, const listener &l, int err)
{
	using net::inetd_proto;
	bool no_ipv6 = err == EAFNOSUPPORT || err == EADDRNOTAVAIL ||
	    err == EPROTONOSUPPORT;
	return no_ipv6 && !l.bind.is_unix() && l.bind.ep.addr.is_v6() &&
	    l.bind.ep.addr.is_unspecified() &&
	    (s.proto == inetd_proto::tcp || s.proto == inetd_proto::udp);
}

} // namespace

void
server::apply_socket_options(const service &svc, int fd)
{
	if (svc.spec.sndbuf > 0)
		setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &svc.spec.sndbuf,
		    sizeof svc.spec.sndbuf);
	if (svc.spec.rcvbuf > 0)
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &svc.spec.rcvbuf,
		    sizeof svc.spec.rcvbuf);
	(void)net::set_nonblocking(fd, listener_nonblocking(svc.spec));
	if (!svc.spec.is_stream() && !svc.spec.builtin) {
		// The receive time tells the datagram a child was started
		// for from the ones queued behind it.
		int on = 1;
		setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof on);
	}
}

bool
server::open_listener(service &svc, listener &l, bool at_start, int *err)
{
	net::socket_options o;
	o.backlog = opts_.backlog;
	o.sndbuf = svc.spec.sndbuf;
	o.rcvbuf = svc.spec.rcvbuf;
	o.v6only = l.bind.v6only;
	o.nonblock = listener_nonblocking(svc.spec);
	o.protocol = svc.spec.is_stream() ? tcp_protocol_ : udp_protocol_;
	net::result<net::unique_fd> fd = net::error{};
	bool no_room = listeners_open_ >= listener_budget_;
	if (no_room)
		fd = net::fail(EMFILE, l.bind.str() + ": not opened");
	else if (l.bind.is_unix())
		fd = net::unix_listen(l.bind.path, 0666, o);
	else if (svc.spec.is_stream())
		fd = net::tcp_listen(l.bind.ep, o);
	else
		fd = net::udp_bind(l.bind.ep, o);
	if (!fd) {
		if (err != nullptr)
			*err = fd.err().code;
		// Sockets past the open-files limit were reported together
		// (fit_descriptors); one that can go is warned about by the
		// caller.
		bool quiet = no_room || optional_v6(svc.spec, l, fd.err().code);
		if (!l.failed || at_start)
			net::log_msg(quiet ? net::log_level::debug
					   : net::log_level::err,
			    "%s: %s (%s); tried again every %llds and on "
			    "SIGHUP",
			    svc.spec.name.c_str(), fd.err().message().c_str(),
			    svc.spec.where().c_str(),
			    static_cast<long long>(retry_interval.count()));
		l.failed = true;
		return false;
	}
	apply_socket_options(svc, fd->get());
	if (l.failed)
		net::log_notice("%s: now listening on %s",
		    svc.spec.name.c_str(), l.bind.str().c_str());
	else
		net::log_debug("%s: listening on %s (%s)",
		    svc.spec.name.c_str(), l.bind.str().c_str(),
		    svc.spec.where().c_str());
	l.fd = std::move(*fd);
	l.failed = false;
	listeners_open_++;
	return true;
}

void
server::close_listener(listener &l)
{
	l.pending_timer.cancel();
	if (!l.fd.valid())
		return;
	l.watch.reset();
	l.fd.reset();
	listeners_open_--;
	if (l.bind.is_unix())
		unlink(l.bind.path.c_str());
}

void
server::watch_listener(const service_ptr &svc, std::size_t idx)
{
	listener &l = svc->listeners[idx];
	l.watch = net::watch(loop_, l.fd.get(), POLLIN,
	    [this, svc, idx](short) { on_ready(svc, idx); });
}

bool
server::at_capacity(const service &svc) const
{
	return inetd::at_capacity(svc.spec, svc.children, svc.conns,
	    opts_.builtin_max);
}

void
server::update_watch(service &svc)
{
	bool on = !svc.removed && !svc.pacer.paused() && !at_capacity(svc);
	for (auto &l : svc.listeners)
		if (l.watch)
			l.watch.set_events(
			    on && l.owner == 0 && l.pending_child == 0 ? POLLIN
								       : 0);
}

// Opens a new service's sockets and watches those that opened; the others
// are tried again later.
void
server::open_service(const service_ptr &svc, bool at_start)
{
	bool failed = false;
	for (std::size_t i = 0; i < svc->listeners.size();) {
		listener &l = svc->listeners[i];
		int err = 0;
		if (open_listener(*svc, l, at_start, &err)) {
			i++;
			continue;
		}
		if (optional_v6(svc->spec, l, err)) {
			net::log_warn("%s: no IPv6 here, serving IPv4 only",
			    svc->spec.name.c_str());
			svc->listeners.erase(svc->listeners.begin() +
			    static_cast<std::ptrdiff_t>(i));
			continue;
		}
		failed = true;
		i++;
	}
	for (std::size_t i = 0; i < svc->listeners.size(); i++)
		if (svc->listeners[i].fd.valid())
			watch_listener(svc, i);
	update_watch(*svc);
	if (failed && !retry_timer_.pending())
		retry_timer_.start(retry_interval, [this] { retry_failed(); });
}

// Raises the soft open-files limit to what the listening sockets need,
// as far as the hard limit allows; what does not fit is not opened, so
// that connections still find descriptors.
void
server::fit_descriptors(std::size_t sockets)
{
	rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
		return;
	descriptor_plan p = plan_descriptors(sockets, rl.rlim_cur,
	    rl.rlim_max);
	if (p.soft > rl.rlim_cur) {
		rlimit raised{p.soft, rl.rlim_max};
		if (setrlimit(RLIMIT_NOFILE, &raised) == 0) {
			if (!child_open_files_)
				child_open_files_ = rl.rlim_cur;
			net::log_debug("open-files limit raised from %llu to "
				       "%llu for %zu listening sockets",
			    static_cast<unsigned long long>(rl.rlim_cur),
			    static_cast<unsigned long long>(p.soft), sockets);
		} else {
			net::log_err("open-files limit: cannot raise it to "
				     "%llu: %s",
			    static_cast<unsigned long long>(p.soft),
			    std::strerror(errno));
			p = plan_descriptors(sockets, rl.rlim_cur,
			    rl.rlim_cur);
		}
	}
	listener_budget_ = p.sockets;
	if (p.sockets < sockets)
		net::log_err("open-files limit: the hard limit of %llu leaves "
			     "room for %zu of the %zu listening sockets, the "
			     "rest are not opened (raise the hard limit: "
			     "ulimit -Hn, LimitNOFILE=)",
		    static_cast<unsigned long long>(rl.rlim_max), p.sockets,
		    sockets);
}

void
server::retry_failed()
{
	retry_timer_.cancel();
	bool pending = false;
	for (auto &svc : services_)
		for (std::size_t i = 0; i < svc->listeners.size(); i++) {
			listener &l = svc->listeners[i];
			if (!l.failed)
				continue;
			if (open_listener(*svc, l, false)) {
				watch_listener(svc, i);
				update_watch(*svc);
			} else {
				pending = true;
			}
		}
	if (pending)
		retry_timer_.start(retry_interval, [this] { retry_failed(); });
}

} // namespace inetd
