#include <vector>

#include "libnet/tcp.h"

#include "hex.h"

#include <CppUTest/TestHarness.h>

namespace {

net::pseudo_header
ph()
{
	return {*net::address::parse("10.9.0.1"),
	    *net::address::parse("10.9.0.2")};
}

// A header with data offset words and the given option bytes, no payload.
std::vector<std::uint8_t>
with_options(const std::vector<std::uint8_t> &opts, unsigned words)
{
	auto d = from_hex("c000 0016 00000001 00000000 0002 faf0 0000 0000");
	d[12] = static_cast<std::uint8_t>(words << 4);
	d.insert(d.end(), opts.begin(), opts.end());
	return d;
}

} // namespace

TEST_GROUP(tcp){};

TEST(tcp, syn_with_every_option_round_trips)
{
	net::tcp_header h;
	h.src_port = 49152;
	h.dst_port = 22;
	h.seq = 0x01020304;
	h.flags = net::tcp_flag::syn | net::tcp_flag::ece |
	    net::tcp_flag::cwr;
	h.window = 64240;
	net::tcp_options o;
	o.mss = 1460;
	o.sack_permitted = true;
	o.timestamp = std::pair<std::uint32_t, std::uint32_t>{100, 0};
	o.wscale = 7;
	auto p = ph();
	std::vector<std::uint8_t> d;
	net::wire_writer w(d);
	net::encode_tcp(w, h, o, from_hex("abcd"), p);
	auto s = net::decode_tcp(d, &p);
	CHECK_TEXT(s.ok(), s.ok() ? "" : s.err().message().c_str());
	CHECK(s->checksum_ok);
	LONGS_EQUAL(40, s->header_length);
	LONGS_EQUAL(1460, *s->opts.mss);
	LONGS_EQUAL(7, *s->opts.wscale);
	CHECK(s->opts.sack_permitted);
	LONGS_EQUAL(100, s->opts.timestamp->first);
	LONGS_EQUAL(2, s->payload.size());
	STRCMP_EQUAL("SYN,ECE,CWR", net::tcp_flags_str(s->hdr.flags).c_str());
}

TEST(tcp, sack_blocks_fit_in_forty_bytes)
{
	net::tcp_header h;
	h.flags = net::tcp_flag::ack;
	net::tcp_options o;
	o.timestamp = std::pair<std::uint32_t, std::uint32_t>{1, 2};
	for (std::uint32_t i = 0; i < 6; i++)
		o.sack.emplace_back(i * 100, i * 100 + 50);
	auto p = ph();
	std::vector<std::uint8_t> d;
	net::wire_writer w(d);
	net::encode_tcp(w, h, o, {}, p);
	auto s = net::decode_tcp(d, &p);
	CHECK(s.ok());
	CHECK(s->header_length <= 60);
	LONGS_EQUAL(3, s->opts.sack.size());
	LONGS_EQUAL(250, s->opts.sack[2].second);
	STRCMP_EQUAL("ACK", net::tcp_flags_str(s->hdr.flags).c_str());
}

TEST(tcp, rejects_hostile_segments)
{
	CHECK(net::decode_tcp(with_options({}, 5)).ok());
	CHECK_FALSE(net::decode_tcp(with_options({}, 4)).ok());
	CHECK_FALSE(net::decode_tcp(with_options({}, 6)).ok());
	auto cut = with_options({}, 5);
	cut.pop_back();
	CHECK_FALSE(net::decode_tcp(cut).ok());
	const char *bad_opts[] = {
	    "02 05 0000",	// MSS of length 5 (needs 4)
	    "03 04 0000",	// window scale of length 4
	    "08 08 0000 0000",	// timestamp of length 8
	    "05 06 0000 0000",	// SACK without a whole block
	    "05 0c 00000000 00000000 0000",	// SACK of 10 bytes of blocks
	    "02 01 0000",	// length below 2
	    "02",		// kind without length
	    "fe 09 000000 00",	// unknown option overrunning
	    "01 01 01 02",	// MSS kind cut off at the header end
	};
	for (const char *s : bad_opts) {
		auto o = from_hex(s);
		o.resize((o.size() + 3) & ~std::size_t{3}, 0);
		CHECK_TEXT(!net::decode_tcp(with_options(o,
		    static_cast<unsigned>(5 + o.size() / 4))).ok(), s);
	}
	// An unknown option of proper length is skipped.
	CHECK(net::decode_tcp(with_options(from_hex("fe 04 0000"), 6)).ok());
	// A bad checksum.
	auto good = with_options({}, 5);
	auto p = ph();
	CHECK_FALSE(net::decode_tcp(good, &p).ok());
	auto r = net::decode_tcp(good, &p, net::checksum_check::report);
	CHECK(r.ok());
	CHECK_FALSE(r->checksum_ok);
}
