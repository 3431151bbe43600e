# lib.mk: a static library from every .cc in the directory.
#   LIB = name (builds $(OBJDIR)/lib$(LIB).a)
#   MAN = the man pages `make install` installs for it (the library itself
#         is linked into the programs, not installed)
include $(dir $(lastword $(MAKEFILE_LIST)))config.mk

SRCS ?= $(wildcard *.cc)
OBJS := $(SRCS:%.cc=$(OBJDIR)/%.o)
ARCHIVE := $(OBJDIR)/lib$(LIB).a

all: $(ARCHIVE)

$(ARCHIVE): $(OBJS)
	@$(if $(Q),echo "  AR      $(CURDIR:$(TOP)/%=%)/$@")
	$(Q)rm -f $@ && ar rcs $@ $^

install:
	$(install_man)

clean:
	rm -rf .obj .obj-san .obj-fuzz

.PHONY: all install clean
-include $(OBJS:.o=.d)
