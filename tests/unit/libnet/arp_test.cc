#include <vector>

#include "libnet/arp.h"

#include "hex.h"

#include <CppUTest/TestHarness.h>

TEST_GROUP(arp_packet){};

TEST(arp_packet, decodes_a_request_with_frame_padding)
{
	auto b = from_hex("0001 0800 06 04 0001 020000000001 0a090001 "
			  "000000000000 0a090002 0000000000000000");
	auto p = net::decode_arp(b);
	CHECK(p.ok());
	LONGS_EQUAL(net::arp_op::request, p->op);
	STRCMP_EQUAL("02:00:00:00:00:01", p->sender_mac.str().c_str());
	STRCMP_EQUAL("10.9.0.1", p->sender_ip.str().c_str());
	CHECK(p->target_mac.is_zero());
	STRCMP_EQUAL("10.9.0.2", p->target_ip.str().c_str());
}

TEST(arp_packet, round_trip)
{
	net::arp_packet p;
	p.op = net::arp_op::reply;
	p.sender_mac = *net::mac_address::parse("02:00:00:00:00:02");
	p.sender_ip = *net::address::parse("10.9.0.2");
	p.target_mac = *net::mac_address::parse("02:00:00:00:00:01");
	p.target_ip = *net::address::parse("10.9.0.1");
	std::vector<std::uint8_t> out;
	net::wire_writer w(out);
	net::encode_arp(w, p);
	LONGS_EQUAL(net::arp_packet_size, out.size());
	auto d = net::decode_arp(out);
	CHECK(d.ok());
	LONGS_EQUAL(net::arp_op::reply, d->op);
	CHECK(d->sender_ip == p.sender_ip);
	CHECK(d->target_mac == p.target_mac);
}

TEST(arp_packet, rejects_hostile_packets)
{
	const char *bad[] = {
	    // truncated by one byte
	    "0001 0800 06 04 0001 020000000001 0a090001 000000000000 0a0900",
	    // token ring hardware
	    "0006 0800 06 04 0001 020000000001 0a090001 000000000000 0a090002",
	    // hardware length lies
	    "0001 0800 08 04 0001 020000000001 0a090001 000000000000 0a090002",
	    // IPv6 protocol type
	    "0001 86dd 06 04 0001 020000000001 0a090001 000000000000 0a090002",
	    // protocol length 16
	    "0001 0800 06 10 0001 020000000001 0a090001 000000000000 0a090002",
	    // RARP / unknown operation
	    "0001 0800 06 04 0003 020000000001 0a090001 000000000000 0a090002",
	    "0001 0800 06 04 0000 020000000001 0a090001 000000000000 0a090002",
	    "",
	};
	for (const char *s : bad)
		CHECK_TEXT(!net::decode_arp(from_hex(s)).ok(), s);
}
