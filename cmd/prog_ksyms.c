// SPDX-License-Identifier: BSD-2-Clause
/*
 * /proc/kallsyms, sorted by address for lookups.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "prog_ksyms.h"

#define KSYM_LINE_MAX	512
#define CALL_BASE_SYM	"__bpf_call_base"

struct ksym {
	__u64 addr;
	char *name;
};

struct ksyms {
	struct ksym *syms;
	size_t cnt, cap;
	__u64 call_base;
};

static int ksym_cmp(const void *a, const void *b)
{
	const struct ksym *x = a, *y = b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

static int ksyms_add(struct ksyms *ks, __u64 addr, const char *name)
{
	struct ksym *syms;
	size_t cap;

	if (ks->cnt == ks->cap) {
		cap = ks->cap ? ks->cap * 2 : 4096;
		syms = realloc(ks->syms, cap * sizeof(*syms));
		if (!syms)
			return -1;
		ks->syms = syms;
		ks->cap = cap;
	}
	ks->syms[ks->cnt].name = strdup(name);
	if (!ks->syms[ks->cnt].name)
		return -1;
	ks->syms[ks->cnt++].addr = addr;
	return 0;
}

/* Parse one "ADDR TYPE NAME [MODULE]" line; 0 and no symbol if it is not one. */
static int ksyms_parse_line(struct ksyms *ks, const char *line)
{
	char name[KSYM_LINE_MAX];
	unsigned long long addr;
	char type;

	if (sscanf(line, "%llx %c %511s", &addr, &type, name) != 3)
		return 0;
	if (!strcmp(name, CALL_BASE_SYM))
		ks->call_base = addr;
	if (!addr)
		return 0;
	return ksyms_add(ks, addr, name);
}

struct ksyms *ksyms_load(void)
{
	char line[KSYM_LINE_MAX];
	struct ksyms *ks;
	FILE *f;

	f = fopen("/proc/kallsyms", "r");
	if (!f)
		return NULL;
	ks = calloc(1, sizeof(*ks));
	while (ks && fgets(line, sizeof(line), f)) {
		if (ksyms_parse_line(ks, line)) {
			ksyms_free(ks);
			ks = NULL;
		}
	}
	fclose(f);
	/* addresses hidden: every symbol reads as 0, the base among them */
	if (ks && !ks->call_base) {
		ksyms_free(ks);
		return NULL;
	}
	if (ks)
		qsort(ks->syms, ks->cnt, sizeof(*ks->syms), ksym_cmp);
	return ks;
}

void ksyms_free(struct ksyms *ks)
{
	size_t i;

	if (!ks)
		return;
	for (i = 0; i < ks->cnt; i++)
		free(ks->syms[i].name);
	free(ks->syms);
	free(ks);
}

const char *ksyms_name(const struct ksyms *ks, __u64 addr)
{
	struct ksym key = { .addr = addr };
	const struct ksym *found;

	if (!ks)
		return NULL;
	found = bsearch(&key, ks->syms, ks->cnt, sizeof(*ks->syms), ksym_cmp);
	return found ? found->name : NULL;
}

__u64 ksyms_call_base(const struct ksyms *ks)
{
	return ks ? ks->call_base : 0;
}
