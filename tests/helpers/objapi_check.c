// SPDX-License-Identifier: BSD-2-Clause
/*
 * api_objapi.bats: libbpf's object-level API on real objects, built
 * against libbpfcore.a. Usage: objapi_check MODE OBJECT [ARG]; prints what
 * it found, one fact a line, and exits non-zero at the first surprise
 * (after releasing what it created).
 */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#define FAIL(...) (fprintf(stderr, "FAIL " __VA_ARGS__), fputc('\n', stderr), 1)

static int print_all(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	if (level == LIBBPF_DEBUG)
		return 0;
	fprintf(stderr, "libbpf: ");
	return vfprintf(stderr, fmt, ap);
}

static struct bpf_object *open_obj(const char *path)
{
	struct bpf_object *obj = bpf_object__open_file(path, NULL);

	if (!obj)
		fprintf(stderr, "FAIL open %s: %s\n", path, strerror(errno));
	return obj;
}

static struct bpf_program *prog_of(struct bpf_object *obj, const char *name)
{
	struct bpf_program *p = bpf_object__find_program_by_name(obj, name);

	if (!p)
		fprintf(stderr, "FAIL no program %s\n", name);
	return p;
}

/* XDP test run of fd on a zeroed packet: the return value, or -errno. */
static long run_xdp(int fd)
{
	char pkt[64] = { 0 };
	LIBBPF_OPTS(bpf_test_run_opts, t, .data_in = pkt, .data_size_in = sizeof(pkt));
	int err = bpf_prog_test_run_opts(fd, &t);

	return err ? -errno : (long)t.retval;
}

/* ---- elem: bpf_map__*_elem() on hash, array and per-CPU maps ---- */

static int elem_hash(struct bpf_map *m)
{
	__u32 k = 1, next = 0;
	__u64 v = 0x2a, out = 0, big[2] = { 0 };
	__u64 k64 = 1;

	if (bpf_map__update_elem(m, &k, sizeof(k), &v, sizeof(v), BPF_ANY))
		return FAIL("hash update: %s", strerror(errno));
	if (bpf_map__lookup_elem(m, &k, sizeof(k), &out, sizeof(out), 0) || out != 0x2a)
		return FAIL("hash lookup: %s %llu", strerror(errno), (unsigned long long)out);
	if (bpf_map__get_next_key(m, NULL, &next, sizeof(next)) || next != 1)
		return FAIL("hash first key: %s", strerror(errno));
	printf("hash next after last: %d\n", bpf_map__get_next_key(m, &k, &next, sizeof(k)));
	printf("hash wrong key size: %d\n",
	       bpf_map__lookup_elem(m, &k64, sizeof(k64), &out, sizeof(out), 0));
	printf("hash wrong value size: %d errno %d\n",
	       bpf_map__update_elem(m, &k, sizeof(k), big, sizeof(big), BPF_ANY), errno);
	printf("hash next key wrong size: %d\n",
	       bpf_map__get_next_key(m, NULL, &k64, sizeof(k64)));
	out = 0;
	if (bpf_map__lookup_and_delete_elem(m, &k, sizeof(k), &out, sizeof(out), 0) ||
	    out != 0x2a)
		return FAIL("hash lookup_and_delete: %s", strerror(errno));
	printf("hash after lookup_and_delete: %d\n",
	       bpf_map__lookup_elem(m, &k, sizeof(k), &out, sizeof(out), 0));
	if (bpf_map__update_elem(m, &k, sizeof(k), &v, sizeof(v), BPF_NOEXIST))
		return FAIL("hash re-insert: %s", strerror(errno));
	printf("hash delete: %d\n", bpf_map__delete_elem(m, &k, sizeof(k), 0));
	printf("hash delete wrong key size: %d\n", bpf_map__delete_elem(m, &k64, 8, 0));
	printf("hash delete missing: %d\n", bpf_map__delete_elem(m, &k, sizeof(k), 0));
	return 0;
}

static int elem_array(struct bpf_map *m)
{
	__u32 k = 3;
	__u64 v = 7, out = 0;

	if (bpf_map__update_elem(m, &k, sizeof(k), &v, sizeof(v), BPF_ANY) ||
	    bpf_map__lookup_elem(m, &k, sizeof(k), &out, sizeof(out), 0) || out != 7)
		return FAIL("array update/lookup: %s", strerror(errno));
	printf("array delete (kernel refuses): %d\n", bpf_map__delete_elem(m, &k, sizeof(k), 0));
	printf("array value size 4: %d\n",
	       bpf_map__lookup_elem(m, &k, sizeof(k), &out, 4, 0));
	return 0;
}

static int elem_percpu(struct bpf_map *m)
{
	int cpus = libbpf_num_possible_cpus(), i, err = 0;
	__u64 *vals = calloc(cpus, sizeof(__u64));	/* 4-byte values, padded to 8 */
	__u32 k = 2;

	if (!vals)
		return FAIL("calloc");
	for (i = 0; i < cpus; i++)
		vals[i] = 100 + i;
	printf("percpu unpadded size: %d\n",
	       bpf_map__update_elem(m, &k, sizeof(k), vals, cpus * sizeof(__u32), BPF_ANY));
	printf("percpu one value: %d\n",
	       bpf_map__update_elem(m, &k, sizeof(k), vals, sizeof(__u32), BPF_ANY));
	if (bpf_map__update_elem(m, &k, sizeof(k), vals, cpus * sizeof(__u64), BPF_ANY)) {
		err = FAIL("percpu update: %s", strerror(errno));
		goto out;
	}
	memset(vals, 0, cpus * sizeof(__u64));
	if (bpf_map__lookup_elem(m, &k, sizeof(k), vals, cpus * sizeof(__u64), 0)) {
		err = FAIL("percpu lookup: %s", strerror(errno));
		goto out;
	}
	printf("percpu values:");
	for (i = 0; i < cpus; i++)
		printf(" %llu", (unsigned long long)vals[i]);
	printf(" (%d cpus)\n", cpus);
out:
	free(vals);
	return err;
}

static int mode_elem(const char *path)
{
	struct bpf_object *obj = open_obj(path);
	struct bpf_map *hash;
	__u32 k = 1;
	__u64 v = 1;
	int err;

	if (!obj)
		return 1;
	hash = bpf_object__find_map_by_name(obj, "objapi_hash");
	printf("before load: %d\n", bpf_map__update_elem(hash, &k, 4, &v, 8, 0));
	err = bpf_object__load(obj);
	if (err) {
		bpf_object__close(obj);
		return FAIL("load: %d", err);
	}
	err = elem_hash(hash) ||
	      elem_array(bpf_object__find_map_by_name(obj, "objapi_array")) ||
	      elem_percpu(bpf_object__find_map_by_name(obj, "objapi_percpu"));
	bpf_object__close(obj);
	return err;
}

/* ---- pin: bpf_object__pin/unpin under a directory ---- */

static void list_dir(const char *what, const char *dir)
{
	struct dirent *de;
	DIR *d = opendir(dir);

	printf("%s:", what);
	while (d && (de = readdir(d)))
		if (de->d_name[0] != '.')
			printf(" %s", de->d_name);
	printf("\n");
	if (d)
		closedir(d);
}

static int mode_pin(const char *path, const char *dir, const char *bad_dir)
{
	struct bpf_object *obj = open_obj(path), *other;
	int err;

	if (!obj)
		return 1;
	printf("pin before load: %d\n", bpf_object__pin(obj, dir));
	err = bpf_object__load(obj);
	if (err) {
		bpf_object__close(obj);
		return FAIL("load: %d", err);
	}
	printf("pin outside bpffs: %d\n", bpf_object__pin(obj, bad_dir));
	list_dir("left in the other dir", bad_dir);
	err = bpf_object__pin(obj, dir);
	printf("pin: %d\n", err);
	list_dir("pinned", dir);
	printf("pin again: %d\n", bpf_object__pin(obj, dir));
	/* unpinning goes by names: an object not loaded (another process) can do it */
	other = open_obj(path);
	printf("unpin by an object not loaded: %d\n", other ? bpf_object__unpin(other, dir) : -1);
	bpf_object__close(other);
	list_dir("after unpin", dir);
	printf("unpin again: %d\n", bpf_object__unpin(obj, dir));
	bpf_object__close(obj);
	return 0;
}

/* ---- prepare: bpf_object__prepare() then bpf_object__load() ---- */

static int mode_prepare(const char *path)
{
	struct bpf_object *obj = open_obj(path);
	struct bpf_program *p;
	struct bpf_map *m;
	size_t opened;
	__u32 k = 0;
	__u64 v = 0;

	if (!obj)
		return 1;
	p = prog_of(obj, "objapi_count");
	m = bpf_object__find_map_by_name(obj, "objapi_array");
	opened = bpf_program__insn_cnt(p);
	printf("opened: insns %zu, func_info %u\n", opened, bpf_program__func_info_cnt(p));
	if (bpf_object__prepare(obj))
		return FAIL("prepare: %s", strerror(errno));
	printf("prepared: map fd %s, prog fd %d, insns grew %d, func_info %u\n",
	       bpf_map__fd(m) >= 0 ? "yes" : "no", bpf_program__fd(p),
	       bpf_program__insn_cnt(p) > opened, bpf_program__func_info_cnt(p));
	printf("map setter after prepare: %d\n", bpf_map__set_max_entries(m, 9));
	printf("prog setter after prepare: %d\n", bpf_program__set_log_level(p, 0));
	printf("elem after prepare: %d\n", bpf_map__lookup_elem(m, &k, 4, &v, 8, 0));
	printf("prepare again: %d\n", bpf_object__prepare(obj));
	if (bpf_object__load(obj))
		return FAIL("load after prepare: %s", strerror(errno));
	printf("loaded: prog runs %ld\n", run_xdp(bpf_program__fd(p)));
	printf("load again: %d\n", bpf_object__load(obj));
	printf("prog setter after load: %d\n", bpf_program__set_log_level(p, 0));
	bpf_object__close(obj);
	return 0;
}

/* ---- insns: bpf_program__set_insns() with "r0 = 42; exit" ---- */

static int mode_insns(const char *path, const char *when)
{
	struct bpf_insn ret42[] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0, .imm = 42 },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	struct bpf_object *obj = open_obj(path);
	struct bpf_program *p;
	int err;

	if (!obj)
		return 1;
	p = prog_of(obj, "objapi_count");
	if (!strcmp(when, "after-prepare") && bpf_object__prepare(obj))
		return FAIL("prepare: %s", strerror(errno));
	err = bpf_program__set_insns(p, ret42, 2);
	printf("set_insns %s: %d, insn_cnt %zu\n", when, err, bpf_program__insn_cnt(p));
	err = bpf_object__load(obj);
	if (err) {
		bpf_object__close(obj);
		return FAIL("load: %d", err);
	}
	printf("runs %ld, func_info %u, line_info %u\n", run_xdp(bpf_program__fd(p)),
	       bpf_program__func_info_cnt(p), bpf_program__line_info_cnt(p));
	printf("other program runs %ld\n", run_xdp(bpf_program__fd(prog_of(obj, "objapi_seen"))));
	printf("set_insns after load: %d\n", bpf_program__set_insns(p, ret42, 2));
	bpf_object__close(obj);
	return 0;
}

/* ---- infos: func_info and line_info against the kernel's and the BTF ---- */

static int mode_infos(const char *path)
{
	struct bpf_object *obj = open_obj(path);
	struct bpf_prog_info info = {};
	__u32 len = sizeof(info), i;
	const struct bpf_func_info *fi;
	struct bpf_program *p;
	struct btf *btf;

	if (!obj)
		return 1;
	p = prog_of(obj, "objapi_count");
	errno = 0;
	fi = bpf_program__func_info(p);
	printf("before load: func_info %s errno %d\n", fi ? "set" : "NULL", errno);
	if (bpf_object__load(obj))
		return FAIL("load: %s", strerror(errno));
	if (bpf_prog_get_info_by_fd(bpf_program__fd(p), &info, &len))
		return FAIL("info: %s", strerror(errno));
	printf("func_info %u (kernel %u), line_info %u (kernel %u)\n",
	       bpf_program__func_info_cnt(p), info.nr_func_info, bpf_program__line_info_cnt(p),
	       info.nr_line_info);
	btf = bpf_object__btf(obj);
	fi = bpf_program__func_info(p);
	for (i = 0; fi && i < bpf_program__func_info_cnt(p); i++)
		printf("func %u at insn %u: %s\n", i, fi[i].insn_off,
		       btf__name_by_offset(btf, btf__type_by_id(btf, fi[i].type_id)->name_off));
	printf("first line: %s\n",
	       btf__name_by_offset(btf, bpf_program__line_info(p)[0].line_off));
	bpf_program__unload(p);
	printf("unloaded: fd %d, func_info %u, line_info %u\n", bpf_program__fd(p),
	       bpf_program__func_info_cnt(p), bpf_program__line_info_cnt(p));
	bpf_object__close(obj);
	return 0;
}

/* ---- unload: bpf_program__unload(), then a reload by bpf_program__clone() ---- */

static int mode_unload(const char *path)
{
	struct bpf_object *obj = open_obj(path);
	struct bpf_prog_info info = {};
	__u32 len = sizeof(info), id;
	struct bpf_program *p;
	int fd, tries;

	if (!obj)
		return 1;
	p = prog_of(obj, "objapi_count");
	bpf_program__unload(NULL);
	if (bpf_object__load(obj))
		return FAIL("load: %s", strerror(errno));
	if (bpf_prog_get_info_by_fd(bpf_program__fd(p), &info, &len))
		return FAIL("info: %s", strerror(errno));
	id = info.id;
	printf("loaded: runs %ld\n", run_xdp(bpf_program__fd(p)));
	bpf_program__unload(p);
	printf("unloaded: fd %d\n", bpf_program__fd(p));
	/* the kernel frees the program once its last fd is closed */
	for (tries = 0; tries < 100; tries++) {
		fd = bpf_prog_get_fd_by_id(id);
		if (fd < 0)
			break;
		close(fd);
		usleep(10000);
	}
	printf("kernel id gone: %s\n", fd < 0 && errno == ENOENT ? "yes" : "no");
	bpf_program__unload(p);
	fd = bpf_program__clone(p, NULL);
	if (fd < 0)
		return FAIL("reload by clone: %s", strerror(errno));
	printf("reloaded: runs %ld\n", run_xdp(fd));
	close(fd);
	bpf_object__close(obj);
	return 0;
}

/* ---- clone ---- */

static int mode_clone(const char *path)
{
	struct bpf_object *obj = open_obj(path);
	struct bpf_prog_info i1 = {}, i2 = {};
	__u32 l1 = sizeof(i1), l2 = sizeof(i2);
	static char log[1 << 16];
	__u32 one = 1;
	struct bpf_program *p;
	int a, b, c;

	if (!obj)
		return 1;
	p = prog_of(obj, "objapi_count");
	printf("clone before prepare: %d\n", bpf_program__clone(p, NULL));
	if (bpf_object__prepare(obj))
		return FAIL("prepare: %s", strerror(errno));
	a = bpf_program__clone(p, NULL);
	b = bpf_program__clone(p, NULL);
	if (a < 0 || b < 0)
		return FAIL("clone: %d %d", a, b);
	bpf_prog_get_info_by_fd(a, &i1, &l1);
	bpf_prog_get_info_by_fd(b, &i2, &l2);
	printf("clones: distinct ids %s, func_info %u, runs %ld %ld, object fd %d\n",
	       i1.id != i2.id ? "yes" : "no", i1.nr_func_info, run_xdp(a), run_xdp(b),
	       bpf_program__fd(p));
	{
		LIBBPF_OPTS(bpf_prog_load_opts, o, .log_buf = log, .log_size = sizeof(log),
			    .log_level = 1);
		c = bpf_program__clone(p, &o);
		printf("clone with caller's log: fd %s, log %s\n", c >= 0 ? "yes" : "no",
		       strstr(log, "processed") ? "filled" : "empty");
		if (c >= 0)
			close(c);
	}
	{
		LIBBPF_OPTS(bpf_prog_load_opts, o, .func_info_cnt = 1);
		printf("clone with half a func_info: %d\n", bpf_program__clone(p, &o));
	}
	{
		LIBBPF_OPTS(bpf_prog_load_opts, o, .prog_flags = one << 30);
		printf("clone with bad flags: %d\n", bpf_program__clone(p, &o));
	}
	if (bpf_object__load(obj))
		return FAIL("load: %s", strerror(errno));
	c = bpf_program__clone(p, NULL);
	printf("clone after load: %s, object fd %s\n", c >= 0 ? "yes" : "no",
	       bpf_program__fd(p) >= 0 && bpf_program__fd(p) != c ? "own" : "none");
	close(a);
	close(b);
	if (c >= 0)
		close(c);
	bpf_object__close(obj);
	return 0;
}

/* ---- linfo: bpf_prog_linfo from a loaded program's info ---- */

static int prog_info_lines(int fd, struct bpf_prog_info *info, void **bufs)
{
	__u32 len = sizeof(*info), nl, njl, nk, nfl;
	int err;

	memset(info, 0, sizeof(*info));
	err = bpf_prog_get_info_by_fd(fd, info, &len);
	if (err)
		return err;
	nl = info->nr_line_info;
	njl = info->nr_jited_line_info;
	nk = info->nr_jited_ksyms;
	nfl = info->nr_jited_func_lens;
	bufs[0] = calloc(nl, sizeof(struct bpf_line_info));
	bufs[1] = calloc(njl, sizeof(__u64));
	bufs[2] = calloc(nk, sizeof(__u64));
	bufs[3] = calloc(nfl, sizeof(__u32));
	memset(info, 0, sizeof(*info));
	info->nr_line_info = nl;
	info->line_info_rec_size = sizeof(struct bpf_line_info);
	info->line_info = (unsigned long)bufs[0];
	info->nr_jited_line_info = njl;
	info->jited_line_info_rec_size = sizeof(__u64);
	info->jited_line_info = (unsigned long)bufs[1];
	info->nr_jited_ksyms = nk;
	info->jited_ksyms = (unsigned long)bufs[2];
	info->nr_jited_func_lens = nfl;
	info->jited_func_lens = (unsigned long)bufs[3];
	len = sizeof(*info);
	return bpf_prog_get_info_by_fd(fd, info, &len);
}

static void print_line(const char *what, struct btf *btf, const struct bpf_line_info *l)
{
	if (!l) {
		printf("%s: none (errno %d)\n", what, errno);
		return;
	}
	printf("%s: insn %u line %u file %s\n", what, l->insn_off, l->line_col >> 10,
	       btf__name_by_offset(btf, l->file_name_off));
}

static int mode_linfo(const char *path)
{
	struct bpf_object *obj = open_obj(path);
	struct bpf_prog_linfo *li;
	struct bpf_prog_info info;
	void *bufs[4] = { 0 };
	struct btf *btf;
	int i, err = 0;

	if (!obj)
		return 1;
	if (bpf_object__load(obj))
		return FAIL("load: %s", strerror(errno));
	btf = bpf_object__btf(obj);
	if (prog_info_lines(bpf_program__fd(prog_of(obj, "objapi_count")), &info, bufs)) {
		err = FAIL("prog info: %s", strerror(errno));
		goto out;
	}
	printf("line_info %u, jited funcs %u\n", info.nr_line_info, info.nr_jited_ksyms);
	li = bpf_prog_linfo__new(&info);
	if (!li) {
		err = FAIL("linfo new: %s", strerror(errno));
		goto out;
	}
	print_line("insn 0", btf, bpf_prog_linfo__lfind(li, 0, 0));
	print_line("insn 0 skip all", btf, bpf_prog_linfo__lfind(li, 0, info.nr_line_info));
	print_line("func 1 start", btf,
		   bpf_prog_linfo__lfind_addr_func(li, ((__u64 *)bufs[2])[1], 1, 0));
	print_line("func 1 before start", btf,
		   bpf_prog_linfo__lfind_addr_func(li, ((__u64 *)bufs[2])[1] - 1, 1, 0));
	print_line("func 9", btf, bpf_prog_linfo__lfind_addr_func(li, 0, 9, 0));
	bpf_prog_linfo__free(li);
	info.nr_line_info = 0;
	li = bpf_prog_linfo__new(&info);
	printf("no line info: %s errno %d\n", li ? "index" : "NULL", errno);
	bpf_prog_linfo__free(li);
	bpf_prog_linfo__free(NULL);
out:
	for (i = 0; i < 4; i++)
		free(bufs[i]);
	bpf_object__close(obj);
	return err;
}

/* ---- handler: custom SEC() handlers ---- */

static int setup_calls, prepare_calls, attach_calls;

static int h_setup(struct bpf_program *prog, long cookie)
{
	setup_calls++;
	printf("setup %s cookie %ld type %d\n", bpf_program__name(prog), cookie,
	       bpf_program__type(prog));
	return 0;
}

static int h_prepare(struct bpf_program *prog, struct bpf_prog_load_opts *opts, long cookie)
{
	prepare_calls++;
	printf("prepare_load %s cookie %ld expected_attach_type %d\n", bpf_program__name(prog),
	       cookie, opts->expected_attach_type);
	return 0;
}

static int h_attach(const struct bpf_program *prog, long cookie, struct bpf_link **link)
{
	const char *sec = bpf_program__section_name(prog);

	attach_calls++;
	*link = bpf_program__attach_raw_tracepoint(prog, strchr(sec, '/') + 1);
	printf("attach %s cookie %ld: %s\n", bpf_program__name(prog), cookie,
	       *link ? "link" : strerror(errno));
	return *link ? 0 : -errno;
}

static int mode_handler(const char *path)
{
	LIBBPF_OPTS(libbpf_prog_handler_opts, ho, .cookie = 77, .prog_setup_fn = h_setup,
		    .prog_prepare_load_fn = h_prepare, .prog_attach_fn = h_attach);
	LIBBPF_OPTS(libbpf_prog_handler_opts, fo, .cookie = 5);
	enum bpf_prog_type t;
	enum bpf_attach_type a;
	struct bpf_object *obj;
	struct bpf_link *link;
	int id, fid;

	id = libbpf_register_prog_handler("myhandler/", BPF_PROG_TYPE_RAW_TRACEPOINT,
					  BPF_TRACE_RAW_TP, &ho);
	fid = libbpf_register_prog_handler(NULL, BPF_PROG_TYPE_RAW_TRACEPOINT, 0, &fo);
	printf("registered: %s %s\n", id > 0 ? "yes" : "no", fid > 0 ? "yes" : "no");
	printf("second fallback: %d\n",
	       libbpf_register_prog_handler(NULL, BPF_PROG_TYPE_XDP, 0, NULL));
	printf("type_by_name: %d ", libbpf_prog_type_by_name("myhandler/x", &t, &a));
	printf("type %d attach %d\n", t, a);
	obj = open_obj(path);
	if (!obj)
		return 1;
	printf("custom: type %d attach %d; fallback: type %d\n",
	       bpf_program__type(prog_of(obj, "objapi_custom")),
	       bpf_program__expected_attach_type(prog_of(obj, "objapi_custom")),
	       bpf_program__type(prog_of(obj, "objapi_fallback")));
	if (bpf_object__load(obj))
		return FAIL("load: %s", strerror(errno));
	link = bpf_program__attach(prog_of(obj, "objapi_custom"));
	printf("bpf_program__attach: %s\n", link ? "link" : strerror(errno));
	bpf_link__destroy(link);
	link = bpf_program__attach(prog_of(obj, "objapi_fallback"));
	printf("attach without callback: %s errno %s\n", link ? "link" : "NULL",
	       errno == EOPNOTSUPP ? "EOPNOTSUPP" : strerror(errno));
	bpf_link__destroy(link);
	bpf_object__close(obj);
	printf("calls: setup %d prepare %d attach %d\n", setup_calls, prepare_calls,
	       attach_calls);
	printf("unregister: %d", libbpf_unregister_prog_handler(id));
	printf(" %d", libbpf_unregister_prog_handler(fid));
	printf(", again %d", libbpf_unregister_prog_handler(id));
	printf(", bad %d\n", libbpf_unregister_prog_handler(0));
	obj = open_obj(path);
	if (!obj)
		return 1;
	printf("after unregister: type %d\n", bpf_program__type(prog_of(obj, "objapi_custom")));
	bpf_object__close(obj);
	return 0;
}

/* ---- defs: inner map fd, bloom filter map_extra, NUMA node, ifindex, autoattach ---- */

static int defs_inner(struct bpf_object *obj)
{
	struct bpf_map *outer = bpf_object__find_map_by_name(obj, "objapi_outer");
	int inner = bpf_map_create(BPF_MAP_TYPE_ARRAY, "objapi_inner", 4, 8, 1, NULL);
	struct bpf_map_info info = {};
	__u32 len = sizeof(info), k = 0, id = 0;
	int err;

	if (inner < 0)
		return FAIL("inner create: %s", strerror(errno));
	printf("inner fd on a hash: %d\n",
	       bpf_map__set_inner_map_fd(bpf_object__find_map_by_name(obj, "objapi_plain"),
					 inner));
	err = bpf_map__set_inner_map_fd(outer, inner);
	printf("inner fd: %d, again %d\n", err, bpf_map__set_inner_map_fd(outer, inner));
	err = bpf_object__load(obj);
	if (err) {
		close(inner);
		return FAIL("load: %d", err);
	}
	bpf_map_get_info_by_fd(inner, &info, &len);
	err = bpf_map_update_elem(bpf_map__fd(outer), &k, &inner, 0);
	printf("outer slot 0 takes the inner map: %d\n", err);
	bpf_map_lookup_elem(bpf_map__fd(outer), &k, &id);
	printf("slot 0 holds it: %s\n", id == info.id ? "yes" : "no");
	close(inner);
	return 0;
}

static int defs_bloom(struct bpf_object *obj)
{
	struct bpf_map *bloom = bpf_object__find_map_by_name(obj, "objapi_bloom");
	struct bpf_map_info info = {};
	__u32 len = sizeof(info), v = 7;

	printf("map_extra: %d\n", bpf_map__set_map_extra(bloom, 3));
	if (bpf_object__load(obj))
		return FAIL("load: %s", strerror(errno));
	printf("map_extra after load: %d\n", bpf_map__set_map_extra(bloom, 4));
	bpf_map_get_info_by_fd(bpf_map__fd(bloom), &info, &len);
	printf("kernel map_extra %llu\n", (unsigned long long)info.map_extra);
	printf("bloom push: %d\n", bpf_map__update_elem(bloom, NULL, 0, &v, sizeof(v), 0));
	printf("bloom has 7: %d\n", bpf_map__lookup_elem(bloom, NULL, 0, &v, sizeof(v), 0));
	v = 8;
	printf("bloom has 8: %d\n", bpf_map__lookup_elem(bloom, NULL, 0, &v, sizeof(v), 0));
	printf("program sees 7: %ld\n",
	       run_xdp(bpf_program__fd(prog_of(obj, "objapi_defs"))));
	return 0;
}

static int defs_numa(struct bpf_object *obj, __u32 node)
{
	struct bpf_map *m = bpf_object__find_map_by_name(obj, "objapi_plain");
	struct bpf_map_info info = {};
	__u32 len = sizeof(info);
	int err;

	bpf_map__set_map_flags(m, BPF_F_NUMA_NODE);
	printf("numa node %u: %d", node, bpf_map__set_numa_node(m, node));
	printf(", reads back %u\n", bpf_map__numa_node(m));
	err = bpf_object__load(obj);
	printf("load: %d\n", err);
	if (err)
		return 0;
	bpf_map_get_info_by_fd(bpf_map__fd(m), &info, &len);
	printf("kernel map_flags has BPF_F_NUMA_NODE: %s\n",
	       info.map_flags & BPF_F_NUMA_NODE ? "yes" : "no");
	printf("numa node after load: %d\n", bpf_map__set_numa_node(m, 0));
	return 0;
}

static int defs_ifindex(struct bpf_object *obj, __u32 ifindex)
{
	struct bpf_map *m = bpf_object__find_map_by_name(obj, "objapi_plain");

	printf("ifindex default %u\n", bpf_map__ifindex(m));
	printf("set ifindex %u: %d", ifindex, bpf_map__set_ifindex(m, ifindex));
	printf(", reads back %u\n", bpf_map__ifindex(m));
	printf("load: %d\n", bpf_object__load(obj));
	printf("ifindex after load: %d\n", bpf_map__set_ifindex(m, 0));
	return 0;
}

static int defs_autoattach(struct bpf_object *obj)
{
	struct bpf_map *m = bpf_object__find_map_by_name(obj, "objapi_plain");

	int err = bpf_map__set_autoattach(m, true);

	printf("hash autoattach %d, set %d\n", bpf_map__autoattach(m), err);
	bpf_map__set_type(m, BPF_MAP_TYPE_STRUCT_OPS);
	printf("struct_ops autoattach %d\n", bpf_map__autoattach(m));
	printf("set false %d", bpf_map__set_autoattach(m, false));
	printf(" -> %d\n", bpf_map__autoattach(m));
	printf("set true %d", bpf_map__set_autoattach(m, true));
	printf(" -> %d\n", bpf_map__autoattach(m));
	return 0;
}

static int mode_defs(const char *path, const char *what)
{
	struct bpf_object *obj = open_obj(path);
	int err = 1;

	if (!obj)
		return 1;
	/* the array of maps needs the inner map only "inner" gives it */
	if (strcmp(what, "inner"))
		bpf_map__set_autocreate(bpf_object__find_map_by_name(obj, "objapi_outer"), false);
	if (!strcmp(what, "inner"))
		err = defs_inner(obj);
	else if (!strcmp(what, "bloom"))
		err = defs_bloom(obj);
	else if (!strcmp(what, "numa"))
		err = defs_numa(obj, 0);
	else if (!strcmp(what, "numa-bad"))
		err = defs_numa(obj, 1000);
	else if (!strncmp(what, "ifindex=", 8))
		err = defs_ifindex(obj, atoi(what + 8));
	else if (!strcmp(what, "autoattach"))
		err = defs_autoattach(obj);
	bpf_object__close(obj);
	return err;
}

/* ---- excl: bpf_map__set_exclusive_program() ---- */

static int mode_excl(const char *path, const char *what)
{
	struct bpf_object *obj = open_obj(path), *other;
	struct bpf_program *owner, *intruder;
	struct bpf_map *m;
	__u32 k = 0, v = 5;
	int err;

	if (!obj)
		return 1;
	owner = prog_of(obj, "objapi_owner");
	intruder = prog_of(obj, "objapi_intruder");
	m = bpf_object__find_map_by_name(obj, "objapi_excl");
	printf("exclusive default: %s\n", bpf_map__exclusive_program(m) ? "set" : "NULL");
	other = open_obj(path);
	printf("program of another object: %d\n",
	       bpf_map__set_exclusive_program(m, prog_of(other, "objapi_owner")));
	bpf_object__close(other);
	printf("set: %d", bpf_map__set_exclusive_program(m, owner));
	printf(", reads back %s\n", bpf_map__exclusive_program(m) == owner ? "owner" : "?");
	if (!strcmp(what, "owner-only"))
		bpf_program__set_autoload(intruder, false);
	err = bpf_object__load(obj);
	printf("load: %d\n", err);
	if (!err) {
		bpf_map__update_elem(m, &k, 4, &v, 4, 0);
		printf("owner runs %ld\n", run_xdp(bpf_program__fd(owner)));
		printf("set after load: %d\n", bpf_map__set_exclusive_program(m, owner));
	}
	bpf_object__close(obj);
	return 0;
}

/* ---- misc: kversion, token fd ---- */

static int mode_misc(const char *path)
{
	struct bpf_object *obj = open_obj(path);

	if (!obj)
		return 1;
	printf("token fd %d\n", bpf_object__token_fd(obj));
	printf("set_kversion %d", bpf_object__set_kversion(obj, 0x060112));
	printf(" -> 0x%x\n", bpf_object__kversion(obj));
	printf("get_type %d get_expected_attach_type %d\n",
	       bpf_program__get_type(prog_of(obj, "objapi_count")),
	       bpf_program__get_expected_attach_type(prog_of(obj, "objapi_count")));
	printf("get_pin_path %s\n",
	       bpf_map__get_pin_path(bpf_object__find_map_by_name(obj, "objapi_hash")) ?: "NULL");
	if (bpf_object__load(obj))
		return FAIL("load: %s", strerror(errno));
	printf("set_kversion after load %d\n", bpf_object__set_kversion(obj, 1));
	bpf_object__close(obj);
	return 0;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 2 ? argv[1] : "", *path = argc > 2 ? argv[2] : "";
	const char *arg = argc > 3 ? argv[3] : "";

	setvbuf(stdout, NULL, _IONBF, 0);
	libbpf_set_print(print_all);
	if (!strcmp(mode, "elem"))
		return mode_elem(path);
	if (!strcmp(mode, "pin") && argc > 4)
		return mode_pin(path, arg, argv[4]);
	if (!strcmp(mode, "prepare"))
		return mode_prepare(path);
	if (!strcmp(mode, "insns"))
		return mode_insns(path, arg);
	if (!strcmp(mode, "infos"))
		return mode_infos(path);
	if (!strcmp(mode, "unload"))
		return mode_unload(path);
	if (!strcmp(mode, "clone"))
		return mode_clone(path);
	if (!strcmp(mode, "linfo"))
		return mode_linfo(path);
	if (!strcmp(mode, "handler"))
		return mode_handler(path);
	if (!strcmp(mode, "defs"))
		return mode_defs(path, arg);
	if (!strcmp(mode, "excl"))
		return mode_excl(path, arg);
	if (!strcmp(mode, "misc"))
		return mode_misc(path);
	fprintf(stderr, "usage: %s MODE OBJECT [ARG...]\n", argv[0]);
	return 2;
}
