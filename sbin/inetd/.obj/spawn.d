.obj/spawn.o: spawn.cc spawn.h /work/main/lib/libnet/privdrop.h \
 /work/main/lib/libnet/result.h /work/main/lib/libnet/unique_fd.h \
 /work/main/lib/libnet/event_loop.h
spawn.h:
/work/main/lib/libnet/privdrop.h:
/work/main/lib/libnet/result.h:
/work/main/lib/libnet/unique_fd.h:
/work/main/lib/libnet/event_loop.h:
