#include "packet.h"

#include "libnet/text.h"
#include "libnet/wire.h"

namespace tftpd {

namespace {

request_error
illegal(std::string msg)
{
	return request_error{error_code::illegal_operation, std::move(msg)};
}

void
put16(std::uint8_t *p, std::uint16_t v)
{
	p[0] = static_cast<std::uint8_t>(v >> 8);
	p[1] = static_cast<std::uint8_t>(v);
}

void
append(std::vector<std::uint8_t> &out, std::string_view s)
{
	out.insert(out.end(), s.begin(), s.end());
	out.push_back(0);
}

} // namespace

std::variant<request, request_error>
parse_request(std::span<const std::uint8_t> pkt)
{
	net::wire_reader r(pkt);
	std::uint16_t op = r.u16();
	if (!r.ok())
		return illegal("short packet");
	if (op != static_cast<std::uint16_t>(opcode::rrq) &&
	    op != static_cast<std::uint16_t>(opcode::wrq))
		return illegal(classify(pkt) == arrival::stray
			? "not a request"
			: "unknown opcode");
	request req;
	req.op = static_cast<opcode>(op);
	std::string_view name = r.cstring();
	std::string_view mode = r.cstring();
	if (!r.ok())
		return illegal("malformed request");
	if (name.empty())
		return illegal("empty file name");
	if (name.size() > max_filename)
		return request_error{error_code::file_not_found,
		    "file name too long"};
	// RFC 1350 section 5: mode names are case-insensitive; "mail" is
	// obsolete (RFC 1350 section 1) and served by nobody.
	if (net::iequals(mode, "octet"))
		req.mode = transfer_mode::octet;
	else if (net::iequals(mode, "netascii"))
		req.mode = transfer_mode::netascii;
	else
		return illegal("unknown transfer mode");
	req.filename.assign(name);
	// RFC 2347: option name and value pairs, each NUL-terminated.
	// Some boot ROMs pad requests with NULs.
	while (r.remaining() > 0 && !r.only_zeros()) {
		std::string_view oname = r.cstring();
		std::string_view ovalue = r.cstring();
		if (!r.ok())
			return illegal("malformed option");
		if (oname.empty())
			return illegal("malformed option");
		if (req.options.size() >= max_request_options)
			continue;
		std::string lname = net::to_lower(oname);
		bool dup = false;
		for (const auto &o : req.options)
			dup = dup || o.name == lname;
		// RFC 2347 allows each option once; the first one counts.
		if (!dup)
			req.options.push_back(option{std::move(lname),
			    std::string(ovalue)});
	}
	return req;
}

arrival
classify(std::span<const std::uint8_t> pkt)
{
	net::wire_reader r(pkt);
	std::uint16_t op = r.u16();
	if (!r.ok())
		return arrival::ignored;
	switch (op) {
	case static_cast<std::uint16_t>(opcode::rrq):
	case static_cast<std::uint16_t>(opcode::wrq):
		return arrival::request;
	case static_cast<std::uint16_t>(opcode::data):
	case static_cast<std::uint16_t>(opcode::ack):
	case static_cast<std::uint16_t>(opcode::oack):
		return arrival::stray;
	default:
		// RFC 1350 section 7: an ERROR is neither acknowledged nor
		// retransmitted, so nothing answers one; and a datagram
		// that is not TFTP at all is not ours to answer.  An answer
		// to either could start an endless exchange of errors with
		// another server, or send a forged flood's answers to its
		// victim.
		return arrival::ignored;
	}
}

bool
parse_packet(std::span<const std::uint8_t> pkt, packet_view &out)
{
	net::wire_reader r(pkt);
	std::uint16_t op = r.u16();
	if (!r.ok())
		return false;
	out = packet_view{};
	switch (op) {
	case static_cast<std::uint16_t>(opcode::data):
		out.op = opcode::data;
		out.block = r.u16();
		out.payload = r.rest();
		return r.ok();
	case static_cast<std::uint16_t>(opcode::ack):
		out.op = opcode::ack;
		// Trailing bytes after an ACK are tolerated (padding).
		out.block = r.u16();
		return r.ok();
	case static_cast<std::uint16_t>(opcode::error): {
		out.op = opcode::error;
		out.code = static_cast<error_code>(r.u16());
		if (!r.ok())
			return false;
		// A missing NUL is common among small clients: the rest is
		// the message.
		auto rest = r.rest();
		std::string_view msg(reinterpret_cast<const char *>(rest.data()),
		    rest.size());
		out.message = msg.substr(0, msg.find('\0'));
		return true;
	}
	case static_cast<std::uint16_t>(opcode::rrq):
	case static_cast<std::uint16_t>(opcode::wrq):
	case static_cast<std::uint16_t>(opcode::oack):
		out.op = static_cast<opcode>(op);
		return true;
	default:
		return false;
	}
}

void
put_data_header(std::uint8_t *p, std::uint16_t block)
{
	put16(p, static_cast<std::uint16_t>(opcode::data));
	put16(p + 2, block);
}

std::size_t
put_ack(std::uint8_t *p, std::uint16_t block)
{
	put16(p, static_cast<std::uint16_t>(opcode::ack));
	put16(p + 2, block);
	return 4;
}

std::vector<std::uint8_t>
make_error(error_code code, std::string_view message)
{
	std::vector<std::uint8_t> out(4);
	put16(out.data(), static_cast<std::uint16_t>(opcode::error));
	put16(out.data() + 2, static_cast<std::uint16_t>(code));
	append(out, message.substr(0, 255));
	return out;
}

std::vector<std::uint8_t>
make_oack(const std::vector<option> &opts)
{
	std::vector<std::uint8_t> out(2);
	put16(out.data(), static_cast<std::uint16_t>(opcode::oack));
	for (const auto &o : opts) {
		append(out, o.name);
		append(out, o.value);
	}
	return out;
}

const char *
error_text(error_code code)
{
	switch (code) {
	case error_code::not_defined:
		return "Undefined error";
	case error_code::file_not_found:
		return "File not found";
	case error_code::access_violation:
		return "Access violation";
	case error_code::disk_full:
		return "Disk full or allocation exceeded";
	case error_code::illegal_operation:
		return "Illegal TFTP operation";
	case error_code::unknown_tid:
		return "Unknown transfer ID";
	case error_code::file_exists:
		return "File already exists";
	case error_code::no_such_user:
		return "No such user";
	case error_code::option_refused:
		return "Failure to negotiate RFC2347 options";
	}
	return "Undefined error";
}

const char *
mode_name(transfer_mode m)
{
	return m == transfer_mode::octet ? "octet" : "netascii";
}

} // namespace tftpd
