.obj/inetd.o: inetd.cc config.h access.h /work/main/lib/libnet/addr.h \
 /work/main/lib/libnet/diag.h /work/main/lib/libnet/hosts_access.h \
 servtab.h builtin.h /work/main/lib/libnet/inetd_conf.h \
 /work/main/lib/libnet/privdrop.h /work/main/lib/libnet/result.h \
 /work/main/lib/libnet/services.h /work/main/lib/libnet/socket.h \
 /work/main/lib/libnet/unique_fd.h /work/main/lib/libnet/daemon.h \
 /work/main/lib/libnet/event_loop.h /work/main/lib/libnet/log.h \
 /work/main/lib/libnet/numparse.h /work/main/lib/libnet/paths.h server.h \
 builtin_conn.h limiter.h
config.h:
access.h:
/work/main/lib/libnet/addr.h:
/work/main/lib/libnet/diag.h:
/work/main/lib/libnet/hosts_access.h:
servtab.h:
builtin.h:
/work/main/lib/libnet/inetd_conf.h:
/work/main/lib/libnet/privdrop.h:
/work/main/lib/libnet/result.h:
/work/main/lib/libnet/services.h:
/work/main/lib/libnet/socket.h:
/work/main/lib/libnet/unique_fd.h:
/work/main/lib/libnet/daemon.h:
/work/main/lib/libnet/event_loop.h:
/work/main/lib/libnet/log.h:
/work/main/lib/libnet/numparse.h:
/work/main/lib/libnet/paths.h:
server.h:
builtin_conn.h:
limiter.h:
