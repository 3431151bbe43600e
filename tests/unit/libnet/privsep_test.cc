#include <fcntl.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>
#include <string>
#include <vector>

#include "libnet/privsep.h"

#include <CppUTest/TestHarness.h>

namespace {

std::vector<std::uint8_t>
bytes_of(const std::string &s)
{
	return {s.begin(), s.end()};
}

std::string
string_of(const std::vector<std::uint8_t> &b)
{
	return {b.begin(), b.end()};
}

// Sends raw bytes and descriptors on a channel's socket, past the
// channel's own checks: what a hostile worker could send.
void
send_raw(int sock, const void *data, std::size_t len,
    const std::vector<int> &fds = {})
{
	iovec iov{const_cast<void *>(data), len};
	msghdr mh{};
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	std::vector<char> control(CMSG_SPACE(sizeof(int) * 4));
	if (!fds.empty()) {
		mh.msg_control = control.data();
		mh.msg_controllen = CMSG_SPACE(sizeof(int) * fds.size());
		cmsghdr *c = CMSG_FIRSTHDR(&mh);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN(sizeof(int) * fds.size());
		std::memcpy(CMSG_DATA(c), fds.data(), sizeof(int) * fds.size());
	}
	CHECK(sendmsg(sock, &mh, 0) >= 0);
}

std::vector<std::uint8_t>
header(std::uint32_t type, std::uint32_t len)
{
	std::vector<std::uint8_t> h(8);
	std::memcpy(h.data(), &type, 4);
	std::memcpy(h.data() + 4, &len, 4);
	return h;
}

} // namespace

TEST_GROUP(privsep_channel){};

TEST(privsep_channel, message_with_body_and_descriptor)
{
	auto p = net::privsep_channel::make_pair();
	CHECK(p.ok());
	auto &[a, b] = *p;
	int pp[2];
	CHECK(pipe2(pp, O_CLOEXEC) == 0);
	net::unique_fd r(pp[0]), w(pp[1]);
	auto body = bytes_of(std::string("user\0alice", 10));
	CHECK(a.send(7, body, r.get()).ok());
	r.reset();	// the receiver holds its own copy now
	auto m = b.recv();
	CHECK(m.ok());
	LONGS_EQUAL(7, m->type);
	CHECK(m->body == body);
	CHECK(m->fd.valid());
	CHECK((fcntl(m->fd.get(), F_GETFD) & FD_CLOEXEC) != 0);
	CHECK(write(w.get(), "x", 1) == 1);
	char c = 0;
	CHECK(read(m->fd.get(), &c, 1) == 1);
	LONGS_EQUAL('x', c);
}

TEST(privsep_channel, empty_body_no_descriptor)
{
	auto p = net::privsep_channel::make_pair();
	CHECK(p.ok());
	CHECK(p->first.send(1, {}).ok());
	auto m = p->second.recv();
	CHECK(m.ok());
	LONGS_EQUAL(1, m->type);
	CHECK(m->body.empty());
	CHECK_FALSE(m->fd.valid());
}

TEST(privsep_channel, largest_body_passes_one_more_is_refused)
{
	auto p = net::privsep_channel::make_pair();
	CHECK(p.ok());
	int sz = 1 << 20;
	setsockopt(p->first.fd(), SOL_SOCKET, SO_SNDBUF, &sz, sizeof sz);
	std::vector<std::uint8_t> big(net::privsep_max_body, 'b');
	CHECK(p->first.send(2, big).ok());
	auto m = p->second.recv();
	CHECK(m.ok());
	LONGS_EQUAL(net::privsep_max_body, m->body.size());
	big.push_back('b');
	auto r = p->first.send(2, big);
	CHECK_FALSE(r.ok());
	LONGS_EQUAL(EMSGSIZE, r.err().code);
}

TEST(privsep_channel, the_other_end_gone_is_epipe)
{
	auto p = net::privsep_channel::make_pair();
	CHECK(p.ok());
	{
		net::privsep_channel gone = std::move(p->first);
	}
	auto m = p->second.recv();
	CHECK_FALSE(m.ok());
	LONGS_EQUAL(EPIPE, m.err().code);
	signal(SIGPIPE, SIG_IGN);
	auto s = p->second.send(1, {});
	CHECK_FALSE(s.ok());
}

TEST(privsep_channel, hostile_messages_are_eproto)
{
	auto p = net::privsep_channel::make_pair();
	CHECK(p.ok());
	int raw = p->first.fd();
	auto &rx = p->second;
	auto expect_eproto = [&] {
		auto m = rx.recv();
		CHECK_FALSE(m.ok());
		LONGS_EQUAL(EPROTO, m.err().code);
	};
	// Shorter than a header.
	send_raw(raw, "abc", 3);
	expect_eproto();
	// A length that promises more than came.
	auto h = header(1, 10);
	h.push_back('x');
	send_raw(raw, h.data(), h.size());
	expect_eproto();
	// A length that says less than came.
	h = header(1, 0);
	h.push_back('x');
	send_raw(raw, h.data(), h.size());
	expect_eproto();
	// A length over the limit, and a message over the limit.
	h = header(1, net::privsep_max_body + 1);
	send_raw(raw, h.data(), h.size());
	expect_eproto();
	int sz = 1 << 20;
	setsockopt(raw, SOL_SOCKET, SO_SNDBUF, &sz, sizeof sz);
	std::vector<std::uint8_t> huge = header(1, net::privsep_max_body + 1);
	huge.resize(8 + net::privsep_max_body + 1, 'h');
	send_raw(raw, huge.data(), huge.size());
	expect_eproto();
	// The channel is still usable after each.
	CHECK(p->first.send(9, bytes_of("ok")).ok());
	auto m = rx.recv();
	CHECK(m.ok());
	STRCMP_EQUAL("ok", string_of(m->body).c_str());
}

TEST(privsep_channel, more_than_one_descriptor_is_refused_and_all_closed)
{
	signal(SIGPIPE, SIG_IGN);
	auto p = net::privsep_channel::make_pair();
	CHECK(p.ok());
	int a[2], b[2];
	CHECK(pipe2(a, O_CLOEXEC) == 0);
	CHECK(pipe2(b, O_CLOEXEC) == 0);
	auto h = header(3, 0);
	send_raw(p->first.fd(), h.data(), h.size(), {a[0], b[0]});
	close(a[0]);
	close(b[0]);
	auto m = p->second.recv();
	CHECK_FALSE(m.ok());
	LONGS_EQUAL(EPROTO, m.err().code);
	// No reader is left for either pipe: the receiver closed its copies.
	CHECK(write(a[1], "x", 1) < 0 && errno == EPIPE);
	CHECK(write(b[1], "x", 1) < 0 && errno == EPIPE);
	close(a[1]);
	close(b[1]);
}

TEST_GROUP(privsep_monitor){};

namespace {

enum : std::uint32_t { preauth = 0, authed = 1 };
enum : std::uint32_t { req_auth = 1, req_bind = 2, rep_ok = 100,
	rep_no = 101, rep_fd = 102 };

net::privsep_monitor
ftp_like_monitor()
{
	net::privsep_monitor mon(preauth);
	mon.allow(preauth, req_auth,
	    [](net::privsep_monitor::state s, net::privsep_message &m) {
		    net::privsep_monitor::answer a;
		    bool good = string_of(m.body) == "alice:secret";
		    a.type = good ? rep_ok : rep_no;
		    a.next = good ? authed : s;
		    return a;
	    });
	mon.allow(authed, req_bind,
	    [](net::privsep_monitor::state s, net::privsep_message &) {
		    net::privsep_monitor::answer a;
		    a.type = rep_fd;
		    a.fd = net::unique_fd(
			socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
		    a.next = s;
		    return a;
	    });
	return mon;
}

} // namespace

TEST(privsep_monitor, requests_follow_the_state)
{
	auto p = net::privsep_channel::make_pair();
	CHECK(p.ok());
	auto &[worker, monitor_end] = *p;
	auto mon = ftp_like_monitor();

	CHECK(worker.send(req_auth, bytes_of("alice:wrong")).ok());
	CHECK(mon.serve_one(monitor_end).ok());
	auto r = worker.recv();
	CHECK(r.ok());
	LONGS_EQUAL(rep_no, r->type);
	LONGS_EQUAL(preauth, mon.current());

	CHECK(worker.send(req_auth, bytes_of("alice:secret")).ok());
	CHECK(mon.serve_one(monitor_end).ok());
	r = worker.recv();
	LONGS_EQUAL(rep_ok, r->type);
	LONGS_EQUAL(authed, mon.current());

	CHECK(worker.send(req_bind, {}).ok());
	CHECK(mon.serve_one(monitor_end).ok());
	r = worker.recv();
	CHECK(r.ok());
	LONGS_EQUAL(rep_fd, r->type);
	CHECK(r->fd.valid());
}

TEST(privsep_monitor, a_request_out_of_state_is_refused_unanswered)
{
	auto p = net::privsep_channel::make_pair();
	CHECK(p.ok());
	auto &[worker, monitor_end] = *p;
	auto mon = ftp_like_monitor();
	// A bind before log-in: what a worker taken over would try.
	CHECK(worker.send(req_bind, {}).ok());
	auto s = mon.serve_one(monitor_end);
	CHECK_FALSE(s.ok());
	LONGS_EQUAL(EACCES, s.err().code);
	STRCMP_CONTAINS("request 2 refused in state 0",
	    s.err().message().c_str());
	LONGS_EQUAL(preauth, mon.current());
	// Nothing was answered.
	(void)fcntl(worker.fd(), F_SETFL, O_NONBLOCK);
	auto r = worker.recv();
	CHECK_FALSE(r.ok());
	LONGS_EQUAL(EAGAIN, r.err().code);
	// An unknown type likewise.
	CHECK(worker.send(999, {}).ok());
	CHECK_FALSE(mon.serve_one(monitor_end).ok());
}
