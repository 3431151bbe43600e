#include <netinet/in.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "libnet/socket.h"

#include <CppUTest/TestHarness.h>

namespace {

bool
readable(int fd, int ms)
{
	pollfd p{fd, POLLIN, 0};
	return poll(&p, 1, ms) == 1;
}

} // namespace

TEST_GROUP(socket){};

TEST(socket, tcp_listen_connect_accept_v4_and_v6)
{
	const char *addrs[] = {"127.0.0.1:0", "[::1]:0"};
	for (const char *a : addrs) {
		auto l = net::tcp_listen(*net::endpoint::parse(a));
		CHECK_TEXT(l.ok(), l.ok() ? a : l.err().message().c_str());
		auto bound = net::local_endpoint(l->get());
		CHECK(bound.ok());
		CHECK(bound->port != 0);
		auto c = net::tcp_connect(*bound);
		CHECK(c.ok());
		CHECK(readable(l->get(), 1000));
		net::endpoint peer;
		auto s = net::accept_connection(l->get(), &peer);
		CHECK(s.ok());
		auto cl = net::local_endpoint(c->get());
		CHECK(peer == *cl);
		CHECK(write(c->get(), "hi", 2) == 2);
		char buf[4];
		CHECK(read(s->get(), buf, sizeof buf) == 2);
		auto none = net::accept_connection(l->get(), nullptr);
		CHECK_FALSE(none.ok());
		LONGS_EQUAL(EAGAIN, none.err().code);
	}
}

TEST(socket, bind_conflict_names_the_endpoint)
{
	auto l = net::tcp_listen(*net::endpoint::parse("127.0.0.1:0"));
	auto ep = net::local_endpoint(l->get());
	auto again = net::tcp_listen(*ep);
	CHECK_FALSE(again.ok());
	LONGS_EQUAL(EADDRINUSE, again.err().code);
	STRCMP_CONTAINS(("bind " + ep->str()).c_str(),
	    again.err().message().c_str());
}

TEST(socket, udp_reports_local_address_and_replies_from_it)
{
	const char *addrs[] = {"127.0.0.1:0", "[::1]:0"};
	for (const char *a : addrs) {
		auto s = net::udp_bind(*net::endpoint::parse(a));
		CHECK(s.ok());
		auto ep = net::local_endpoint(s->get());
		auto c = net::udp_connect(*ep);
		CHECK(c.ok());
		CHECK(send(c->get(), "ping", 4, 0) == 4);
		CHECK(readable(s->get(), 1000));
		std::uint8_t buf[2];
		auto d = net::recv_datagram(s->get(), buf);
		CHECK(d.ok());
		LONGS_EQUAL(2, d->size);
		CHECK(d->truncated);
		CHECK(d->local.has_value());
		CHECK(*d->local == ep->addr);
		CHECK(d->peer == *net::local_endpoint(c->get()));
		const std::uint8_t reply[] = {'p', 'o', 'n', 'g'};
		auto n = net::send_datagram(s->get(), reply, d->peer, d->local,
		    d->ifindex);
		CHECK(n.ok());
		CHECK(readable(c->get(), 1000));
		char got[8];
		LONGS_EQUAL(4, recv(c->get(), got, sizeof got, 0));
		CHECK(std::memcmp(got, "pong", 4) == 0);
	}
}

TEST(socket, receive_time_tells_queued_datagrams_apart)
{
	auto s = net::udp_bind(*net::endpoint::parse("127.0.0.1:0"));
	CHECK(s.ok());
	int on = 1;
	CHECK(setsockopt(s->get(), SOL_SOCKET, SO_TIMESTAMPNS, &on,
	    sizeof on) == 0);
	auto c = net::udp_connect(*net::local_endpoint(s->get()));
	CHECK(c.ok());
	CHECK(send(c->get(), "a", 1, 0) == 1);
	CHECK(send(c->get(), "b", 1, 0) == 1);
	CHECK(readable(s->get(), 1000));
	std::uint8_t buf[4];
	// A peek and the receive after it see the same datagram and time.
	auto peek = net::recv_datagram(s->get(), buf, MSG_PEEK);
	CHECK(peek.ok());
	CHECK(peek->received.has_value());
	auto first = net::recv_datagram(s->get(), buf);
	CHECK(first.ok());
	CHECK(first->received.has_value());
	LONGS_EQUAL(peek->received->tv_sec, first->received->tv_sec);
	LONGS_EQUAL(peek->received->tv_nsec, first->received->tv_nsec);
	BYTES_EQUAL('a', buf[0]);
	auto second = net::recv_datagram(s->get(), buf);
	CHECK(second.ok());
	BYTES_EQUAL('b', buf[0]);
	CHECK(second->received->tv_sec != first->received->tv_sec ||
	    second->received->tv_nsec != first->received->tv_nsec);
	// Without the option there is no time.
	auto plain = net::udp_bind(*net::endpoint::parse("127.0.0.1:0"));
	auto c2 = net::udp_connect(*net::local_endpoint(plain->get()));
	CHECK(send(c2->get(), "x", 1, 0) == 1);
	CHECK(readable(plain->get(), 1000));
	auto d = net::recv_datagram(plain->get(), buf);
	CHECK(d.ok());
	CHECK_FALSE(d->received.has_value());
}

TEST(socket, protocol_option_is_passed_to_socket)
{
	net::socket_options o;
	o.protocol = IPPROTO_TCP;
	auto t = net::tcp_listen(*net::endpoint::parse("127.0.0.1:0"), o);
	CHECK(t.ok());
	o.protocol = IPPROTO_UDP;
	auto u = net::udp_bind(*net::endpoint::parse("127.0.0.1:0"), o);
	CHECK(u.ok());
	// A number the kernel has no such socket for is an error.
	o.protocol = IPPROTO_UDP;
	auto bad = net::tcp_listen(*net::endpoint::parse("127.0.0.1:0"), o);
	CHECK_FALSE(bad.ok());
	LONGS_EQUAL(EPROTONOSUPPORT, bad.err().code);
}

TEST(socket, dual_stack_v6_socket_sees_v4_clients_as_mapped)
{
	net::socket_options o;
	o.v6only = net::v6only_mode::off;
	auto s = net::udp_bind(*net::endpoint::parse("[::]:0"), o);
	CHECK(s.ok());
	auto ep = net::local_endpoint(s->get());
	auto c = net::udp_connect(net::endpoint{net::address::loopback4(),
	    ep->port});
	CHECK(c.ok());
	CHECK(send(c->get(), "x", 1, 0) == 1);
	CHECK(readable(s->get(), 1000));
	std::uint8_t buf[8];
	auto d = net::recv_datagram(s->get(), buf);
	CHECK(d.ok());
	CHECK(d->peer.addr.is_v4_mapped());
	CHECK(d->local->unmapped() == net::address::loopback4());
}

TEST(socket, unix_listen_replaces_only_stale_sockets)
{
	char dir[] = "/tmp/sockXXXXXX";
	CHECK(mkdtemp(dir) != nullptr);
	std::string path = std::string(dir) + "/s";
	{
		auto l = net::unix_listen(path, 0600);
		CHECK(l.ok());
	}
	auto again = net::unix_listen(path, 0600);
	CHECK(again.ok());
	again->reset();
	unlink(path.c_str());
	FILE *f = fopen(path.c_str(), "w");
	fclose(f);
	auto refused = net::unix_listen(path, 0600);
	CHECK_FALSE(refused.ok());
	STRCMP_CONTAINS("not a socket", refused.err().message().c_str());
	unlink(path.c_str());
	rmdir(dir);
}

TEST(socket, set_nonblocking_switches_both_ways)
{
	int p[2];
	CHECK(pipe2(p, O_CLOEXEC) == 0);
	net::unique_fd r(p[0]), w(p[1]);
	CHECK(net::set_nonblocking(r.get(), true).ok());
	CHECK((fcntl(r.get(), F_GETFL) & O_NONBLOCK) != 0);
	char c;
	CHECK(read(r.get(), &c, 1) < 0);
	LONGS_EQUAL(EAGAIN, errno);
	CHECK(net::set_nonblocking(r.get(), false).ok());
	CHECK((fcntl(r.get(), F_GETFL) & O_NONBLOCK) == 0);
	// Other status flags are kept.
	CHECK(fcntl(w.get(), F_SETFL, O_APPEND) == 0);
	CHECK(net::set_nonblocking(w.get(), true).ok());
	CHECK((fcntl(w.get(), F_GETFL) & O_APPEND) != 0);
	auto bad = net::set_nonblocking(-1, true);
	CHECK_FALSE(bad.ok());
	LONGS_EQUAL(EBADF, bad.err().code);
}

TEST(socket, peer_endpoint_names_the_other_end)
{
	const char *addrs[] = {"127.0.0.1:0", "[::1]:0"};
	for (const char *a : addrs) {
		auto l = net::tcp_listen(*net::endpoint::parse(a));
		CHECK(l.ok());
		auto bound = net::local_endpoint(l->get());
		auto c = net::tcp_connect(*bound);
		CHECK(c.ok());
		CHECK(readable(l->get(), 1000));
		auto s = net::accept_connection(l->get(), nullptr);
		CHECK(s.ok());
		// The client's peer is the listener's address; the server's
		// peer is the client's own local endpoint.
		auto cp = net::peer_endpoint(c->get());
		CHECK(cp.ok());
		CHECK(*cp == *bound);
		auto sp = net::peer_endpoint(s->get());
		CHECK(sp.ok());
		CHECK(*sp == *net::local_endpoint(c->get()));
		// A listening socket has no peer.
		auto none = net::peer_endpoint(l->get());
		CHECK_FALSE(none.ok());
		LONGS_EQUAL(ENOTCONN, none.err().code);
		STRCMP_CONTAINS("getpeername", none.err().message().c_str());
	}
}

TEST(socket, peer_endpoint_of_a_unix_socket_is_not_an_address)
{
	int sv[2];
	CHECK(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == 0);
	net::unique_fd a(sv[0]), b(sv[1]);
	auto p = net::peer_endpoint(a.get());
	CHECK_FALSE(p.ok());
	LONGS_EQUAL(EAFNOSUPPORT, p.err().code);
}
