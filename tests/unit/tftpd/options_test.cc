#include <string>
#include <variant>

#include "options.h"

#include <CppUTest/TestHarness.h>

using namespace tftpd;

namespace {

request
rrq(std::vector<option> opts, opcode op = opcode::rrq)
{
	request r;
	r.op = op;
	r.filename.assign(1, 'f');
	r.options = std::move(opts);
	return r;
}

negotiated
ok(const request &r, const option_limits &lim = {},
    std::optional<std::uint64_t> size = 2048)
{
	auto n = negotiate(r, lim, size);
	CHECK_TRUE(std::holds_alternative<negotiated>(n));
	return std::get<negotiated>(n);
}

int
refused(const request &r, const option_limits &lim = {})
{
	auto n = negotiate(r, lim, 2048);
	if (!std::holds_alternative<request_error>(n))
		return -1;
	return static_cast<int>(std::get<request_error>(n).code);
}

std::string
oack_value(const negotiated &n, const char *name)
{
	for (const auto &o : n.oack)
		if (o.name == name)
			return o.value;
	return "(none)";
}

} // namespace

TEST_GROUP(options){};

TEST(options, none_means_rfc1350)
{
	auto n = ok(rrq({}));
	LONGS_EQUAL(512, n.blksize);
	LONGS_EQUAL(1, n.windowsize);
	CHECK_FALSE(n.timeout_s.has_value());
	CHECK(n.oack.empty());
}

TEST(options, blksize_bounds)
{
	// Below 8 there is no value to answer with (RFC 2348): ERROR 8.
	LONGS_EQUAL(8, refused(rrq({{"blksize", "7"}})));
	LONGS_EQUAL(8, refused(rrq({{"blksize", "0"}})));
	LONGS_EQUAL(8, ok(rrq({{"blksize", "8"}})).blksize);
	LONGS_EQUAL(65464, ok(rrq({{"blksize", "65464"}})).blksize);
	STRCMP_EQUAL("1428",
	    oack_value(ok(rrq({{"blksize", "1428"}})), "blksize").c_str());
}

TEST(options, blksize_above_the_range_is_capped)
{
	// The answer may be smaller than the question (RFC 2348), so a
	// value past 65464, however far, gets the largest block.
	option_limits lim;
	lim.max_blksize = max_blksize;
	for (const char *v : {"65465", "65536", "4294967296",
		 "99999999999999999999999"}) {
		auto n = ok(rrq({{"blksize", v}}), lim);
		LONGS_EQUAL(65464, n.blksize);
		STRCMP_EQUAL("65464", oack_value(n, "blksize").c_str());
	}
	// And still no more than the server allows.
	lim.max_blksize = 1468;
	STRCMP_EQUAL("1468", oack_value(ok(rrq({{"blksize", "65465"}}), lim),
	    "blksize").c_str());
}

TEST(options, a_value_that_is_no_number_leaves_its_option_out)
{
	// As tftpd-hpa does: the option is ignored, the file served with
	// RFC 1350's values.
	for (const char *v : {"abc", "", "-1", "+1428", " 1428", "1428 ",
		 "0x400", "1e3", "14.28"}) {
		auto n = ok(rrq({{"blksize", v}, {"timeout", v},
		    {"windowsize", v}, {"tsize", v}}));
		LONGS_EQUAL(512, n.blksize);
		LONGS_EQUAL(1, n.windowsize);
		CHECK_FALSE(n.timeout_s.has_value());
		CHECK(n.oack.empty());
	}
	// The others are still granted.
	auto n = ok(rrq({{"blksize", "abc"}, {"tsize", "0"}}));
	LONGS_EQUAL(512, n.blksize);
	LONGS_EQUAL(1, n.oack.size());
	STRCMP_EQUAL("2048", oack_value(n, "tsize").c_str());
}

TEST(options, blksize_capped_by_limit)
{
	option_limits lim;
	lim.max_blksize = 1468;
	auto n = ok(rrq({{"blksize", "65464"}}), lim);
	LONGS_EQUAL(1468, n.blksize);
	STRCMP_EQUAL("1468", oack_value(n, "blksize").c_str());
	LONGS_EQUAL(512, ok(rrq({{"blksize", "512"}}), lim).blksize);
	LONGS_EQUAL(1468, blksize_for_mtu(1500, false));
	LONGS_EQUAL(1448, blksize_for_mtu(1500, true));
	LONGS_EQUAL(65464, blksize_for_mtu(65536, false));
	LONGS_EQUAL(8, blksize_for_mtu(20, false));
}

TEST(options, timeout_bounds)
{
	// RFC 2349 echoes the timeout unchanged: one out of range cannot
	// be answered, so it is left out and the server's own is used.
	for (const char *v : {"0", "256", "99999999999999999999999"}) {
		auto n = ok(rrq({{"timeout", v}, {"blksize", "1024"}}));
		CHECK_FALSE(n.timeout_s.has_value());
		STRCMP_EQUAL("(none)", oack_value(n, "timeout").c_str());
		LONGS_EQUAL(1024, n.blksize);
	}
	LONGS_EQUAL(1, *ok(rrq({{"timeout", "1"}})).timeout_s);
	auto n = ok(rrq({{"timeout", "255"}}));
	LONGS_EQUAL(255, *n.timeout_s);
	STRCMP_EQUAL("255", oack_value(n, "timeout").c_str());
	STRCMP_EQUAL("7", oack_value(ok(rrq({{"timeout", "007"}})),
	    "timeout").c_str());
}

TEST(options, tsize)
{
	auto n = ok(rrq({{"tsize", "0"}}), {}, 2048);
	STRCMP_EQUAL("2048", oack_value(n, "tsize").c_str());
	auto na = ok(rrq({{"tsize", "0"}}), {}, std::nullopt);
	CHECK(na.oack.empty());
	auto w = ok(rrq({{"tsize", "12345"}}, opcode::wrq), {}, std::nullopt);
	STRCMP_EQUAL("12345", oack_value(w, "tsize").c_str());
	// No number, or none that fits 64 bits: left out.
	CHECK(ok(rrq({{"tsize", "x"}})).oack.empty());
	CHECK(ok(rrq({{"tsize", "99999999999999999999999"}}, opcode::wrq))
		  .oack.empty());
}

TEST(options, windowsize)
{
	// 0 has no answer no larger than itself: left out, lock-step.
	auto z = ok(rrq({{"windowsize", "0"}}));
	LONGS_EQUAL(1, z.windowsize);
	CHECK(z.oack.empty());
	LONGS_EQUAL(16, ok(rrq({{"windowsize", "16"}})).windowsize);
	auto big = ok(rrq({{"windowsize", "65535"}}));
	LONGS_EQUAL(64, big.windowsize);
	STRCMP_EQUAL("64", oack_value(big, "windowsize").c_str());
	// Past RFC 7440's 65535: capped like any large value.
	option_limits lim;
	lim.max_windowsize = 65535;
	lim.max_window_bytes = std::size_t{1} << 40;
	for (const char *v : {"65536", "99999999999999999999999"}) {
		auto n = ok(rrq({{"windowsize", v}}), lim);
		LONGS_EQUAL(65535, n.windowsize);
		STRCMP_EQUAL("65535", oack_value(n, "windowsize").c_str());
		STRCMP_EQUAL("64", oack_value(ok(rrq({{"windowsize", v}})),
		    "windowsize").c_str());
	}
	// 16 blocks of 65464 already fill the 1 MiB window budget.
	auto n = ok(rrq({{"windowsize", "64"}, {"blksize", "65464"}}));
	LONGS_EQUAL(16, n.windowsize);
	STRCMP_EQUAL("16", oack_value(n, "windowsize").c_str());
}

TEST(options, refused_and_unknown_options_are_left_out)
{
	option_limits lim;
	lim.refused = opt_blksize | opt_tsize;
	auto n = ok(rrq({{"blksize", "1428"}, {"tsize", "0"}, {"x", "1"},
	    {"timeout", "3"}}), lim);
	LONGS_EQUAL(512, n.blksize);
	LONGS_EQUAL(1, n.oack.size());
	STRCMP_EQUAL("timeout", n.oack[0].name.c_str());
	// A refused option is not validated either.
	LONGS_EQUAL(-1, refused(rrq({{"blksize", "7"}}), lim));
	LONGS_EQUAL(opt_windowsize, option_bit_of("WindowSize"));
	LONGS_EQUAL(0, option_bit_of("multicast"));
}

TEST(options, window_lowered_to_what_the_receive_buffer_holds)
{
	// 16 blocks of 65464 do not fit the 425984 bytes a default
	// net.core.rmem_max allows; 1428 x 64 do.
	auto n = ok(rrq({{"blksize", "65464"}, {"windowsize", "16"}},
	    opcode::wrq));
	LONGS_EQUAL(16, n.windowsize);
	CHECK(window_buffer_bytes(65464, 16) > 425984);
	CHECK(cap_window_to_buffer(n, 425984));
	CHECK(n.windowsize >= 1 && n.windowsize < 16);
	CHECK(n.windowsize * block_footprint(65464) <= 425984);
	STRCMP_EQUAL(std::to_string(n.windowsize).c_str(),
	    oack_value(n, "windowsize").c_str());
	auto m = ok(rrq({{"blksize", "1428"}, {"windowsize", "64"}},
	    opcode::wrq));
	CHECK(window_buffer_bytes(1428, 64) <= 425984);
	CHECK_FALSE(cap_window_to_buffer(m, 425984));
	LONGS_EQUAL(64, m.windowsize);
	// Never below one block, whatever the buffer.
	CHECK(cap_window_to_buffer(n, 10));
	LONGS_EQUAL(1, n.windowsize);
	STRCMP_EQUAL("1", oack_value(n, "windowsize").c_str());
	// Larger blocks take more room; small ones a whole allocation.
	CHECK(block_footprint(8) >= 8 + 4 + 8 + 20);
	CHECK(block_footprint(1428) > block_footprint(512));
	CHECK(block_footprint(65464) > 65464);
}

TEST(options, log_text_says_what_was_granted_and_asked)
{
	option_limits lim;
	lim.max_blksize = 1024;
	lim.max_windowsize = 8;
	lim.refused = opt_timeout;
	auto r = rrq({{"blksize", "65464"}, {"tsize", "0"}, {"timeout", "3"},
	    {"windowsize", "8"}, {"multicast", ""}});
	auto n = ok(r, lim, 2048);
	STRCMP_EQUAL("blksize=1024 (asked 65464),tsize=2048,"
		     "timeout=3 (not granted),windowsize=8,"
		     "multicast= (not granted)",
	    options_text(r, n).c_str());
	// Capped past the range, and left out for no number.
	auto c = rrq({{"blksize", "70000"}, {"timeout", "abc"},
	    {"windowsize", "0"}});
	STRCMP_EQUAL("blksize=1024 (asked 70000),timeout=abc (not granted),"
		     "windowsize=0 (not granted)",
	    options_text(c, ok(c, lim)).c_str());
	// A write's tsize is the client's size, echoed.
	auto w = rrq({{"tsize", "77"}}, opcode::wrq);
	STRCMP_EQUAL("tsize=77", options_text(w, ok(w)).c_str());
	STRCMP_EQUAL("-", options_text(rrq({}), ok(rrq({}))).c_str());
	// Whatever the client sent is made printable.
	auto x = rrq({{"a\x01", "\xff"}});
	STRCMP_EQUAL("a\\001=\\377 (not granted)",
	    options_text(x, ok(x)).c_str());
}
