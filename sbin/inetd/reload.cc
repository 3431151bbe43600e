// reload.cc: SIGHUP: the configuration read again and applied in place;
// a kept service keeps its sockets, queued clients and running servers.
#include "server.h"

#include <algorithm>

#include "libnet/log.h"

namespace inetd {

void
server::reload()
{
	std::vector<net::diagnostic> diags;
	auto c = load_config(opts_.paths, diags);
	for (const auto &d : diags)
		net::log_msg(d.level == net::severity::error
			? net::log_level::err
			: net::log_level::warning,
		    "%s", d.str().c_str());
	if (!c) {
		net::log_err("reload: errors in the configuration; the running "
			     "one stays");
		// A SIGHUP is also how an administrator says a port is free
		// again.
		retry_failed();
		return;
	}
	access_ = std::move(c->access);
	tcp_protocol_ = c->tcp_protocol;
	udp_protocol_ = c->udp_protocol;
	std::vector<const service_spec *> old;
	for (const auto &svc : services_)
		old.push_back(&svc->spec);
	reload_plan plan = plan_reload(old, c->services, c->unusable);

	// Removed first, so their ports are free for what is added.
	for (std::size_t i : plan.removed) {
		service_ptr svc = services_[i];
		svc->removed = true;
		for (auto &l : svc->listeners)
			close_listener(l);
		svc->resume_timer.cancel();
		svc->pause_summary.cancel();
		net::log_notice("%s: removed", svc->spec.name.c_str());
		if (svc->children > 0 || svc->conns > 0)
			retired_.push_back(svc);
	}
	std::size_t sockets = 0;
	for (const auto &spec : c->services)
		sockets += spec.binds.size();
	for (const auto &[i, where] : plan.unchanged)
		sockets += services_[i]->listeners.size();
	fit_descriptors(sockets);
	std::vector<service_ptr> next;
	unsigned changed = 0;
	for (auto [i, j] : plan.kept) {
		service_ptr svc = services_[i];
		if (compare_specs(svc->spec, c->services[j]).changed())
			changed++;
		apply_changes(*svc, std::move(c->services[j]));
		next.push_back(svc);
	}
	// A line that no longer works (a program uninstalled, a user
	// deleted, a typing mistake) does not take its running service
	// down with it.
	for (const auto &[i, where] : plan.unchanged) {
		service_ptr svc = services_[i];
		net::log_warn("%s: the line at %s cannot be used; the service "
			      "runs on as before (%s)",
		    svc->spec.name.c_str(), where.c_str(),
		    svc->spec.where().c_str());
		next.push_back(svc);
	}
	std::size_t first_added = next.size();
	for (std::size_t j : plan.added) {
		auto svc = make_service(std::move(c->services[j]));
		net::log_notice("%s: added (%s)", svc->spec.name.c_str(),
		    svc->spec.where().c_str());
		next.push_back(std::move(svc));
	}
	services_ = std::move(next);
	// Sockets that waited for their port first, then the new ones.
	retry_failed();
	for (std::size_t k = first_added; k < services_.size(); k++)
		open_service(services_[k], true);
	internal_udp_ports_ = internal_udp_ports();
	std::string more;
	if (std::size_t n = std::count_if(diags.begin(), diags.end(),
		[](const net::diagnostic &d) {
			return d.level == net::severity::error;
		}))
		more += ", " + std::to_string(n) +
		    (n == 1 ? " line" : " lines") + " left out";
	if (std::size_t n = plan.unchanged.size())
		more += ", " + std::to_string(n) +
		    (n == 1 ? " kept as it was" : " kept as they were");
	net::log_notice("reloaded %s: %zu services, %zu added, %zu removed, "
			"%u changed%s",
	    opts_.paths.config.c_str(), services_.size(), plan.added.size(),
	    plan.removed.size(), changed, more.c_str());
}

// A kept service takes its new entry in place: its sockets, pending
// connections and running children stay.
void
server::apply_changes(service &svc, service_spec next)
{
	spec_change c = compare_specs(svc.spec, next);
	svc.spec = std::move(next);
	if (c.changed()) {
		std::string what;
		for (const auto &f : c.fields)
			what += (what.empty() ? "" : ", ") + f;
		net::log_notice("%s: changed (%s: %s)", svc.spec.name.c_str(),
		    svc.spec.where().c_str(), what.c_str());
	}
	// A buffer size dropped from the line stays set on the open
	// socket (Linux has no "back to automatic"); a new socket, after
	// the service is removed and added again, has the default
	// (inetd.conf.5 says so).
	if (c.socket_options)
		for (auto &l : svc.listeners)
			if (l.fd.valid())
				apply_socket_options(svc, l.fd.get());
	update_watch(svc);
}

} // namespace inetd
