.obj/builtin.o: builtin.cc builtin.h
builtin.h:
