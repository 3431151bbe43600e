.obj/access.o: access.cc access.h /work/main/lib/libnet/addr.h \
 /work/main/lib/libnet/diag.h /work/main/lib/libnet/hosts_access.h \
 /work/main/lib/libnet/text.h
access.h:
/work/main/lib/libnet/addr.h:
/work/main/lib/libnet/diag.h:
/work/main/lib/libnet/hosts_access.h:
/work/main/lib/libnet/text.h:
