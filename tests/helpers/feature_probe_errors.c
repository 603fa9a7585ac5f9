// SPDX-License-Identifier: BSD-2-Clause
/*
 * The feature probes' errors: opts must be NULL (-EINVAL), and helpers
 * cannot be probed in program types that need a real attach target
 * (-EOPNOTSUPP); both also in errno. Prints "ok" or what differed.
 */
#include <errno.h>
#include <stdio.h>
#include <bpf/libbpf.h>

static int check(const char *what, int ret, int want)
{
	if (ret == want && errno == -want)
		return 0;
	printf("%s: %d (errno %d), want %d\n", what, ret, errno, want);
	return 1;
}

int main(void)
{
	static const int dummy_opts;
	int bad = 0;

	errno = 0;
	bad |= check("prog_type opts", libbpf_probe_bpf_prog_type(BPF_PROG_TYPE_XDP, &dummy_opts),
		     -EINVAL);
	bad |= check("map_type opts", libbpf_probe_bpf_map_type(BPF_MAP_TYPE_HASH, &dummy_opts),
		     -EINVAL);
	bad |= check("helper opts", libbpf_probe_bpf_helper(BPF_PROG_TYPE_XDP,
							    BPF_FUNC_map_lookup_elem, &dummy_opts),
		     -EINVAL);
	bad |= check("helper tracing", libbpf_probe_bpf_helper(BPF_PROG_TYPE_TRACING,
							      BPF_FUNC_map_lookup_elem, NULL),
		     -EOPNOTSUPP);
	bad |= check("helper struct_ops", libbpf_probe_bpf_helper(BPF_PROG_TYPE_STRUCT_OPS,
								 BPF_FUNC_map_lookup_elem, NULL),
		     -EOPNOTSUPP);
	bad |= check("prog type 1000", libbpf_probe_bpf_prog_type(1000, NULL), -EOPNOTSUPP);
	/* a supported type leaves no error behind */
	if (libbpf_probe_bpf_prog_type(BPF_PROG_TYPE_XDP, NULL) != 1)
		bad |= printf("xdp not supported\n") > 0;
	if (!bad)
		printf("ok\n");
	return bad;
}
