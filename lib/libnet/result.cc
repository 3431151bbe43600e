#include "libnet/result.h"

#include <cstring>

namespace net {

std::string
error::message() const
{
	if (code == 0)
		return context;
	return context + ": " + std::strerror(code);
}

error
last_error(std::string context)
{
	return error{errno, std::move(context)};
}

} // namespace net
