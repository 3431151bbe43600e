#include "libnet/diag.h"

namespace net {

std::string
diagnostic::str() const
{
	std::string s = origin + ":" + std::to_string(line) + ": ";
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
