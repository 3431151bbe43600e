#include <string>

#include "libnet/name_text.h"

#include <CppUTest/TestHarness.h>

namespace {

std::string
abs(const std::string &name, const std::string &origin)
{
	std::string why;
	auto r = net::absolute_name(name, origin, &why);
	return r ? *r : "error: " + why;
}

std::string
check(const std::string &name)
{
	auto r = net::check_name_text(name);
	return r ? *r : "ok";
}

} // namespace

TEST_GROUP(name_text){};

TEST(name_text, absolute_means_an_unescaped_final_dot)
{
	CHECK(net::is_absolute_name("."));
	CHECK(net::is_absolute_name("a.b."));
	CHECK(net::is_absolute_name("a\\\\."));
	CHECK_FALSE(net::is_absolute_name("a\\."));
	CHECK_FALSE(net::is_absolute_name("a.b"));
	CHECK_FALSE(net::is_absolute_name(""));
}

TEST(name_text, relative_names_take_the_origin)
{
	STRCMP_EQUAL("Berkeley.Edu.", abs("@", "Berkeley.Edu.").c_str());
	STRCMP_EQUAL("ucbvax.Berkeley.Edu.",
	    abs("ucbvax", "Berkeley.Edu.").c_str());
	STRCMP_EQUAL("4.0.32.128.in-addr.arpa.",
	    abs("4.0", "32.128.in-addr.arpa.").c_str());
	STRCMP_EQUAL("localhost.", abs("localhost.", "x.").c_str());
	STRCMP_EQUAL("a.", abs("a", ".").c_str());
	STRCMP_EQUAL(".", abs(".", "example.").c_str());
	STRCMP_EQUAL("a\\.b.example.", abs("a\\.b", "example.").c_str());
	STRCMP_EQUAL("*.IL.", abs("*.IL.", "x.").c_str());
}

TEST(name_text, malformed_names_say_why)
{
	STRCMP_EQUAL("error: empty label", abs("a..b", "x.").c_str());
	STRCMP_EQUAL("error: empty label", abs("..", "x.").c_str());
	STRCMP_EQUAL("error: empty label", abs(".a", "x.").c_str());
	STRCMP_EQUAL("error: empty name", abs("", "x.").c_str());
	STRCMP_EQUAL("error: \\DDD over 255", abs("a\\256", "x.").c_str());
	STRCMP_EQUAL("error: \\DDD without three digits",
	    abs("a\\25", "x.").c_str());
	STRCMP_EQUAL("'\\' escapes nothing", check("a\\").c_str());
}

TEST(name_text, label_and_name_lengths_count_octets)
{
	std::string l63(63, 'a'), l64(64, 'a');
	STRCMP_EQUAL("ok", check(l63 + ".").c_str());
	STRCMP_EQUAL("label longer than 63 octets", check(l64 + ".").c_str());
	// An escape is one octet: 21 of them make 21, not 84.
	std::string esc;
	for (int i = 0; i < 21; i++)
		esc += "\\065";
	STRCMP_EQUAL("ok", check(esc + esc + esc + ".").c_str());
	// 4 labels of 63 (256 octets on the wire with the root) is one over.
	std::string three = l63 + "." + l63 + "." + l63 + ".";
	STRCMP_EQUAL("ok", check(three + std::string(61, 'a') + ".").c_str());
	STRCMP_EQUAL("name longer than 255 octets",
	    check(three + std::string(62, 'a') + ".").c_str());
}
