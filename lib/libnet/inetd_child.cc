#include "libnet/inetd_child.h"

#include <sys/socket.h>
#include <sys/stat.h>

#include "libnet/cmdline.h"
#include "libnet/log.h"
#include "libnet/socket.h"

namespace net {

bool
started_by_inetd()
{
	struct stat st;
	return fstat(0, &st) == 0 && S_ISSOCK(st.st_mode);
}

result<inetd_connection>
inetd_connection_info()
{
	if (!started_by_inetd())
		return fail(ENOTSOCK, "fd 0");
	inetd_connection c;
	socklen_t len = sizeof c.type;
	if (getsockopt(0, SOL_SOCKET, SO_TYPE, &c.type, &len) != 0)
		return fail("fd 0: SO_TYPE");
	if (auto l = local_endpoint(0))
		c.local = *l;
	if (c.type == SOCK_STREAM)
		if (auto p = peer_endpoint(0))
			c.peer = *p;
	return c;
}

void
serve_from_inetd(const char *ident, int facility, void (*tell)())
{
	log_init({ident, facility, false, false});
	set_stdio_is_client(true);
	set_fatal_hook(tell);
}

bool
farewell(std::string_view text)
{
	ssize_t n = send(0, text.data(), text.size(),
	    MSG_NOSIGNAL | MSG_DONTWAIT);
	return n == static_cast<ssize_t>(text.size());
}

} // namespace net
