// netlink.h: the netlink message layer (netlink(7), RFC 3549): requests
// with sequence numbers, acknowledgements, dumps, extended acks, and the
// attribute (TLV) codec.  Bytes from the kernel go through the bounds-
// checked reader like any other packet.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "libnet/result.h"
#include "libnet/unique_fd.h"
#include "libnet/wire.h"

namespace net {

// One attribute: its type (flag bits removed) and value.
struct nl_attr {
	std::uint16_t type = 0;
	bytes_view data;
};

// Decodes a run of attributes; one shorter than its header or running past
// the end rejects the run.
result<std::vector<nl_attr>> decode_nl_attrs(bytes_view data);

// The first attribute of type, or nullptr.
const nl_attr *find_nl_attr(const std::vector<nl_attr> &attrs,
    std::uint16_t type);

// One message of a datagram from the kernel.
struct nl_message {
	std::uint16_t type = 0;
	std::uint16_t flags = 0;
	std::uint32_t seq = 0;
	std::uint32_t port = 0;
	bytes_view payload;
};

// Decodes the messages of one datagram (host byte order).
result<std::vector<nl_message>> decode_nl_messages(bytes_view data);

// A request under construction: the caller writes the fixed family header
// (ndmsg, rtmsg...) through writer(), then attributes.
class nl_request {
public:
	nl_request(std::uint16_t type, std::uint16_t flags);
	nl_request(const nl_request &) = delete;
	nl_request &operator=(const nl_request &) = delete;

	// The flags given (NLM_F_REQUEST and NLM_F_ACK are added).
	std::uint16_t flags() const { return flags_; }

	// Writes in host order, after the netlink header.
	wire_writer &writer() { return w_; }

	// Appends an attribute: bytes, a host-order u32, or a string with
	// its NUL.
	void attr(std::uint16_t type, bytes_view data);
	void attr_u32(std::uint16_t type, std::uint32_t v);
	void attr_str(std::uint16_t type, std::string_view s);

	// The message with its length and sequence number set.
	bytes_view finish(std::uint32_t seq);

private:
	std::vector<std::uint8_t> buf_;
	wire_writer w_;
	std::uint16_t flags_;
};

// A reply message's type and payload, copied out of the receive buffer.
struct nl_reply {
	std::uint16_t type = 0;
	std::vector<std::uint8_t> payload;
};

// A rtnetlink socket that sends requests and collects their answers.
class netlink_socket {
public:
	// A NETLINK_ROUTE socket (close-on-exec, with extended acks).
	static result<netlink_socket> open();

	// Sends req and collects the answer: for a dump every message up to
	// NLMSG_DONE, otherwise the replies up to the acknowledgement (the
	// request is always sent with NLM_F_ACK).  A kernel error becomes an
	// error "context: strerror" with the kernel's own message appended
	// when it gave one.
	result<std::vector<nl_reply>> transact(nl_request &req,
	    const std::string &context);

	// The descriptor (for polling).
	int fd() const { return fd_.get(); }

private:
	explicit netlink_socket(unique_fd fd, std::uint32_t port)
	    : fd_(std::move(fd)), port_(port)
	{
	}

	result<std::vector<nl_reply>> transact_once(nl_request &req,
	    const std::string &context, bool &interrupted);

	unique_fd fd_;
	std::uint32_t port_;
	std::uint32_t seq_ = 0;
};

} // namespace net
