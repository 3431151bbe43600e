// paths.h: every compiled-in default path of the suite, in one place.  The
// directories come from the build (SYSCONFDIR, LIBEXECDIR, RUNDIR in
// lib/mk/config.mk) so an installed program reads the files make install
// put there.
#pragma once

#ifndef SYSCONFDIR
#define SYSCONFDIR "/etc"
#endif
#ifndef LIBEXECDIR
#define LIBEXECDIR "/usr/local/libexec"
#endif
#ifndef RUNDIR
#define RUNDIR "/run"
#endif

namespace net::paths {

inline constexpr const char *hosts = SYSCONFDIR "/hosts";
inline constexpr const char *services = SYSCONFDIR "/services";
inline constexpr const char *protocols = SYSCONFDIR "/protocols";
inline constexpr const char *networks = SYSCONFDIR "/networks";
inline constexpr const char *hosts_equiv = SYSCONFDIR "/hosts.equiv";
inline constexpr const char *hosts_allow = SYSCONFDIR "/hosts.allow";
inline constexpr const char *hosts_deny = SYSCONFDIR "/hosts.deny";
inline constexpr const char *inetd_conf = SYSCONFDIR "/inetd.conf";
inline constexpr const char *inetd_pid = RUNDIR "/inetd.pid";
inline constexpr const char *libexecdir = LIBEXECDIR;

} // namespace net::paths
