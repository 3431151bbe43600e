// Fuzz target: what a privsep channel takes from a hostile worker.  The
// input is sent raw as one message (the first byte says whether a
// descriptor goes with it); recv must refuse it (EPROTO) or give back
// exactly the type, body and descriptor the bytes say.
#include <sys/socket.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "libnet/privsep.h"

extern "C" int
LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
	if (size < 1)
		return 0;
	int nfds = data[0] % 3;
	data++;
	size--;
	auto p = net::privsep_channel::make_pair();
	if (!p)
		return 0;
	int fds[2] = {dup(0), dup(0)};
	iovec iov{const_cast<std::uint8_t *>(data), size};
	msghdr mh{};
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	alignas(cmsghdr) char control[CMSG_SPACE(2 * sizeof(int))];
	if (nfds > 0) {
		mh.msg_control = control;
		mh.msg_controllen = CMSG_SPACE(nfds * sizeof(int));
		cmsghdr *c = CMSG_FIRSTHDR(&mh);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN(nfds * sizeof(int));
		std::memcpy(CMSG_DATA(c), fds, nfds * sizeof(int));
	}
	bool sent = sendmsg(p->first.fd(), &mh, 0) >= 0;
	close(fds[0]);
	close(fds[1]);
	if (!sent)
		return 0;
	auto m = p->second.recv();
	std::uint32_t type = 0, len = 0;
	if (size >= 8) {
		std::memcpy(&type, data, 4);
		std::memcpy(&len, data + 4, 4);
	}
	bool well_formed = size >= 8 && len <= net::privsep_max_body &&
	    size == 8 + len && nfds <= 1;
	if (m.ok() != well_formed)
		std::abort();
	if (!m.ok()) {
		if (m.err().code != EPROTO && size != 0)
			std::abort();
		return 0;
	}
	if (m->type != type || m->body.size() != len ||
	    std::memcmp(m->body.data(), data + 8, len) != 0 ||
	    m->fd.valid() != (nfds == 1))
		std::abort();
	return 0;
}
