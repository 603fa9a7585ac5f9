// SPDX-License-Identifier: BSD-2-Clause
/*
 * bpf_object__gen_loader() without running what it records: a clang-built
 * object (maps, a map-in-map, a program array, global data, a kconfig
 * extern, a sub-program) recorded twice gives the same loader; the loader
 * is a well-formed program (every jump lands inside it, every blob address
 * is inside the data, only the helpers a loader needs are called, it ends
 * in exit); its data starts with the header naming one step per bpf()
 * call; and the argument checks follow libbpf's conventions. (Running
 * loaders is tested by tests/bats/gen_light.bats.)
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <linux/bpf.h>
#include <bpf/libbpf.h>

#include "unit.h"

static const char source[] =
	"typedef unsigned int u32; typedef unsigned long long u64;\n"
	"#define SEC(n) __attribute__((section(n), used))\n"
	"char LICENSE[] SEC(\"license\") = \"GPL\";\n"
	"struct inner { int (*type)[2]; int (*max_entries)[1]; u32 *key; u32 *value; };\n"
	"struct inner in_a SEC(\".maps\");\n"
	"struct { int (*type)[12]; int (*max_entries)[2]; u32 *key;\n"
	"        struct inner *values[]; } outer SEC(\".maps\") = { .values = { &in_a } };\n"
	"struct { int (*type)[2]; int (*max_entries)[4]; u32 *key; u64 *value; }\n"
	"        counts SEC(\".maps\");\n"
	"u64 dval = 3; const volatile u64 rval = 4; u64 bval;\n"
	"extern u32 LINUX_KERNEL_VERSION __attribute__((section(\".kconfig\")));\n"
	"static void *(*lookup)(void *, const void *) = (void *)1;\n"
	"static __attribute__((noinline)) u64 sub(u64 a) { return a + rval; }\n"
	"SEC(\"socket\") int p1(void *ctx) { u32 k = 0; u64 *v = lookup(&counts, &k);\n"
	"  if (v) *v += 1; bval = sub(dval) + LINUX_KERNEL_VERSION; return 0; }\n"
	"SEC(\"socket\") int p2(void *ctx) { return 1; }\n"
	"struct { int (*type)[3]; int (*max_entries)[2]; u32 *key;\n"
	"        int (*values[])(void *); } jmp SEC(\".maps\") = { .values = { [1] = p2 } };\n";

#define BLOB_MAGIC	0x444c4342u

static void *build_object(size_t *size)
{
	char dir[] = "/tmp/gen-loader-XXXXXX", src[64], obj[64], cmd[256];
	const char *clang = getenv("CLANG") ? getenv("CLANG") : "clang";
	void *buf = NULL;
	FILE *f;
	long n;

	if (!mkdtemp(dir))
		return NULL;
	snprintf(src, sizeof(src), "%s/g.c", dir);
	snprintf(obj, sizeof(obj), "%s/g.o", dir);
	f = fopen(src, "w");
	if (!f)
		goto out;
	fputs(source, f);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "%s -O2 -g -target bpf -c %s -o %s", clang, src, obj);
	if (system(cmd))
		goto out;
	f = fopen(obj, "rb");
	if (!f)
		goto out;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc(n);
	if (buf && fread(buf, 1, n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	*size = n;
	fclose(f);
out:
	unlink(src);
	unlink(obj);
	rmdir(dir);
	return buf;
}

struct recording {
	struct bpf_object *obj;
	struct gen_loader_opts opts;
};

static bool record(const void *buf, size_t size, struct recording *r)
{
	r->opts = (struct gen_loader_opts){ .sz = sizeof(r->opts) };
	r->obj = bpf_object__open_mem(buf, size, NULL);
	if (!r->obj)
		return false;
	return !bpf_object__gen_loader(r->obj, &r->opts) && !bpf_object__load(r->obj);
}

static bool is_jump(const struct bpf_insn *i)
{
	__u8 cls = BPF_CLASS(i->code), op = BPF_OP(i->code);

	return (cls == BPF_JMP || cls == BPF_JMP32) && op != BPF_CALL && op != BPF_EXIT;
}

static bool loader_helper(int id)
{
	return id == BPF_FUNC_sys_bpf || id == BPF_FUNC_sys_close ||
	       id == BPF_FUNC_copy_from_user || id == BPF_FUNC_probe_read_kernel ||
	       id == BPF_FUNC_btf_find_by_name_kind;
}

/* Returns the number of bpf() calls. */
static int check_program(const struct gen_loader_opts *o)
{
	const struct bpf_insn *insn = (const struct bpf_insn *)o->insns;
	long cnt = o->insns_sz / sizeof(*insn), i, bad_jump = -1, bad_addr = -1, bad_call = -1;
	int exits = 0, sys_bpf = 0;

	for (i = 0; i < cnt; i++) {
		const struct bpf_insn *in = &insn[i];

		if (in->code == (BPF_LD | BPF_DW | BPF_IMM)) {
			if (in->src_reg == BPF_PSEUDO_MAP_IDX_VALUE &&
			    (in->imm != 0 || i + 1 >= cnt || (__u32)in[1].imm >= o->data_sz))
				bad_addr = i;
			i++;
			continue;
		}
		if (is_jump(in) && (i + 1 + in->off < 0 || i + 1 + in->off >= cnt))
			bad_jump = i;
		if (in->code == (BPF_JMP | BPF_CALL)) {
			if (!loader_helper(in->imm))
				bad_call = i;
			sys_bpf += in->imm == BPF_FUNC_sys_bpf;
		}
		exits += in->code == (BPF_JMP | BPF_EXIT);
	}
	CHECK(o->insns_sz && o->insns_sz % sizeof(*insn) == 0, "insns_sz %u: whole instructions",
	      o->insns_sz);
	CHECK(bad_jump < 0, "every jump lands inside the program (first bad: %ld)", bad_jump);
	CHECK(bad_addr < 0, "every blob address is fd_array[0] + an offset inside the %u bytes "
	      "of data (first bad: %ld)", o->data_sz, bad_addr);
	CHECK(bad_call < 0, "only loader helpers are called (first other: %ld)", bad_call);
	CHECK(cnt && insn[cnt - 1].code == (BPF_JMP | BPF_EXIT) && exits == 2,
	      "two exits, success and clean-up, the last instruction one of them (%d)", exits);
	return sys_bpf;
}

/* The header's step table; returns whether want is one of the steps. */
static bool check_steps(const struct gen_loader_opts *o, int sys_bpf, const char *want)
{
	__u32 hdr[4], off, i;
	bool found = false, ok = true;

	memcpy(hdr, o->data, sizeof(hdr));
	CHECK(hdr[0] == BLOB_MAGIC, "data starts with the header magic (0x%x)", hdr[0]);
	CHECK(hdr[1] == 0, "no step is marked failed before a run");
	/* BTF, maps, initial values, freezes, slots, programs: at least one per bpf() */
	if (!CHECK(hdr[3] >= (__u32)sys_bpf && hdr[2] + 4 * hdr[3] <= o->data_sz,
		   "%u steps for %d bpf() calls, table inside the data", hdr[3], sys_bpf))
		return false;
	for (i = 0; i < hdr[3]; i++) {
		memcpy(&off, o->data + hdr[2] + 4 * i, sizeof(off));
		if (off >= o->data_sz || !memchr(o->data + off, 0, o->data_sz - off)) {
			ok = false;
			continue;
		}
		found |= !strcmp(o->data + off, want);
	}
	CHECK(ok, "every step's description is a string inside the data");
	return found;
}

static void test_loader(const void *buf, size_t size)
{
	struct recording a, b;
	int calls;

	if (!CHECK(record(buf, size, &a), "recording the object: %s", strerror(errno)))
		return;
	CHECK(record(buf, size, &b), "recording it again");
	CHECK(a.opts.data_sz == b.opts.data_sz && a.opts.insns_sz == b.opts.insns_sz &&
	      !memcmp(a.opts.data, b.opts.data, a.opts.data_sz) &&
	      !memcmp(a.opts.insns, b.opts.insns, a.opts.insns_sz),
	      "two recordings are byte for byte the same");
	calls = check_program(&a.opts);
	/* BTF, 4 user maps + inner + 3 data maps, values, freeze, 2 slots, 2 programs */
	CHECK(calls >= 14, "%d bpf() calls recorded", calls);
	CHECK(check_steps(&a.opts, calls, "creating array_of_maps map 'outer'"),
	      "a step names the map-in-map's creation");
	CHECK(check_steps(&a.opts, calls, "storing program 'p2' in slot 1 of map 'jmp'"),
	      "a step names the program array slot");
	CHECK(bpf_program__fd(bpf_object__find_program_by_name(a.obj, "p1")) < 0,
	      "recording loads nothing");
	bpf_object__close(a.obj);
	bpf_object__close(b.obj);
}

static void test_args(const void *buf, size_t size)
{
	struct bpf_object *obj = bpf_object__open_mem(buf, size, NULL);
	struct { struct gen_loader_opts o; long extra; } big = { .o.sz = sizeof(big), .extra = 1 };
	struct gen_loader_opts opts = { .sz = sizeof(opts) };
	int err;

	if (!CHECK(obj, "opening the object"))
		return;
	err = bpf_object__gen_loader(obj, NULL);
	CHECK(err == -EFAULT && errno == EFAULT, "NULL opts: -EFAULT, errno set (%d)", err);
	err = bpf_object__gen_loader(NULL, &opts);
	CHECK(err == -EINVAL && errno == EINVAL, "NULL object: -EINVAL (%d)", err);
	err = bpf_object__gen_loader(obj, &big.o);
	CHECK(err == -EINVAL, "opts with unknown non-zero fields: -EINVAL (%d)", err);
	CHECK(!bpf_object__gen_loader(obj, &opts) && !bpf_object__gen_loader(obj, &opts),
	      "set twice: the second one counts");
	CHECK(!bpf_object__load(obj) && opts.insns && opts.data, "the load fills opts");
	err = bpf_object__gen_loader(obj, &opts);
	CHECK(err == -EINVAL, "after the load: -EINVAL (%d)", err);
	bpf_object__close(obj);
}

int main(void)
{
	size_t size = 0;
	void *buf = build_object(&size);

	if (!CHECK(buf, "clang builds the test object"))
		return unit_done();
	libbpf_set_print(NULL);
	test_loader(buf, size);
	test_args(buf, size);
	free(buf);
	return unit_done();
}
