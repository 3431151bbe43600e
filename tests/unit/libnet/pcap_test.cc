#include <sstream>
#include <string>
#include <vector>

#include "libnet/pcap.h"

#include "hex.h"

#include <CppUTest/TestHarness.h>

namespace {

std::string
str(const std::vector<std::uint8_t> &b)
{
	return std::string(b.begin(), b.end());
}

} // namespace

TEST_GROUP(pcap){};

TEST(pcap, write_then_read_back)
{
	std::ostringstream out;
	auto w = net::pcap_writer::open(out, net::linktype::ethernet, true, 64);
	CHECK(w.ok());
	auto a = from_hex("ffffffffffff 020000000001 0806");
	std::vector<std::uint8_t> big(100, 0x11);
	CHECK(w->write(1700000000, 123456789, a).ok());
	CHECK(w->write(1700000001, 5, big).ok());
	std::istringstream in(out.str());
	auto r = net::pcap_reader::open(in, "mem");
	CHECK(r.ok());
	LONGS_EQUAL(net::linktype::ethernet, r->header().linktype);
	CHECK(r->header().nanosecond);
	LONGS_EQUAL(64, r->header().snaplen);
	net::pcap_record rec;
	auto n = r->next(rec);
	CHECK(n.ok() && *n);
	CHECK(rec.data == a);
	LONGS_EQUAL(123456789, rec.nsec);
	n = r->next(rec);
	CHECK(n.ok() && *n);
	LONGS_EQUAL(64, rec.data.size());	// cut at the snap length
	LONGS_EQUAL(100, rec.orig_len);
	n = r->next(rec);
	CHECK(n.ok() && !*n);
}

TEST(pcap, reads_microsecond_files_of_either_byte_order)
{
	// Big-endian microsecond file, linktype raw, one 4-byte record.
	auto be = from_hex("a1b2c3d4 0002 0004 00000000 00000000 0000ffff "
			   "00000065 "
			   "00000001 000f4240 00000004 00000004 45000014");
	// The fraction 1000000 us is out of range: fix it to 999999.
	be[24 + 7] = 0x3f;
	be[24 + 6] = 0x42;
	be[24 + 5] = 0x0f;
	std::istringstream in(str(be));
	auto r = net::pcap_reader::open(in, "be");
	CHECK_TEXT(r.ok(), r.ok() ? "" : r.err().message().c_str());
	CHECK_FALSE(r->header().nanosecond);
	LONGS_EQUAL(net::linktype::raw, r->header().linktype);
	net::pcap_record rec;
	auto n = r->next(rec);
	CHECK_TEXT(n.ok(), n.ok() ? "" : n.err().message().c_str());
	LONGS_EQUAL(999999000, rec.nsec);
	LONGS_EQUAL(4, rec.data.size());

	auto le = from_hex("d4c3b2a1 0200 0400 00000000 00000000 ffff0000 "
			   "01000000");
	std::istringstream in2(str(le));
	auto r2 = net::pcap_reader::open(in2, "le");
	CHECK(r2.ok());
	LONGS_EQUAL(net::linktype::ethernet, r2->header().linktype);
	auto end = r2->next(rec);
	CHECK(end.ok() && !*end);
}

TEST(pcap, rejects_hostile_files)
{
	const char *bad_headers[] = {
	    "",
	    "a1b2c3",
	    "00000000 0002 0004 00000000 00000000 0000ffff 00000001",
	    "a1b2c3d4 0001 0000 00000000 00000000 0000ffff 00000001",
	    "a1b2c3d4 0002 0004 00000000 00000000 0000ffff 0000",
	};
	for (const char *s : bad_headers) {
		std::istringstream in(str(from_hex(s)));
		CHECK_TEXT(!net::pcap_reader::open(in, "x").ok(), s);
	}
	const std::string hdr = "a1b2c3d4 0002 0004 00000000 00000000 "
				"00000010 00000001 ";
	struct {
		const char *rec;
		const char *why;
	} bad_records[] = {
	    {"00000001 00000000 0000", "truncated record header"},
	    {"00000001 000f4240 00000004 00000004 01020304", "fraction"},
	    {"00000001 00000000 00000011 00000011 " "00", "snap length"},
	    {"00000001 00000000 00000004 00000002 01020304", "original"},
	    {"00000001 00000000 00000004 00000004 0102",
		"truncated record data"},
	    {"00000001 00000000 ffffffff ffffffff", "snap length"},
	};
	for (const auto &b : bad_records) {
		std::istringstream in(str(from_hex(hdr + b.rec)));
		auto r = net::pcap_reader::open(in, "x");
		CHECK(r.ok());
		net::pcap_record rec;
		auto n = r->next(rec);
		CHECK_TEXT(!n.ok(), b.rec);
		STRCMP_CONTAINS(b.why, n.err().message().c_str());
		STRCMP_CONTAINS("x: record 1:", n.err().message().c_str());
	}
}

TEST(pcap, fcs_bits_are_not_part_of_the_link_type)
{
	auto h = from_hex("a1b2c3d4 0002 0004 00000000 00000000 0000ffff "
			  "14000001");
	auto d = net::decode_pcap_header(h);
	CHECK(d.ok());
	LONGS_EQUAL(net::linktype::ethernet, d->linktype);
}
