.obj/server.o: server.cc server.h builtin_conn.h builtin.h \
 /work/main/lib/libnet/event_loop.h /work/main/lib/libnet/result.h \
 /work/main/lib/libnet/unique_fd.h config.h access.h \
 /work/main/lib/libnet/addr.h /work/main/lib/libnet/diag.h \
 /work/main/lib/libnet/hosts_access.h servtab.h \
 /work/main/lib/libnet/inetd_conf.h /work/main/lib/libnet/privdrop.h \
 /work/main/lib/libnet/services.h /work/main/lib/libnet/socket.h \
 limiter.h env.h /work/main/lib/libnet/log.h spawn.h
server.h:
builtin_conn.h:
builtin.h:
/work/main/lib/libnet/event_loop.h:
/work/main/lib/libnet/result.h:
/work/main/lib/libnet/unique_fd.h:
config.h:
access.h:
/work/main/lib/libnet/addr.h:
/work/main/lib/libnet/diag.h:
/work/main/lib/libnet/hosts_access.h:
servtab.h:
/work/main/lib/libnet/inetd_conf.h:
/work/main/lib/libnet/privdrop.h:
/work/main/lib/libnet/services.h:
/work/main/lib/libnet/socket.h:
limiter.h:
env.h:
/work/main/lib/libnet/log.h:
spawn.h:
