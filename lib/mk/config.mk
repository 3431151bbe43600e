# config.mk: build configuration shared by every Makefile in the tree.
#
# Switches (command line or environment):
#   WERROR=1        warnings are errors (CI)
#   SANITIZE=1      AddressSanitizer + UndefinedBehaviorSanitizer build
#   WITH_OPENSSL=no build without TLS (see TLS_DEFS below)
#   PREFIX DESTDIR BINDIR SBINDIR LIBEXECDIR MANDIR SYSCONFDIR  install layout
#
# Each kind of build keeps its objects apart (.obj, .obj-san, .obj-fuzz) so that
# switching between them never mixes objects; the programs at <dir>/<prog>/<prog>
# are relinked whenever the kind changes (see BUILD_STAMP).

# The tree this file is in, unless a makefile of the tree set it first.
# Simply expanded: a recursive TOP would be computed again at each use, from
# whatever makefile (a .d file) happened to be read last.  A TOP from the
# environment or the command line is not ours to trust (the integration
# driver exports one; a copy of the tree must not build against it).
ifneq ($(origin TOP),file)
override TOP := $(abspath $(dir $(lastword $(MAKEFILE_LIST)))/../..)
endif

include $(TOP)/lib/mk/dirs.mk
WITH_OPENSSL ?= yes

ifeq ($(BUILD),fuzz)
CXX := clang++
OBJDIR := .obj-fuzz
MODE_FLAGS := -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
MODE_LDFLAGS := -fsanitize=address,undefined
else ifeq ($(SANITIZE),1)
OBJDIR := .obj-san
MODE_FLAGS := -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=undefined \
	-fno-omit-frame-pointer
MODE_LDFLAGS := -fsanitize=address,undefined
else
OBJDIR := .obj
MODE_FLAGS := -O2 -g -D_FORTIFY_SOURCE=2
MODE_LDFLAGS :=
endif

WARNINGS := -Wall -Wextra -Wshadow -Wformat=2 -Wcast-qual -Wnon-virtual-dtor \
	-Woverloaded-virtual -Wimplicit-fallthrough -Wundef -Wpointer-arith \
	-Wmissing-declarations -Wvla
ifeq ($(WERROR),1)
WARNINGS += -Werror
endif

DEFS := -D_GNU_SOURCE
# The install directories reach one object only, lib/libnet/paths.o (see
# lib/libnet/Makefile): make install SYSCONFDIR=... recompiles that file and
# relinks, instead of rebuilding the tree.
PATH_DEFS := -DSYSCONFDIR='"$(SYSCONFDIR)"' -DLIBEXECDIR='"$(LIBEXECDIR)"' \
	-DRUNDIR='"$(RUNDIR)"'
# TLS: WITH_OPENSSL=yes (the default) gives the code that asks for it
# NET_WITH_OPENSSL=1 and the OpenSSL libraries; =no builds it without.
# Code asks for it in two ways: a program's Makefile says TLS = yes (its
# objects see the macro, it links SSL_LIBS), and libnet's tls.cc, the one
# libnet object built with it (lib/libnet/Makefile).
# CRYPTO_LIBS: libcrypto alone, for a program that signs without TLS
# (named's TSIG, lib/libnet/dns_tsig.h).
ifeq ($(WITH_OPENSSL),yes)
TLS_DEFS := -DNET_WITH_OPENSSL=1
SSL_LIBS := -lssl -lcrypto
CRYPTO_LIBS := -lcrypto
else ifeq ($(WITH_OPENSSL),no)
TLS_DEFS :=
SSL_LIBS :=
CRYPTO_LIBS :=
else
$(error WITH_OPENSSL=$(WITH_OPENSSL): say yes or no)
endif
ifeq ($(TLS),yes)
DEFS += $(TLS_DEFS)
endif

CXXFLAGS := -std=c++20 -pipe -fPIE -fstack-protector-strong $(MODE_FLAGS) \
	$(WARNINGS) $(DEFS) -I$(TOP)/lib $(EXTRA_CXXFLAGS)
LDFLAGS := -pie -Wl,-z,relro,-z,now -Wl,--as-needed $(MODE_LDFLAGS) $(EXTRA_LDFLAGS)
DEPFLAGS = -MMD -MP

LIBNET_DIR := $(TOP)/lib/libnet
LIBNET := $(LIBNET_DIR)/$(OBJDIR)/libnet.a

# stamp_flags FILE,TEXT: FILE holds TEXT, rewritten (so newer than every
# object that depends on it) only when TEXT changed, and made when missing
# even for an empty TEXT (WITH_OPENSSL=no's TLS flags).
stamp_flags = $(shell mkdir -p $(dir $(1)) && \
	{ [ -f $(1) ] && [ "$$(cat $(1))" = '$(subst ','"'"',$(2))' ] || \
	printf '%s\n' '$(subst ','"'"',$(2))' > $(1); })

# The flags every object was built with; objects depend on this file, so a
# changed flag set rebuilds the objects it affects.  Where the tree sits is
# not a flag: a copy of a built tree (tests/integration/build) keeps its
# objects.
CONFIG_STAMP := $(OBJDIR)/.config
CONFIG_TEXT := $(CXX) $(subst $(TOP)/,/,$(CXXFLAGS))
$(call stamp_flags,$(CONFIG_STAMP),$(CONFIG_TEXT))

# The kind of the last build of the programs; rewritten when it changes so
# every program is relinked from the objects of the current kind.
BUILD_STAMP := $(TOP)/.build-kind
ifneq ($(BUILD),fuzz)
$(shell [ "$$(cat $(BUILD_STAMP) 2>/dev/null)" = '$(OBJDIR)' ] || \
	echo '$(OBJDIR)' > $(BUILD_STAMP))
endif

Q := $(if $(V),,@)

# A recipe that fails (a compiler killed mid-file by the OOM killer or
# Ctrl-C, a full disk) may leave its target behind, empty or cut short;
# without this, the next make would take it as up to date and link it.
.DELETE_ON_ERROR:

$(OBJDIR)/%.o: %.cc $(CONFIG_STAMP)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CXX     $(CURDIR:$(TOP)/%=%)/$<")
	$(Q)$(CXX) $(CXXFLAGS) $(DEPFLAGS) -c -o $@ $<

# install_man: the recipe that installs $(MAN), pages named by their path
# under man/ (man8/inetd.8), into MANDIR; a page listed but missing fails.
define install_man
@for m in $(MAN); do \
	install -d $(DESTDIR)$(MANDIR)/$$(dirname $$m) && \
	install -m 644 $(TOP)/man/$$m $(DESTDIR)$(MANDIR)/$$m || exit 1; \
done
endef
