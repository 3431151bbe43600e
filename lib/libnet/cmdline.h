// cmdline.h: what every program's main() shares: its usage message and
// the exit status of a usage error, --help, fatal start-up errors and
// number arguments.  Only main() and its option parsing call these; they
// are the one place in libnet that exits (libnet code below main never
// does).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace net {

// The exit status of a usage error in every program of the suite (that of
// iputils and of GNU tools); 1 stays the status of a start-up failure.
inline constexpr int exit_usage = 2;

// Sets the usage message: the lines of the man page's SYNOPSIS, the first
// starting "usage: ", with the trailing newline.  The text is not copied.
void set_usage(const char *text);

// With "--help" among the arguments (before any "--"), prints the usage
// message on stdout and exits 0.  Call before getopt(3).
void handle_help(int argc, char *const argv[]);

// For a server started by inetd, whose stdout and stderr are the
// client's socket: usage messages and --help go to the log (syslog)
// instead, and usage_error runs the fatal hook.
void set_stdio_is_client(bool on);

// Prints the usage message on stderr and exits with exit_usage.
[[noreturn]] void usage_error();

// Runs before a fatal() exits (tftpd tells the client it served from inetd
// why it gets nothing); null for none.
void set_fatal_hook(void (*hook)());

// The exit status of fatal(): 1 unless a program's manual says other
// (ping's is 2, as iputils has it: 1 means no reply).
void set_fatal_status(int status);

// Logs the message (log_err) and exits with the fatal status: a start-up
// failure.
[[noreturn]] void fatal(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));
[[noreturn]] void fatal(const std::string &msg);

// The number of a command-line argument in [min, max], or a fatal error
// "invalid WHAT: 'ARG' (from MIN to MAX)" (the hook runs, and the status
// is exit_usage: it is the command line that is wrong).
std::uint64_t number_arg(std::string_view what, std::string_view arg,
    std::uint64_t min, std::uint64_t max);

} // namespace net
