#include "libnet/diag.h"

namespace net {

std::string
diagnostic::str() const
{
	// Line 0 is the input as a whole (a file that cannot be read, an
	// entry it lacks): there is no line to point an editor at.
	std::string s = origin + ": ";
	if (line != 0)
		s = origin + ":" + std::to_string(line) + ": ";
	if (level == severity::warning)
		s += "warning: ";
	return s + message;
}

void
diag_sink::error(unsigned line, std::string msg)
{
	out_.push_back({origin_, line, std::move(msg), severity::error});
}

void
diag_sink::warning(unsigned line, std::string msg)
{
	out_.push_back({origin_, line, std::move(msg), severity::warning});
}

} // namespace net
