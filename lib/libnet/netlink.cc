#include "libnet/netlink.h"

#include <linux/netlink.h>
#include <sys/socket.h>
#include <time.h>

#include <algorithm>
#include <cstring>

#include "libnet/raw_socket.h"

namespace net {

namespace {

constexpr std::size_t header_size = 16;

std::size_t
align4(std::size_t n)
{
	return (n + 3) & ~std::size_t{3};
}

} // namespace

result<std::vector<nl_attr>>
decode_nl_attrs(bytes_view data)
{
	wire_reader r(data);
	r.set_order(std::endian::native);
	std::vector<nl_attr> attrs;
	while (r.remaining() > 0) {
		std::uint16_t len = r.u16();
		std::uint16_t type = r.u16();
		if (!r.ok() || len < 4)
			return fail(0, "netlink: attribute shorter than its "
				       "header");
		nl_attr a;
		a.type = type & NLA_TYPE_MASK;
		a.data = r.bytes(len - 4u);
		if (!r.ok())
			return fail(0, "netlink: attribute " +
			    std::to_string(a.type) + " overruns its message");
		// The last attribute need not be padded.
		r.skip(std::min(align4(len) - len, r.remaining()));
		attrs.push_back(a);
	}
	return attrs;
}

const nl_attr *
find_nl_attr(const std::vector<nl_attr> &attrs, std::uint16_t type)
{
	for (const auto &a : attrs)
		if (a.type == type)
			return &a;
	return nullptr;
}

result<std::vector<nl_message>>
decode_nl_messages(bytes_view data)
{
	wire_reader r(data);
	r.set_order(std::endian::native);
	std::vector<nl_message> msgs;
	while (r.remaining() > 0) {
		std::uint32_t len = r.u32();
		nl_message m;
		m.type = r.u16();
		m.flags = r.u16();
		m.seq = r.u32();
		m.port = r.u32();
		if (!r.ok())
			return fail(0, "netlink: truncated message header");
		if (len < header_size || len - header_size > r.remaining())
			return fail(0, "netlink: message length " +
			    std::to_string(len) + " with " +
			    std::to_string(r.remaining() + header_size) +
			    " bytes present");
		m.payload = r.bytes(len - header_size);
		r.skip(std::min(align4(len) - len, r.remaining()));
		msgs.push_back(m);
	}
	return msgs;
}

nl_request::nl_request(std::uint16_t type, std::uint16_t flags)
    : w_(buf_), flags_(flags)
{
	w_.set_order(std::endian::native);
	w_.u32(0);
	w_.u16(type);
	bool dump = (flags & NLM_F_DUMP) == NLM_F_DUMP;
	w_.u16(static_cast<std::uint16_t>(flags | NLM_F_REQUEST |
	    (dump ? 0 : NLM_F_ACK)));
	w_.u32(0);
	w_.u32(0);
}

void
nl_request::attr(std::uint16_t type, bytes_view data)
{
	w_.u16(static_cast<std::uint16_t>(4 + data.size()));
	w_.u16(type);
	w_.bytes(data);
	w_.zeros(align4(data.size()) - data.size());
}

void
nl_request::attr_u32(std::uint16_t type, std::uint32_t v)
{
	std::uint8_t b[4];
	std::memcpy(b, &v, 4);
	attr(type, b);
}

void
nl_request::attr_str(std::uint16_t type, std::string_view s)
{
	std::vector<std::uint8_t> b(s.begin(), s.end());
	b.push_back(0);
	attr(type, b);
}

bytes_view
nl_request::finish(std::uint32_t seq)
{
	w_.put_u32_at(0, static_cast<std::uint32_t>(buf_.size()));
	w_.put_u32_at(8, seq);
	return buf_;
}

result<netlink_socket>
netlink_socket::open()
{
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (fd < 0)
		return fail("socket netlink");
	unique_fd s(fd);
	sockaddr_nl sa;
	std::memset(&sa, 0, sizeof sa);
	sa.nl_family = AF_NETLINK;
	if (bind(fd, reinterpret_cast<sockaddr *>(&sa), sizeof sa) != 0)
		return fail("bind netlink");
	socklen_t len = sizeof sa;
	if (getsockname(fd, reinterpret_cast<sockaddr *>(&sa), &len) != 0)
		return fail("getsockname netlink");
	// Short acks (no echo of our request) with the kernel's reason.
	(void)set_int_option(fd, SOL_NETLINK, NETLINK_CAP_ACK, 1,
	    "NETLINK_CAP_ACK");
	(void)set_int_option(fd, SOL_NETLINK, NETLINK_EXT_ACK, 1,
	    "NETLINK_EXT_ACK");
	// The kernel answers at once; a bound keeps a bug from hanging us.
	timeval tv{5, 0};
	(void)setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	return netlink_socket(std::move(s), sa.nl_pid);
}

namespace {

// The error a NLMSG_ERROR or NLMSG_DONE payload carries, with the extended
// ack message if any.
error
kernel_error(const nl_message &m, int code, const std::string &context)
{
	std::string msg;
	if (m.type == NLMSG_ERROR && (m.flags & NLM_F_ACK_TLVS) != 0 &&
	    m.payload.size() >= 4 + header_size) {
		auto attrs = decode_nl_attrs(
		    m.payload.subspan(4 + header_size));
		if (attrs)
			if (const nl_attr *a = find_nl_attr(*attrs,
				NLMSGERR_ATTR_MSG))
				msg.assign(reinterpret_cast<const char *>(
					       a->data.data()),
				    strnlen(reinterpret_cast<const char *>(
						a->data.data()),
					a->data.size()));
	}
	error e{code, context};
	if (!msg.empty())
		e.context += " (" + msg + ")";
	return e;
}

} // namespace

result<std::vector<nl_reply>>
netlink_socket::transact_once(nl_request &req, const std::string &context,
    bool &interrupted)
{
	std::uint32_t seq = ++seq_;
	bytes_view msg = req.finish(seq);
	sockaddr_nl kernel;
	std::memset(&kernel, 0, sizeof kernel);
	kernel.nl_family = AF_NETLINK;
	if (sendto(fd_.get(), msg.data(), msg.size(), 0,
		reinterpret_cast<sockaddr *>(&kernel), sizeof kernel) < 0)
		return fail(context + ": netlink send");
	bool dump = (req.flags() & NLM_F_DUMP) == NLM_F_DUMP;
	std::vector<nl_reply> replies;
	std::vector<std::uint8_t> buf(65536);
	for (;;) {
		ssize_t n = recv(fd_.get(), buf.data(), buf.size(), 0);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return fail(context + ": netlink receive");
		}
		auto msgs = decode_nl_messages(
		    bytes_view(buf).first(static_cast<std::size_t>(n)));
		if (!msgs)
			return fail(EBADMSG, context + ": " +
			    msgs.err().message());
		for (const auto &m : *msgs) {
			// A late answer to another request.
			if (m.seq != seq || m.port != port_)
				continue;
			if ((m.flags & NLM_F_DUMP_INTR) != 0)
				interrupted = true;
			if (m.type == NLMSG_NOOP)
				continue;
			if (m.type == NLMSG_DONE || m.type == NLMSG_ERROR) {
				wire_reader r(m.payload);
				r.set_order(std::endian::native);
				auto code = static_cast<std::int32_t>(r.u32());
				if (m.type == NLMSG_ERROR && !r.ok())
					return fail(EBADMSG, context +
					    ": short netlink error");
				if (code < 0)
					return kernel_error(m, -code, context);
				if (m.type == NLMSG_DONE || !dump)
					return replies;
				continue;
			}
			nl_reply rep;
			rep.type = m.type;
			rep.payload.assign(m.payload.begin(), m.payload.end());
			replies.push_back(std::move(rep));
		}
	}
}

result<std::vector<nl_reply>>
netlink_socket::transact(nl_request &req, const std::string &context)
{
	// A dump the table changed under is restarted (a few times).
	for (int attempt = 0;; attempt++) {
		bool interrupted = false;
		auto r = transact_once(req, context, interrupted);
		if (!r || !interrupted || attempt == 3)
			return r;
	}
}

} // namespace net
