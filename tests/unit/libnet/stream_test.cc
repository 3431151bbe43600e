#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "libnet/stream.h"

#include "fdio.h"

#include <CppUTest/TestHarness.h>

namespace {

using reason = net::stream_conn::end_reason;
using framing = net::stream_conn::framing;

// A stream_conn on one end of a socketpair, the test holding the other.
struct pair_fixture {
	net::event_loop loop;
	net::unique_fd peer;
	std::unique_ptr<net::stream_conn> conn;
	std::vector<std::string> frames;
	std::optional<reason> ended;
	int oversize = 0;
	int drains = 0;
	std::function<void(std::string_view)> on_frame_extra;

	void
	open(framing f, net::stream_conn::limits lim = {})
	{
		int sv[2];
		CHECK(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0,
		    sv) == 0);
		peer = net::unique_fd(sv[1]);
		net::stream_conn::callbacks cbs;
		cbs.on_frame = [this](std::string_view fr) {
			frames.emplace_back(fr);
			if (on_frame_extra)
				on_frame_extra(fr);
		};
		cbs.on_end = [this](reason r) { ended = r; };
		conn = std::make_unique<net::stream_conn>(loop,
		    net::unique_fd(sv[0]), f, lim, std::move(cbs));
		conn->start();
	}

	void
	put(const std::string &s)
	{
		CHECK(write(peer.get(), s.data(), s.size()) ==
		    static_cast<ssize_t>(s.size()));
	}

	// Runs the loop until pred holds (bounded).
	template <typename P>
	bool
	run_until(P pred, int rounds = 200)
	{
		for (int i = 0; i < rounds && !pred(); i++)
			CHECK(loop.run_once(net::milliseconds(20)).ok());
		return pred();
	}

	// A few rounds without waiting: whatever is ready is handled.
	void
	settle()
	{
		for (int i = 0; i < 5; i++)
			CHECK(loop.run_once(net::milliseconds(0)).ok());
	}
};

std::string
drain_peer(int fd)
{
	(void)fcntl(fd, F_SETFL, O_NONBLOCK);
	return read_to_eof(fd);
}

} // namespace

TEST_GROUP(stream_conn){};

TEST(stream_conn, lines_without_their_line_ends_and_no_unfinished_last)
{
	pair_fixture f;
	f.open(framing::line);
	f.put("HELO a\r\nNOOP\n\nbare\r\rx\r\nunfinished");
	shutdown(f.peer.get(), SHUT_WR);
	CHECK(f.run_until([&] { return f.ended.has_value(); }));
	LONGS_EQUAL(4, f.frames.size());
	STRCMP_EQUAL("HELO a", f.frames[0].c_str());
	STRCMP_EQUAL("NOOP", f.frames[1].c_str());
	STRCMP_EQUAL("", f.frames[2].c_str());
	STRCMP_EQUAL("bare\r\rx", f.frames[3].c_str());
	CHECK(*f.ended == reason::peer_closed);
	LONGS_EQUAL(-1, f.conn->fd());
}

TEST(stream_conn, a_line_split_over_many_reads)
{
	pair_fixture f;
	f.open(framing::line);
	for (char c : std::string("QUIT\r\n")) {
		f.put(std::string(1, c));
		f.settle();
	}
	LONGS_EQUAL(1, f.frames.size());
	STRCMP_EQUAL("QUIT", f.frames[0].c_str());
}

TEST(stream_conn, overlong_line_ends_the_connection_without_on_oversize)
{
	pair_fixture f;
	net::stream_conn::limits lim;
	lim.max_frame = 10;
	f.open(framing::line, lim);
	f.put("0123456789\n");	// exactly the limit: taken
	f.put(std::string(5000, 'x'));	// no line end in sight
	CHECK(f.run_until([&] { return f.ended.has_value(); }));
	CHECK(*f.ended == reason::too_long);
	LONGS_EQUAL(1, f.frames.size());
}

TEST(stream_conn, overlong_line_is_dropped_and_reported_with_on_oversize)
{
	pair_fixture f;
	net::stream_conn::limits lim;
	lim.max_frame = 10;
	int sv[2];
	CHECK(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == 0);
	f.peer = net::unique_fd(sv[1]);
	net::stream_conn::callbacks cbs;
	cbs.on_frame = [&](std::string_view fr) { f.frames.emplace_back(fr); };
	cbs.on_end = [&](reason r) { f.ended = r; };
	cbs.on_oversize = [&] {
		f.oversize++;
		f.conn->send("500 line too long\r\n");
	};
	f.conn = std::make_unique<net::stream_conn>(f.loop,
	    net::unique_fd(sv[0]), framing::line, lim, std::move(cbs));
	f.conn->start();
	// One long line over several reads, one long line in one read,
	// each followed by a good one.
	f.put(std::string(40000, 'a'));
	f.settle();
	f.put("aaa\nok1\n0123456789a\nok2\n");
	CHECK(f.run_until([&] { return f.frames.size() == 2; }));
	STRCMP_EQUAL("ok1", f.frames[0].c_str());
	STRCMP_EQUAL("ok2", f.frames[1].c_str());
	LONGS_EQUAL(2, f.oversize);
	CHECK_FALSE(f.ended.has_value());
	CHECK(f.run_until([&] { return f.conn->queued() == 0; }));
	STRCMP_EQUAL("500 line too long\r\n500 line too long\r\n",
	    drain_peer(f.peer.get()).c_str());
}

TEST(stream_conn, length16_frames_whole_and_in_pieces)
{
	pair_fixture f;
	f.open(framing::length16);
	std::string two = std::string("\x00\x03" "abc", 5) +
	    std::string("\x00\x00", 2);
	f.put(two);
	f.put(std::string("\x00\x04" "de", 4));
	f.settle();
	LONGS_EQUAL(2, f.frames.size());
	STRCMP_EQUAL("abc", f.frames[0].c_str());
	STRCMP_EQUAL("", f.frames[1].c_str());
	f.put("fg");
	CHECK(f.run_until([&] { return f.frames.size() == 3; }));
	STRCMP_EQUAL("defg", f.frames[2].c_str());
	CHECK(f.conn->send_frame("reply"));
	CHECK_FALSE(f.conn->send_frame(std::string(65536, 'x')));
	CHECK(f.run_until([&] { return f.conn->queued() == 0; }));
	std::string got = drain_peer(f.peer.get());
	CHECK(got == std::string("\x00\x05reply", 7));
}

TEST(stream_conn, length16_frame_over_the_limit_ends_it)
{
	pair_fixture f;
	net::stream_conn::limits lim;
	lim.max_frame = 512;
	f.open(framing::length16, lim);
	f.put(std::string("\x02\x01", 2));	// 513
	CHECK(f.run_until([&] { return f.ended.has_value(); }));
	CHECK(*f.ended == reason::too_long);
	LONGS_EQUAL(0, f.frames.size());
}

TEST(stream_conn, raw_echo_written_before_the_end)
{
	pair_fixture f;
	f.open(framing::raw);
	f.on_frame_extra = [&](std::string_view fr) { f.conn->send(fr); };
	f.put("hello, ");
	f.put("world");
	shutdown(f.peer.get(), SHUT_WR);
	CHECK(f.run_until([&] { return f.ended.has_value(); }));
	CHECK(*f.ended == reason::peer_closed);
	STRCMP_EQUAL("hello, world", drain_peer(f.peer.get()).c_str());
}

TEST(stream_conn, a_full_queue_stops_reading_until_the_peer_catches_up)
{
	pair_fixture f;
	net::stream_conn::limits lim;
	lim.max_queued = 64 * 1024;
	f.open(framing::raw, lim);
	// Echo without the peer reading: the socket buffer fills, then the
	// queue, then reading stops.
	std::size_t got = 0;
	f.on_frame_extra = [&](std::string_view fr) {
		got += fr.size();
		f.conn->send(fr);
	};
	(void)fcntl(f.peer.get(), F_SETFL, O_NONBLOCK);
	std::string block(8192, 'e');
	std::size_t sent = 0;
	for (int i = 0; i < 400; i++) {
		ssize_t n = write(f.peer.get(), block.data(), block.size());
		if (n > 0)
			sent += static_cast<std::size_t>(n);
		f.settle();
	}
	CHECK(f.conn->queued() > lim.max_queued);
	CHECK(got < sent);	// the rest waits in the socket, unread
	// The queue never grows past the limit by more than one read.
	CHECK(f.conn->queued() <= lim.max_queued + 16 * 1024);
	std::size_t echoed = 0;
	std::string buf(65536, 0);
	for (int i = 0; i < 2000 && echoed < sent; i++) {
		ssize_t n = read(f.peer.get(), buf.data(), buf.size());
		if (n > 0)
			echoed += static_cast<std::size_t>(n);
		f.settle();
	}
	LONGS_EQUAL(sent, got);
	LONGS_EQUAL(sent, echoed);
}

TEST(stream_conn, on_drain_lets_a_producer_keep_the_queue_full)
{
	pair_fixture f;
	net::stream_conn::limits lim;
	lim.max_queued = 32 * 1024;
	int sv[2];
	CHECK(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == 0);
	f.peer = net::unique_fd(sv[1]);
	net::stream_conn::callbacks cbs;
	cbs.on_frame = [](std::string_view) {};
	cbs.on_end = [&](reason r) { f.ended = r; };
	cbs.on_drain = [&] {
		f.drains++;
		f.conn->send(std::string(8192, 'c'));
	};
	f.conn = std::make_unique<net::stream_conn>(f.loop,
	    net::unique_fd(sv[0]), framing::raw, lim, std::move(cbs));
	f.conn->start();
	f.conn->send(std::string(8192, 'c'));
	std::size_t total = 0;
	std::string buf(65536, 0);
	(void)fcntl(f.peer.get(), F_SETFL, O_NONBLOCK);
	for (int i = 0; i < 200 && total < 1024 * 1024; i++) {
		f.settle();
		ssize_t n = read(f.peer.get(), buf.data(), buf.size());
		if (n > 0)
			total += static_cast<std::size_t>(n);
	}
	CHECK(total >= 1024 * 1024);
	CHECK(f.drains > 0);
	CHECK(f.conn->queued() <= lim.max_queued + 8192);
}

TEST(stream_conn, a_producer_sees_the_peer_stop_sending)
{
	// chargen: output owed until the client is done, even if it only
	// shut its sending side.
	pair_fixture f;
	int sv[2];
	CHECK(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == 0);
	f.peer = net::unique_fd(sv[1]);
	net::stream_conn::callbacks cbs;
	cbs.on_frame = [](std::string_view) {};
	cbs.on_end = [&](reason r) { f.ended = r; };
	cbs.on_drain = [&] {
		if (f.conn->peer_closed())
			f.conn->close();
		else
			f.conn->send(std::string(1024, 'c'));
	};
	f.conn = std::make_unique<net::stream_conn>(f.loop,
	    net::unique_fd(sv[0]), framing::raw, net::stream_conn::limits{},
	    std::move(cbs));
	f.conn->start();
	f.conn->send(std::string(1024, 'c'));
	f.settle();
	CHECK_FALSE(f.conn->peer_closed());
	CHECK_FALSE(f.ended.has_value());
	shutdown(f.peer.get(), SHUT_WR);
	CHECK(f.run_until([&] {
		(void)drain_peer(f.peer.get());
		return f.ended.has_value();
	}));
	CHECK(*f.ended == reason::closed);
}

TEST(stream_conn, idle_connection_is_ended)
{
	pair_fixture f;
	net::stream_conn::limits lim;
	lim.idle = net::milliseconds(30);
	f.open(framing::line, lim);
	CHECK(f.run_until([&] { return f.ended.has_value(); }));
	CHECK(*f.ended == reason::idle);
}

TEST(stream_conn, close_after_write_sends_then_ends_and_reads_nothing_more)
{
	pair_fixture f;
	f.open(framing::line);
	f.on_frame_extra = [&](std::string_view fr) {
		if (fr == "QUIT") {
			f.conn->send("221 bye\r\n");
			f.conn->close_after_write();
		}
	};
	f.put("QUIT\r\nNOOP\r\n");
	CHECK(f.run_until([&] { return f.ended.has_value(); }));
	CHECK(*f.ended == reason::closed);
	LONGS_EQUAL(1, f.frames.size());
	STRCMP_EQUAL("221 bye\r\n", drain_peer(f.peer.get()).c_str());
}

TEST(stream_conn, paused_reading_holds_frames_until_resumed)
{
	pair_fixture f;
	f.open(framing::line);
	f.on_frame_extra = [&](std::string_view fr) {
		if (fr == "wait")
			f.conn->set_reading(false);
	};
	f.put("one\nwait\nthree\nfour\n");
	shutdown(f.peer.get(), SHUT_WR);
	f.settle();
	LONGS_EQUAL(2, f.frames.size());
	CHECK_FALSE(f.ended.has_value());
	f.conn->set_reading(true);
	LONGS_EQUAL(2, f.frames.size());	// never from inside the call
	CHECK(f.run_until([&] { return f.ended.has_value(); }));
	LONGS_EQUAL(4, f.frames.size());
	STRCMP_EQUAL("four", f.frames[3].c_str());
	CHECK(*f.ended == reason::peer_closed);
}

TEST(stream_conn, a_frame_callback_may_destroy_the_connection)
{
	pair_fixture f;
	f.open(framing::line);
	f.on_frame_extra = [&](std::string_view) { f.conn.reset(); };
	f.put("a\nb\nc\n");
	f.settle();
	LONGS_EQUAL(1, f.frames.size());
	CHECK_FALSE(f.ended.has_value());
}

TEST(stream_conn, an_end_callback_may_destroy_the_connection)
{
	pair_fixture f;
	int sv[2];
	CHECK(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == 0);
	f.peer = net::unique_fd(sv[1]);
	net::stream_conn::callbacks cbs;
	cbs.on_frame = [](std::string_view) {};
	cbs.on_end = [&](reason r) {
		f.ended = r;
		f.conn.reset();
	};
	f.conn = std::make_unique<net::stream_conn>(f.loop,
	    net::unique_fd(sv[0]), framing::line, net::stream_conn::limits{},
	    std::move(cbs));
	f.conn->start();
	f.peer.reset();
	CHECK(f.run_until([&] { return f.ended.has_value(); }));
	CHECK(f.conn == nullptr);
}

TEST(stream_conn, a_peer_that_goes_away_with_output_queued_is_an_error)
{
	pair_fixture f;
	f.open(framing::raw);
	f.conn->send(std::string(1 << 20, 'z'));
	f.settle();
	f.peer.reset();
	CHECK(f.run_until([&] { return f.ended.has_value(); }));
	CHECK(*f.ended == reason::error);
	LONGS_EQUAL(EPIPE, f.conn->end_errno());
}

TEST(stream_conn, release_hands_the_descriptor_over_without_an_end)
{
	pair_fixture f;
	f.open(framing::line);
	net::unique_fd fd = f.conn->release();
	CHECK(fd.valid());
	CHECK(f.conn->ended());
	CHECK_FALSE(f.loop.watching(fd.get()));
	f.put("x\n");
	f.settle();
	LONGS_EQUAL(0, f.frames.size());
	CHECK_FALSE(f.ended.has_value());
	char c[2];
	CHECK(read(fd.get(), c, 2) == 2);
}

TEST(stream_conn, a_line_of_the_limit_whose_lf_comes_after_its_cr)
{
	pair_fixture f;
	net::stream_conn::limits lim;
	lim.max_frame = 10;
	f.open(framing::line, lim);
	f.put("0123456789\r");
	f.settle();
	f.put("\n");
	CHECK(f.run_until([&] { return f.frames.size() == 1; }));
	STRCMP_EQUAL("0123456789", f.frames[0].c_str());
	CHECK_FALSE(f.ended.has_value());
}
