# prog.mk: one program.
#   PROG    program name; the binary is left at ./$(PROG)
#   SRCS    sources; $(PROG).cc holds main(), the rest is archived in
#           $(OBJDIR)/lib$(PROG).a so unit tests can link it
#   MAN     its man pages, by path under man/ (man8/inetd.8), installed
#           with it into MANDIR
#   INSTALL_DIR  where `make install` puts it: $(BINDIR), $(SBINDIR) or
#           $(LIBEXECDIR).  Not named BINDIR: that is the user-command
#           directory of the install layout, and a BINDIR= on the command
#           line would override every program's choice.
#   LDLIBS  extra libraries
#   TLS     yes: the program uses TLS; built with NET_WITH_OPENSSL=1 and
#           linked with OpenSSL unless make WITH_OPENSSL=no (config.mk)
#   POST_INSTALL  shell commands run after the program is installed
include $(dir $(lastword $(MAKEFILE_LIST)))config.mk

SRCS ?= $(wildcard *.cc)
MAIN_OBJ := $(OBJDIR)/$(PROG).o
LIB_OBJS := $(filter-out $(MAIN_OBJ),$(SRCS:%.cc=$(OBJDIR)/%.o))
ARCHIVE := $(OBJDIR)/lib$(PROG).a
INSTALL_DIR ?= $(BINDIR)

all: $(PROG)

$(ARCHIVE): $(LIB_OBJS)
	@$(if $(Q),echo "  AR      $(CURDIR:$(TOP)/%=%)/$@")
	$(Q)rm -f $@ && ar rcs $@ $^

lib: $(ARCHIVE)

$(PROG): $(MAIN_OBJ) $(ARCHIVE) $(LIBNET) $(BUILD_STAMP)
	@$(if $(Q),echo "  LD      $(CURDIR:$(TOP)/%=%)/$@")
	$(Q)$(CXX) $(LDFLAGS) -o $@ $(MAIN_OBJ) $(ARCHIVE) $(LIBNET) $(LDLIBS) \
		$(if $(filter yes,$(TLS)),$(SSL_LIBS))

install: $(PROG)
	install -d $(DESTDIR)$(INSTALL_DIR)
	install -m $(or $(MODE),755) $(PROG) $(DESTDIR)$(INSTALL_DIR)/$(PROG)
	$(POST_INSTALL)
	$(install_man)

clean:
	rm -rf .obj .obj-san .obj-fuzz $(PROG)

.PHONY: all lib install clean
-include $(MAIN_OBJ:.o=.d) $(LIB_OBJS:.o=.d)
