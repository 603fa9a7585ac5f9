// SPDX-License-Identifier: BSD-2-Clause
/*
 * Differential test input for btf__dedup(), built like btf_dedup_run.c
 * against libbpfcore.a and against -lbpf (the oracle):
 *
 *   btf_dedup_random SEED OUT
 *
 * builds a pseudo-random BTF from SEED with libbpf's btf__add_*() API:
 * one random "compilation unit" of every kind dedup knows, with names
 * from a small pool (so that types collide), emitted three times with
 * small mutations (a struct replaced by its forward declaration, an enum
 * by an enum forward declaration, a member renamed). Then dedups it and
 * writes the raw BTF to OUT, or "error N" to stdout when btf__dedup
 * fails. References stay inside the BTF and name no VAR or FUNC (which
 * libbpf refuses in a struct's graph); cycles of pointers are possible.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>

#define CU_TYPES 40

static unsigned long long rng_state;

static unsigned int rnd(unsigned int n)
{
	rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned int)(rng_state >> 33) % n;
}

static const char *const names[] = { "a", "b", "c", "s", "t" };

static const char *rnd_name(void)
{
	return names[rnd(sizeof(names) / sizeof(names[0]))];
}

/* What one CU slot holds, decided once and replayed in each copy. */
struct slot {
	int kind;
	unsigned int seed;
};

enum { K_INT, K_FLOAT, K_ENUM, K_ENUM64, K_FWD, K_STRUCT, K_UNION, K_PTR, K_CONST,
       K_TYPEDEF, K_ARRAY, K_PROTO, K_FUNC, K_VAR, K_CNT };

static struct slot slots[CU_TYPES];

/*
 * Any slot of the CU that a member or pointer may name, as a type id (0
 * is void): not a VAR or FUNC, which only a broken BTF refers to so.
 */
static int any_ref(int base)
{
	int i = rnd(CU_TYPES);

	if (!rnd(8) || slots[i].kind == K_VAR || slots[i].kind == K_FUNC)
		return 0;
	return base + i;
}

/* A FUNC_PROTO slot below i, or -1. */
static int lower_proto(int i)
{
	while (--i >= 0)
		if (slots[i].kind == K_PROTO)
			return i;
	return -1;
}

/* A lower slot (or void), so that chains of references mostly end. */
static int lower_ref(int base, int i)
{
	return i && rnd(6) ? base + (int)rnd(i) : 0;
}

static void add_composite(struct btf *btf, int kind, int base, int mutate)
{
	int i, n = 1 + rnd(3), size = 8 * n;
	const char *name = rnd(3) ? rnd_name() : NULL;

	if (mutate && name && !rnd(3)) {
		btf__add_fwd(btf, name, kind == K_UNION ? BTF_FWD_UNION : BTF_FWD_STRUCT);
		return;
	}
	if (kind == K_UNION)
		btf__add_union(btf, name, size);
	else
		btf__add_struct(btf, name, size);
	for (i = 0; i < n; i++) {
		const char *m = rnd(4) ? names[i % 5] : NULL;

		if (mutate && !rnd(8))
			m = "renamed";
		btf__add_field(btf, m, any_ref(base), kind == K_UNION ? 0 : i * 64,
			       rnd(5) ? 0 : 1 + rnd(7));
	}
}

static void add_enum(struct btf *btf, int kind, int mutate)
{
	const char *name = rnd_name();
	int i, n = rnd(3);

	if (mutate && !rnd(3))
		n = 0;
	if (kind == K_ENUM64 && n) {
		btf__add_enum64(btf, name, 8, false);
		for (i = 0; i < n; i++)
			btf__add_enum64_value(btf, names[i], 1ULL << (32 + i));
		return;
	}
	btf__add_enum(btf, name, 4);
	for (i = 0; i < n; i++)
		btf__add_enum_value(btf, names[i], i);
}

static void add_slot(struct btf *btf, const struct slot *s, int base, int i, int mutate)
{
	int n;

	rng_state = s->seed;
	switch (s->kind) {
	case K_INT:
		btf__add_int(btf, rnd(2) ? "int" : "long", rnd(2) ? 4 : 8, BTF_INT_SIGNED);
		break;
	case K_FLOAT:
		btf__add_float(btf, "float", 4);
		break;
	case K_ENUM:
	case K_ENUM64:
		add_enum(btf, s->kind, mutate);
		break;
	case K_FWD:
		btf__add_fwd(btf, rnd_name(), rnd(2) ? BTF_FWD_STRUCT : BTF_FWD_UNION);
		break;
	case K_STRUCT:
	case K_UNION:
		add_composite(btf, s->kind, base, mutate);
		break;
	case K_PTR:
		btf__add_ptr(btf, rnd(2) ? lower_ref(base, i) : any_ref(base));
		break;
	case K_CONST:
		btf__add_const(btf, lower_ref(base, i));
		break;
	case K_TYPEDEF:
		btf__add_typedef(btf, rnd_name(), lower_ref(base, i));
		break;
	case K_ARRAY:
		btf__add_array(btf, base, lower_ref(base, i), rnd(3));
		break;
	case K_PROTO:
		btf__add_func_proto(btf, lower_ref(base, i));
		for (n = rnd(3); n > 0; n--)
			btf__add_func_param(btf, rnd_name(), lower_ref(base, i));
		break;
	case K_FUNC:
		n = lower_proto(i);
		if (n >= 0)
			btf__add_func(btf, rnd_name(), BTF_FUNC_GLOBAL, base + n);
		else
			btf__add_float(btf, "double", 8);
		break;
	default:
		btf__add_var(btf, rnd_name(), BTF_VAR_GLOBAL_ALLOCATED, base);
		break;
	}
}

int main(int argc, char **argv)
{
	struct btf *btf;
	const void *data;
	__u32 size;
	FILE *f;
	int i, cu, err;

	if (argc != 3) {
		fprintf(stderr, "usage: btf_dedup_random SEED OUT\n");
		return 2;
	}
	rng_state = strtoull(argv[1], NULL, 0);
	/* slot 0 an int, so that array indexes and VARs have one */
	for (i = 0; i < CU_TYPES; i++) {
		slots[i].kind = i ? (int)rnd(K_CNT) : K_INT;
		slots[i].seed = rnd(1U << 30);
	}
	btf = btf__new_empty();
	for (cu = 0; cu < 3; cu++) {
		/* each slot adds one type: slot i of a CU is type base + i */
		int base = btf__type_cnt(btf);

		for (i = 0; i < CU_TYPES; i++)
			add_slot(btf, &slots[i], base, i, cu > 0);
		if (btf__type_cnt(btf) != (unsigned int)(base + CU_TYPES)) {
			fprintf(stderr, "a btf__add_*() call failed\n");
			btf__free(btf);
			return 1;
		}
	}
	err = btf__dedup(btf, NULL);
	if (err) {
		printf("error %d\n", err);
		btf__free(btf);
		return 0;
	}
	data = btf__raw_data(btf, &size);
	f = fopen(argv[2], "w");
	if (!data || !f || fwrite(data, 1, size, f) != size) {
		fprintf(stderr, "cannot write %s\n", argv[2]);
		return 1;
	}
	fclose(f);
	btf__free(btf);
	return 0;
}
