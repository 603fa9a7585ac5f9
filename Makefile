# SPDX-License-Identifier: BSD-2-Clause
#
# make            build build/bpfctl and build/libbpfcore.a
# make deps       install the Debian packages needed to build and test
# make check      run the whole test suite (SANITIZE=1: under ASan+UBSan)
# make fuzz       run every fuzz harness under libFuzzer (FUZZ_SECONDS each)
# make install    install under $(DESTDIR)$(PREFIX)

VERSION := 0.1.0

CC ?= cc
AR ?= ar
CLANG ?= clang
PREFIX ?= /usr/local
DESTDIR ?=
SANITIZE ?=

CFLAGS ?= -O2 -g
WARNINGS := -Wall -Wextra -Werror -Wno-missing-field-initializers
BASE_CFLAGS := -std=gnu11 $(WARNINGS) -fvisibility=hidden -D_GNU_SOURCE \
	-I. -Ibtf -Icore -Icore/include -DBPFCTL_VERSION='"$(VERSION)"'
LDLIBS := -lelf -lz -lcap -lreadline

ifeq ($(FUZZ),1)
# libFuzzer's coverage in the library and cmd/ objects; harnesses link the
# fuzzer's main() (see the fuzz target)
BUILD ?= build-fuzz
CFLAGS := -O1 -g
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
BASE_CFLAGS += -fsanitize=fuzzer-no-link $(FUZZ_SAN)
else ifeq ($(SANITIZE),1)
BUILD ?= build-san
SAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
BASE_CFLAGS += $(SAN_FLAGS)
LDFLAGS += $(SAN_FLAGS)
else
BUILD ?= build
endif

LIB_SRCS := $(sort $(wildcard btf/*.c core/*.c))
CMD_SRCS := $(sort $(wildcard cmd/*.c))
UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
LIB_OBJS := $(LIB_SRCS:%.c=$(BUILD)/%.o)
CMD_OBJS := $(CMD_SRCS:%.c=$(BUILD)/%.o)
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)

LIB := $(BUILD)/libbpfcore.a
BIN := $(BUILD)/bpfctl
# cmd/ without main(), for the fuzz harnesses of cmd/ code (they define cli)
CMD_LIB := $(BUILD)/libbpfctl-cmd.a

# Fuzz harnesses tests/fuzz/fuzz_NAME.c: `make` links each with
# tests/fuzz/replay.c into $(BUILD)/tests/test_fuzz_NAME, which `make check`
# runs to replay the inputs kept under tests/fuzz/{regress,corpus}/NAME/;
# `make fuzz` links them with libFuzzer into build-fuzz/fuzz/NAME.
FUZZ_SRCS := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_NAMES := $(FUZZ_SRCS:tests/fuzz/fuzz_%.c=%)
REPLAY_BINS := $(FUZZ_NAMES:%=$(BUILD)/tests/test_fuzz_%)
FUZZ_BINS := $(FUZZ_NAMES:%=$(BUILD)/fuzz/%)
FUZZ_SECONDS ?= 60
# empty: a random libFuzzer seed per run; a number: that fixed sequence
FUZZ_SEED ?=
# BPF programs compile with -Icore/include -I$(BUILD)/include (see
# compile_bpf in tests/lib/common.bash): the helper declarations are
# generated from the installed UAPI header.
UAPI_BPF_H ?= /usr/include/linux/bpf.h
HELPER_DEFS := $(BUILD)/include/bpf/bpf_helper_defs.h

.PHONY: all deps check check-unit check-bats install clean bench fuzz fuzz-bins

all: $(BIN) $(LIB) $(UNIT_BINS) $(REPLAY_BINS) $(HELPER_DEFS)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(BASE_CFLAGS) $(CFLAGS) -MMD -MP -c $< -o $@

$(LIB): $(LIB_OBJS)
	@mkdir -p $(dir $@)
	rm -f $@
	$(AR) rcs $@ $^

$(BIN): $(CMD_OBJS) $(LIB)
	$(CC) $(LDFLAGS) -o $@ $(CMD_OBJS) $(LIB) $(LDLIBS)

$(CMD_LIB): $(filter-out $(BUILD)/cmd/main.o,$(CMD_OBJS))
	@mkdir -p $(dir $@)
	rm -f $@
	$(AR) rcs $@ $^

FUZZ_CFLAGS = $(BASE_CFLAGS) $(CFLAGS) -Icmd -Itests/fuzz -DFUZZ_NAME='"$*"'
FUZZ_DEPS := tests/fuzz/fuzz.h $(CMD_LIB) $(LIB)

$(BUILD)/tests/test_fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c $(FUZZ_DEPS)
	@mkdir -p $(dir $@)
	$(CC) $(FUZZ_CFLAGS) $(LDFLAGS) -o $@ $< tests/fuzz/replay.c $(CMD_LIB) $(LIB) $(LDLIBS)

$(BUILD)/fuzz/%: tests/fuzz/fuzz_%.c $(FUZZ_DEPS)
	@mkdir -p $(dir $@)
	$(CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer $(FUZZ_SAN) -o $@ $< $(CMD_LIB) $(LIB) $(LDLIBS)

$(BUILD)/tests/test_%: tests/unit/test_%.c tests/unit/unit.h $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(BASE_CFLAGS) $(CFLAGS) -Itests/unit $(LDFLAGS) -o $@ $< $(LIB) $(LDLIBS)

$(HELPER_DEFS): scripts/gen-helper-defs $(UAPI_BPF_H)
	@mkdir -p $(dir $@)
	python3 scripts/gen-helper-defs $(UAPI_BPF_H) > $@.tmp
	mv $@.tmp $@

-include $(LIB_OBJS:.o=.d) $(CMD_OBJS:.o=.d)

# Debian packages: build (libelf, zlib, libcap, readline, UAPI headers),
# tests (bats, clang/llvm for BPF programs, bpftool as a differential
# oracle, python3 for JSON checks, libclang-rt for the sanitizers, time for
# the bench, iproute2 for test network devices, util-linux for setpriv and
# unshare, man-db and groff to lint the manual pages).
DEB_PKGS := make gcc libelf-dev zlib1g-dev libcap-dev libreadline-dev linux-libc-dev \
	bats clang llvm libclang-rt-14-dev bpftool python3 pkg-config time \
	iproute2 util-linux man-db groff-base \
	libbpf-dev # test only: skeleton compatibility
DEB_PKGS += tmux # tests: prog top's terminal view

deps:
	@missing=$$(for p in $(DEB_PKGS); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; \
	done); \
	if [ -n "$$missing" ]; then \
		echo "installing:" $$missing; \
		apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y $$missing; \
	else \
		echo "all dependencies are installed"; \
	fi

check: all
	BUILD=$(BUILD) SANITIZE=$(SANITIZE) tests/run

fuzz-bins: $(FUZZ_BINS) $(HELPER_DEFS)

# Each harness for FUZZ_SECONDS under libFuzzer with ASan and UBSan, from
# its seed corpus; fails when one found a crash, leak, hang or excess memory.
fuzz:
	$(MAKE) FUZZ=1 CC=clang fuzz-bins
	FUZZ_SEED=$(FUZZ_SEED) tests/fuzz/run build-fuzz $(FUZZ_SECONDS) $(FUZZ_NAMES)

bench: all
	bench/vmlinux-h
	bench/map-dump
	bench/map-watch
	bench/prog-loadall
	bench/gen-skeleton
	bench/ringbuf-tail
	bench/btf-dedup
	bench/feature-probe
	bench/prog-top

install: $(BIN) $(LIB) $(HELPER_DEFS)
	install -d $(DESTDIR)$(PREFIX)/sbin $(DESTDIR)$(PREFIX)/lib \
		$(DESTDIR)$(PREFIX)/include/bpfcore/bpf $(DESTDIR)$(PREFIX)/lib/pkgconfig
	install -m 0755 $(BIN) $(DESTDIR)$(PREFIX)/sbin/bpfctl
	install -m 0644 $(LIB) $(DESTDIR)$(PREFIX)/lib/libbpfcore.a
	install -m 0644 core/include/bpf/*.h $(HELPER_DEFS) $(DESTDIR)$(PREFIX)/include/bpfcore/bpf/
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(VERSION)|' bpfcore.pc.in \
		> $(DESTDIR)$(PREFIX)/lib/pkgconfig/bpfcore.pc
	if [ -d man ] && ls man/*.8 >/dev/null 2>&1; then \
		install -d $(DESTDIR)$(PREFIX)/share/man/man8; \
		install -m 0644 man/*.8 $(DESTDIR)$(PREFIX)/share/man/man8/; \
	fi
	if [ -f bash-completion/bpfctl ]; then \
		install -d $(DESTDIR)$(PREFIX)/share/bash-completion/completions; \
		install -m 0644 bash-completion/bpfctl \
			$(DESTDIR)$(PREFIX)/share/bash-completion/completions/bpfctl; \
	fi

clean:
	rm -rf build build-san build-fuzz
