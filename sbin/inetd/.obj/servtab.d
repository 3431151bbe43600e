.obj/servtab.o: servtab.cc servtab.h builtin.h \
 /work/main/lib/libnet/addr.h /work/main/lib/libnet/diag.h \
 /work/main/lib/libnet/inetd_conf.h /work/main/lib/libnet/privdrop.h \
 /work/main/lib/libnet/result.h /work/main/lib/libnet/services.h \
 /work/main/lib/libnet/socket.h /work/main/lib/libnet/unique_fd.h \
 /work/main/lib/libnet/numparse.h
servtab.h:
builtin.h:
/work/main/lib/libnet/addr.h:
/work/main/lib/libnet/diag.h:
/work/main/lib/libnet/inetd_conf.h:
/work/main/lib/libnet/privdrop.h:
/work/main/lib/libnet/result.h:
/work/main/lib/libnet/services.h:
/work/main/lib/libnet/socket.h:
/work/main/lib/libnet/unique_fd.h:
/work/main/lib/libnet/numparse.h:
