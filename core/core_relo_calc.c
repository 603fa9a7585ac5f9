// SPDX-License-Identifier: BSD-2-Clause
/*
 * CO-RE relocation values: what a resolved spec means for each relocation
 * kind (offset, size, existence, signedness, bitfield shifts, type id,
 * size, enumerator value), computed for the local spec (the value clang
 * put in the instruction) and the target one (the value to patch in).
 */
#include <errno.h>

#include "core_relo_internal.h"
#include "log.h"

/* -EUCLEAN from the calculators asks for the instruction to be poisoned. */
#define CORE_POISON (-EUCLEAN)

struct field_val {
	__u64 val;
	__u32 mem_sz;		/* size of a plain load/store of the field, 0 if none */
	__u32 type_id;		/* its type, for the load size check */
	bool validate;
};

/* The last accessor is an array element: only its offset and size make sense. */
static int calc_elem(const char *prog_name, int relo_idx, enum bpf_core_relo_kind kind,
		     const struct core_spec *spec, struct field_val *out)
{
	const struct core_accessor *acc = &spec->spec[spec->len - 1];
	__s64 sz = btf__resolve_size(spec->btf, acc->type_id);

	if (sz < 0)
		return -EINVAL;
	if (kind == BPF_CORE_FIELD_BYTE_OFFSET) {
		out->val = spec->bit_offset / 8;
		out->mem_sz = sz;
		out->type_id = acc->type_id;
	} else if (kind == BPF_CORE_FIELD_BYTE_SIZE) {
		out->val = sz;
	} else {
		pr_warn("prog '%s': relo #%d: %s cannot apply to an array element\n",
			prog_name, relo_idx, core_relo_kind_str(kind));
		return -EINVAL;
	}
	out->validate = true;
	return 0;
}

/* Smallest aligned load (of at least the field's type size) that holds the bitfield. */
static int bitfield_load(const char *prog_name, int relo_idx, __u64 bit_off, __u32 bit_sz,
			 __u32 *byte_sz, __u64 *byte_off)
{
	if (!*byte_sz)
		return -EINVAL;
	*byte_off = bit_off / 8 / *byte_sz * *byte_sz;
	while (bit_off + bit_sz - *byte_off * 8 > (__u64)*byte_sz * 8) {
		if (*byte_sz >= 8) {
			pr_warn("prog '%s': relo #%d: bitfield at bit %llu, %u bits, "
				"cannot be read with a 64-bit load\n", prog_name, relo_idx,
				(unsigned long long)bit_off, bit_sz);
			return -E2BIG;
		}
		*byte_sz *= 2;
		*byte_off = bit_off / 8 / *byte_sz * *byte_sz;
	}
	return 0;
}

static int calc_field(const char *prog_name, int relo_idx, enum bpf_core_relo_kind kind,
		      const struct core_spec *spec, struct field_val *out)
{
	const struct core_accessor *acc;
	const struct btf_type *t, *mt;
	__u32 byte_sz, bit_sz, field_id;
	__u64 byte_off, bit_off;
	bool bitfield;
	__s64 sz;
	int err;

	*out = (struct field_val){ .validate = true };
	if (kind == BPF_CORE_FIELD_EXISTS) {
		out->val = spec != NULL;
		return 0;
	}
	if (!spec)
		return CORE_POISON;
	acc = &spec->spec[spec->len - 1];
	if (!acc->name)
		return calc_elem(prog_name, relo_idx, kind, spec, out);

	t = btf__type_by_id(spec->btf, acc->type_id);
	mt = core_skip_mods_typedefs(spec->btf, btf_members(t)[acc->idx].type, &field_id);
	if (!mt)
		return -EINVAL;
	bit_off = spec->bit_offset;
	bit_sz = btf_member_bitfield_size(t, acc->idx);
	bitfield = bit_sz > 0;
	if (bitfield) {
		byte_sz = mt->size;
		err = bitfield_load(prog_name, relo_idx, bit_off, bit_sz, &byte_sz, &byte_off);
		if (err)
			return err;
	} else {
		sz = btf__resolve_size(spec->btf, field_id);
		if (sz < 0)
			return -EINVAL;
		byte_sz = sz;
		byte_off = bit_off / 8;
		bit_sz = byte_sz * 8;
	}
	/* the compiler may choose another load for a bitfield: don't insist on its value */
	out->validate = !bitfield;

	switch (kind) {
	case BPF_CORE_FIELD_BYTE_OFFSET:
		out->val = byte_off;
		if (!bitfield) {
			out->mem_sz = byte_sz;
			out->type_id = field_id;
		}
		break;
	case BPF_CORE_FIELD_BYTE_SIZE:
		out->val = byte_sz;
		break;
	case BPF_CORE_FIELD_SIGNED:
		out->val = (btf_is_any_enum(mt) && btf_kflag(mt)) ||
			   (btf_is_int(mt) && (btf_int_encoding(mt) & BTF_INT_SIGNED));
		out->validate = true;
		break;
	case BPF_CORE_FIELD_LSHIFT_U64:
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
		out->val = 64 - (bit_off + bit_sz - byte_off * 8);
#else
		out->val = (8 - byte_sz) * 8 + (bit_off - byte_off * 8);
#endif
		break;
	case BPF_CORE_FIELD_RSHIFT_U64:
		out->val = 64 - bit_sz;
		out->validate = true;
		break;
	default:
		return -EOPNOTSUPP;
	}
	return 0;
}

static int calc_type(enum bpf_core_relo_kind kind, const struct core_spec *spec, __u64 *val,
		     bool *validate)
{
	__s64 sz;

	*validate = true;
	if (!spec) {
		/* a missing type is an answer, not a failure */
		*val = 0;
		return 0;
	}
	switch (kind) {
	case BPF_CORE_TYPE_ID_TARGET:
		*val = spec->root_type_id;
		/* ids change when objects are linked: the compiler's is only a placeholder */
		*validate = false;
		return 0;
	case BPF_CORE_TYPE_EXISTS:
	case BPF_CORE_TYPE_MATCHES:
		*val = 1;
		return 0;
	case BPF_CORE_TYPE_SIZE:
		sz = btf__resolve_size(spec->btf, spec->root_type_id);
		if (sz < 0)
			return -EINVAL;
		*val = sz;
		return 0;
	default:
		return -EOPNOTSUPP;
	}
}

static int calc_enumval(enum bpf_core_relo_kind kind, const struct core_spec *spec, __u64 *val)
{
	const struct btf_type *t;
	__u32 idx;

	if (kind == BPF_CORE_ENUMVAL_EXISTS) {
		*val = spec != NULL;
		return 0;
	}
	if (kind != BPF_CORE_ENUMVAL_VALUE)
		return -EOPNOTSUPP;
	if (!spec)
		return CORE_POISON;
	t = btf__type_by_id(spec->btf, spec->spec[0].type_id);
	idx = spec->spec[0].idx;
	/* a signed enum's 32-bit value sign-extends, an unsigned one's zero-extends */
	if (btf_is_enum(t))
		*val = btf_kflag(t) ? (__u64)(__s64)(__s32)btf_enum(t)[idx].val
				    : (__u64)(__u32)btf_enum(t)[idx].val;
	else
		*val = btf_enum64_value(btf_enum64(t) + idx);
	return 0;
}

/*
 * A load of a field whose size changed still reads the right value when
 * both sides are pointers or unsigned integers (zero extension); anything
 * else would be read wrong.
 */
static bool memsz_adjustable(const struct core_spec *local, const struct core_spec *targ,
			     const struct core_relo_res *res)
{
	const struct btf_type *o = btf__type_by_id(local->btf, res->orig_type_id);
	const struct btf_type *n = btf__type_by_id(targ->btf, res->new_type_id);

	if (!o || !n)
		return false;
	if (btf_is_ptr(o) && btf_is_ptr(n))
		return true;
	return btf_is_int(o) && btf_is_int(n) && btf_int_encoding(o) != BTF_INT_SIGNED &&
	       btf_int_encoding(n) != BTF_INT_SIGNED;
}

static int calc_field_relo(const char *prog_name, int relo_idx, enum bpf_core_relo_kind kind,
			   const struct core_spec *local, const struct core_spec *targ,
			   struct core_relo_res *res)
{
	struct field_val lv, tv;
	int err;

	err = calc_field(prog_name, relo_idx, kind, local, &lv);
	if (err)
		return err;
	res->orig_val = lv.val;
	res->orig_sz = lv.mem_sz;
	res->orig_type_id = lv.type_id;
	res->validate = lv.validate;
	err = calc_field(prog_name, relo_idx, kind, targ, &tv);
	if (err)
		return err;
	res->new_val = tv.val;
	res->new_sz = tv.mem_sz;
	res->new_type_id = tv.type_id;
	if (res->orig_sz != res->new_sz && !memsz_adjustable(local, targ, res))
		res->fail_memsz_adjust = true;
	return 0;
}

int core_relo_calc(const char *prog_name, int relo_idx, const struct bpf_core_relo *relo,
		   const struct core_spec *local, const struct core_spec *targ,
		   struct core_relo_res *res)
{
	enum bpf_core_relo_kind kind = relo->kind;
	bool ignored;
	int err = -EOPNOTSUPP;

	*res = (struct core_relo_res){ .validate = true };
	if (core_relo_is_field_based(kind)) {
		err = calc_field_relo(prog_name, relo_idx, kind, local, targ, res);
	} else if (core_relo_is_type_based(kind)) {
		err = calc_type(kind, local, &res->orig_val, &res->validate);
		if (!err)
			err = calc_type(kind, targ, &res->new_val, &ignored);
	} else if (core_relo_is_enumval_based(kind)) {
		err = calc_enumval(kind, local, &res->orig_val);
		if (!err)
			err = calc_enumval(kind, targ, &res->new_val);
		/*
		 * BTF before signed enums (clang 14) cannot say how the compiler
		 * extended a 32-bit value: only its low half is certain
		 */
		res->validate_low32 = kind == BPF_CORE_ENUMVAL_VALUE &&
				      btf_is_enum(btf__type_by_id(local->btf,
								  local->spec[0].type_id));
	}
	if (err == CORE_POISON) {
		res->poison = true;
		return 0;
	}
	if (err == -EOPNOTSUPP)
		pr_warn("prog '%s': relo #%d: unsupported CO-RE relocation kind %u at insn #%u\n",
			prog_name, relo_idx, (__u32)kind, relo->insn_off / 8);
	return err;
}
