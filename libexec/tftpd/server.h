// server.h: the event-loop glue.  Each request gets a fresh UDP socket
// connected to the client (a new transfer ID, RFC 1350 section 4) and a
// transfer state machine; the server moves datagrams between the two,
// batches a window into one sendmmsg(2), keeps each transfer's timer, and
// asks the transfer table (admission.h) which requests to take on.
#pragma once

#include <sys/socket.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "admission.h"
#include "files.h"
#include "libnet/addr.h"
#include "libnet/event_loop.h"
#include "libnet/result.h"
#include "libnet/unique_fd.h"
#include "options.h"
#include "transfer.h"

namespace tftpd {

struct server_config {
	option_limits limits;
	duration timeout = std::chrono::seconds(1);	// -T
	unsigned max_retries = 5;
	unsigned max_transfers = 100;		// -m, 0 for no limit
	unsigned max_per_source = 20;		// -M, 0 for no limit
	bool verbose = false;			// -v: log every transfer
};

class server {
public:
	server(net::event_loop &loop, const file_root &files,
	    server_config cfg);
	~server();
	server(const server &) = delete;
	server &operator=(const server &) = delete;

	// Serves every request arriving on fd, a bound UDP socket that
	// reports destination addresses (net::udp_bind); fd stays the
	// caller's.
	void add_listener(int fd);

	// Starts serving one request that came from peer to local, from
	// sock when valid (a transfer_socket() made earlier, e.g. while
	// still privileged) or else a socket of its own.  A datagram that
	// is no request is answered with an error, at a rate bounded per
	// source address (admission.h), or not at all (packet.h, classify).
	void handle_request(std::span<const std::uint8_t> pkt,
	    const net::endpoint &peer,
	    const std::optional<net::address> &local,
	    net::unique_fd sock = {});

	// The number of transfers in progress.
	std::size_t active() const { return sessions_.size(); }

	// Calls cb each time the last transfer in progress ends.
	void on_idle(std::function<void()> cb) { idle_cb_ = std::move(cb); }

	// Ends every transfer without telling the peers.
	void abort_all();

private:
	struct session;

	void on_listener(int fd);
	void on_socket(int fd, short revents);
	void on_timer(int fd);
	void flush(session &s);
	void schedule(session &s);
	void finish(int fd);
	void reply_error(const net::endpoint &peer,
	    const std::optional<net::address> &local, const request_error &e,
	    std::string_view what, int fd = -1);
	void size_buffers(session &s, negotiated &neg);
	bool may_reply(const net::endpoint &peer);

	net::event_loop &loop_;
	const file_root &files_;
	server_config cfg_;
	std::vector<net::watch> listeners_;
	std::unordered_map<int, std::unique_ptr<session>> sessions_;
	transfer_table table_;
	std::vector<std::uint8_t> rbuf_;	// rx_batch largest datagrams
	std::vector<iovec> rx_iov_;
	std::vector<mmsghdr> rx_msgs_;
	std::vector<mmsghdr> mmsg_;
	std::vector<iovec> tx_iov_;
	std::vector<std::size_t> tx_count_;	// packets in each message
	std::vector<std::uint64_t> tx_cmsg_;	// UDP_SEGMENT control data
	bool gso_ = true;			// UDP GSO works here
	std::function<void()> idle_cb_;
};

// The peer's address as the family a new socket to it must use (an IPv4
// client seen through a dual-stack socket is plain IPv4 again).
net::endpoint plain_endpoint(const net::endpoint &ep);

// A UDP socket connected to peer from an ephemeral port on local (when
// of the peer's family): the transfer ID of one transfer.
net::result<net::unique_fd> transfer_socket(const net::endpoint &peer,
    const std::optional<net::address> &local);

// A socket buffer that holds any window the option limits grant.
inline constexpr std::size_t max_window_buffer = std::size_t{2} << 20;

// Answers peer with e from a transfer_socket() of its own, without
// waiting; for requests refused before a transfer starts.
void send_error(const net::endpoint &peer,
    const std::optional<net::address> &local, const request_error &e);

} // namespace tftpd
