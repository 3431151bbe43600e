#include "libnet/privsep.h"

#include <sys/socket.h>
#include <unistd.h>

#include <cstring>

namespace net {

namespace {

// type, then body length, in the host's order: both ends are one program.
constexpr std::size_t header_size = 8;

void
close_passed(msghdr &mh)
{
	for (cmsghdr *c = CMSG_FIRSTHDR(&mh); c != nullptr;
	    c = CMSG_NXTHDR(&mh, c)) {
		if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS)
			continue;
		std::size_t n = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
		for (std::size_t i = 0; i < n; i++) {
			int fd;
			std::memcpy(&fd, CMSG_DATA(c) + i * sizeof(int),
			    sizeof fd);
			::close(fd);
		}
	}
}

} // namespace

result<std::pair<privsep_channel, privsep_channel>>
privsep_channel::make_pair()
{
	int sv[2];
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) != 0)
		return fail("socketpair");
	return std::pair{privsep_channel(unique_fd(sv[0])),
	    privsep_channel(unique_fd(sv[1]))};
}

result<void>
privsep_channel::send(std::uint32_t type, bytes_view body, int fd)
{
	if (body.size() > privsep_max_body)
		return fail(EMSGSIZE, "privsep: message too long");
	std::uint8_t header[header_size];
	std::uint32_t len = static_cast<std::uint32_t>(body.size());
	std::memcpy(header, &type, 4);
	std::memcpy(header + 4, &len, 4);
	iovec iov[2] = {{header, header_size},
	    {const_cast<std::uint8_t *>(body.data()), body.size()}};
	msghdr mh{};
	mh.msg_iov = iov;
	mh.msg_iovlen = body.empty() ? 1 : 2;
	alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))];
	if (fd >= 0) {
		std::memset(control, 0, sizeof control);
		mh.msg_control = control;
		mh.msg_controllen = sizeof control;
		cmsghdr *c = CMSG_FIRSTHDR(&mh);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN(sizeof(int));
		std::memcpy(CMSG_DATA(c), &fd, sizeof fd);
	}
	ssize_t n;
	do
		n = sendmsg(fd_.get(), &mh, MSG_NOSIGNAL);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return fail("privsep: send");
	return {};
}

result<privsep_message>
privsep_channel::recv()
{
	// One byte more than the largest message: a longer one shows as
	// cut off (MSG_TRUNC) instead of fitting by chance.
	std::vector<std::uint8_t> buf(header_size + privsep_max_body + 1);
	iovec iov{buf.data(), buf.size()};
	msghdr mh{};
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	// Room for more than one descriptor, so that extra ones are seen
	// (and closed) rather than left to MSG_CTRUNC.
	alignas(cmsghdr) char control[CMSG_SPACE(4 * sizeof(int))];
	mh.msg_control = control;
	mh.msg_controllen = sizeof control;
	ssize_t n;
	do
		n = recvmsg(fd_.get(), &mh, MSG_CMSG_CLOEXEC);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return fail("privsep: receive");
	if (n == 0)
		return fail(EPIPE, "privsep: the other side has gone");

	privsep_message m;
	int passed = 0;
	bool bad = (mh.msg_flags & (MSG_TRUNC | MSG_CTRUNC)) != 0;
	for (cmsghdr *c = CMSG_FIRSTHDR(&mh); c != nullptr;
	    c = CMSG_NXTHDR(&mh, c)) {
		if (c->cmsg_level != SOL_SOCKET ||
		    c->cmsg_type != SCM_RIGHTS) {
			bad = true;
			continue;
		}
		std::size_t k = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
		passed += static_cast<int>(k);
	}
	if (passed > 1)
		bad = true;
	std::size_t got = static_cast<std::size_t>(n);
	std::uint32_t type = 0, len = 0;
	if (got >= header_size) {
		std::memcpy(&type, buf.data(), 4);
		std::memcpy(&len, buf.data() + 4, 4);
	}
	if (got < header_size || len > privsep_max_body ||
	    got != header_size + len)
		bad = true;
	if (bad) {
		close_passed(mh);
		return fail(EPROTO, "privsep: malformed message");
	}
	if (passed == 1) {
		int fd;
		std::memcpy(&fd, CMSG_DATA(CMSG_FIRSTHDR(&mh)), sizeof fd);
		m.fd = unique_fd(fd);
	}
	m.type = type;
	m.body.assign(buf.begin() + header_size,
	    buf.begin() + static_cast<std::ptrdiff_t>(header_size + len));
	return m;
}

result<privsep_message>
privsep_channel::call(std::uint32_t type, bytes_view body, int fd)
{
	if (auto r = send(type, body, fd); !r)
		return r.err();
	return recv();
}

void
privsep_monitor::allow(state s, std::uint32_t type, handler h)
{
	rules_[{s, type}] = std::move(h);
}

result<void>
privsep_monitor::serve_one(privsep_channel &ch)
{
	auto m = ch.recv();
	if (!m)
		return m.err();
	auto it = rules_.find({state_, m->type});
	if (it == rules_.end())
		return fail(EACCES, "privsep: request " +
		    std::to_string(m->type) + " refused in state " +
		    std::to_string(state_));
	answer a = it->second(state_, *m);
	if (auto r = ch.send(a.type, a.body, a.fd.get()); !r)
		return r;
	state_ = a.next;
	return {};
}

} // namespace net
