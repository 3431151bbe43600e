#include "libnet/log.h"

#include <syslog.h>

#include <cerrno>
#include <cstdarg>
#include <cstdio>

namespace net {

namespace {

log_options opts_{"libnet", LOG_DAEMON, true, false};
bool syslog_open_ = false;

int
syslog_priority(log_level lvl)
{
	switch (lvl) {
	case log_level::err:
		return LOG_ERR;
	case log_level::warning:
		return LOG_WARNING;
	case log_level::notice:
		return LOG_NOTICE;
	case log_level::info:
		return LOG_INFO;
	case log_level::debug:
		break;
	}
	return LOG_DEBUG;
}

void
vlog(log_level lvl, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

void
vlog(log_level lvl, const char *fmt, va_list ap)
{
	if (lvl == log_level::debug && !opts_.debug)
		return;
	int saved = errno;
	if (opts_.to_stderr) {
		char line[2048];
		int n = std::vsnprintf(line, sizeof line, fmt, ap);
		if (n < 0)
			line[0] = '\0';
		std::fprintf(stderr, "%s: %s\n", opts_.ident.c_str(), line);
	} else {
		vsyslog(syslog_priority(lvl), fmt, ap);
	}
	errno = saved;
}

} // namespace

void
log_init(const log_options &opts)
{
	opts_ = opts;
	if (opts_.facility == 0)
		opts_.facility = LOG_DAEMON;
	if (syslog_open_) {
		closelog();
		syslog_open_ = false;
	}
	if (!opts_.to_stderr) {
		// LOG_NDELAY: the socket is opened now, before any chroot or
		// privilege drop could make /dev/log unreachable.
		openlog(opts_.ident.c_str(), LOG_PID | LOG_NDELAY, opts_.facility);
		syslog_open_ = true;
	}
}

void
log_set_debug(bool on)
{
	opts_.debug = on;
}

bool
log_debug_enabled()
{
	return opts_.debug;
}

#define NET_LOG_BODY(lvl)            \
	va_list ap;                  \
	va_start(ap, fmt);           \
	vlog(lvl, fmt, ap);          \
	va_end(ap)

void
log_msg(log_level lvl, const char *fmt, ...)
{
	NET_LOG_BODY(lvl);
}

void
log_err(const char *fmt, ...)
{
	NET_LOG_BODY(log_level::err);
}

void
log_warn(const char *fmt, ...)
{
	NET_LOG_BODY(log_level::warning);
}

void
log_notice(const char *fmt, ...)
{
	NET_LOG_BODY(log_level::notice);
}

void
log_info(const char *fmt, ...)
{
	NET_LOG_BODY(log_level::info);
}

void
log_debug(const char *fmt, ...)
{
	NET_LOG_BODY(log_level::debug);
}

} // namespace net
