#include <vector>

#include "libnet/icmp.h"

#include "hex.h"

#include <CppUTest/TestHarness.h>

namespace {

std::vector<std::uint8_t>
echo(std::uint8_t type, std::uint16_t id, std::uint16_t seq,
    const std::vector<std::uint8_t> &data)
{
	std::vector<std::uint8_t> out;
	net::wire_writer w(out);
	net::encode_icmp_echo(w, type, id, seq, data);
	return out;
}

// The datagram an echo request went out in, to be quoted by an error.
std::vector<std::uint8_t>
sent_request(std::size_t data_size)
{
	auto msg = echo(net::icmp_type::echo_request, 0x4242, 7,
	    std::vector<std::uint8_t>(data_size, 0x5a));
	net::ipv4_header h;
	h.protocol = net::ip_proto::icmp;
	h.src = *net::address::parse("10.9.0.1");
	h.dst = *net::address::parse("10.9.2.2");
	h.ttl = 1;
	std::vector<std::uint8_t> out;
	net::wire_writer w(out);
	net::encode_ipv4(w, h, msg.size());
	w.bytes(msg);
	return out;
}

std::vector<std::uint8_t>
error(std::uint8_t type, std::uint8_t code, std::uint32_t word,
    net::bytes_view quoted)
{
	std::vector<std::uint8_t> out;
	net::wire_writer w(out);
	net::encode_icmp_error(w, type, code, word, quoted);
	return out;
}

} // namespace

TEST_GROUP(icmp){};

TEST(icmp, echo_round_trip)
{
	auto m = echo(net::icmp_type::echo_request, 0xbeef, 513, {1, 2, 3});
	LONGS_EQUAL(11, m.size());
	auto d = net::decode_icmp(m);
	CHECK(d.ok());
	LONGS_EQUAL(net::icmp_type::echo_request, d->type);
	CHECK(d->checksum_ok);
	CHECK(d->echo.has_value());
	LONGS_EQUAL(0xbeef, d->echo->id);
	LONGS_EQUAL(513, d->echo->seq);
	LONGS_EQUAL(3, d->echo->data.size());
}

TEST(icmp, known_echo_request_bytes)
{
	// id 1, seq 1, no data: checksum f7fd.
	auto m = echo(net::icmp_type::echo_request, 1, 1, {});
	CHECK(m == from_hex("0800 f7fd 0001 0001"));
}

TEST(icmp, bad_checksum_rejected_or_reported)
{
	auto m = echo(net::icmp_type::echo_reply, 1, 2, {9, 9, 9, 9});
	m[9] ^= 0x10;
	auto v = net::decode_icmp(m);
	CHECK_FALSE(v.ok());
	STRCMP_CONTAINS("checksum", v.err().message().c_str());
	auto r = net::decode_icmp(m, net::checksum_check::report);
	CHECK(r.ok());
	CHECK_FALSE(r->checksum_ok);
	LONGS_EQUAL(2, r->echo->seq);
}

TEST(icmp, timestamp_messages_have_one_size)
{
	net::icmp_timestamp t{5, 6, 1000, 2000, 3000};
	std::vector<std::uint8_t> m;
	net::wire_writer w(m);
	net::encode_icmp_timestamp(w, net::icmp_type::timestamp_reply, t);
	LONGS_EQUAL(20, m.size());
	auto d = net::decode_icmp(m);
	CHECK(d.ok());
	LONGS_EQUAL(2000, d->timestamp->receive);
	m.push_back(0);
	m[2] = m[3] = 0;
	std::uint16_t s = net::internet_checksum(m);
	m[2] = static_cast<std::uint8_t>(s >> 8);
	m[3] = static_cast<std::uint8_t>(s);
	CHECK_FALSE(net::decode_icmp(m).ok());
}

TEST(icmp, errors_quote_the_original_datagram)
{
	auto orig = sent_request(56);
	// RFC 792 minimum: header plus 64 bits.
	auto quoted = net::bytes_view(orig).first(28);
	auto m = error(net::icmp_type::time_exceeded, 0, 0, quoted);
	auto d = net::decode_icmp(m);
	CHECK_TEXT(d.ok(), d.ok() ? "" : d.err().message().c_str());
	CHECK(d->error.has_value());
	const auto &o = d->error->original;
	LONGS_EQUAL(net::ip_proto::icmp, o.hdr.protocol);
	STRCMP_EQUAL("10.9.2.2", o.hdr.dst.str().c_str());
	LONGS_EQUAL(8, o.payload.size());
	auto inner = net::decode_icmp(o.payload,
	    net::checksum_check::report);
	CHECK(inner.ok());
	LONGS_EQUAL(0x4242, inner->echo->id);
	LONGS_EQUAL(7, inner->echo->seq);

	auto frag = error(net::icmp_type::dest_unreach,
	    net::icmp_unreach::frag_needed, 1400, quoted);
	auto f = net::decode_icmp(frag);
	LONGS_EQUAL(1400, f->error->mtu());
	auto pp = error(net::icmp_type::param_problem, 0, 20u << 24, quoted);
	LONGS_EQUAL(20, net::decode_icmp(pp)->error->pointer());
	auto rd = error(net::icmp_type::redirect, 1, 0x0a090003, quoted);
	STRCMP_EQUAL("10.9.0.3",
	    net::decode_icmp(rd)->error->gateway().str().c_str());
}

TEST(icmp, short_originals_are_quoted_whole)
{
	// A datagram with 4 bytes of payload is quoted with all 4.
	net::ipv4_header h;
	h.protocol = net::ip_proto::udp;
	h.src = *net::address::parse("10.0.0.1");
	h.dst = *net::address::parse("10.0.0.2");
	std::vector<std::uint8_t> o;
	net::wire_writer w(o);
	net::encode_ipv4(w, h, 4);
	w.u32(0x01020304);
	auto m = error(net::icmp_type::dest_unreach, 3, 0, o);
	CHECK(net::decode_icmp(m).ok());
}

TEST(icmp, rejects_hostile_messages)
{
	CHECK_FALSE(net::decode_icmp(from_hex("0000 ffff 0000")).ok());
	CHECK_FALSE(net::decode_icmp({}).ok());
	auto orig = sent_request(56);
	// Quoting less than 64 bits of the original payload.
	auto m = error(net::icmp_type::dest_unreach, 1, 0,
	    net::bytes_view(orig).first(24));
	CHECK_FALSE(net::decode_icmp(m).ok());
	// Quoting half an IP header.
	auto h = error(net::icmp_type::dest_unreach, 1, 0,
	    net::bytes_view(orig).first(12));
	CHECK_FALSE(net::decode_icmp(h).ok());
	// Quoting something that is not IPv4.
	auto v6 = orig;
	v6[0] = 0x60;
	auto x = error(net::icmp_type::time_exceeded, 0, 0, v6);
	CHECK_FALSE(net::decode_icmp(x).ok());
	// Quoted header with a malformed option.
	std::vector<std::uint8_t> opt = orig;
	opt[0] = 0x46;
	opt.insert(opt.begin() + 20, {0x07, 0x09, 0x04, 0x00});
	auto y = error(net::icmp_type::time_exceeded, 0, 0, opt);
	CHECK_FALSE(net::decode_icmp(y).ok());
}

TEST(icmp, error_types)
{
	CHECK(net::icmp_is_error(net::icmp_type::dest_unreach));
	CHECK(net::icmp_is_error(net::icmp_type::redirect));
	CHECK(net::icmp_is_error(net::icmp_type::param_problem));
	CHECK_FALSE(net::icmp_is_error(net::icmp_type::echo_reply));
	CHECK_FALSE(net::icmp_is_error(net::icmp_type::timestamp));
	// An unknown type decodes with only its body.
	std::vector<std::uint8_t> m = {42, 0, 0, 0, 1, 2, 3, 4};
	std::uint16_t s = net::internet_checksum(m);
	m[2] = static_cast<std::uint8_t>(s >> 8);
	m[3] = static_cast<std::uint8_t>(s);
	auto d = net::decode_icmp(m);
	CHECK(d.ok());
	CHECK_FALSE(d->echo || d->error || d->timestamp);
	LONGS_EQUAL(4, d->body.size());
}
