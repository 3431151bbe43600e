#include <sys/socket.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include <cstring>
#include <vector>

#include "libnet/netlink.h"

#include "hex.h"
#include "nl_build.h"

#include <CppUTest/TestHarness.h>

TEST_GROUP(netlink){};

TEST(netlink, decodes_messages_and_attributes)
{
	auto attrs = cat(attr(IFLA_IFNAME, {'l', 'o', 0}),
	    attr(IFLA_MTU | NLA_F_NESTED, {0, 0, 1, 0}));
	auto buf = cat(message(RTM_NEWLINK, 7, attrs), message(NLMSG_DONE, 7,
	    {0, 0, 0, 0}));
	auto msgs = net::decode_nl_messages(buf);
	CHECK(msgs.ok());
	LONGS_EQUAL(2, msgs->size());
	LONGS_EQUAL(RTM_NEWLINK, (*msgs)[0].type);
	LONGS_EQUAL(7, (*msgs)[0].seq);
	LONGS_EQUAL(1234, (*msgs)[0].port);
	auto a = net::decode_nl_attrs((*msgs)[0].payload);
	CHECK(a.ok());
	LONGS_EQUAL(2, a->size());
	const net::nl_attr *name = net::find_nl_attr(*a, IFLA_IFNAME);
	CHECK(name != nullptr);
	LONGS_EQUAL(3, name->data.size());
	// The nested flag is not part of the type.
	CHECK(net::find_nl_attr(*a, IFLA_MTU) != nullptr);
	CHECK(net::find_nl_attr(*a, IFLA_ADDRESS) == nullptr);
}

TEST(netlink, last_attribute_and_message_need_no_padding)
{
	std::vector<std::uint8_t> a = attr(1, {9});
	a.resize(5);
	auto r = net::decode_nl_attrs(a);
	CHECK(r.ok());
	LONGS_EQUAL(1, (*r)[0].data.size());
	auto m = message(RTM_NEWLINK, 1, {1, 2, 3});
	CHECK(net::decode_nl_messages(m).ok());
}

TEST(netlink, rejects_hostile_input)
{
	// Attribute lengths below the header or past the end.
	CHECK_FALSE(net::decode_nl_attrs(attr(1, {}, 3)).ok());
	CHECK_FALSE(net::decode_nl_attrs(attr(1, {1, 2, 3, 4}, 12)).ok());
	CHECK_FALSE(net::decode_nl_attrs(from_hex("0800")).ok());
	// Message lengths below the header or past the datagram.
	CHECK_FALSE(net::decode_nl_messages(message(RTM_NEWLINK, 1, {}, 8))
			.ok());
	CHECK_FALSE(net::decode_nl_messages(message(RTM_NEWLINK, 1, {}, 100))
			.ok());
	auto cut = message(RTM_NEWLINK, 1, {});
	cut.resize(10);
	CHECK_FALSE(net::decode_nl_messages(cut).ok());
	auto huge = message(RTM_NEWLINK, 1, {}, 0xffffffff);
	CHECK_FALSE(net::decode_nl_messages(huge).ok());
	CHECK(net::decode_nl_messages({})->empty());
}

TEST(netlink, requests_carry_length_sequence_and_ack)
{
	net::nl_request req(RTM_GETLINK, 0);
	req.writer().u32(0);
	req.attr_str(IFLA_IFNAME, "eth0");
	req.attr_u32(IFLA_MTU, 1500);
	auto b = req.finish(42);
	auto msgs = net::decode_nl_messages(b);
	CHECK(msgs.ok());
	LONGS_EQUAL(1, msgs->size());
	const auto &m = (*msgs)[0];
	LONGS_EQUAL(42, m.seq);
	CHECK((m.flags & NLM_F_REQUEST) != 0);
	CHECK((m.flags & NLM_F_ACK) != 0);
	auto a = net::decode_nl_attrs(m.payload.subspan(4));
	CHECK(a.ok());
	STRCMP_EQUAL("eth0", reinterpret_cast<const char *>(
	    net::find_nl_attr(*a, IFLA_IFNAME)->data.data()));
	net::nl_request dump(RTM_GETLINK, NLM_F_DUMP);
	auto d = net::decode_nl_messages(dump.finish(1));
	CHECK(((*d)[0].flags & NLM_F_ACK) == 0);
}

TEST(netlink, kernel_errors_name_the_request)
{
	auto nl = net::netlink_socket::open();
	CHECK(nl.ok());
	net::nl_request req(RTM_GETLINK, 0);
	net::wire_writer &w = req.writer();
	w.set_order(std::endian::native);
	w.u8(AF_UNSPEC);
	w.u8(0);
	w.u16(0);
	w.u32(999999);	// no such interface index
	w.u32(0);
	w.u32(0);
	auto r = nl->transact(req, "interface 999999");
	CHECK_FALSE(r.ok());
	LONGS_EQUAL(ENODEV, r.err().code);
	STRCMP_CONTAINS("interface 999999", r.err().message().c_str());
}
