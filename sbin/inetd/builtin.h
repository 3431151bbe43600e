// builtin.h: the internal services of inetd.conf(5): echo (RFC 862),
// discard (RFC 863), chargen (RFC 864), daytime (RFC 867), time (RFC 868).
// Content only here; builtin_conn.cc runs them on the event loop.
#pragma once

#include <cstddef>
#include <cstdint>
#include <ctime>
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace inetd {

enum class builtin_kind { echo, discard, chargen, daytime, time };

// The internal service with this name, if there is one.
std::optional<builtin_kind> builtin_by_name(std::string_view name);

const char *builtin_name(builtin_kind k);

// The RFC 864 pattern: lines of 72 characters, each starting one further
// along the 95 printable ASCII characters, ended by CR LF.  Appends n
// bytes to out, continuing from *pos (the offset in the endless stream).
void chargen_fill(std::string &out, std::size_t n, std::uint64_t *pos);

// RFC 867 daytime: "Sun Nov 22 10:00:00 2026\r\n" in local time.
std::string daytime_text(std::time_t now);

// RFC 868 time: seconds since 1900-01-01 00:00 UTC, 32 bits, big-endian;
// it wraps in 2036 as the RFC's 32-bit field must.
std::string time_bytes(std::time_t now);

// The UDP loop and amplification guard: true when a reply to source port
// port may be sent.  Privileged ports (where the well-known services live)
// and the ports this inetd runs internal UDP services on are refused: a
// reply to one of them is how echo/chargen storms between hosts start.
bool udp_reply_allowed(std::uint16_t port,
    const std::set<std::uint16_t> &internal_ports);

} // namespace inetd
