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
			std::fputs(usage_text, stdout);
			std::exit(std::fflush(stdout) == 0 ? 0 : 1);
		}
	}
}

void
usage_error()
{
	std::fputs(usage_text, stderr);
	std::exit(exit_usage);
}

void
set_fatal_hook(void (*hook)())
{
	fatal_hook = hook;
}

void
fatal(const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	std::vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	log_err("%s", buf);
	if (fatal_hook != nullptr) {
		auto hook = fatal_hook;
		fatal_hook = nullptr;	// a fatal() inside the hook ends here
		hook();
	}
	std::exit(1);
}

std::uint64_t
number_arg(std::string_view what, std::string_view arg, std::uint64_t min,
    std::uint64_t max)
{
	auto n = parse_arg_number(what, arg, min, max);
	if (!n) {
		log_err("%s", n.err().message().c_str());
		std::exit(exit_usage);
	}
	return *n;
}

} // namespace net
