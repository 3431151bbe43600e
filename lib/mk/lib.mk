# lib.mk: a static library from every .cc in the directory.
#   LIB = name (builds $(OBJDIR)/lib$(LIB).a)
include $(dir $(lastword $(MAKEFILE_LIST)))config.mk

SRCS ?= $(wildcard *.cc)
OBJS := $(SRCS:%.cc=$(OBJDIR)/%.o)
ARCHIVE := $(OBJDIR)/lib$(LIB).a

all: $(ARCHIVE)

$(ARCHIVE): $(OBJS)
	@$(if $(Q),echo "  AR      $(CURDIR:$(TOP)/%=%)/$@")
	$(Q)rm -f $@ && ar rcs $@ $^

clean:
	rm -rf .obj .obj-san .obj-fuzz

.PHONY: all clean
-include $(OBJS:.o=.d)
