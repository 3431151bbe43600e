.obj/limiter.o: limiter.cc limiter.h /work/main/lib/libnet/addr.h \
 /work/main/lib/libnet/event_loop.h /work/main/lib/libnet/result.h \
 /work/main/lib/libnet/unique_fd.h
limiter.h:
/work/main/lib/libnet/addr.h:
/work/main/lib/libnet/event_loop.h:
/work/main/lib/libnet/result.h:
/work/main/lib/libnet/unique_fd.h:
