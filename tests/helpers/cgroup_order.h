/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * For the helpers of api_runtime.bats: print the order of the programs of
 * tests/progs/api_cgroup_mprog.bpf.c on a cgroup's egress hook
 * ("attached: second first") and return the hook's revision.
 */
#ifndef CGROUP_ORDER_H
#define CGROUP_ORDER_H

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

static __u32 cgroup_order_prog_id(struct bpf_object *obj, const char *name)
{
	struct bpf_prog_info info;
	__u32 len = sizeof(info);
	int fd = bpf_program__fd(bpf_object__find_program_by_name(obj, name));

	memset(&info, 0, sizeof(info));
	return bpf_prog_get_info_by_fd(fd, &info, &len) ? 0 : info.id;
}

static void show_cgroup(int cg, struct bpf_object *obj, __u64 *rev)
{
	__u32 first = cgroup_order_prog_id(obj, "cg_first");
	__u32 second = cgroup_order_prog_id(obj, "cg_second");
	__u32 ids[4], i;
	LIBBPF_OPTS(bpf_prog_query_opts, q, .prog_ids = ids, .count = 4);

	if (bpf_prog_query_opts(cg, BPF_CGROUP_INET_EGRESS, &q)) {
		printf("query: %s\n", strerror(errno));
		return;
	}
	printf("attached:");
	for (i = 0; i < q.count; i++)
		printf(" %s", ids[i] == first ? "first" : ids[i] == second ? "second" : "?");
	printf("\n");
	*rev = q.revision;
}

#endif /* CGROUP_ORDER_H */
