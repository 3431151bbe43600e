#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "packet.h"

#include <CppUTest/TestHarness.h>

using namespace tftpd;

namespace {

std::vector<std::uint8_t>
bytes(std::string_view s)
{
	return std::vector<std::uint8_t>(s.begin(), s.end());
}

// RRQ/WRQ bytes: opcode, then each string with its NUL.
std::vector<std::uint8_t>
req(std::uint16_t op, std::initializer_list<std::string_view> strs)
{
	std::vector<std::uint8_t> out{static_cast<std::uint8_t>(op >> 8),
	    static_cast<std::uint8_t>(op)};
	for (auto s : strs) {
		out.insert(out.end(), s.begin(), s.end());
		out.push_back(0);
	}
	return out;
}

request_error
err_of(const std::vector<std::uint8_t> &b)
{
	auto r = parse_request(b);
	CHECK_TRUE(std::holds_alternative<request_error>(r));
	return std::get<request_error>(r);
}

request
req_of(const std::vector<std::uint8_t> &b)
{
	auto r = parse_request(b);
	CHECK_TRUE(std::holds_alternative<request>(r));
	return std::get<request>(r);
}

} // namespace

TEST_GROUP(packet){};

TEST(packet, read_and_write_requests)
{
	auto r = req_of(req(1, {"dir/file.bin", "octet"}));
	CHECK(r.op == opcode::rrq);
	STRCMP_EQUAL("dir/file.bin", r.filename.c_str());
	CHECK(r.mode == transfer_mode::octet);
	CHECK(r.options.empty());
	auto w = req_of(req(2, {"f", "NetASCII"}));
	CHECK(w.op == opcode::wrq);
	CHECK(w.mode == transfer_mode::netascii);
	CHECK(req_of(req(1, {"f", "OCTET"})).mode == transfer_mode::octet);
}

TEST(packet, options_lowercased_first_kept)
{
	auto r = req_of(req(1, {"f", "octet", "BlkSize", "1428", "tsize", "0",
	    "blksize", "8", "x-unknown", "1"}));
	LONGS_EQUAL(3, r.options.size());
	STRCMP_EQUAL("blksize", r.options[0].name.c_str());
	STRCMP_EQUAL("1428", r.options[0].value.c_str());
	STRCMP_EQUAL("tsize", r.options[1].name.c_str());
	STRCMP_EQUAL("x-unknown", r.options[2].name.c_str());
}

TEST(packet, nul_padding_after_request_is_ignored)
{
	auto b = req(1, {"f", "octet"});
	b.insert(b.end(), 20, 0);
	CHECK(req_of(b).options.empty());
	auto c = req(1, {"f", "octet", "blksize", "512"});
	c.insert(c.end(), 3, 0);
	LONGS_EQUAL(1, req_of(c).options.size());
}

TEST(packet, option_flood_is_bounded)
{
	std::vector<std::string> names;
	auto b = req(1, {"f", "octet"});
	for (int i = 0; i < 300; i++) {
		std::string n = "opt" + std::to_string(i);
		b.insert(b.end(), n.begin(), n.end());
		b.push_back(0);
		b.push_back('1');
		b.push_back(0);
	}
	LONGS_EQUAL(max_request_options, req_of(b).options.size());
}

TEST(packet, unknown_modes_are_error_4)
{
	// FreeBSD's unknown_modes case.
	for (auto m : {"ascii", "binary", "mail", "en_US.UTF-8", ""}) {
		auto e = err_of(req(1, {"f", m}));
		LONGS_EQUAL(4, static_cast<int>(e.code));
	}
}

TEST(packet, unknown_opcodes_are_error_4)
{
	for (std::uint16_t op : {0, 3, 4, 5, 6, 7, 0xffff}) {
		auto e = err_of(req(op, {"foo.txt", "octet"}));
		LONGS_EQUAL(4, static_cast<int>(e.code));
	}
}

TEST(packet, only_requests_and_strays_are_answerable)
{
	// By the opcode alone, whatever follows it.
	CHECK(classify(req(1, {"f", "octet"})) == arrival::request);
	CHECK(classify(req(2, {"f", "bogus"})) == arrival::request);
	CHECK(classify(bytes(std::string("\0\1", 2))) == arrival::request);
	for (std::uint16_t op : {3, 4, 6})
		CHECK(classify(req(op, {"x"})) == arrival::stray);
	CHECK(classify(bytes(std::string("\0\4", 2))) == arrival::stray);
	// RFC 1350: an ERROR is never answered; nor is what is no TFTP.
	for (std::uint16_t op : {0, 5, 7, 0x0100, 0x0500, 0xffff})
		CHECK(classify(req(op, {"x"})) == arrival::ignored);
	CHECK(classify(bytes(std::string("\0\5", 2))) == arrival::ignored);
	CHECK(classify({}) == arrival::ignored);
	CHECK(classify(bytes(std::string("\0", 1))) == arrival::ignored);
	// What parse_request tells a stray.
	STRCMP_EQUAL("not a request",
	    err_of(req(3, {"foo.txt", "octet"})).message.c_str());
	STRCMP_EQUAL("unknown opcode",
	    err_of(req(7, {"foo.txt", "octet"})).message.c_str());
}

TEST(packet, malformed_requests)
{
	LONGS_EQUAL(4, static_cast<int>(err_of({}).code));
	LONGS_EQUAL(4, static_cast<int>(err_of({0}).code));
	LONGS_EQUAL(4, static_cast<int>(err_of({0, 1}).code));
	LONGS_EQUAL(4, static_cast<int>(
	    err_of(bytes(std::string("\0\1f", 3))).code));
	LONGS_EQUAL(4, static_cast<int>(
	    err_of(bytes(std::string("\0\1f\0octet", 9))).code));
	LONGS_EQUAL(4, static_cast<int>(err_of(req(1, {"", "octet"})).code));
	// An option name without a value, or a value without its NUL.
	auto b = req(1, {"f", "octet", "blksize"});
	LONGS_EQUAL(4, static_cast<int>(err_of(b).code));
	b.push_back('8');
	LONGS_EQUAL(4, static_cast<int>(err_of(b).code));
	std::string longname(max_filename + 1, 'a');
	LONGS_EQUAL(1, static_cast<int>(
	    err_of(req(1, {longname, "octet"})).code));
	std::string okname(max_filename, 'a');
	req_of(req(1, {okname, "octet"}));
}

TEST(packet, every_truncation_of_a_request_is_refused_cleanly)
{
	auto full = req(1, {"some/file", "netascii", "blksize", "1428",
	    "windowsize", "16"});
	// Cut anywhere, it is an error, or (cut after a whole option pair)
	// a request with fewer options.
	for (std::size_t n = 0; n < full.size(); n++) {
		std::vector<std::uint8_t> cut(full.begin(), full.begin() + n);
		auto r = parse_request(cut);
		if (auto *q = std::get_if<request>(&r))
			CHECK(q->options.size() < 2);
	}
	LONGS_EQUAL(2, req_of(full).options.size());
}

TEST(packet, transfer_packets)
{
	packet_view pv;
	std::vector<std::uint8_t> ack{0, 4, 0x12, 0x34};
	CHECK(parse_packet(ack, pv));
	CHECK(pv.op == opcode::ack);
	LONGS_EQUAL(0x1234, pv.block);
	std::vector<std::uint8_t> data{0, 3, 0xff, 0xff, 'a', 'b'};
	CHECK(parse_packet(data, pv));
	CHECK(pv.op == opcode::data);
	LONGS_EQUAL(0xffff, pv.block);
	LONGS_EQUAL(2, pv.payload.size());
	std::vector<std::uint8_t> empty_data{0, 3, 0, 1};
	CHECK(parse_packet(empty_data, pv));
	LONGS_EQUAL(0, pv.payload.size());
	auto err = make_error(error_code::disk_full, "full");
	CHECK(parse_packet(err, pv));
	CHECK(pv.op == opcode::error);
	CHECK(pv.code == error_code::disk_full);
	CHECK(pv.message == "full");
	std::vector<std::uint8_t> err_nonul{0, 5, 0, 1, 'x', 'y'};
	CHECK(parse_packet(err_nonul, pv));
	CHECK(pv.message == "xy");
	std::vector<std::uint8_t> bad[] = {{}, {0}, {0, 4}, {0, 4, 1},
	    {0, 3, 1}, {0, 5, 0}, {0, 9, 0, 0}, {0, 0, 0, 0}};
	for (const auto &b : bad)
		CHECK_FALSE(parse_packet(b, pv));
	std::vector<std::uint8_t> rrq{0, 1, 'f', 0};
	CHECK(parse_packet(rrq, pv));
	CHECK(pv.op == opcode::rrq);
}

TEST(packet, builders)
{
	std::uint8_t b[4];
	LONGS_EQUAL(4, put_ack(b, 0xabcd));
	MEMCMP_EQUAL("\0\4\xab\xcd", b, 4);
	put_data_header(b, 7);
	MEMCMP_EQUAL("\0\3\0\7", b, 4);
	auto e = make_error(error_code::file_not_found, "File not found");
	LONGS_EQUAL(4 + 14 + 1, e.size());
	MEMCMP_EQUAL("\0\5\0\1File not found\0", e.data(), e.size());
	auto longer = make_error(error_code::not_defined,
	    std::string(1000, 'x'));
	LONGS_EQUAL(4 + 255 + 1, longer.size());
	auto o = make_oack({{"blksize", "1428"}, {"tsize", "2048"}});
	static const char raw[] = "\0\6blksize\0" "1428\0tsize\0" "2048";
	std::string want(raw, sizeof raw);
	LONGS_EQUAL(want.size(), o.size());
	MEMCMP_EQUAL(want.data(), o.data(), o.size());
	STRCMP_EQUAL("octet", mode_name(transfer_mode::octet));
	STRCMP_EQUAL("Access violation",
	    error_text(error_code::access_violation));
}
