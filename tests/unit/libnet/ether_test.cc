#include <vector>

#include "libnet/ether.h"

#include "hex.h"

#include <CppUTest/TestHarness.h>

TEST_GROUP(ether){};

TEST(ether, mac_text_both_ways)
{
	auto m = net::mac_address::parse("0:1B:21:a:b:c");
	CHECK(m.has_value());
	STRCMP_EQUAL("00:1b:21:0a:0b:0c", m->str().c_str());
	CHECK(net::mac_address::parse("ff:ff:ff:ff:ff:ff")->is_broadcast());
	CHECK(net::mac_address::parse("01:00:5e:00:00:01")->is_multicast());
	CHECK(net::mac_address::parse("00:00:00:00:00:00")->is_zero());
	const char *bad[] = {"", "00:11:22:33:44", "00:11:22:33:44:55:66",
	    "00:11:22:33:44:555", "00-11-22-33-44-55", "00:11:22:33:44:5g",
	    "00:11:22:33:44:55 ", ":11:22:33:44:55", "00:11::33:44:55",
	    "0x0:11:22:33:44:55"};
	for (const char *s : bad)
		CHECK_TEXT(!net::mac_address::parse(s), s);
}

TEST(ether, decodes_plain_and_tagged_frames)
{
	auto f = from_hex("ffffffffffff 020000000001 0806 aabb");
	auto d = net::decode_ether(f);
	CHECK(d.ok());
	CHECK(d->hdr.dst.is_broadcast());
	STRCMP_EQUAL("02:00:00:00:00:01", d->hdr.src.str().c_str());
	LONGS_EQUAL(net::ethertype::arp, d->hdr.type);
	CHECK_FALSE(d->hdr.vlan_tci.has_value());
	LONGS_EQUAL(2, d->payload.size());
	auto t = from_hex("ffffffffffff 020000000001 8100 0064 0800 45");
	auto dt = net::decode_ether(t);
	CHECK(dt.ok());
	LONGS_EQUAL(100, *dt->hdr.vlan_tci);
	LONGS_EQUAL(net::ethertype::ipv4, dt->hdr.type);
	LONGS_EQUAL(1, dt->payload.size());
}

TEST(ether, rejects_truncated_and_length_fields)
{
	auto f = from_hex("ffffffffffff 020000000001 08");
	CHECK_FALSE(net::decode_ether(f).ok());
	auto tag = from_hex("ffffffffffff 020000000001 8100 0064");
	CHECK_FALSE(net::decode_ether(tag).ok());
	auto llc = from_hex("ffffffffffff 020000000001 0026 4242");
	auto d = net::decode_ether(llc);
	CHECK_FALSE(d.ok());
	STRCMP_CONTAINS("802.3", d.err().message().c_str());
	CHECK_FALSE(net::decode_ether({}).ok());
}

TEST(ether, encode_round_trips)
{
	net::ether_header h;
	h.dst = net::mac_address::broadcast();
	h.src = *net::mac_address::parse("02:00:00:00:00:02");
	h.type = net::ethertype::ipv6;
	h.vlan_tci = 7;
	std::vector<std::uint8_t> out;
	net::wire_writer w(out);
	net::encode_ether(w, h);
	LONGS_EQUAL(18, out.size());
	auto d = net::decode_ether(out);
	CHECK(d.ok());
	CHECK(d->hdr.src == h.src);
	LONGS_EQUAL(7, *d->hdr.vlan_tci);
	LONGS_EQUAL(net::ethertype::ipv6, d->hdr.type);
}
