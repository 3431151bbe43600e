#include "libnet/cmdline.h"

#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "libnet/log.h"
#include "libnet/numparse.h"

namespace net {

namespace {

const char *usage_text = "usage: (no usage message set)\n";
void (*fatal_hook)() = nullptr;
int fatal_status = 1;
bool stdio_is_client = false;

[[noreturn]] void
end(const std::string &msg, int status)
{
	log_err("%s", msg.c_str());
	if (fatal_hook != nullptr) {
		auto hook = fatal_hook;
		fatal_hook = nullptr;	// a fatal() inside the hook ends here
		hook();
	}
	std::exit(status);
}

// The usage message as one line, for the log.
std::string
usage_line()
{
	std::string s;
	bool space = false;
	for (const char *p = usage_text; *p != '\0'; p++) {
		if (*p == ' ' || *p == '\n' || *p == '\t') {
			space = !s.empty();
			continue;
		}
		if (space)
			s += ' ';
		space = false;
		s += *p;
	}
	return s;
}

} // namespace

void
set_usage(const char *text)
{
	usage_text = text;
}

void
handle_help(int argc, char *const argv[])
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (std::strcmp(a, "--") == 0)
			return;
		if (std::strcmp(a, "--help") == 0) {
			if (stdio_is_client)
				end(usage_line(), exit_usage);
			std::fputs(usage_text, stdout);
			std::exit(std::fflush(stdout) == 0 ? 0 : 1);
		}
	}
}

void
set_stdio_is_client(bool on)
{
	stdio_is_client = on;
}

void
usage_error()
{
	if (stdio_is_client)
		end(usage_line(), exit_usage);
	std::fputs(usage_text, stderr);
	std::exit(exit_usage);
}

void
set_fatal_hook(void (*hook)())
{
	fatal_hook = hook;
}

void
set_fatal_status(int status)
{
	fatal_status = status;
}

void
fatal(const std::string &msg)
{
	end(msg, fatal_status);
}

void
fatal(const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	std::vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	fatal(std::string(buf));
}

std::uint64_t
number_arg(std::string_view what, std::string_view arg, std::uint64_t min,
    std::uint64_t max)
{
	auto n = parse_arg_number(what, arg, min, max);
	if (!n)
		end(n.err().message(), exit_usage);
	return *n;
}

} // namespace net
