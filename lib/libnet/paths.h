// paths.h: every compiled-in default path of the suite, in one place.  The
// directories come from the build (SYSCONFDIR, LIBEXECDIR, RUNDIR in
// lib/mk/dirs.mk) so an installed program reads the files make install
// put there.  They are defined in paths.cc, the one object built with
// them: changing an install directory recompiles that file only.
#pragma once

namespace net::paths {

// SYSCONFDIR/hosts.
extern const char *const hosts;
// SYSCONFDIR/services.
extern const char *const services;
// SYSCONFDIR/protocols.
extern const char *const protocols;
// SYSCONFDIR/networks.
extern const char *const networks;
// SYSCONFDIR/hosts.equiv.
extern const char *const hosts_equiv;
// SYSCONFDIR/hosts.allow.
extern const char *const hosts_allow;
// SYSCONFDIR/hosts.deny.
extern const char *const hosts_deny;
// SYSCONFDIR/inetd.conf.
extern const char *const inetd_conf;
// RUNDIR/inetd.pid, inetd's pidfile when it detaches.
extern const char *const inetd_pid;
// SYSCONFDIR/named.boot, the name server's boot file.
extern const char *const named_boot;
// RUNDIR/named.pid, named's pidfile when it detaches.
extern const char *const named_pid;
// Where named dumps its database on SIGINT (the manual's path).
extern const char *const named_dump;
// Where named appends its statistics on SIGABRT (the manual's path).
extern const char *const named_stats;
// LIBEXECDIR, where the servers inetd starts are installed.
extern const char *const libexecdir;

} // namespace net::paths
