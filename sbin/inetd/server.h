// server.h: the running inetd: one listening socket per service address,
// children started per connection (nowait) or per socket (wait), internal
// services served in the loop, limits, reloads and state dumps.  The
// decisions are policy.h's; the work is split by role:
//   server.cc     start, stop, and which path a ready socket takes
//   listeners.cc  opening, watching and retrying the listening sockets
//   accept.cc     accepting, the spawn rate, and starting servers
//   datagram.cc   datagrams: the internal services' answers, admission
//   children.cc   servers that own a socket or datagram, and their exits
//   reload.cc     SIGHUP: the new configuration applied in place
//   logging.cc    refusals, pauses, connections and the state dump
#pragma once

#include <sys/resource.h>
#include <sys/types.h>

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "builtin_conn.h"
#include "config.h"
#include "libnet/event_loop.h"
#include "libnet/log.h"
#include "libnet/socket.h"
#include "libnet/spawner.h"
#include "libnet/unique_fd.h"
#include "service.h"
#include "spawn.h"

namespace inetd {

struct server_options {
	config_paths paths;
	unsigned spawn_rate = 256;	// -R: spawns a minute per service
	unsigned source_rate = 0;	// -C: connections a minute per source
	unsigned source_max = 0;	// -s: concurrent per source (default)
	int backlog = 128;		// -q
	bool log_connections = false;	// -l
	net::duration builtin_idle = std::chrono::minutes(5);
	unsigned builtin_max = 256;	// internal TCP connections per service
};

class server {
public:
	server(net::event_loop &loop, server_options opts);
	~server();
	server(const server &) = delete;
	server &operator=(const server &) = delete;

	// Takes a configuration and opens its sockets.  A socket that
	// cannot be opened (a port in use) is logged with its line and
	// retried every 30 seconds and at every reload, as after a reload.
	void start(config c);

	// Rereads the configuration (SIGHUP), and retries at once the
	// sockets that could not be opened.  When the files have errors the
	// running configuration stays; lines that cannot be used are left
	// out (a running service of theirs stays as it was) and the rest
	// applies.  The diagnostics are logged either way.
	void reload();

	// Logs the state of every service and child (SIGUSR1).
	void dump_state();

	// Closes every listening socket and internal connection (SIGTERM).
	void stop();

	// Reaps every exited child (SIGCHLD).
	void reap_children();

	std::size_t child_count() const { return children_.size(); }

private:
	using service_ptr = std::shared_ptr<service>;

	static constexpr std::size_t no_listener = ~std::size_t{0};

	// What a child is started for, besides its service and socket.
	struct start_info {
		std::optional<net::endpoint> remote;	// the client, if known
		std::optional<net::endpoint> local;	// where it arrived
		bool check_in_child = false;	// the rules need its name
		// wait, dgram: the socket handed over, and the datagram that
		// started the child.
		std::size_t listener = no_listener;
		std::optional<datagram_id> datagram;
	};

	struct child_rec {
		service_ptr svc;
		net::time_point start;
		std::optional<net::address> source;	// per-source accounting
		std::string peer;
		std::size_t listener = no_listener;
		std::optional<datagram_id> datagram;
	};

	// server.cc
	service_ptr make_service(service_spec spec);
	void on_ready(const service_ptr &svc, std::size_t idx);
	std::set<std::uint16_t> internal_udp_ports() const;

	// listeners.cc
	void open_service(const service_ptr &svc, bool at_start);
	bool open_listener(service &svc, listener &l, bool at_start,
	    int *err = nullptr);
	void close_listener(listener &l);
	void watch_listener(const service_ptr &svc, std::size_t idx);
	void apply_socket_options(const service &svc, int fd);
	void update_watch(service &svc);
	bool at_capacity(const service &svc) const;
	void fit_descriptors(std::size_t sockets);
	void retry_failed();

	// accept.cc
	void on_stream_nowait(const service_ptr &svc, listener &l);
	void start_builtin(const service_ptr &svc, net::unique_fd conn,
	    const std::optional<net::address> &source);
	// A server for sock, started here and now (wait and datagram
	// services, whose socket inetd must not touch until it has one).
	pid_t spawn(const service_ptr &svc, int sock, const start_info &info);
	// A server for an accepted connection, started by the spawner while
	// inetd goes on accepting.
	void spawn_connection(const service_ptr &svc, net::unique_fd conn,
	    const start_info &info);
	spawn_request request_for(const service_ptr &svc, int sock,
	    const start_info &info);
	// Records a started child (or logs why none was), returns its pid
	// or 0.
	pid_t started(const service_ptr &svc, const start_info &info,
	    net::result<net::spawn_result> &r);
	bool rate_allows(const service_ptr &svc);
	void resume_at(const service_ptr &svc, net::time_point when);
	void on_resume(const service_ptr &svc);
	bool admit_source(service &svc, const net::address &a);
	bool source_admitted(service &svc, const net::address &a,
	    net::source_verdict v);

	// datagram.cc
	void on_builtin_dgram(const service_ptr &svc, listener &l);
	bool dgram_admitted(const service_ptr &svc, listener &l,
	    const net::datagram_info &d, bool *in_child);

	// children.cc
	void on_socket_child(const service_ptr &svc, std::size_t idx);
	void poll_pending(const service_ptr &svc, std::size_t idx,
	    int attempt);
	void drop_unread(service &svc, listener &l, pid_t pid,
	    const datagram_id &id);
	void watch_status(int fd, std::string name);
	void child_exited(pid_t pid, int status);

	// reload.cc
	void apply_changes(service &svc, service_spec next);

	// logging.cc
	bool conn_logged() const;
	net::log_level conn_level() const;
	void refuse(service &svc, const std::string &peer, const char *why,
	    const std::string &where,
	    net::log_level level = net::log_level::warning);
	void log_resumed(const service &svc, unsigned more);
	void log_datagram(service &svc, const std::string &peer);

	net::event_loop &loop_;
	server_options opts_;
	std::vector<service_ptr> services_;
	std::vector<service_ptr> retired_;	// removed, children running
	access_files access_;
	std::unordered_map<pid_t, child_rec> children_;
	// Children reaped before the spawner told of their start.
	std::unordered_map<pid_t, int> early_exits_;
	// Status pipes of children started by a full fork, each watched
	// until its end of file.
	struct status_pipe {
		net::unique_fd fd;
		net::watch watch;
	};
	std::unordered_map<int, std::unique_ptr<status_pipe>> status_fds_;
	std::map<builtin_conn *, std::pair<std::unique_ptr<builtin_conn>,
	    std::pair<service_ptr, std::optional<net::address>>>> conns_;
	std::set<std::uint16_t> internal_udp_ports_;
	int tcp_protocol_ = IPPROTO_TCP;
	int udp_protocol_ = IPPROTO_UDP;
	net::timer retry_timer_{loop_};
	const char *tz_ = nullptr;
	// Listening sockets open, and how many may be (the open-files
	// limit less a reserve).
	std::size_t listeners_open_ = 0;
	std::size_t listener_budget_ = ~std::size_t{0};
	// The soft open-files limit inetd was started with, which servers
	// get back when inetd raised its own.
	std::optional<rlim_t> child_open_files_;
	// Starts connections' servers off this thread; last, so destroyed
	// first: what it still holds refers to the services above.
	net::spawner spawner_{loop_};
};

} // namespace inetd
