// log.h: the suite's logger.  stderr until a daemon detaches (or always with
// -d), syslog after.  Messages are lowercase "object: problem"; anything that
// came from a peer goes through printable() first.
#pragma once

#include <string>
#include <string_view>

#include "libnet/text.h"

namespace net {

enum class log_level { err, warning, notice, info, debug };

struct log_options {
	std::string ident;		// program name in every line
	int facility = 0;		// syslog facility, LOG_DAEMON if 0
	bool to_stderr = true;		// false: syslog
	bool debug = false;		// log_debug() lines are shown
};

// Sets up the logger; call again to switch from stderr to syslog.
void log_init(const log_options &opts);

// Switches debug lines on or off.
void log_set_debug(bool on);

// True when log_debug() output is shown.
bool log_debug_enabled();

void log_msg(log_level lvl, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void log_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_notice(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));


} // namespace net
