// children.cc: servers that own what started them (a wait service's
// socket, a dgram nowait service's datagram) until they take it or exit,
// and every server's exit: reaped, logged, and what it held given back.
#include "server.h"

#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>

#include "libnet/log.h"

namespace inetd {

namespace {

std::string
describe_exit(int status)
{
	if (WIFEXITED(status))
		return "exited " + std::to_string(WEXITSTATUS(status));
	if (WIFSIGNALED(status))
		return std::string("killed by signal ") +
		    std::to_string(WTERMSIG(status)) +
		    (WCOREDUMP(status) ? " (core dumped)" : "");
	return "stopped";
}

} // namespace

void
server::on_socket_child(const service_ptr &svc, std::size_t idx)
{
	listener &l = svc->listeners[idx];
	if (at_capacity(*svc)) {
		update_watch(*svc);
		return;
	}
	if (!rate_allows(svc))
		return;
	start_info si;
	si.listener = idx;
	if (!svc->spec.is_stream()) {
		// Who sent the first datagram, without taking it: the child
		// must find it still queued.
		auto d = peek_head(l.fd.get());
		if (!d)
			return;
		svc->count.connections++;
		if (!dgram_admitted(svc, l, *d, &si.check_in_child))
			return;
		si.remote = d->peer;
		si.local = net::endpoint{d->local.value_or(l.bind.ep.addr),
		    l.bind.ep.port};
		si.datagram = id_of(*d);
	} else {
		svc->count.connections++;
	}
	pid_t pid = spawn(svc, l.fd.get(), si);
	if (pid == 0) {
		if (si.remote)
			svc->sources.release(si.remote->addr, loop_.now());
		return;
	}
	if (svc->spec.wait) {
		l.owner = pid;
	} else {
		l.pending_child = pid;
		l.pending = *si.datagram;
		poll_pending(svc, idx, 0);
	}
	update_watch(*svc);
}

void
server::poll_pending(const service_ptr &svc, std::size_t idx, int attempt)
{
	listener &l = svc->listeners[idx];
	if (l.pending_child == 0 || svc->removed || !l.fd.valid())
		return;
	// The child has its datagram once it is gone from the head of the
	// queue; there is no event for that, so look, often at first.
	if (attempt == 0 || still_queued(l.fd.get(), l.pending)) {
		l.pending_timer = net::timer(loop_);
		l.pending_timer.start(pending_check_delay(attempt),
		    [this, svc, idx, attempt] {
			    poll_pending(svc, idx, attempt + 1);
		    });
		return;
	}
	l.pending_child = 0;
	update_watch(*svc);
}

void
server::drop_unread(service &svc, listener &l, pid_t pid,
    const datagram_id &id)
{
	// A server that exits without reading the datagram it was started
	// for would leave it to start the next server, and the next.
	if (!l.fd.valid() || !still_queued(l.fd.get(), id))
		return;
	std::uint8_t b;
	if (recv(l.fd.get(), &b, 1, MSG_DONTWAIT) >= 0)
		net::log_warn("%s: pid %d exited without reading its "
			      "datagram; datagram dropped",
		    svc.spec.name.c_str(), static_cast<int>(pid));
}

void
server::watch_status(int fd, std::string name)
{
	auto p = std::make_unique<status_pipe>();
	p->fd = net::unique_fd(fd);
	p->watch = net::watch(loop_, fd, POLLIN, [this, fd, name](short) {
		char buf[512];
		ssize_t n = read(fd, buf, sizeof buf);
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			return;
		if (n > 0)
			net::log_err("%s: %s", name.c_str(),
			    net::printable({buf, static_cast<std::size_t>(n)})
				.c_str());
		// Destroys this watch, which its callback may do.
		status_fds_.erase(fd);
	});
	status_fds_[fd] = std::move(p);
}

void
server::reap_children()
{
	int status;
	pid_t pid;
	while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
		child_exited(pid, status);
}

void
server::child_exited(pid_t pid, int status)
{
	auto it = children_.find(pid);
	if (it == children_.end()) {
		// Started by the spawner and gone before its start was told:
		// its exit is taken up when it is (started()).
		if (spawner_.pending() > 0)
			early_exits_.emplace(pid, status);
		return;
	}
	child_rec rec = std::move(it->second);
	children_.erase(it);
	service_ptr svc = rec.svc;
	svc->children--;
	if (rec.source)
		svc->sources.release(*rec.source, loop_.now());
	double took = std::chrono::duration<double>(
	    net::mono_clock::now() - rec.start).count();
	bool crashed = WIFSIGNALED(status) && WTERMSIG(status) != SIGPIPE &&
	    WTERMSIG(status) != SIGTERM && WTERMSIG(status) != SIGHUP;
	if (conn_logged() || crashed)
		net::log_msg(crashed ? net::log_level::warning : conn_level(),
		    "%s: pid %d %s after %.3fs", svc->spec.name.c_str(),
		    static_cast<int>(pid), describe_exit(status).c_str(), took);
	if (rec.listener < svc->listeners.size()) {
		listener &l = svc->listeners[rec.listener];
		if (l.owner == pid)
			l.owner = 0;
		if (l.pending_child == pid) {
			l.pending_timer.cancel();
			l.pending_child = 0;
		}
		if (rec.datagram)
			drop_unread(*svc, l, pid, *rec.datagram);
	}
	if (!svc->removed) {
		update_watch(*svc);
		return;
	}
	if (svc->children == 0 && svc->conns == 0)
		std::erase(retired_, svc);
}

} // namespace inetd
