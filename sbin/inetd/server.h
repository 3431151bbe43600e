// server.h: the running inetd: one listening socket per service address,
// children started per connection (nowait) or per socket (wait), internal
// services served in the loop, limits, reloads and state dumps.
#pragma once

#include <sys/resource.h>
#include <sys/types.h>

#include <ctime>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "builtin_conn.h"
#include "config.h"
#include "policy.h"
#include "libnet/throttle.h"
#include "libnet/event_loop.h"
#include "libnet/log.h"
#include "libnet/socket.h"
#include "libnet/unique_fd.h"

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


// Which queued datagram a child was started for: the kernel's receive
// time and the sender, so that inetd can tell whether it is still there.
struct datagram_id {
	timespec received{};
	net::endpoint peer;

	bool operator==(const datagram_id &o) const;
};

struct listener {
	bind_spec bind;
	net::unique_fd fd;
	// Could not be opened; retried on a timer and at every SIGHUP.
	bool failed = false;
	// wait: the child that owns this socket until it exits; 0 if none.
	pid_t owner = 0;
	// dgram nowait: the child started for the datagram at the head of
	// this socket's queue.  inetd leaves the socket alone until that
	// datagram is gone, so that one datagram starts one child.
	pid_t pending_child = 0;
	datagram_id pending;
	net::event_loop::timer_id pending_timer = 0;
};

struct service_counters {
	unsigned long long connections = 0;	// accepted or received
	unsigned long long spawned = 0;
	unsigned long long refused_access = 0;
	unsigned long long refused_limit = 0;
	unsigned long long failed = 0;		// fork/exec/privilege failures
	unsigned long long pauses = 0;
};

struct service {
	service_spec spec;
	std::vector<listener> listeners;
	unsigned children = 0;		// running children
	unsigned conns = 0;		// internal TCP connections
	bool removed = false;		// gone from the config; children remain
	// The spawn rate: when the service pauses and resumes, and which
	// of the pauses are logged (policy.h).
	spawn_pacer pacer;
	net::timer resume_timer;
	net::timer pause_summary;
	net::source_table sources;
	service_counters count;
	// Refusals are logged five a second at most; the rest are counted
	// in the next line, or in a summary once the second is over.
	counted_log refusal_log;
	net::timer refusal_summary;
};

// The open-files limits inetd asks for, and how many listening sockets fit.
struct descriptor_plan {
	rlim_t soft = 0;		// the soft limit to set; never lowered
	std::size_t sockets = 0;	// listening sockets that fit under it
};

// For a configuration of n listening sockets under the given limits: the
// soft limit raised, up to the hard one, to n plus a reserve for
// connections, children's pipes and inetd's own files, and how many of
// the n fit with that reserve kept free.
descriptor_plan plan_descriptors(std::size_t n, rlim_t soft, rlim_t hard);

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

	service_ptr make_service(service_spec spec);
	void open_service(const service_ptr &svc, bool at_start);
	bool open_listener(service &svc, listener &l, bool at_start,
	    int *err = nullptr);
	void close_listener(listener &l);
	void retry_failed();
	void fit_descriptors(std::size_t sockets);
	bool conn_logged() const;
	net::log_level conn_level() const;
	void apply_socket_options(const service &svc, int fd);
	void update_watch(service &svc);
	bool at_capacity(const service &svc) const;
	void watch_listener(const service_ptr &svc, std::size_t idx);

	void on_ready(const service_ptr &svc, std::size_t idx);
	void on_stream_nowait(const service_ptr &svc, listener &l);
	void on_builtin_dgram(const service_ptr &svc, listener &l);
	void on_socket_child(const service_ptr &svc, std::size_t idx);
	bool dgram_admitted(const service_ptr &svc, listener &l,
	    const net::datagram_info &d, bool *in_child);
	bool rate_allows(const service_ptr &svc);
	void resume_at(const service_ptr &svc, net::time_point when);
	void on_resume(const service_ptr &svc);
	void log_resumed(const service &svc, unsigned more);

	bool admit_source(service &svc, const net::address &a);
	bool source_admitted(service &svc, const net::address &a,
	    net::source_verdict v);
	void refuse(service &svc, const std::string &peer, const char *why,
	    const std::string &where,
	    net::log_level level = net::log_level::warning);
	pid_t spawn(const service_ptr &svc, int sock, const start_info &info);
	void start_builtin(const service_ptr &svc, net::unique_fd conn,
	    const std::optional<net::address> &source);
	void watch_status(int fd, std::string name);
	void child_exited(pid_t pid, int status);
	void poll_pending(const service_ptr &svc, std::size_t idx,
	    int attempt);
	void drop_unread(service &svc, listener &l, pid_t pid,
	    const datagram_id &id);
	void apply_changes(service &svc, service_spec next);
	std::set<std::uint16_t> internal_udp_ports() const;

	net::event_loop &loop_;
	server_options opts_;
	std::vector<service_ptr> services_;
	std::vector<service_ptr> retired_;	// removed, children running
	access_files access_;
	std::unordered_map<pid_t, child_rec> children_;
	std::unordered_map<int, net::unique_fd> status_fds_;
	std::map<builtin_conn *, std::pair<std::unique_ptr<builtin_conn>,
	    std::pair<service_ptr, std::optional<net::address>>>> conns_;
	std::set<std::uint16_t> internal_udp_ports_;
	int tcp_protocol_ = IPPROTO_TCP;
	int udp_protocol_ = IPPROTO_UDP;
	net::event_loop::timer_id retry_timer_ = 0;
	const char *tz_ = nullptr;
	// Listening sockets open, and how many may be (the open-files
	// limit less a reserve).
	std::size_t listeners_open_ = 0;
	std::size_t listener_budget_ = ~std::size_t{0};
	// The soft open-files limit inetd was started with, which servers
	// get back when inetd raised its own.
	std::optional<rlim_t> child_open_files_;
};

} // namespace inetd
