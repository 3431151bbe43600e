# The suite's top-level Makefile (GNU make, no configure step).
#
#   make            libnet and every program, each at <dir>/<prog>/<prog>
#   make check      unit tests, man page lint, integration tests; ends with
#                   "N passed, N failed, N skipped"
#   make install    DESTDIR= PREFIX= BINDIR= SBINDIR= LIBEXECDIR= MANDIR=
#                   SYSCONFDIR= RUNDIR=
#   make deps       install the Debian packages the suite needs (as root)
#   make demo       run the suite on its example configuration on loopback
#   make fuzz       run every fuzz target for FUZZ_SECONDS each
#   make bench      side-by-side benchmarks against the peer implementations
#   make clean
#
# Switches: WERROR=1, SANITIZE=1, WITH_OPENSSL=no, V=1 (show commands).

TOP := $(CURDIR)
include lib/mk/dirs.mk

# Every core by default: a plain make, make check or make demo runs one job
# per CPU.  An explicit -j, -jN or -j1 on the command line is left alone.
# Only the make run from the shell decides: a sub-make of this Makefile
# (make check runs make unit) shares its jobserver.
ifeq ($(MAKELEVEL),0)
ifeq ($(filter -j%,$(MAKEFLAGS)),)
MAKEFLAGS += -j$(shell nproc 2>/dev/null || echo 1)
endif
endif

PROGDIRS := $(patsubst %/Makefile,%,$(wildcard bin/*/Makefile \
	sbin/*/Makefile libexec/*/Makefile))
PROG_BUILD := $(PROGDIRS:%=build-%)
PROG_INSTALL := $(PROGDIRS:%=install-%)
PROG_CLEAN := $(PROGDIRS:%=clean-%)
MANPAGES := $(wildcard man/man1/*.1 man/man5/*.5 man/man8/*.8)
FUZZ_SECONDS ?= 20
# Builds in subdirectories say what they compile (CXX, LD lines) and not
# "Nothing to be done"; V=1 shows every command instead.
BUILD_MAKE = $(MAKE) --no-print-directory $(if $(V),,-s)

all: libnet $(PROG_BUILD)

libnet:
	@+$(BUILD_MAKE) -C lib/libnet

$(PROG_BUILD): build-%: libnet
	@+$(BUILD_MAKE) -C $*

unit: all
	@+$(BUILD_MAKE) -C tests/unit

# check and demo install missing packages before anything is compiled:
# the build runs in a second make once deps-for-check has finished, so even
# with -j2 no compiler runs while apt-get replaces headers or libraries.
# The unit tests run are exactly the binaries tests/unit/Makefile builds
# (its run target), never a stale one left in an object directory.
check: deps-for-check
	@+$(BUILD_MAKE) unit
	@rm -rf tests/.results && mkdir -p tests/.results
	@$(MAKE) --no-print-directory -C tests/unit run
	@tests/run-manlint $(MANPAGES)
	@tests/integration/run $(TESTS)
	@tests/summary

install: all $(PROG_INSTALL) install-libnet install-etc

$(PROG_INSTALL): install-%: build-%
	@$(MAKE) --no-print-directory -C $* install

# Each program installs its own man pages (MAN in its Makefile), libnet
# the pages of the file formats it parses.
install-libnet: libnet
	@$(MAKE) --no-print-directory -C lib/libnet install

# Samples never overwrite a file that is already there.
install-etc:
	@lib/mk/install-etc.sh "$(DESTDIR)" "$(SYSCONFDIR)" "$(LIBEXECDIR)" \
		"$(SBINDIR)" "$(BINDIR)" "$(RUNDIR)"

deps:
	@lib/mk/deps.sh

# As root these install what is missing; as another user they stop before
# anything is compiled when what the goal needs is missing.
deps-for-check:
	@WITH_OPENSSL="$(WITH_OPENSSL)" lib/mk/deps.sh --if-root check

deps-for-build:
	@WITH_OPENSSL="$(WITH_OPENSSL)" lib/mk/deps.sh --if-root build

demo: deps-for-build
	@+$(BUILD_MAKE) all
	@lib/mk/demo.sh

fuzz:
	@$(MAKE) --no-print-directory -C tests/fuzz run FUZZ_SECONDS=$(FUZZ_SECONDS)

bench: all
	@tests/bench/run $(BENCH)

clean: $(PROG_CLEAN)
	@$(MAKE) --no-print-directory -C lib/libnet clean
	@$(MAKE) --no-print-directory -C tests/unit clean
	@[ ! -f tests/fuzz/Makefile ] || $(MAKE) --no-print-directory -C tests/fuzz clean
	rm -rf tests/.results .build-kind

$(PROG_CLEAN): clean-%:
	@$(MAKE) --no-print-directory -C $* clean

.PHONY: all libnet unit check install install-libnet install-etc deps \
	deps-for-check deps-for-build demo fuzz bench clean $(PROG_BUILD) $(PROG_INSTALL) \
	$(PROG_CLEAN)
