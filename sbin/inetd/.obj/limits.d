.obj/limits.o: limits.cc limits.h /work/main/lib/libnet/addr.h \
 /work/main/lib/libnet/event_loop.h /work/main/lib/libnet/result.h \
 /work/main/lib/libnet/unique_fd.h
limits.h:
/work/main/lib/libnet/addr.h:
/work/main/lib/libnet/event_loop.h:
/work/main/lib/libnet/result.h:
/work/main/lib/libnet/unique_fd.h:
