// packet.h: the TFTP wire format (RFC 1350) with option extension
// (RFC 2347).  Everything a peer sends is read through one bounds-checked
// reader; anything inconsistent rejects the whole packet.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace tftpd {

enum class opcode : std::uint16_t {
	rrq = 1,
	wrq = 2,
	data = 3,
	ack = 4,
	error = 5,
	oack = 6,
};

// RFC 1350 section 5 codes, plus 8 from RFC 2347.
enum class error_code : std::uint16_t {
	not_defined = 0,
	file_not_found = 1,
	access_violation = 2,
	disk_full = 3,
	illegal_operation = 4,
	unknown_tid = 5,
	file_exists = 6,
	no_such_user = 7,
	option_refused = 8,
};

enum class transfer_mode { netascii, octet };

// The largest DATA payload RFC 2348 allows, and the RFC 1350 default.
inline constexpr unsigned max_blksize = 65464;
inline constexpr unsigned min_blksize = 8;
inline constexpr unsigned default_blksize = 512;
// Request options kept; RFC 2347 sets no limit, so further ones are
// ignored rather than stored (a flood of options costs nothing).
inline constexpr std::size_t max_request_options = 16;
// The longest file name accepted (PATH_MAX less its NUL).
inline constexpr std::size_t max_filename = 4095;

// One option as the client sent it, name lowercased.
struct option {
	std::string name;
	std::string value;
};

// A read or write request.
struct request {
	opcode op = opcode::rrq;
	std::string filename;
	transfer_mode mode = transfer_mode::octet;
	std::vector<option> options;
};

// The ERROR a request is answered with when it cannot be served.
struct request_error {
	error_code code = error_code::not_defined;
	std::string message;
};

// A request, or the error to answer it with (opcode, structure or mode).
std::variant<request, request_error>
parse_request(std::span<const std::uint8_t> pkt);

// What a datagram to the server's port is, by its opcode alone.
enum class arrival {
	request,	// RRQ or WRQ: parse_request says more
	stray,		// DATA, ACK or OACK: no transfer to take it
	ignored,	// ERROR, an unknown opcode, or too short for one
};

// The kind of datagram pkt is; its opcode is all that is read.
arrival classify(std::span<const std::uint8_t> pkt);

// A DATA, ACK or ERROR packet seen during a transfer; views into the
// datagram, valid while it is.
struct packet_view {
	opcode op = opcode::ack;
	std::uint16_t block = 0;		// DATA and ACK
	std::span<const std::uint8_t> payload;	// DATA
	error_code code = error_code::not_defined;	// ERROR
	std::string_view message;		// ERROR, without its NUL
};

// The packet, or false when it is too short, has an unknown opcode or is
// an ERROR without its terminating NUL.  RRQ, WRQ and OACK are returned
// with only op set, for the caller to refuse.
bool parse_packet(std::span<const std::uint8_t> pkt, packet_view &out);

// Writes a DATA header for block into p[0..3].
void put_data_header(std::uint8_t *p, std::uint16_t block);

// An ACK for block into p[0..3]; returns 4.
std::size_t put_ack(std::uint8_t *p, std::uint16_t block);

// An ERROR packet (message cut to 255 bytes: it only needs to be read).
std::vector<std::uint8_t> make_error(error_code code,
    std::string_view message);

// An OACK carrying the options in order.
std::vector<std::uint8_t> make_oack(const std::vector<option> &opts);

// The RFC 1350 text for a code.
const char *error_text(error_code code);

// "netascii" or "octet".
const char *mode_name(transfer_mode m);

} // namespace tftpd
