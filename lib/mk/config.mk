# config.mk: build configuration shared by every Makefile in the tree.
#
# Switches (command line or environment):
#   WERROR=1        warnings are errors (CI)
#   SANITIZE=1      AddressSanitizer + UndefinedBehaviorSanitizer build
#   WITH_OPENSSL=no build without TLS
#   PREFIX DESTDIR BINDIR SBINDIR LIBEXECDIR MANDIR SYSCONFDIR  install layout
#
# Each kind of build keeps its objects apart (.obj, .obj-san, .obj-fuzz) so that
# switching between them never mixes objects; the programs at <dir>/<prog>/<prog>
# are relinked whenever the kind changes (see BUILD_STAMP).

# Simply expanded: a recursive TOP would be computed again at each use, from
# whatever makefile (a .d file) happened to be read last.
ifndef TOP
TOP := $(abspath $(dir $(lastword $(MAKEFILE_LIST)))/../..)
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

DEFS := -DSYSCONFDIR='"$(SYSCONFDIR)"' -DLIBEXECDIR='"$(LIBEXECDIR)"' \
	-DRUNDIR='"$(RUNDIR)"' -D_GNU_SOURCE
ifeq ($(WITH_OPENSSL),yes)
DEFS += -DNET_WITH_OPENSSL=1
SSL_LIBS := -lssl -lcrypto
endif

CXXFLAGS := -std=c++20 -pipe -fPIE -fstack-protector-strong $(MODE_FLAGS) \
	$(WARNINGS) $(DEFS) -I$(TOP)/lib $(EXTRA_CXXFLAGS)
LDFLAGS := -pie -Wl,-z,relro,-z,now -Wl,--as-needed $(MODE_LDFLAGS) $(EXTRA_LDFLAGS)
DEPFLAGS = -MMD -MP

LIBNET_DIR := $(TOP)/lib/libnet
LIBNET := $(LIBNET_DIR)/$(OBJDIR)/libnet.a

# The flags every object was built with; objects depend on this file, so a
# changed SYSCONFDIR or flag set rebuilds exactly the objects it affects.
CONFIG_STAMP := $(OBJDIR)/.config
CONFIG_TEXT := $(CXX) $(CXXFLAGS)
$(shell mkdir -p $(OBJDIR) && \
	{ [ "$$(cat $(CONFIG_STAMP) 2>/dev/null)" = '$(subst ','"'"',$(CONFIG_TEXT))' ] || \
	printf '%s\n' '$(subst ','"'"',$(CONFIG_TEXT))' > $(CONFIG_STAMP); })

# The kind of the last build of the programs; rewritten when it changes so
# every program is relinked from the objects of the current kind.
BUILD_STAMP := $(TOP)/.build-kind
ifneq ($(BUILD),fuzz)
$(shell [ "$$(cat $(BUILD_STAMP) 2>/dev/null)" = '$(OBJDIR)' ] || \
	echo '$(OBJDIR)' > $(BUILD_STAMP))
endif

Q := $(if $(V),,@)

$(OBJDIR)/%.o: %.cc $(CONFIG_STAMP)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CXX     $(CURDIR:$(TOP)/%=%)/$<")
	$(Q)$(CXX) $(CXXFLAGS) $(DEPFLAGS) -c -o $@ $<
