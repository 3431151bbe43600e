#include "libnet/dns_types.h"

#include <CppUTest/TestHarness.h>

namespace dns = net::dns;

TEST_GROUP(dns_types){};

TEST(dns_types, type_mnemonics_both_ways)
{
	const char *all[] = {"A", "NS", "MD", "MF", "CNAME", "SOA", "MB",
	    "MG", "MR", "NULL", "WKS", "PTR", "HINFO", "MINFO", "MX", "TXT",
	    "RP", "AFSDB", "AAAA", "LOC", "SRV", "NAPTR", "DNAME", "OPT",
	    "DS", "SSHFP", "RRSIG", "NSEC", "DNSKEY", "NSEC3", "NSEC3PARAM",
	    "TLSA", "SVCB", "HTTPS", "IXFR", "AXFR", "ANY", "CAA"};
	for (const char *t : all) {
		auto v = dns::type_from_text(t);
		CHECK_TEXT(v.has_value(), t);
		STRCMP_EQUAL(t, dns::type_to_text(*v).c_str());
	}
	LONGS_EQUAL(dns::rr_type::mx, *dns::type_from_text("mx"));
	LONGS_EQUAL(dns::rr_type::caa, *dns::type_from_text("CAA"));
	LONGS_EQUAL(65, *dns::type_from_text("https"));
}

TEST(dns_types, rfc3597_numbers)
{
	LONGS_EQUAL(1, *dns::type_from_text("TYPE1"));
	LONGS_EQUAL(65280, *dns::type_from_text("type65280"));
	STRCMP_EQUAL("TYPE65280", dns::type_to_text(65280).c_str());
	STRCMP_EQUAL("TYPE0", dns::type_to_text(0).c_str());
	CHECK(!dns::type_from_text("TYPE65536"));
	CHECK(!dns::type_from_text("TYPE"));
	CHECK(!dns::type_from_text("TYPE-1"));
	CHECK(!dns::type_from_text("BOGUS"));
	CHECK(!dns::type_from_text(""));
	STRCMP_EQUAL("CLASS32", dns::class_to_text(32).c_str());
	LONGS_EQUAL(32, *dns::class_from_text("class32"));
}

TEST(dns_types, classes)
{
	LONGS_EQUAL(dns::rr_class::in, *dns::class_from_text("in"));
	LONGS_EQUAL(dns::rr_class::ch, *dns::class_from_text("CHAOS"));
	LONGS_EQUAL(dns::rr_class::ch, *dns::class_from_text("CH"));
	LONGS_EQUAL(dns::rr_class::hs, *dns::class_from_text("hesiod"));
	LONGS_EQUAL(dns::rr_class::cs, *dns::class_from_text("CS"));
	LONGS_EQUAL(254, *dns::class_from_text("NONE"));
	LONGS_EQUAL(255, *dns::class_from_text("ANY"));
	STRCMP_EQUAL("HS", dns::class_to_text(4).c_str());
	CHECK(!dns::class_from_text("INN"));
}

TEST(dns_types, codes_and_kinds)
{
	STRCMP_EQUAL("NXDOMAIN", dns::rcode_to_text(3).c_str());
	STRCMP_EQUAL("BADVERS", dns::rcode_to_text(16).c_str());
	STRCMP_EQUAL("RCODE12", dns::rcode_to_text(12).c_str());
	STRCMP_EQUAL("NOTIFY", dns::opcode_to_text(4).c_str());
	STRCMP_EQUAL("OPCODE3", dns::opcode_to_text(3).c_str());
	CHECK(dns::is_meta_type(dns::rr_type::opt));
	CHECK(dns::is_meta_type(dns::rr_type::axfr));
	CHECK(!dns::is_meta_type(dns::rr_type::caa));
	CHECK(dns::is_compressible_type(dns::rr_type::mx));
	CHECK(dns::is_compressible_type(dns::rr_type::soa));
	CHECK(!dns::is_compressible_type(dns::rr_type::srv));
	CHECK(!dns::is_compressible_type(dns::rr_type::dname));
}
