# etsilint - static conformance linter for ETSI EN 303 645
#
# Settings (override on the command line: make PREFIX=/opt SANITIZE=1 ...)
VERSION     = 0.1.0
PREFIX     ?= /usr/local
DESTDIR    ?=
BINDIR      = $(PREFIX)/bin
DATADIR     = $(PREFIX)/share/etsilint
MANDIR      = $(PREFIX)/share/man
CC         ?= cc
SANITIZE   ?= 0
COVERAGE   ?= 0
WERROR     ?= 0
OPT        ?= -O2 -g
PKG_CONFIG ?= pkg-config
# libclang has no pkg-config entry: llvm-config finds it. Debian 12 default: LLVM 14.
LLVM_CONFIG ?= $(firstword $(shell command -v llvm-config llvm-config-14 llvm-config-16 llvm-config-19 2>/dev/null))
# Debian packages that building and testing need (installed by `make deps`).
DEB_PKGS    = gcc make pkg-config libclang-dev llvm libyaml-dev libpcre2-dev libcjson-dev \
              libcmocka-dev python3 python3-jsonschema

ifeq ($(SANITIZE),1)
BUILD      ?= build/san
SANFLAGS    = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
else
BUILD      ?= build
SANFLAGS    =
endif
ifeq ($(COVERAGE),1)
SANFLAGS   += --coverage
endif

WARN = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2 \
       -Wpointer-arith -Wcast-align -Wwrite-strings -Wvla -Wundef -Wnull-dereference \
       -Wdouble-promotion -Wimplicit-fallthrough
ifeq ($(WERROR),1)
WARN += -Werror
endif

# Deferred (=) so they are evaluated after `make deps` has installed the tools.
PKGS        = yaml-0.1 libpcre2-8 libcjson
LLVM_INC    = $(shell $(LLVM_CONFIG) --includedir)
LLVM_LIB    = $(shell $(LLVM_CONFIG) --libdir)
ALL_CFLAGS  = -std=c11 -D_GNU_SOURCE $(OPT) $(WARN) $(SANFLAGS) -pthread -Iinclude \
              $(shell $(PKG_CONFIG) --cflags $(PKGS)) -isystem $(LLVM_INC) \
              -DETSILINT_VERSION='"$(VERSION)"' -DETSILINT_DATADIR='"$(DATADIR)"' $(CFLAGS)
ALL_LDFLAGS = $(SANFLAGS) -pthread $(LDFLAGS)
LIBS        = $(shell $(PKG_CONFIG) --libs $(PKGS)) -L$(LLVM_LIB) -lclang -Wl,-rpath,$(LLVM_LIB) -lm
TEST_LIBS   = $(shell $(PKG_CONFIG) --libs cmocka)

SRCS     = $(sort $(wildcard src/*.c))
OBJS     = $(SRCS:src/%.c=$(BUILD)/obj/%.o)
LIB_OBJS = $(filter-out $(BUILD)/obj/main.o,$(OBJS))
BIN      = $(BUILD)/etsilint
UNIT_SRCS  = $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS  = $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all deps run test unit-bins install uninstall clean

all: $(BIN)

$(BUILD)/obj/%.o: src/%.c $(wildcard include/*.h) | $(BUILD)/obj
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BIN): $(OBJS)
	$(CC) $(ALL_LDFLAGS) -o $@ $(OBJS) $(LIBS)

$(BUILD)/tests/%: tests/unit/%.c tests/unit/testutil.h $(LIB_OBJS) | $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) -Wno-missing-prototypes -o $@ $< $(LIB_OBJS) $(ALL_LDFLAGS) $(LIBS) $(TEST_LIBS)

$(BUILD)/obj $(BUILD)/tests:
	mkdir -p $@

# Install what is missing from Debian (as root, or through sudo).
deps:
	@missing=""; for p in $(DEB_PKGS); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  echo "make deps: installing$$missing"; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

# Build, then scan the bundled demo firmware tree. Exit status 1 (findings) is expected here.
run: deps
	$(MAKE) --no-print-directory all
	@echo "== etsilint scan fixtures/demo-firmware"
	@$(BIN) scan fixtures/demo-firmware; st=$$?; [ $$st -le 1 ] || exit $$st

test: deps
	$(MAKE) --no-print-directory all unit-bins
	@ETSILINT=$(BIN) BUILD=$(BUILD) sh tests/run.sh

unit-bins: $(UNIT_BINS)

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/rules $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/etsilint
	install -m 644 rules/*.yaml $(DESTDIR)$(DATADIR)/rules/
	install -m 644 man/etsilint.1 $(DESTDIR)$(MANDIR)/man1/etsilint.1
	install -m 644 man/etsilint-rules.5 $(DESTDIR)$(MANDIR)/man5/etsilint-rules.5

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/etsilint $(DESTDIR)$(MANDIR)/man1/etsilint.1 $(DESTDIR)$(MANDIR)/man5/etsilint-rules.5
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build
