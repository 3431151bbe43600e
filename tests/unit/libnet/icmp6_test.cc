#include <vector>

#include "libnet/icmp6.h"

#include "hex.h"

#include <CppUTest/TestHarness.h>

namespace {

net::pseudo_header
ph()
{
	return {*net::address::parse("fd00:9::1"),
	    *net::address::parse("fd00:9::2")};
}

} // namespace

TEST_GROUP(icmp6){};

TEST(icmp6, echo_with_pseudo_header_checksum)
{
	auto p = ph();
	std::vector<std::uint8_t> m;
	net::wire_writer w(m);
	net::encode_icmp6_echo(w, net::icmp6_type::echo_request, 77, 3,
	    std::vector<std::uint8_t>(16, 0xab), &p);
	auto d = net::decode_icmp6(m, &p);
	CHECK(d.ok());
	CHECK(d->checksum_ok);
	LONGS_EQUAL(77, d->echo->id);
	LONGS_EQUAL(3, d->echo->seq);
	// The same bytes between other addresses do not verify.
	net::pseudo_header other{p.dst, p.src};
	other.src = *net::address::parse("fd00:9::3");
	CHECK_FALSE(net::decode_icmp6(m, &other).ok());
	auto rep = net::decode_icmp6(m, &other, net::checksum_check::report);
	CHECK(rep.ok());
	CHECK_FALSE(rep->checksum_ok);
	// Without addresses the checksum is not judged.
	auto nocheck = net::decode_icmp6(m);
	CHECK(nocheck.ok());
	CHECK_FALSE(nocheck->checksum_ok);
}

TEST(icmp6, unchecksummed_echo_leaves_the_field_zero)
{
	std::vector<std::uint8_t> m;
	net::wire_writer w(m);
	net::encode_icmp6_echo(w, net::icmp6_type::echo_request, 1, 1, {});
	CHECK(m == from_hex("8000 0000 0001 0001"));
}

TEST(icmp6, errors_quote_the_original_packet)
{
	net::ipv6_header h;
	h.next_header = net::ip_proto::icmpv6;
	h.src = ph().src;
	h.dst = *net::address::parse("fd00:9::99");
	std::vector<std::uint8_t> orig;
	net::wire_writer ow(orig);
	std::vector<std::uint8_t> req;
	net::wire_writer rw(req);
	net::encode_icmp6_echo(rw, net::icmp6_type::echo_request, 9, 4,
	    std::vector<std::uint8_t>(56, 1));
	net::encode_ipv6(ow, h, req.size());
	ow.bytes(req);
	auto p = ph();
	std::vector<std::uint8_t> m;
	net::wire_writer w(m);
	net::encode_icmp6_error(w, net::icmp6_type::dest_unreach, 3, 0, orig,
	    &p);
	auto d = net::decode_icmp6(m, &p);
	CHECK(d.ok());
	CHECK(d->error.has_value());
	STRCMP_EQUAL("fd00:9::99", d->error->original.hdr.dst.str().c_str());
	LONGS_EQUAL(net::ip_proto::icmpv6, d->error->original.protocol);
	auto inner = net::decode_icmp6(d->error->original.payload);
	CHECK(inner.ok());
	LONGS_EQUAL(4, inner->echo->seq);

	std::vector<std::uint8_t> big;
	net::wire_writer bw(big);
	net::encode_icmp6_error(bw, net::icmp6_type::packet_too_big, 0, 1280,
	    net::bytes_view(orig).first(48), &p);
	auto b = net::decode_icmp6(big, &p);
	CHECK(b.ok());
	LONGS_EQUAL(1280, b->error->word);
}

TEST(icmp6, rejects_hostile_messages)
{
	CHECK_FALSE(net::decode_icmp6(from_hex("8000 0000 0001")).ok());
	auto p = ph();
	// An error quoting half an IPv6 header.
	std::vector<std::uint8_t> m;
	net::wire_writer w(m);
	net::encode_icmp6_error(w, net::icmp6_type::time_exceeded, 0, 0,
	    std::vector<std::uint8_t>(20, 0x60), &p);
	CHECK_FALSE(net::decode_icmp6(m, &p).ok());
	// An error quoting an IPv4 header.
	std::vector<std::uint8_t> v4(48, 0);
	v4[0] = 0x45;
	std::vector<std::uint8_t> n;
	net::wire_writer nw(n);
	net::encode_icmp6_error(nw, net::icmp6_type::dest_unreach, 0, 0, v4,
	    &p);
	CHECK_FALSE(net::decode_icmp6(n, &p).ok());
	// An IPv4 pseudo-header for an ICMPv6 message.
	net::pseudo_header p4{*net::address::parse("10.0.0.1"),
	    *net::address::parse("10.0.0.2")};
	CHECK_FALSE(net::decode_icmp6(m, &p4).ok());
}

TEST(icmp6, informational_types_decode_with_their_body)
{
	CHECK(net::icmp6_is_error(net::icmp6_type::packet_too_big));
	CHECK_FALSE(net::icmp6_is_error(net::icmp6_type::neighbor_solicit));
	auto ns = from_hex("8700 0000 00000000 "
			   "fd000009000000000000000000000002");
	auto d = net::decode_icmp6(ns);
	CHECK(d.ok());
	LONGS_EQUAL(20, d->body.size());
	CHECK_FALSE(d->echo || d->error);
}
