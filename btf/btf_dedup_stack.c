// SPDX-License-Identifier: BSD-2-Clause
/*
 * The explicit stack of btf__dedup()'s depth-first walks, so that long
 * chains of types cannot overflow the C stack.
 */
#include <errno.h>
#include <stdlib.h>

#include "btf_dedup.h"

int dedup_stack_push(struct dedup_stack *s, __u32 a, __u32 b)
{
	struct dedup_frame *f;
	__u32 cap;

	if (s->cnt == s->cap) {
		cap = s->cap ? s->cap * 2 : 256;
		f = realloc(s->frames, cap * sizeof(*f));
		if (!f)
			return -ENOMEM;
		s->frames = f;
		s->cap = cap;
	}
	s->frames[s->cnt].a = a;
	s->frames[s->cnt].b = b;
	s->cnt++;
	return 0;
}

void dedup_stack_free(struct dedup_stack *s)
{
	free(s->frames);
	s->frames = NULL;
	s->cnt = s->cap = 0;
}
