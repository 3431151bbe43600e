.obj/env.o: env.cc env.h /work/main/lib/libnet/addr.h \
 /work/main/lib/libnet/privdrop.h /work/main/lib/libnet/result.h
env.h:
/work/main/lib/libnet/addr.h:
/work/main/lib/libnet/privdrop.h:
/work/main/lib/libnet/result.h:
