.obj/builtin_conn.o: builtin_conn.cc builtin_conn.h builtin.h \
 /work/main/lib/libnet/event_loop.h /work/main/lib/libnet/result.h \
 /work/main/lib/libnet/unique_fd.h
builtin_conn.h:
builtin.h:
/work/main/lib/libnet/event_loop.h:
/work/main/lib/libnet/result.h:
/work/main/lib/libnet/unique_fd.h:
