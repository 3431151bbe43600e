#include "server.h"

#include <cstdlib>

#include "libnet/log.h"

namespace inetd {

server::server(net::event_loop &loop, server_options opts)
    : loop_(loop), opts_(std::move(opts)), tz_(std::getenv("TZ"))
{
}

server::~server()
{
	stop();
}

server::service_ptr
server::make_service(service_spec spec)
{
	auto svc = std::make_shared<service>();
	svc->spec = std::move(spec);
	svc->pacer = spawn_pacer(opts_.spawn_rate);
	svc->resume_timer = net::timer(loop_);
	svc->pause_summary = net::timer(loop_);
	svc->refusal_summary = net::timer(loop_);
	svc->datagram_summary = net::timer(loop_);
	for (const auto &b : svc->spec.binds) {
		listener l;
		l.bind = b;
		svc->listeners.push_back(std::move(l));
	}
	return svc;
}

void
server::start(config c)
{
	access_ = std::move(c.access);
	tcp_protocol_ = c.tcp_protocol;
	udp_protocol_ = c.udp_protocol;
	std::size_t sockets = 0;
	for (const auto &spec : c.services)
		sockets += spec.binds.size();
	fit_descriptors(sockets);
	for (auto &spec : c.services) {
		auto svc = make_service(std::move(spec));
		open_service(svc, true);
		services_.push_back(std::move(svc));
	}
	internal_udp_ports_ = internal_udp_ports();
	net::log_debug("started with %zu services", services_.size());
}

std::set<std::uint16_t>
server::internal_udp_ports() const
{
	std::set<std::uint16_t> ports;
	for (const auto &svc : services_)
		if (svc->spec.builtin && !svc->spec.is_stream())
			for (const auto &b : svc->spec.binds)
				ports.insert(b.ep.port);
	return ports;
}

void
server::on_ready(const service_ptr &svc, std::size_t idx)
{
	if (svc->removed || idx >= svc->listeners.size())
		return;
	listener &l = svc->listeners[idx];
	if (!l.fd.valid())
		return;
	if (svc->spec.builtin && !svc->spec.is_stream())
		on_builtin_dgram(svc, l);
	else if (svc->spec.builtin || (svc->spec.is_stream() && !svc->spec.wait))
		on_stream_nowait(svc, l);
	else
		on_socket_child(svc, idx);
}

void
server::stop()
{
	for (auto &svc : services_) {
		svc->removed = true;
		for (auto &l : svc->listeners)
			close_listener(l);
		svc->resume_timer.cancel();
		svc->pause_summary.cancel();
	}
	conns_.clear();
	status_fds_.clear();
	retry_timer_.cancel();
}

} // namespace inetd
