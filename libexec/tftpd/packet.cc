#include "packet.h"

#include "libnet/text.h"

namespace tftpd {

namespace {

// The one way a packet's bytes are read: every access is checked.
class reader {
public:
	explicit reader(std::span<const std::uint8_t> b) : buf_(b) {}

	bool
	u16(std::uint16_t &v)
	{
		if (buf_.size() - pos_ < 2)
			return false;
		v = static_cast<std::uint16_t>(buf_[pos_] << 8 |
		    buf_[pos_ + 1]);
		pos_ += 2;
		return true;
	}

	// A NUL-terminated string; false when no NUL is left.
	bool
	cstring(std::string_view &s)
	{
		for (std::size_t i = pos_; i < buf_.size(); i++) {
			if (buf_[i] == 0) {
				auto *b = reinterpret_cast<const char *>(
				    buf_.data());
				s = std::string_view(b + pos_, i - pos_);
				pos_ = i + 1;
				return true;
			}
		}
		return false;
	}

	std::span<const std::uint8_t>
	rest()
	{
		auto r = buf_.subspan(pos_);
		pos_ = buf_.size();
		return r;
	}

	std::size_t remaining() const { return buf_.size() - pos_; }

	// True when only NUL padding is left (some boot ROMs pad requests).
	bool
	only_padding() const
	{
		for (std::size_t i = pos_; i < buf_.size(); i++)
			if (buf_[i] != 0)
				return false;
		return true;
	}

private:
	std::span<const std::uint8_t> buf_;
	std::size_t pos_ = 0;
};

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
	reader r(pkt);
	std::uint16_t op;
	if (!r.u16(op))
		return illegal("short packet");
	if (op != static_cast<std::uint16_t>(opcode::rrq) &&
	    op != static_cast<std::uint16_t>(opcode::wrq))
		return illegal(classify(pkt) == arrival::stray
			? "not a request"
			: "unknown opcode");
	request req;
	req.op = static_cast<opcode>(op);
	std::string_view name, mode;
	if (!r.cstring(name) || !r.cstring(mode))
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
	while (r.remaining() > 0 && !r.only_padding()) {
		std::string_view oname, ovalue;
		if (!r.cstring(oname) || !r.cstring(ovalue))
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
	reader r(pkt);
	std::uint16_t op;
	if (!r.u16(op))
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
	reader r(pkt);
	std::uint16_t op;
	if (!r.u16(op))
		return false;
	out = packet_view{};
	switch (op) {
	case static_cast<std::uint16_t>(opcode::data):
		out.op = opcode::data;
		if (!r.u16(out.block))
			return false;
		out.payload = r.rest();
		return true;
	case static_cast<std::uint16_t>(opcode::ack):
		out.op = opcode::ack;
		// Trailing bytes after an ACK are tolerated (padding).
		return r.u16(out.block);
	case static_cast<std::uint16_t>(opcode::error): {
		out.op = opcode::error;
		std::uint16_t code;
		if (!r.u16(code))
			return false;
		out.code = static_cast<error_code>(code);
		// A missing NUL is common among small clients: the rest is
		// the message.
		std::string_view msg;
		if (r.cstring(msg)) {
			out.message = msg;
		} else {
			auto rest = r.rest();
			out.message = std::string_view(
			    reinterpret_cast<const char *>(rest.data()),
			    rest.size());
		}
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
