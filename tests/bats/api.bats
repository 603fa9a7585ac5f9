#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
#
# libbpf API parity (issue 13): calls that libbpf applications' shared
# helpers make, through a C program built against libbpfcore.a:
#  - libbpf_get_error, libbpf_set_strict_mode, libbpf_set_memlock_rlim,
#    libbpf_major/minor_version, libbpf_find_vmlinux_btf_id,
#    libbpf_find_kernel_btf;
#  - bpf_program__set_attach_target: a freplace program replacing a
#    global function of another loaded program, which then returns the new
#    verdict;
#  - bpf_map__set_autocreate: an unused map skipped, a used one failing
#    the load with its name;
#  - bpf_program__set_autoattach;
#  - BPF-side macros of bpf_helpers.h and kfunc externs in ld_imm64
#    (bpf_ksym_exists() of a present and a missing __weak kfunc), in a
#    program that loads and runs.

load ../lib/common

setup_file() {
	local dir=$BATS_FILE_TMPDIR
	OBJS=$dir/objs
	mkdir -p "$OBJS"
	"$BPFCTL" btf dump file /sys/kernel/btf/vmlinux format c >"$OBJS/vmlinux.h"
	local p
	for p in api_helpers api_iter api_freplace api_freplace_target; do
		compile_bpf "$REPO_ROOT/tests/progs/$p.bpf.c" "$OBJS/$p.o" "$OBJS"
	done
	cat >"$dir/api_user.c" <<'CEOF'
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

static int fail(const char *what, int err)
{
	fprintf(stderr, "FAIL %s: %d (%s)\n", what, err, strerror(err < 0 ? -err : err));
	return 1;
}

static int run_xdp(int fd, __u32 *retval)
{
	char pkt[64] = { 0 };
	LIBBPF_OPTS(bpf_test_run_opts, t, .data_in = pkt, .data_size_in = sizeof(pkt));
	int err = bpf_prog_test_run_opts(fd, &t);

	*retval = t.retval;
	return err;
}

static int misc(void)
{
	struct rlimit rl;
	struct btf *btf;
	int id;

	errno = ENOENT;
	if (libbpf_get_error(NULL) != -ENOENT)
		return fail("libbpf_get_error(NULL)", 0);
	if (libbpf_get_error((void *)(long)-EINVAL) != -EINVAL)
		return fail("libbpf_get_error(ERR_PTR)", 0);
	if (libbpf_get_error(&id) != 0)
		return fail("libbpf_get_error(ptr)", 0);
	if (libbpf_set_strict_mode(LIBBPF_STRICT_ALL) != 0)
		return fail("libbpf_set_strict_mode", 0);
	if (libbpf_major_version() != 1 || libbpf_minor_version() != LIBBPF_MINOR_VERSION)
		return fail("libbpf_*_version", 0);
	/* the current hard limit: raising it needs CAP_SYS_RESOURCE */
	getrlimit(RLIMIT_MEMLOCK, &rl);
	if (rl.rlim_max != RLIM_INFINITY && libbpf_set_memlock_rlim(rl.rlim_max))
		return fail("libbpf_set_memlock_rlim", errno);
	id = libbpf_find_vmlinux_btf_id("sched_switch", BPF_TRACE_RAW_TP);
	if (id <= 0)
		return fail("libbpf_find_vmlinux_btf_id(sched_switch)", id);
	btf = libbpf_find_kernel_btf();
	if (!btf)
		return fail("libbpf_find_kernel_btf", errno);
	if (btf__find_by_name_kind(btf, "btf_trace_sched_switch", BTF_KIND_TYPEDEF) != id)
		return fail("btf id of btf_trace_sched_switch", id);
	btf__free(btf);
	if (libbpf_find_vmlinux_btf_id("bpfctl_no_such_fn", BPF_TRACE_FENTRY) != -ESRCH)
		return fail("libbpf_find_vmlinux_btf_id(missing)", 0);
	printf("misc ok\n");
	return 0;
}

static int open_load(const char *path, struct bpf_object **obj)
{
	*obj = bpf_object__open_file(path, NULL);
	if (!*obj)
		return -errno;
	return bpf_object__load(*obj);
}

/* argv: target.o ext.o by_name|by_section */
static int freplace(const char *tpath, const char *epath, const char *mode)
{
	struct bpf_object *tobj, *eobj = NULL;
	struct bpf_program *tprog, *eprog;
	struct bpf_link *link;
	__u32 before, after;
	int err, tfd;

	err = open_load(tpath, &tobj);
	if (err)
		return fail("load target", err);
	tprog = bpf_object__find_program_by_name(tobj, "api_target");
	tfd = bpf_program__fd(tprog);
	if (run_xdp(tfd, &before))
		return fail("run target", errno);
	eobj = bpf_object__open_file(epath, NULL);
	if (!eobj)
		return fail("open ext", errno);
	eprog = bpf_object__find_program_by_name(eobj, "api_new_verdict");
	if (bpf_program__set_attach_target(eprog, -1, NULL) != -EINVAL)
		return fail("set_attach_target(-1)", 0);
	if (bpf_program__set_attach_target(eprog, tfd, "bpfctl_no_such") != -ESRCH)
		return fail("set_attach_target(no such function)", 0);
	err = bpf_program__set_attach_target(eprog, tfd,
					     strcmp(mode, "by_name") ? NULL : "api_verdict");
	if (err)
		return fail("set_attach_target", err);
	err = bpf_object__load(eobj);
	if (err == -EPERM) {
		/* kernels without trampolines for this (lockdown, no JIT) say so */
		printf("kernel refused freplace: %d\n", err);
		bpf_object__close(eobj);
		bpf_object__close(tobj);
		return 0;
	}
	if (err)
		return fail("load ext", err);
	if (bpf_program__set_attach_target(eprog, tfd, "api_verdict") != -EINVAL)
		return fail("set_attach_target after load", 0);
	link = bpf_program__attach_freplace(eprog, tfd, "api_verdict");
	if (!link)
		return fail("attach_freplace", errno);
	if (run_xdp(tfd, &after))
		return fail("run target again", errno);
	printf("verdict %u -> %u\n", before, after);
	bpf_link__destroy(link);
	bpf_object__close(eobj);
	bpf_object__close(tobj);
	return 0;
}

/* argv: ext.o map-to-skip */
static int autocreate(const char *path, const char *name)
{
	struct bpf_object *obj = bpf_object__open_file(path, NULL);
	struct bpf_map *map;
	int err;

	if (!obj)
		return fail("open", errno);
	map = bpf_object__find_map_by_name(obj, name);
	if (!map || !bpf_map__autocreate(map))
		return fail("autocreate default", 0);
	if (bpf_map__set_autocreate(map, false) || bpf_map__autocreate(map))
		return fail("set_autocreate", 0);
	bpf_program__set_autoload(bpf_object__find_program_by_name(obj, "api_new_verdict"),
				  false);
	err = bpf_object__load(obj);
	printf("load %d, %s fd %d\n", err, name, bpf_map__fd(map));
	if (!err && bpf_map__set_autocreate(map, true) != -EBUSY)
		return fail("set_autocreate after load", 0);
	bpf_object__close(obj);
	return 0;
}

static int autoattach(const char *path)
{
	struct bpf_object *obj = bpf_object__open_file(path, NULL);
	struct bpf_program *prog;

	if (!obj)
		return fail("open", errno);
	prog = bpf_object__find_program_by_name(obj, "api_helpers");
	if (!bpf_program__autoattach(prog))
		return fail("autoattach default", 0);
	bpf_program__set_autoattach(prog, false);
	if (bpf_program__autoattach(prog))
		return fail("set_autoattach", 0);
	bpf_object__close(obj);
	printf("autoattach ok\n");
	return 0;
}

static int helpers(const char *path)
{
	struct bpf_object *obj;
	__u32 ret;
	int err = open_load(path, &obj);

	if (err)
		return fail("load", err);
	if (run_xdp(bpf_program__fd(bpf_object__find_program_by_name(obj, "api_helpers")),
		    &ret))
		return fail("run", errno);
	printf("verdict 0x%x\n", ret);
	bpf_object__close(obj);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "misc"))
		return misc();
	if (argc >= 5 && !strcmp(argv[1], "freplace"))
		return freplace(argv[2], argv[3], argv[4]);
	if (argc >= 4 && !strcmp(argv[1], "autocreate"))
		return autocreate(argv[2], argv[3]);
	if (argc >= 3 && !strcmp(argv[1], "autoattach"))
		return autoattach(argv[2]);
	if (argc >= 3 && !strcmp(argv[1], "helpers"))
		return helpers(argv[2]);
	fprintf(stderr, "usage\n");
	return 2;
}
CEOF
	build_helper "$dir/api_user" "$dir/api_user.c" -include stdlib.h
	API_USER=$dir/api_user
	API_TARGET=$OBJS/api_freplace_target.o
	export OBJS API_USER API_TARGET
}

@test "api: libbpf_get_error, strict mode, memlock, versions, kernel BTF ids" {
	run "$API_USER" misc
	[ "$status" -eq 0 ] || { echo "$output"; false; }
	echo "$output"
	[[ $output == *"misc ok"* ]]
}

@test "api: freplace with bpf_program__set_attach_target(fd, name) replaces the verdict" {
	run "$API_USER" freplace "$API_TARGET" "$OBJS/api_freplace.o" by_name
	[ "$status" -eq 0 ] || { echo "$output"; false; }
	echo "$output"
	# XDP_PASS (2) from the original, XDP_DROP (1) from the replacement,
	# or this kernel's refusal of trampolines (EPERM), after the target resolved
	[[ $output == *"verdict 2 -> 1"* || $output == *"kernel refused freplace: -1"* ]]
}

@test "api: freplace with set_attach_target(fd, NULL) takes the function from the section" {
	run "$API_USER" freplace "$API_TARGET" "$OBJS/api_freplace.o" by_section
	[ "$status" -eq 0 ] || { echo "$output"; false; }
	echo "$output"
	# XDP_PASS (2) from the original, XDP_DROP (1) from the replacement,
	# or this kernel's refusal of trampolines (EPERM), after the target resolved
	[[ $output == *"verdict 2 -> 1"* || $output == *"kernel refused freplace: -1"* ]]
}

@test "api: bpf_map__set_autocreate(false) skips an unused map" {
	run "$API_USER" autocreate "$OBJS/api_freplace.o" api_unused
	[ "$status" -eq 0 ] || { echo "$output"; false; }
	echo "$output"
	[[ $output == *"load 0, api_unused fd -"* ]]
}

@test "api: a program using a map left out by autocreate fails, naming the map" {
	run "$API_USER" autocreate "$OBJS/api_freplace.o" api_used
	[ "$status" -eq 0 ] || { echo "$output"; false; }
	echo "$output"
	[[ $output == *"load -"* ]]
	[[ $output == *"map 'api_used' is referenced but wasn't created"* ]]
}

@test "api: bpf_for, bpf_for_each and bpf_repeat compile" {
	[ -s "$OBJS/api_iter.o" ]
}

@test "api: bpf_program__set_autoattach" {
	run "$API_USER" autoattach "$OBJS/api_helpers.o"
	[ "$status" -eq 0 ] || { echo "$output"; false; }
	echo "$output"
}

@test "api: bpf_helpers.h macros and bpf_ksym_exists() of present and missing kfuncs load and run" {
	run "$API_USER" helpers "$OBJS/api_helpers.o"
	[ "$status" -eq 0 ] || { echo "$output"; false; }
	echo "$output"
	[[ $output == *"verdict 0x37"* ]]
}

@test "api: bpfctl prog load of bpf_ksym_exists(kfunc) no longer passes a map fd" {
	PIN=/sys/fs/bpf/bpfctl_api_$$
	run "$BPFCTL" prog load "$OBJS/api_helpers.o" "$PIN"
	rm -f "$PIN"
	[ "$status" -eq 0 ] || { echo "$output"; false; }
	echo "$output"
}

# The names libbpf v1.8 exports (tests/fixtures/libbpf-v1.8.exports)
# against what libbpfcore.a defines. tests/fixtures/libbpf-missing.txt lists
# the ones still missing: a missing name not on it is a regression, a name
# on it that is now defined must leave it, so the list only shrinks.
@test "api: libbpf v1.8 exports defined in libbpfcore.a, against the missing list" {
	local lib all missing defined
	lib=$(dirname "$BPFCTL")/libbpfcore.a
	all=$BATS_TEST_TMPDIR/all
	missing=$BATS_TEST_TMPDIR/missing
	defined=$BATS_TEST_TMPDIR/defined
	grep -v '^#' "$REPO_ROOT/tests/fixtures/libbpf-v1.8.exports" | sort -u >"$all"
	grep -v '^#' "$REPO_ROOT/tests/fixtures/libbpf-missing.txt" | sort -u >"$missing"
	nm --defined-only "$lib" | awk '$2 == "T" { print $3 }' | sort -u >"$defined"
	echo "defined $(comm -12 "$all" "$defined" | wc -l) / total $(wc -l <"$all")"
	local regressed fixed
	regressed=$(comm -23 "$all" "$defined" | comm -23 - "$missing")
	fixed=$(comm -12 "$missing" "$defined")
	[ -z "$regressed" ] || { echo "missing and not listed: $regressed"; false; }
	[ -z "$fixed" ] || { echo "defined now, remove from libbpf-missing.txt: $fixed"; false; }
}

# Every export the library defines is declared, as a function, in the
# headers `make install` installs (core/include/bpf/), where a libbpf
# program's #include finds it.
@test "api: every defined libbpf export is declared in the installed headers" {
	local lib all defined undeclared="" n
	lib=$(dirname "$BPFCTL")/libbpfcore.a
	all=$BATS_TEST_TMPDIR/all
	defined=$BATS_TEST_TMPDIR/defined
	grep -v '^#' "$REPO_ROOT/tests/fixtures/libbpf-v1.8.exports" | sort -u >"$all"
	nm --defined-only "$lib" | awk '$2 == "T" { print $3 }' | sort -u >"$defined"
	for n in $(comm -12 "$all" "$defined"); do
		grep -qE "\b$n[[:space:]]*\(" "$REPO_ROOT"/core/include/bpf/*.h ||
			undeclared+=" $n"
	done
	[ -z "$undeclared" ] || { echo "defined but not declared:$undeclared"; false; }
}
