#include "libnet/paths.h"

// lib/libnet/Makefile passes the install directories to this file only.
#ifndef SYSCONFDIR
#error "SYSCONFDIR is not set (lib/libnet/Makefile passes it)"
#endif
#ifndef LIBEXECDIR
#error "LIBEXECDIR is not set (lib/libnet/Makefile passes it)"
#endif
#ifndef RUNDIR
#error "RUNDIR is not set (lib/libnet/Makefile passes it)"
#endif

namespace net::paths {

const char *const hosts = SYSCONFDIR "/hosts";
const char *const services = SYSCONFDIR "/services";
const char *const protocols = SYSCONFDIR "/protocols";
const char *const networks = SYSCONFDIR "/networks";
const char *const hosts_equiv = SYSCONFDIR "/hosts.equiv";
const char *const hosts_allow = SYSCONFDIR "/hosts.allow";
const char *const hosts_deny = SYSCONFDIR "/hosts.deny";
const char *const inetd_conf = SYSCONFDIR "/inetd.conf";
const char *const inetd_pid = RUNDIR "/inetd.pid";
const char *const named_boot = SYSCONFDIR "/named.boot";
const char *const named_pid = RUNDIR "/named.pid";
const char *const named_dump = "/var/tmp/named_dump.db";
const char *const named_stats = "/var/tmp/named.stats";
const char *const libexecdir = LIBEXECDIR;

} // namespace net::paths
