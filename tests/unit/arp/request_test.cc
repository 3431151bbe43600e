#include <vector>

#include "libnet/arp.h"
#include "libnet/ether.h"

#include "../../../sbin/arp/request.h"

#include <CppUTest/TestHarness.h>

namespace {

const net::mac_address ours = *net::mac_address::parse("02:00:00:00:00:01");
const net::mac_address theirs =
    *net::mac_address::parse("02:00:00:00:00:02");

std::vector<std::uint8_t>
reply(const char *from_ip, const net::mac_address &to_mac,
    std::uint16_t op = net::arp_op::reply)
{
	std::vector<std::uint8_t> f;
	net::wire_writer w(f);
	net::ether_header eh{to_mac, theirs, net::ethertype::arp, {}};
	net::encode_ether(w, eh);
	net::arp_packet p;
	p.op = op;
	p.sender_mac = theirs;
	p.sender_ip = *net::address::parse(from_ip);
	p.target_mac = to_mac;
	p.target_ip = *net::address::parse("10.9.0.1");
	net::encode_arp(w, p);
	return f;
}

} // namespace

TEST_GROUP(request){};

TEST(request, the_request_frame)
{
	auto f = arp::request_frame(ours, *net::address::parse("10.9.0.1"),
	    *net::address::parse("10.9.0.2"));
	LONGS_EQUAL(net::ether_min_frame, f.size());
	auto e = net::decode_ether(f);
	CHECK(e.ok());
	CHECK(e->hdr.dst.is_broadcast());
	CHECK(e->hdr.src == ours);
	auto p = net::decode_arp(e->payload);
	CHECK(p.ok());
	LONGS_EQUAL(net::arp_op::request, p->op);
	CHECK(p->sender_mac == ours);
	STRCMP_EQUAL("10.9.0.2", p->target_ip.str().c_str());
	CHECK(p->target_mac.is_zero());
}

TEST(request, only_the_targets_reply_counts)
{
	auto target = *net::address::parse("10.9.0.2");
	auto m = arp::reply_from(reply("10.9.0.2", ours), target, ours);
	CHECK(m.has_value());
	CHECK(*m == theirs);
	// From another address, to another requester, a request, garbage.
	CHECK(!arp::reply_from(reply("10.9.0.3", ours), target, ours));
	CHECK(!arp::reply_from(reply("10.9.0.2",
	    *net::mac_address::parse("02:00:00:00:00:07")), target, ours));
	CHECK(!arp::reply_from(reply("10.9.0.2", ours, net::arp_op::request),
	    target, ours));
	auto cut = reply("10.9.0.2", ours);
	cut.resize(30);
	CHECK(!arp::reply_from(cut, target, ours));
	CHECK(!arp::reply_from({}, target, ours));
	// A gratuitous (broadcast) reply from the target tells the same.
	CHECK(arp::reply_from(reply("10.9.0.2", net::mac_address::broadcast()),
	    target, ours)
		  .has_value());
}
