// SPDX-License-Identifier: BSD-2-Clause
/*
 * Unit tests of CO-RE relocations.
 *
 * Without arguments: hand-built local and target BTF, one relocation at a
 * time, each kind checked against values worked out by hand from the
 * layouts below (moved fields, anonymous members, arrays, flexible arrays,
 * bitfields, load size changes, flavours, missing fields and types,
 * enumerators, type matching, ambiguity, malformed records).
 *
 * With "OBJ TARGET_BTF": apply every CO-RE relocation of a clang-built
 * object against TARGET_BTF and print one line per relocation,
 *   <section> <relo#> <kind> <path> <value>
 * where path names the access in C terms from the local BTF (flavours
 * stripped) and value is read back from the patched instruction ("poison"
 * for a poisoned one); the bats suite compares them with bpftool's dump.
 */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <unistd.h>

#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include "btf_ext.h"
#include "core_relo.h"
#include "unit.h"

#define POISON_IMM 0xbad2310

static char last_warning[2048];
static bool verbose;

static int capture_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	size_t len = strlen(last_warning);

	/* all warnings since the last reset, on one line for the TAP output */
	if (level == LIBBPF_WARN) {
		vsnprintf(last_warning + len, sizeof(last_warning) - len, fmt, ap);
		if (verbose)
			fputs(last_warning + len, stderr);
		len = strcspn(last_warning, "\n");
		if (last_warning[len])
			last_warning[len] = ' ';
	}
	return 0;
}

#define ALU64_IMM(OP, DST, IMM) \
	((struct bpf_insn){ .code = BPF_ALU64 | (OP) | BPF_K, .dst_reg = (DST), .imm = (IMM) })
#define LDX_MEM(SZ, DST, SRC, OFF) \
	((struct bpf_insn){ .code = BPF_LDX | BPF_MEM | (SZ), .dst_reg = (DST), \
			    .src_reg = (SRC), .off = (OFF) })
#define LD_IMM64_LO(DST, V) \
	((struct bpf_insn){ .code = BPF_LD | BPF_IMM | BPF_DW, .dst_reg = (DST), \
			    .imm = (__s32)(__u32)(V) })
#define LD_IMM64_HI(V) ((struct bpf_insn){ .imm = (__s32)(__u32)((__u64)(V) >> 32) })
#define EXIT_INSN() ((struct bpf_insn){ .code = BPF_JMP | BPF_EXIT })

static bool is_poison(const struct bpf_insn *insn)
{
	return insn->code == (BPF_JMP | BPF_CALL) && insn->imm == POISON_IMM && !insn->src_reg &&
	       !insn->dst_reg && !insn->off;
}

/* Local and target BTF of the synthetic tests; ids and string offsets noted as built. */
struct env {
	struct btf *local, *targ;
	struct core_relo_ctx *ctx;
	/* local ids */
	__u32 foo, nothere, enum_l, enum64_l, bar_m, bar_n, flex_l, amb_l, same_l, anon_l;
	__u32 cb_ok, cb_bad, holder_s, holder_u, enum_m, enum_sg, enum_ug;
	/* target ids */
	__u32 t_foo, t_bar, t_enum64;
	struct btf_builder lb;
};

static struct btf *finish(struct btf_builder *b)
{
	__u32 size;
	void *raw = bb_finish(b, &size);
	struct btf *btf = btf__new(raw, size);

	free(raw);
	return btf;
}

/* Bitfield member offset word: kflag structs carry the size in the top 8 bits. */
#define BF(bits, off) ((__u32)(bits) << 24 | (off))

/* Function pointer typedefs, declarations behind pointers, an enum to match. */
static void build_local_more(struct env *e, __u32 i32)
{
	struct btf_builder *b = &e->lb;
	__u32 proto1, proto2, fwd_s, fwd_u, ptr;

	proto1 = bb_type(b, BTF_KIND_FUNC_PROTO, "", 1, false, i32);	/* int (int) */
	bb_u32(b, 0), bb_u32(b, i32);
	proto2 = bb_type(b, BTF_KIND_FUNC_PROTO, "", 2, false, i32);	/* int (int, int) */
	bb_u32(b, 0), bb_u32(b, i32), bb_u32(b, 0), bb_u32(b, i32);
	e->cb_ok = bb_type(b, BTF_KIND_TYPEDEF, "cb_t___l", 0, false,
			   bb_type(b, BTF_KIND_PTR, "", 0, false, proto1));
	e->cb_bad = bb_type(b, BTF_KIND_TYPEDEF, "cb2_t", 0, false,
			    bb_type(b, BTF_KIND_PTR, "", 0, false, proto2));
	/* struct holder { struct node *p; } with node only declared, as struct or union */
	fwd_s = bb_type(b, BTF_KIND_FWD, "node", 0, false, 0);
	ptr = bb_type(b, BTF_KIND_PTR, "", 0, false, fwd_s);
	e->holder_s = bb_type(b, BTF_KIND_STRUCT, "holder___s", 1, false, 8);
	bb_member(b, "p", ptr, 0);
	fwd_u = bb_type(b, BTF_KIND_FWD, "node", 0, true, 0);
	ptr = bb_type(b, BTF_KIND_PTR, "", 0, false, fwd_u);
	e->holder_u = bb_type(b, BTF_KIND_STRUCT, "holder___u", 1, false, 8);
	bb_member(b, "p", ptr, 0);
	e->enum_m = bb_type(b, BTF_KIND_ENUM, "e___m", 1, false, 4);
	bb_u32(b, bb_str(b, "E_TWO")), bb_u32(b, 7);
	/* as clang 14 writes them: no signedness flag */
	e->enum_sg = bb_type(b, BTF_KIND_ENUM, "sg___l", 1, false, 4);
	bb_u32(b, bb_str(b, "S_NEG")), bb_u32(b, (__u32)-2);
	e->enum_ug = bb_type(b, BTF_KIND_ENUM, "ug", 1, false, 4);
	bb_u32(b, bb_str(b, "U_BIG")), bb_u32(b, 0x80000001);
}

static void build_local(struct env *e)
{
	struct btf_builder *b = &e->lb;
	__u32 i32, u32, arr4, arr0, l64;

	bb_init(b);
	i32 = bb_int(b, "int", 4, BTF_INT_SIGNED);			/* 1 */
	u32 = bb_int(b, "unsigned int", 4, 0);				/* 2 */
	arr4 = bb_type(b, BTF_KIND_ARRAY, "", 0, false, 0);		/* 3 */
	bb_u32(b, i32), bb_u32(b, i32), bb_u32(b, 4);
	/* struct foo___v2 { int a, b; unsigned bf:3; int arr[4]; unsigned u; int s, missing; } */
	e->foo = bb_type(b, BTF_KIND_STRUCT, "foo___v2", 7, true, 40);
	bb_member(b, "a", i32, BF(0, 0));
	bb_member(b, "b", i32, BF(0, 32));
	bb_member(b, "bf", u32, BF(3, 64));
	bb_member(b, "arr", arr4, BF(0, 96));
	bb_member(b, "u", u32, BF(0, 224));
	bb_member(b, "s", i32, BF(0, 256));
	bb_member(b, "missing", i32, BF(0, 288));
	e->nothere = bb_type(b, BTF_KIND_STRUCT, "nothere", 1, false, 4);
	bb_member(b, "x", i32, 0);
	e->enum_l = bb_type(b, BTF_KIND_ENUM, "e___l", 2, false, 4);
	bb_u32(b, bb_str(b, "E_TWO___l")), bb_u32(b, 9);
	bb_u32(b, bb_str(b, "E_NOPE")), bb_u32(b, 1);
	e->enum64_l = bb_type(b, BTF_KIND_ENUM64, "e64", 1, false, 8);
	bb_u32(b, bb_str(b, "BIG")), bb_u32(b, 5), bb_u32(b, 0);
	e->bar_m = bb_type(b, BTF_KIND_STRUCT, "bar___m", 1, false, 4);
	bb_member(b, "x", i32, 0);
	l64 = bb_int(b, "long", 8, BTF_INT_SIGNED);
	e->bar_n = bb_type(b, BTF_KIND_STRUCT, "bar___n", 1, false, 8);
	bb_member(b, "x", l64, 0);
	arr0 = bb_type(b, BTF_KIND_ARRAY, "", 0, false, 0);
	bb_u32(b, i32), bb_u32(b, i32), bb_u32(b, 0);
	/* struct flex { int n; int data[]; } */
	e->flex_l = bb_type(b, BTF_KIND_STRUCT, "flex", 2, false, 4);
	bb_member(b, "n", i32, 0);
	bb_member(b, "data", arr0, 32);
	e->amb_l = bb_type(b, BTF_KIND_STRUCT, "amb", 1, false, 4);
	bb_member(b, "a", i32, 0);
	e->same_l = bb_type(b, BTF_KIND_STRUCT, "same", 1, false, 4);
	bb_member(b, "a", i32, 0);
	e->anon_l = bb_type(b, BTF_KIND_STRUCT, "", 1, false, 4);
	bb_member(b, "a", i32, 0);
	build_local_more(e, i32);
}

/* Target side of build_local_more(): cb_t, cb2_t both int (*)(int); holder, node. */
static void build_target_more(struct btf_builder *b, __u32 i32)
{
	__u32 proto, node, ptr;

	proto = bb_type(b, BTF_KIND_FUNC_PROTO, "", 1, false, i32);
	bb_u32(b, 0), bb_u32(b, i32);
	bb_type(b, BTF_KIND_TYPEDEF, "cb_t", 0, false,
		bb_type(b, BTF_KIND_PTR, "", 0, false, proto));
	bb_type(b, BTF_KIND_TYPEDEF, "cb2_t", 0, false,
		bb_type(b, BTF_KIND_PTR, "", 0, false, proto));
	node = bb_type(b, BTF_KIND_STRUCT, "node", 1, false, 4);
	bb_member(b, "v", i32, 0);
	ptr = bb_type(b, BTF_KIND_PTR, "", 0, false, node);
	bb_type(b, BTF_KIND_STRUCT, "holder", 1, false, 8);
	bb_member(b, "p", ptr, 0);
	/* a kernel's: signed enums flagged */
	bb_type(b, BTF_KIND_ENUM, "sg", 1, true, 4);
	bb_u32(b, bb_str(b, "S_NEG")), bb_u32(b, (__u32)-3);
	bb_type(b, BTF_KIND_ENUM, "ug", 1, false, 4);
	bb_u32(b, bb_str(b, "U_BIG")), bb_u32(b, 0x80000002);
}

static void build_target(struct env *e)
{
	struct btf_builder b;
	__u32 i32, u32, u64, s64, anon, arr8, arr0;

	bb_init(&b);
	i32 = bb_int(&b, "int", 4, BTF_INT_SIGNED);
	u32 = bb_int(&b, "unsigned int", 4, 0);
	u64 = bb_int(&b, "long unsigned int", 8, 0);
	s64 = bb_int(&b, "long int", 8, BTF_INT_SIGNED);
	anon = bb_type(&b, BTF_KIND_UNION, "", 1, false, 4);
	bb_member(&b, "b", i32, 0);
	arr8 = bb_type(&b, BTF_KIND_ARRAY, "", 0, false, 0);
	bb_u32(&b, i32), bb_u32(&b, i32), bb_u32(&b, 8);
	/*
	 * struct foo { u64 pad; union { int b; }; int a; unsigned bf:3 (bit 133);
	 *              int arr[8]; unsigned long u; long s; }: 72 bytes
	 */
	e->t_foo = bb_type(&b, BTF_KIND_STRUCT, "foo", 7, true, 72);
	bb_member(&b, "pad", u64, BF(0, 0));
	bb_member(&b, "", anon, BF(0, 64));
	bb_member(&b, "a", i32, BF(0, 96));
	bb_member(&b, "bf", u32, BF(3, 133));
	bb_member(&b, "arr", arr8, BF(0, 160));
	bb_member(&b, "u", u64, BF(0, 448));
	bb_member(&b, "s", s64, BF(0, 512));
	bb_type(&b, BTF_KIND_ENUM, "e", 2, false, 4);
	bb_u32(&b, bb_str(&b, "E_ONE")), bb_u32(&b, 1);
	bb_u32(&b, bb_str(&b, "E_TWO")), bb_u32(&b, 2);
	e->t_enum64 = bb_type(&b, BTF_KIND_ENUM64, "e64", 1, false, 8);
	bb_u32(&b, bb_str(&b, "BIG")), bb_u32(&b, 0), bb_u32(&b, 1);
	e->t_bar = bb_type(&b, BTF_KIND_STRUCT, "bar", 2, false, 16);
	bb_member(&b, "x", i32, 0);
	bb_member(&b, "y", s64, 64);
	arr0 = bb_type(&b, BTF_KIND_ARRAY, "", 0, false, 0);
	bb_u32(&b, i32), bb_u32(&b, i32), bb_u32(&b, 0);
	/* struct flex { long pad; int n; int data[]; } */
	bb_type(&b, BTF_KIND_STRUCT, "flex", 3, false, 16);
	bb_member(&b, "pad", s64, 0);
	bb_member(&b, "n", i32, 64);
	bb_member(&b, "data", arr0, 96);
	/* two flavours of amb that disagree on a's offset, two of same that agree */
	bb_type(&b, BTF_KIND_STRUCT, "amb", 1, false, 4);
	bb_member(&b, "a", i32, 0);
	bb_type(&b, BTF_KIND_STRUCT, "amb___two", 2, false, 8);
	bb_member(&b, "z", i32, 0);
	bb_member(&b, "a", i32, 32);
	bb_type(&b, BTF_KIND_STRUCT, "same___one", 2, false, 8);
	bb_member(&b, "z", i32, 0);
	bb_member(&b, "a", i32, 32);
	bb_type(&b, BTF_KIND_STRUCT, "same___two", 2, false, 8);
	bb_member(&b, "y", u32, 0);
	bb_member(&b, "a", i32, 32);
	build_target_more(&b, i32);
	e->targ = finish(&b);
	bb_free(&b);
}

/* Access strings are added to the local BTF before it is finished. */
enum { ACC_0, ACC_A, ACC_B, ACC_BF, ACC_ARR2, ACC_U, ACC_S, ACC_MISSING, ACC_ENUM0, ACC_ENUM1,
       ACC_FLEX5, ACC_BAD_CHAR, ACC_BAD_MEMBER, ACC_EMPTY_TAIL, ACC_TYPE_EXTRA, ACC_NEG,
       ACC_ARR9, ACC_CNT };
static const char *const access_strs[ACC_CNT] = {
	"0", "0:0", "0:1", "0:2", "0:3:2", "0:4", "0:5", "0:6", "0", "1",
	"0:1:5", "0:x", "0:99", "0:", "0:1", "-1", "0:3:9",
};
static __u32 acc_off[ACC_CNT];

static bool env_init(struct env *e)
{
	int i;

	memset(e, 0, sizeof(*e));
	build_local(e);
	for (i = 0; i < ACC_CNT; i++)
		acc_off[i] = bb_str(&e->lb, access_strs[i]);
	e->local = finish(&e->lb);
	bb_free(&e->lb);
	build_target(e);
	if (!e->local || !e->targ)
		return false;
	e->ctx = core_relo_ctx_new(e->local, e->targ);
	return e->ctx != NULL;
}

static void env_free(struct env *e)
{
	core_relo_ctx_free(e->ctx);
	btf__free(e->local);
	btf__free(e->targ);
}

/* Apply one relocation to insns (relocating insn at index idx); returns the result. */
static int apply(struct env *e, __u32 type_id, int acc, enum bpf_core_relo_kind kind,
		 struct bpf_insn *insns, size_t cnt, size_t idx)
{
	struct bpf_core_relo r = {
		.insn_off = idx * sizeof(struct bpf_insn),
		.type_id = type_id,
		.access_str_off = acc_off[acc],
		.kind = kind,
	};

	last_warning[0] = '\0';
	return core_relo_apply(e->ctx, "test", 0, insns, cnt, &r);
}

/* Relocate a "r1 = local" ALU move; the patched immediate, or -1 if poisoned, -2 on error. */
static long long alu(struct env *e, __u32 type_id, int acc, enum bpf_core_relo_kind kind,
		     __s32 local)
{
	struct bpf_insn insns[2] = { ALU64_IMM(BPF_MOV, 1, local), EXIT_INSN() };

	if (apply(e, type_id, acc, kind, insns, 2, 0))
		return -2;
	return is_poison(&insns[0]) ? -1 : (long long)(__u32)insns[0].imm;
}

/* Relocate an ldimm64 of local; the patched value, -1 poisoned (both halves), -2 error. */
static long long ldimm(struct env *e, __u32 type_id, int acc, enum bpf_core_relo_kind kind,
		       __u64 local)
{
	struct bpf_insn insns[3] = { LD_IMM64_LO(1, local), LD_IMM64_HI(local), EXIT_INSN() };

	if (apply(e, type_id, acc, kind, insns, 3, 0))
		return -2;
	if (is_poison(&insns[0]))
		return is_poison(&insns[1]) ? -1 : -3;
	return (long long)((__u32)insns[0].imm | (__u64)(__u32)insns[1].imm << 32);
}

static void test_fields(struct env *e)
{
	struct bpf_insn insns[2];

	insns[0] = LDX_MEM(BPF_W, 1, 2, 0), insns[1] = EXIT_INSN();
	CHECK(!apply(e, e->foo, ACC_A, BPF_CORE_FIELD_BYTE_OFFSET, insns, 2, 0) &&
	      insns[0].off == 12 && BPF_SIZE(insns[0].code) == BPF_W && insns[0].dst_reg == 1 &&
	      insns[0].src_reg == 2, "moved field: load offset 0 -> 12 (off %d)", insns[0].off);
	CHECK(alu(e, e->foo, ACC_B, BPF_CORE_FIELD_BYTE_OFFSET, 4) == 8,
	      "field inside an anonymous union of the target: offset 4 -> 8");
	CHECK(alu(e, e->foo, ACC_A, BPF_CORE_FIELD_EXISTS, 1) == 1, "existing field exists");
	CHECK(alu(e, e->foo, ACC_MISSING, BPF_CORE_FIELD_EXISTS, 1) == 0,
	      "missing field: exists is 0");
	CHECK(alu(e, e->foo, ACC_MISSING, BPF_CORE_FIELD_BYTE_OFFSET, 36) == -1,
	      "missing field: its offset poisons the instruction");
	CHECK(ldimm(e, e->foo, ACC_MISSING, BPF_CORE_FIELD_BYTE_SIZE, 4) == -1,
	      "missing field in an ldimm64: both halves poisoned");
	CHECK(alu(e, e->foo, ACC_U, BPF_CORE_FIELD_BYTE_SIZE, 4) == 8, "size 4 -> 8");
	CHECK(alu(e, e->foo, ACC_S, BPF_CORE_FIELD_SIGNED, 1) == 1, "long is signed");
	CHECK(alu(e, e->foo, ACC_U, BPF_CORE_FIELD_SIGNED, 0) == 0, "unsigned long is not");
	CHECK(alu(e, e->foo, ACC_ARR2, BPF_CORE_FIELD_BYTE_OFFSET, 20) == 28,
	      "array element arr[2]: offset 20 -> 28");
	CHECK(alu(e, e->foo, ACC_ARR2, BPF_CORE_FIELD_BYTE_SIZE, 4) == 4, "arr[2] is 4 bytes");
	CHECK(alu(e, e->flex_l, ACC_FLEX5, BPF_CORE_FIELD_BYTE_OFFSET, 24) == 32,
	      "flexible array element data[5]: offset 24 -> 32");
	CHECK(alu(e, e->foo, ACC_ARR9, BPF_CORE_FIELD_BYTE_OFFSET, 48) == -2,
	      "index 9 of a local int[4] is malformed (%s)", last_warning);

	/* bf:3 at bit 64 locally (u32 load at 8), at bit 133 in the target (u32 load at 16) */
	CHECK(alu(e, e->foo, ACC_BF, BPF_CORE_FIELD_BYTE_OFFSET, 8) == 16, "bitfield load at 16");
	CHECK(alu(e, e->foo, ACC_BF, BPF_CORE_FIELD_BYTE_SIZE, 4) == 4, "bitfield load of 4");
	CHECK(alu(e, e->foo, ACC_BF, BPF_CORE_FIELD_LSHIFT_U64, 61) == 56, "lshift 61 -> 56");
	CHECK(alu(e, e->foo, ACC_BF, BPF_CORE_FIELD_RSHIFT_U64, 61) == 61, "rshift 61");
	CHECK(alu(e, e->foo, ACC_BF, BPF_CORE_FIELD_SIGNED, 0) == 0, "unsigned bitfield");

	/* load sizes: unsigned 4 -> 8 widens the load, signed 4 -> 8 cannot */
	insns[0] = LDX_MEM(BPF_W, 1, 2, 28);
	CHECK(!apply(e, e->foo, ACC_U, BPF_CORE_FIELD_BYTE_OFFSET, insns, 2, 0) &&
	      insns[0].off == 56 && BPF_SIZE(insns[0].code) == BPF_DW &&
	      BPF_CLASS(insns[0].code) == BPF_LDX && BPF_MODE(insns[0].code) == BPF_MEM,
	      "unsigned int -> unsigned long: load u32 at 28 becomes u64 at 56");
	insns[0] = LDX_MEM(BPF_W, 1, 2, 32);
	CHECK(!apply(e, e->foo, ACC_S, BPF_CORE_FIELD_BYTE_OFFSET, insns, 2, 0) &&
	      is_poison(&insns[0]), "int -> long load poisoned (%s)", last_warning);
}

static void test_types_enums(struct env *e)
{
	CHECK(alu(e, e->foo, ACC_0, BPF_CORE_TYPE_EXISTS, 1) == 1, "foo___v2 exists as foo");
	CHECK(alu(e, e->nothere, ACC_0, BPF_CORE_TYPE_EXISTS, 1) == 0, "nothere does not");
	CHECK(alu(e, e->foo, ACC_0, BPF_CORE_TYPE_SIZE, 40) == 72, "size of foo 40 -> 72");
	CHECK(alu(e, e->nothere, ACC_0, BPF_CORE_TYPE_SIZE, 4) == 0, "size of nothere is 0");
	CHECK(ldimm(e, e->foo, ACC_0, BPF_CORE_TYPE_ID_TARGET, 1234) == e->t_foo,
	      "target type id of foo is [%u]", e->t_foo);
	CHECK(ldimm(e, e->nothere, ACC_0, BPF_CORE_TYPE_ID_TARGET, 7) == 0,
	      "target type id of nothere is 0");
	CHECK(ldimm(e, e->foo, ACC_0, BPF_CORE_TYPE_ID_LOCAL, 77) == e->foo,
	      "local type id of foo___v2 is [%u]", e->foo);
	CHECK(ldimm(e, e->enum_l, ACC_ENUM0, BPF_CORE_ENUMVAL_VALUE, 9) == 2,
	      "E_TWO___l is E_TWO = 2 in the target");
	CHECK(ldimm(e, e->enum_l, ACC_ENUM1, BPF_CORE_ENUMVAL_EXISTS, 1) == 0,
	      "E_NOPE does not exist");
	CHECK(ldimm(e, e->enum_l, ACC_ENUM1, BPF_CORE_ENUMVAL_VALUE, 1) == -1,
	      "value of a missing enumerator poisons");
	CHECK(ldimm(e, e->enum64_l, ACC_ENUM0, BPF_CORE_ENUMVAL_VALUE, 5) == 0x100000000LL,
	      "enum64 BIG = 1 << 32");
	CHECK(alu(e, e->bar_m, ACC_0, BPF_CORE_TYPE_MATCHES, 1) == 1,
	      "bar___m { int x; } matches bar { int x; long y; }");
	CHECK(alu(e, e->bar_n, ACC_0, BPF_CORE_TYPE_MATCHES, 1) == 0,
	      "bar___n { long x; } does not match");
	CHECK(alu(e, e->foo, ACC_0, BPF_CORE_TYPE_MATCHES, 1) == 0,
	      "foo___v2 does not match foo (b is inside an anonymous union there)");
	CHECK(alu(e, e->cb_ok, ACC_0, BPF_CORE_TYPE_EXISTS, 1) == 1,
	      "typedef int (*cb_t___l)(int) exists as cb_t");
	CHECK(alu(e, e->cb_bad, ACC_0, BPF_CORE_TYPE_EXISTS, 1) == 0,
	      "typedef int (*cb2_t)(int, int) does not: the target takes one argument");
	CHECK(alu(e, e->holder_s, ACC_0, BPF_CORE_TYPE_MATCHES, 1) == 1,
	      "a struct declaration behind a pointer matches the target's struct");
	CHECK(alu(e, e->holder_u, ACC_0, BPF_CORE_TYPE_MATCHES, 1) == 0,
	      "a union declaration behind a pointer does not match a struct");
	CHECK(alu(e, e->enum_m, ACC_0, BPF_CORE_TYPE_MATCHES, 1) == 1,
	      "enum e___m { E_TWO } matches e { E_ONE, E_TWO } by name, not value");
	CHECK(alu(e, e->enum_m, ACC_0, BPF_CORE_TYPE_SIZE, 4) == 4, "enum size 4");
	CHECK(ldimm(e, e->enum_sg, ACC_ENUM0, BPF_CORE_ENUMVAL_VALUE, -2LL) == -3LL,
	      "negative enumerator sign-extended by clang: -2 -> -3 of a signed kernel enum (%s)",
	      last_warning);
	CHECK(ldimm(e, e->enum_ug, ACC_ENUM0, BPF_CORE_ENUMVAL_VALUE, 0x80000001) == 0x80000002,
	      "unsigned enumerator with the top bit set zero-extended (%s)", last_warning);
	CHECK(ldimm(e, e->enum_ug, ACC_ENUM0, BPF_CORE_ENUMVAL_VALUE, 0x80000005) == -2,
	      "an enumerator whose low half differs from the local value is refused");
}

static void test_ambiguity(struct env *e)
{
	CHECK(alu(e, e->amb_l, ACC_A, BPF_CORE_FIELD_BYTE_OFFSET, 0) == -2 &&
	      strstr(last_warning, "ambiguous"),
	      "two flavours giving two offsets is an error (%s)", last_warning);
	CHECK(alu(e, e->same_l, ACC_A, BPF_CORE_FIELD_BYTE_OFFSET, 0) == 4,
	      "two flavours agreeing on the offset resolve");
}

static void test_malformed(struct env *e)
{
	struct bpf_insn insns[2] = { ALU64_IMM(BPF_MOV, 1, 0), EXIT_INSN() };
	struct bpf_core_relo r = { .type_id = e->foo, .access_str_off = acc_off[ACC_A] };

	CHECK(alu(e, e->foo, ACC_BAD_CHAR, BPF_CORE_FIELD_BYTE_OFFSET, 0) == -2 &&
	      strstr(last_warning, "'0:x' is malformed"), "access '0:x' (%s)", last_warning);
	CHECK(alu(e, e->foo, ACC_EMPTY_TAIL, BPF_CORE_FIELD_BYTE_OFFSET, 0) == -2,
	      "access '0:' refused");
	CHECK(alu(e, e->foo, ACC_NEG, BPF_CORE_FIELD_BYTE_OFFSET, 0) == -2, "access '-1' refused");
	CHECK(alu(e, e->foo, ACC_BAD_MEMBER, BPF_CORE_FIELD_BYTE_OFFSET, 0) == -2,
	      "member 99 of a 7-member struct refused");
	CHECK(alu(e, e->foo, ACC_TYPE_EXTRA, BPF_CORE_TYPE_SIZE, 40) == -2,
	      "type relocation with a field access refused");
	CHECK(alu(e, e->enum_l, ACC_A, BPF_CORE_ENUMVAL_VALUE, 9) == -2,
	      "enum relocation with two accessors refused");
	CHECK(alu(e, e->foo, ACC_ENUM0, BPF_CORE_ENUMVAL_VALUE, 0) == -2,
	      "enum relocation on a struct refused");
	CHECK(alu(e, 999, ACC_A, BPF_CORE_FIELD_BYTE_OFFSET, 0) == -2 &&
	      strstr(last_warning, "type id 999"), "type id past the types (%s)", last_warning);
	CHECK(alu(e, 0, ACC_0, BPF_CORE_TYPE_EXISTS, 0) == -2, "type id 0 refused");
	CHECK(alu(e, e->anon_l, ACC_A, BPF_CORE_FIELD_BYTE_OFFSET, 0) == -2 &&
	      strstr(last_warning, "anonymous"), "anonymous local type (%s)", last_warning);
	CHECK(alu(e, e->foo, ACC_A, BPF_CORE_FIELD_BYTE_OFFSET, 5) == -2 &&
	      strstr(last_warning, "holds 5, expected 0"),
	      "instruction not holding the local value (%s)", last_warning);
	r.kind = BPF_CORE_FIELD_BYTE_OFFSET;
	r.insn_off = 16;
	last_warning[0] = '\0';
	CHECK(core_relo_apply(e->ctx, "t", 1, insns, 2, &r) == -EINVAL &&
	      strstr(last_warning, "offset 16 is outside"), "insn_off past the program");
	r.insn_off = 4;
	CHECK(core_relo_apply(e->ctx, "t", 1, insns, 2, &r) == -EINVAL, "insn_off mid-insn");
	r.insn_off = 8;
	last_warning[0] = '\0';
	CHECK(core_relo_apply(e->ctx, "t", 1, insns, 2, &r) == -EINVAL &&
	      strstr(last_warning, "cannot be relocated"), "exit instruction cannot be relocated");
	insns[0].code = BPF_ALU64 | BPF_MOV | BPF_X;
	r.insn_off = 0;
	CHECK(core_relo_apply(e->ctx, "t", 1, insns, 2, &r) == -EINVAL, "ALU on a register");
	r.access_str_off = 0xfffffff;
	insns[0] = ALU64_IMM(BPF_MOV, 1, 0);
	CHECK(core_relo_apply(e->ctx, "t", 1, insns, 2, &r) == -EINVAL,
	      "access string offset past the strings");
	r.access_str_off = acc_off[ACC_A];
	r.kind = 42;
	CHECK(core_relo_apply(e->ctx, "t", 1, insns, 2, &r) == -EINVAL, "unknown kind 42");
	insns[0] = LD_IMM64_LO(1, 0);
	r.kind = BPF_CORE_FIELD_BYTE_OFFSET;
	CHECK(core_relo_apply(e->ctx, "t", 1, insns, 1, &r) == -EINVAL,
	      "ldimm64 cut off at the end of the program");
	CHECK(!core_relo_ctx_new(NULL, e->targ) && errno == EINVAL, "context needs a local BTF");
}

/* Random records and instructions: every call ends in 0 or -EINVAL, nothing else. */
static void test_random(struct env *e)
{
	static const __u8 codes[] = {
		BPF_ALU64 | BPF_MOV | BPF_K, BPF_ALU | BPF_ADD | BPF_K, BPF_ALU64 | BPF_ADD | BPF_X,
		BPF_LDX | BPF_MEM | BPF_W, BPF_LDX | BPF_MEM | BPF_DW, BPF_LDX | BPF_MEM | BPF_B,
		BPF_STX | BPF_MEM | BPF_H, BPF_ST | BPF_MEM | BPF_W, BPF_LD | BPF_IMM | BPF_DW,
		BPF_JMP | BPF_EXIT, BPF_JMP | BPF_CALL,
	};
	struct bpf_insn insns[3];
	struct bpf_core_relo r;
	unsigned int seed = 12345, i, odd = 0, applied = 0;
	int err;

	for (i = 0; i < 200000; i++) {
		memset(insns, 0, sizeof(insns));
		insns[0].code = codes[rand_r(&seed) % sizeof(codes)];
		insns[0].imm = rand_r(&seed) % 4 ? rand_r(&seed) % 80 : rand_r(&seed);
		insns[0].off = rand_r(&seed) % 80;
		insns[1].imm = rand_r(&seed) % 3 ? 0 : rand_r(&seed);
		r.insn_off = (rand_r(&seed) % 4) * 8 - (rand_r(&seed) % 16 ? 0 : 3);
		r.type_id = rand_r(&seed) % (btf__type_cnt(e->local) + 2);
		r.access_str_off = acc_off[rand_r(&seed) % ACC_CNT];
		r.kind = rand_r(&seed) % 14;
		last_warning[0] = '\0';
		err = core_relo_apply(e->ctx, "random", i, insns, 1 + rand_r(&seed) % 3, &r);
		odd += err != 0 && err != -EINVAL;
		applied += !err;
	}
	CHECK(!odd && applied > 500, "200000 random relocations: each patched, poisoned or "
	      "refused (%u applied, %u odd)", applied, odd);
}

static void synthetic(void)
{
	struct env e;

	if (!CHECK(env_init(&e), "local and target BTF build")) {
		env_free(&e);
		return;
	}
	test_fields(&e);
	test_types_enums(&e);
	test_ambiguity(&e);
	test_malformed(&e);
	test_random(&e);
	env_free(&e);
}

/* ---- object mode ---- */

static Elf_Data *section_named(Elf *elf, const char *name, size_t shstrndx)
{
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;
	const char *n;

	while ((scn = elf_nextscn(elf, scn))) {
		if (!gelf_getshdr(scn, &sh))
			return NULL;
		n = elf_strptr(elf, shstrndx, sh.sh_name);
		if (n && !strcmp(n, name))
			return elf_getdata(scn, NULL);
	}
	return NULL;
}

static const char *essential(const struct btf *btf, __u32 name_off, char *buf, size_t size)
{
	const char *name = btf__name_by_offset(btf, name_off);
	const char *sep = name ? strstr(name, "___") : NULL;

	if (!name)
		return "?";
	snprintf(buf, size, "%.*s", sep ? (int)(sep - name) : (int)strlen(name), name);
	return buf;
}

static const struct btf_type *skip(const struct btf *btf, __u32 *id)
{
	const struct btf_type *t = btf__type_by_id(btf, *id);

	while (t && (btf_is_mod(t) || btf_is_typedef(t))) {
		*id = t->type;
		t = btf__type_by_id(btf, *id);
	}
	return t;
}

/* C-style path of a relocation in the local BTF: "task_struct.real_parent", "e::X". */
static void relo_path(const struct btf *btf, const struct bpf_core_relo *r, char *out,
		      size_t size)
{
	const char *acc = btf__str_by_offset(btf, r->access_str_off);
	const struct btf_type *t;
	char name[128];
	size_t len;
	__u32 id = r->type_id;
	unsigned long idx;
	char *end;

	t = btf__type_by_id(btf, id);
	snprintf(out, size, "%s", essential(btf, t->name_off, name, sizeof(name)));
	if (r->kind >= BPF_CORE_TYPE_ID_LOCAL && r->kind != BPF_CORE_ENUMVAL_EXISTS &&
	    r->kind != BPF_CORE_ENUMVAL_VALUE)
		return;
	t = skip(btf, &id);
	idx = strtoul(acc, &end, 10);
	len = strlen(out);
	if (btf_is_any_enum(t)) {
		snprintf(out + len, size - len, "::%s",
			 essential(btf, btf_is_enum(t) ? btf_enum(t)[idx].name_off
						       : btf_enum64(t)[idx].name_off,
				   name, sizeof(name)));
		return;
	}
	if (idx)
		snprintf(out + len, size - len, "[%lu]", idx);
	while (*end == ':') {
		idx = strtoul(end + 1, &end, 10);
		t = skip(btf, &id);
		len = strlen(out);
		if (btf_is_composite(t)) {
			if (btf_members(t)[idx].name_off)
				snprintf(out + len, size - len, ".%s",
					 btf__name_by_offset(btf, btf_members(t)[idx].name_off));
			id = btf_members(t)[idx].type;
		} else if (btf_is_array(t)) {
			snprintf(out + len, size - len, "[%lu]", idx);
			id = btf_array(t)->type;
		}
	}
}

static void print_insn_value(const struct bpf_insn *insn, size_t left)
{
	static const int mem_size[] = { 4, 2, 1, 8 };	/* BPF_W, BPF_H, BPF_B, BPF_DW */

	if (is_poison(insn))
		printf("poison\n");
	else if (insn->code == (BPF_LD | BPF_IMM | BPF_DW) && left > 1)
		printf("%llu\n", (unsigned long long)((__u32)insn[0].imm |
						     (__u64)(__u32)insn[1].imm << 32));
	else if (BPF_CLASS(insn->code) == BPF_ALU || BPF_CLASS(insn->code) == BPF_ALU64)
		printf("%u\n", (__u32)insn->imm);
	else
		printf("%d size=%d\n", insn->off, mem_size[BPF_SIZE(insn->code) >> 3]);
}

static int relocate_section(Elf *elf, size_t shstrndx, const struct btf *btf,
			    struct core_relo_ctx *ctx, const struct btf_ext_sec *sec)
{
	static const char *const kinds[] = {
		"byte_off", "byte_sz", "field_exists", "signed", "lshift_u64", "rshift_u64",
		"local_type_id", "target_type_id", "type_exists", "type_size",
		"enumval_exists", "enumval_value", "type_matches",
	};
	Elf_Data *d = section_named(elf, sec->sec_name, shstrndx);
	const struct bpf_core_relo *r;
	struct bpf_insn *insns;
	size_t cnt, idx;
	char path[512];
	__u32 i;
	int err = 0;

	if (!d)
		return -ENOENT;
	cnt = d->d_size / sizeof(*insns);
	insns = malloc(d->d_size + 1);
	memcpy(insns, d->d_buf, d->d_size);
	for (i = 0; i < sec->rec_cnt && !err; i++) {
		r = btf_ext_rec(sec, i);
		err = core_relo_apply(ctx, sec->sec_name, i, insns, cnt, r);
		if (err)
			break;
		relo_path(btf, r, path, sizeof(path));
		idx = r->insn_off / 8;
		printf("%s %u %s %s ", sec->sec_name, i, kinds[r->kind], path);
		print_insn_value(&insns[idx], cnt - idx);
	}
	free(insns);
	return err;
}

static int object_mode(const char *obj, const char *target)
{
	struct btf *btf = NULL, *targ = btf__parse(target, NULL);
	struct core_relo_ctx *ctx = NULL;
	struct btf_ext *ext = NULL;
	Elf *elf = NULL;
	Elf_Data *d;
	size_t shstrndx;
	unsigned int i;
	int fd = -1, err = -EINVAL;

	elf_version(EV_CURRENT);
	fd = open(obj, O_RDONLY);
	if (fd < 0 || !targ)
		goto out;
	elf = elf_begin(fd, ELF_C_READ, NULL);
	if (!elf || elf_getshdrstrndx(elf, &shstrndx))
		goto out;
	d = section_named(elf, ".BTF", shstrndx);
	btf = d ? btf__new(d->d_buf, d->d_size) : NULL;
	d = section_named(elf, ".BTF.ext", shstrndx);
	ext = d && btf ? btf_ext_parse(d->d_buf, d->d_size, btf) : NULL;
	ctx = ext ? core_relo_ctx_new(btf, targ) : NULL;
	if (!ctx)
		goto out;
	for (i = 0, err = 0; !err && i < btf_ext_sec_cnt(ext, BTF_EXT_CORE_RELO); i++)
		err = relocate_section(elf, shstrndx, btf, ctx,
				       btf_ext_sec(ext, BTF_EXT_CORE_RELO, i));
out:
	if (err)
		fprintf(stderr, "relocating %s against %s failed: %d %s\n", obj, target, err,
			last_warning);
	core_relo_ctx_free(ctx);
	btf_ext_free(ext);
	btf__free(btf);
	btf__free(targ);
	if (elf)
		elf_end(elf);
	if (fd >= 0)
		close(fd);
	return err ? 1 : 0;
}

int main(int argc, char **argv)
{
	libbpf_set_print(capture_print);
	if (argc == 3) {
		verbose = true;
		return object_mode(argv[1], argv[2]);
	}
	synthetic();
	return unit_done();
}
