#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
#
# The BPF-side headers against libbpf's, name for name, and the installed
# header set against libbpf's (what programs written for libbpf include):
#  - every public name libbpf's bpf_helpers.h, bpf_tracing.h,
#    bpf_core_read.h, bpf_endian.h and usdt.bpf.h define
#    (tests/fixtures/libbpf-bpf-header-names.txt) is defined by ours;
#  - the names added for that list compile (BTF decl tags, bitfield
#    writes, stream printk) or fail with a clear error where a register or
#    the target architecture is missing;
#  - bpf_tracing.h names the registers of every architecture libbpf's does;
#  - usdt.bpf.h compiles without an architecture include directory;
#  - libbpf.h and bpf.h bring the libc headers libbpf's bring;
#  - `make install` installs libbpf's header set (libbpf_version.h and
#    skel_internal.h too), and a program built through
#    the installed bpfcore.pc sees the same version at compile and run time.

load ../lib/common

NAMES=$REPO_ROOT/tests/fixtures/libbpf-bpf-header-names.txt

setup_file() {
	VMLINUX_DIR=$BATS_FILE_TMPDIR/vmlinux
	mkdir -p "$VMLINUX_DIR"
	"$BPFCTL" btf dump file /sys/kernel/btf/vmlinux format c >"$VMLINUX_DIR/vmlinux.h"
	export VMLINUX_DIR
}

# hcc ARGS...: clang for -target bpf with our headers and vmlinux.h
hcc() {
	"$CLANG" -O2 -g -target bpf -Wall -Werror -I "$REPO_ROOT/core/include" \
		-I "$BPF_GEN_INCLUDE" -I "$VMLINUX_DIR" "$@"
}

all_headers() {
	printf '#include "vmlinux.h"\n'
	printf '#include <bpf/%s>\n' bpf_helpers.h bpf_tracing.h bpf_core_read.h \
		bpf_endian.h usdt.bpf.h
}

@test "libbpf headers: every public name of libbpf's BPF-side headers is defined" {
	local src=$BATS_TEST_TMPDIR/all.c macros missing=() name
	all_headers >"$src"
	macros=$(hcc -D__TARGET_ARCH_x86 -idirafter "$(multiarch_include)" -dM -E "$src" |
		awk '{ sub(/\(.*/, "", $2); print $2 }')
	hcc -D__TARGET_ARCH_x86 -idirafter "$(multiarch_include)" -E -P "$src" >"$src.i"
	while read -r name; do
		[[ -z $name || $name == '#'* ]] && continue
		grep -qx -- "$name" <<<"$macros" && continue
		grep -qE "\\b$name *\\(" "$src.i" && continue
		missing+=("$name")
	done <"$NAMES"
	if ((${#missing[@]})); then
		echo "not defined by our headers: ${missing[*]}" >&2
		return 1
	fi
}

@test "libbpf headers: __arg_untrusted tags its argument; bitfield writes and stream printk build" {
	local src=$BATS_TEST_TMPDIR/p.c obj=$BATS_TEST_TMPDIR/p.o
	cat >"$src" <<-'EOF'
	#include "vmlinux.h"
	#include <bpf/bpf_helpers.h>
	#include <bpf/bpf_tracing.h>
	#include <bpf/bpf_core_read.h>
	extern int bpf_stream_vprintk(int stream_id, const char *fmt, const void *args,
				      __u32 len) __weak __ksym;
	__noinline int corpus_untrusted(struct task_struct *t __arg_untrusted)
	{
		return t != 0;
	}
	SEC("tp_btf/sched_switch")
	int BPF_PROG(corpus_sw, bool preempt, struct task_struct *prev, struct task_struct *next)
	{
		struct tcp_sock *tp = bpf_core_cast(prev, struct tcp_sock);
		__u64 v = 0;

		__CORE_BITFIELD_PROBE_READ(&v, tp, repair);
		BPF_CORE_WRITE_BITFIELD(tp, repair, 1);
		bpf_stream_printk(1, "%d %llu", prev->pid, v);
		return corpus_untrusted(next);
	}
	char LICENSE[] SEC("license") = "GPL";
	EOF
	hcc -D__TARGET_ARCH_x86 -c "$src" -o "$obj"
	run "$BPFCTL" btf dump file "$obj"
	[ "$status" -eq 0 ]
	[[ $output == *"DECL_TAG 'arg:untrusted'"* ]]
}

@test "libbpf headers: a missing register argument or target architecture is a clear compile error" {
	local src=$BATS_TEST_TMPDIR/r.c
	printf '%s\n' '#include "vmlinux.h"' '#include <bpf/bpf_helpers.h>' \
		'#include <bpf/bpf_tracing.h>' \
		'SEC("tp/raw_syscalls/sys_enter") int corpus_p7(struct pt_regs *ctx)' \
		'{ return PT_REGS_PARM7_SYSCALL(ctx); }' >"$src"
	run hcc -D__TARGET_ARCH_x86 -c "$src" -o "$src.o"
	[ "$status" -ne 0 ]
	[[ $output == *"argument 7 is not passed in a register"* ]]
	printf '%s\n' '#include "vmlinux.h"' '#include <bpf/bpf_helpers.h>' \
		'#include <bpf/bpf_tracing.h>' \
		'SEC("kprobe/x") int BPF_KPROBE(corpus_nt, int a) { return a; }' >"$src"
	run hcc -c "$src" -o "$src.o"
	[ "$status" -ne 0 ]
	[[ $output == *"bpf_tracing.h needs -D__TARGET_ARCH_x86 or -D__TARGET_ARCH_arm64"* ]]
	# a program's own __BPF_TARGET_MISSING replaces the message
	run hcc '-D__BPF_TARGET_MISSING="GCC error \"corpus: pick an arch\""' -c "$src" -o "$src.o"
	[ "$status" -ne 0 ]
	[[ $output == *"corpus: pick an arch"* ]]
}

@test "libbpf headers: usdt.bpf.h builds without an architecture include directory" {
	local src=$BATS_TEST_TMPDIR/u.c
	printf '%s\n' '#include "vmlinux.h"' '#include <bpf/bpf_helpers.h>' \
		'#include <bpf/usdt.bpf.h>' \
		'SEC("usdt") int BPF_USDT(corpus_u, long a) { return a == -ESRCH || a == -ENOENT; }' \
		'char LICENSE[] SEC("license") = "GPL";' >"$src"
	hcc -D__TARGET_ARCH_x86 -c "$src" -o "$src.o"
	# with it, all of <linux/errno.h> comes along, as with libbpf's
	printf '%s\n' '#include "vmlinux.h"' '#include <bpf/bpf_helpers.h>' \
		'#include <bpf/usdt.bpf.h>' 'int corpus_e = EOPNOTSUPP;' >"$src"
	hcc -D__TARGET_ARCH_x86 -idirafter "$(multiarch_include)" -c "$src" -o "$src.o"
}

@test "libbpf headers: make install installs libbpf_version.h; bpfcore.pc builds a program" {
	local dest=$BATS_TEST_TMPDIR/dest inc prog=$BATS_TEST_TMPDIR/ver
	make -s -C "$REPO_ROOT" BUILD="$(cd "$(dirname "$BPFCTL")" && pwd)" \
		DESTDIR="$dest" PREFIX=/usr install >/dev/null
	inc=$dest/usr/include/bpfcore/bpf
	for h in bpf.h libbpf.h btf.h libbpf_common.h libbpf_legacy.h bpf_helpers.h \
		bpf_helper_defs.h bpf_tracing.h bpf_endian.h bpf_core_read.h \
		libbpf_version.h skel_internal.h usdt.bpf.h; do
		[[ -f $inc/$h ]] || { echo "not installed: $h" >&2; return 1; }
	done
	printf '%s\n' '#include <stdio.h>' '#include <bpf/libbpf.h>' \
		'#include <bpf/libbpf_version.h>' \
		'int main(void) { printf("%d.%d %u.%u\n", LIBBPF_MAJOR_VERSION,' \
		'LIBBPF_MINOR_VERSION, libbpf_major_version(), libbpf_minor_version()); }' \
		>"$prog.c"
	local san=()
	# a SANITIZE=1 build installs an ASan+UBSan library: link their runtime
	if nm "$dest/usr/lib/libbpfcore.a" 2>/dev/null | grep -q __asan_init; then
		san=(-fsanitize=address,undefined)
	fi
	# shellcheck disable=SC2046
	cc "${san[@]}" -o "$prog" "$prog.c" $(PKG_CONFIG_SYSROOT_DIR="$dest" \
		PKG_CONFIG_LIBDIR="$dest/usr/lib/pkgconfig" \
		pkg-config --cflags --libs --static bpfcore)
	run "$prog"
	[ "$status" -eq 0 ]
	[[ $output =~ ^([0-9]+\.[0-9]+)\ ([0-9]+\.[0-9]+)$ ]]
	[[ ${BASH_REMATCH[1]} == "${BASH_REMATCH[2]}" ]]
}

@test "libbpf headers: libbpf.h and bpf.h include what libbpf's do (stdio, stdint)" {
	local src=$BATS_TEST_TMPDIR/inc.c
	printf '%s\n' '#include <bpf/libbpf.h>' \
		'int corpus_f(void) { uint32_t x = 1; return fprintf(stderr, "%u", x); }' >"$src"
	cc -Wall -Werror -I "$REPO_ROOT/core/include" -c "$src" -o "$src.o"
	printf '%s\n' '#include <bpf/bpf.h>' 'uint64_t corpus_v;' >"$src"
	cc -Wall -Werror -I "$REPO_ROOT/core/include" -c "$src" -o "$src.o"
}

# Each architecture's registers, as its ABI and struct pt_regs name them:
# ARCH PARM1 PARM6_SYSCALL RC SP IP PARM1_SYSCALL
REGS_TABLE='
x86 rdi r9 rax rsp rip rdi
arm64 regs[0] regs[5] regs[0] sp pc orig_x0
s390 gprs[2] gprs[7] gprs[2] gprs[15] psw.addr orig_gpr2
arm uregs[0] uregs[5] uregs[0] uregs[13] uregs[12] uregs[0]
mips regs[4] regs[9] regs[2] regs[29] cp0_epc regs[4]
powerpc gpr[3] gpr[8] gpr[3] gpr[1] nip orig_gpr3
sparc u_regs[UREG_I0] u_regs[UREG_I5] u_regs[UREG_I0] u_regs[UREG_FP] pc u_regs[UREG_I0]
riscv a0 a5 a0 sp pc orig_a0
arc scratch.r0 scratch.r5 scratch.r0 scratch.sp scratch.ret scratch.r0
loongarch regs[4] regs[9] regs[4] regs[3] csr_era regs[4]
'

@test "libbpf headers: bpf_tracing.h knows the registers of every architecture libbpf's does" {
	local src=$BATS_TEST_TMPDIR/regs.c arch want got
	printf '%s\n' '#include <bpf/bpf_helpers.h>' '#include <bpf/bpf_tracing.h>' \
		'R: PT_REGS_PARM1(c) PT_REGS_PARM6_SYSCALL(c) PT_REGS_RC(c) PT_REGS_SP(c)' \
		'R: PT_REGS_IP(c) PT_REGS_PARM1_SYSCALL(c)' >"$src"
	while read -r arch want; do
		[[ -z $arch ]] && continue
		got=$("$CLANG" -target bpf "-D__TARGET_ARCH_$arch" -I "$REPO_ROOT/core/include" \
			-I "$BPF_GEN_INCLUDE" -E -P "$src" | sed -n 's/^R: //p' |
			grep -oE -- '->[][A-Za-z0-9_.]+' | sed 's/^->//' | tr '\n' ' ')
		if [[ ${got% } != "$want" ]]; then
			echo "$arch: want '$want', got '${got% }'" >&2
			return 1
		fi
	done <<<"$REGS_TABLE"
}
