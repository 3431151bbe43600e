#include "env.h"

#include <cstdlib>

namespace inetd {

namespace {

// A sanitizer build (make SANITIZE=1, for tests only) hands its
// sanitizers' settings on, so that a server under inetd writes its
// reports where the test harness looks (ASAN_OPTIONS=log_path=...)
// instead of onto the client's socket.
void
keep_sanitizer_options(std::vector<std::string> &env)
{
#if defined(__SANITIZE_ADDRESS__)
	for (const char *name : {"ASAN_OPTIONS", "UBSAN_OPTIONS",
		 "LSAN_OPTIONS"})
		if (const char *v = std::getenv(name))
			env.push_back(std::string(name) + "=" + v);
#else
	(void)env;
#endif
}

} // namespace

std::vector<std::string>
child_environment(const net::user_info &user,
    const std::optional<peer_info> &peer, const char *tz)
{
	std::vector<std::string> env;
	env.push_back("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:"
		      "/usr/bin:/sbin:/bin");
	env.push_back("HOME=" + (user.home.empty() ? "/" : user.home));
	env.push_back("USER=" + user.name);
	env.push_back("LOGNAME=" + user.name);
	if (!user.shell.empty())
		env.push_back("SHELL=" + user.shell);
	if (tz != nullptr && *tz != '\0')
		env.push_back(std::string("TZ=") + tz);
	keep_sanitizer_options(env);
	if (!peer)
		return env;
	net::address remote = peer->remote.addr.unmapped();
	net::address local = peer->local.addr.unmapped();
	std::string rport = std::to_string(peer->remote.port);
	std::string lport = std::to_string(peer->local.port);
	env.push_back("REMOTE_ADDR=" + remote.str());
	env.push_back("REMOTE_PORT=" + rport);
	// ucspi names the variables after PROTO: TCPREMOTEIP for TCP,
	// UDPREMOTEIP for UDP.
	std::string proto = peer->udp ? "UDP" : "TCP";
	env.push_back("PROTO=" + proto + (remote.is_v6() ? "6" : ""));
	env.push_back(proto + "REMOTEIP=" + remote.str());
	env.push_back(proto + "REMOTEPORT=" + rport);
	env.push_back(proto + "LOCALIP=" + local.str());
	env.push_back(proto + "LOCALPORT=" + lport);
	return env;
}

} // namespace inetd
