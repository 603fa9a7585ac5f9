// SPDX-License-Identifier: BSD-2-Clause
/*
 * Which kernel functions a tracing multi link would take for a pattern
 * (kernel BTF of the running kernel): names matching the glob, and only
 * those a trampoline can trace (no varargs, at most 12 arguments of at most
 * 16 bytes, no struct returned). This kernel cannot load fentry.multi
 * programs, so tests/bats/api_runtime.bats cannot reach this part.
 */
#include <errno.h>
#include <fnmatch.h>
#include <stdlib.h>

#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "attach_internal.h"
#include "unit.h"

static char last_msg[1024];

static int capture(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	if (level == LIBBPF_WARN)
		vsnprintf(last_msg, sizeof(last_msg), fmt, ap);
	return 0;
}

/* Every id is a FUNC of vmlinux whose name matches glob. */
static bool all_match(const struct btf *vmlinux, const __u32 *ids, int cnt, const char *glob)
{
	int i;

	for (i = 0; i < cnt; i++) {
		const struct btf_type *t = btf__type_by_id(vmlinux, ids[i]);

		if (!t || !btf_is_func(t) ||
		    fnmatch(glob, btf__name_by_offset(vmlinux, t->name_off), 0))
			return false;
	}
	return true;
}

static void test_glob(const struct btf *vmlinux)
{
	__u32 *ids = NULL;
	int cnt, want = 0;
	__u32 id, n = btf__type_cnt(vmlinux);

	/* bpf_fentry_test1..N: the kernel's own trampoline test targets, all traceable */
	for (id = 1; id < n; id++) {
		const struct btf_type *t = btf__type_by_id(vmlinux, id);

		if (btf_is_func(t) &&
		    !fnmatch("bpf_fentry_test[0-9]*", btf__name_by_offset(vmlinux, t->name_off), 0))
			want++;
	}
	cnt = tracing_multi_ids("p", "bpf_fentry_test[0-9]*", &ids);
	CHECK(want > 0 && cnt == want, "bpf_fentry_test[0-9]*: %d functions, of %d", cnt, want);
	CHECK(cnt > 0 && all_match(vmlinux, ids, cnt, "bpf_fentry_test[0-9]*"),
	      "each one matches the glob");
	free(ids);
}

static void test_refused(void)
{
	__u32 *ids = NULL;
	int cnt;

	/* int _printk(const char *fmt, ...) */
	cnt = tracing_multi_ids("p", "_printk", &ids);
	CHECK(cnt == -EINVAL && !ids, "_printk (varargs) is not traceable: %d", cnt);
	CHECK(strstr(last_msg, "prog 'p': no traceable kernel function matches '_printk'"),
	      "and the warning says so: %s", last_msg);
	cnt = tracing_multi_ids("p", "rt_no_such_function_*", &ids);
	CHECK(cnt == -EINVAL, "a glob matching nothing: %d", cnt);
	cnt = tracing_multi_ids("p", "rt_no_such_module:foo*", &ids);
	CHECK(cnt == -ENOENT, "a module without BTF: %d", cnt);
	CHECK(strstr(last_msg, "prog 'p': can't resolve 'rt_no_such_module:foo*': no BTF of "
		      "module 'rt_no_such_module'"), "and the warning names it: %s", last_msg);
}

int main(void)
{
	struct btf *vmlinux = btf__load_vmlinux_btf();

	libbpf_set_print(capture);
	if (!CHECK(vmlinux, "kernel BTF"))
		return unit_done();
	test_glob(vmlinux);
	test_refused();
	btf__free(vmlinux);
	return unit_done();
}
