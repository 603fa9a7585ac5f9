// SPDX-License-Identifier: BSD-2-Clause
/*
 * Reading a link's info: a first call tells the type, a second one, with
 * a buffer in the member of that type, brings the name the link carries.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/bpf.h>

#include "link_info.h"
#include "report.h"

static int info_call(int fd, struct link_info_uapi *info)
{
	__u32 len = sizeof(*info);

	return bpf_obj_get_info_by_fd(fd, info, &len);
}

/* Point the name member of info's type at buf; false if the type has none. */
static bool want_name(struct link_info_uapi *info, char *buf, __u32 size)
{
	__u64 ptr = (__u64)(uintptr_t)buf;

	switch (info->type) {
	case BPF_LINK_TYPE_RAW_TRACEPOINT:
		info->raw_tracepoint.tp_name = ptr;
		info->raw_tracepoint.tp_name_len = size;
		return true;
	case BPF_LINK_TYPE_ITER:
		info->iter.target_name = ptr;
		info->iter.target_name_len = size;
		return true;
	case LINK_TYPE_UPROBE_MULTI:
		info->uprobe_multi.path = ptr;
		info->uprobe_multi.path_size = size;
		return true;
	case BPF_LINK_TYPE_PERF_EVENT:
		break;
	default:
		return false;
	}
	switch (info->perf_event.type) {
	case LINK_PERF_TRACEPOINT:
		info->perf_event.tracepoint.tp_name = ptr;
		info->perf_event.tracepoint.name_len = size;
		return true;
	case LINK_PERF_KPROBE:
	case LINK_PERF_KRETPROBE:
		info->perf_event.kprobe.func_name = ptr;
		info->perf_event.kprobe.name_len = size;
		return true;
	case LINK_PERF_UPROBE:
	case LINK_PERF_URETPROBE:
		info->perf_event.uprobe.file_name = ptr;
		info->perf_event.uprobe.name_len = size;
		return true;
	default:
		return false;
	}
}

int link_info_get(int fd, struct link_info *li)
{
	int err;

	memset(li, 0, sizeof(*li));
	err = info_call(fd, &li->info);
	/* the kernel reads only the buffer fields; it overwrites the rest */
	if (!err && want_name(&li->info, li->name, sizeof(li->name)))
		err = info_call(fd, &li->info);
	if (err)
		p_err("can't get info of link (fd %d): %s", fd, strerror(-err));
	li->name[sizeof(li->name) - 1] = '\0';
	return err;
}

int link_info_uprobe_funcs(int fd, const struct link_info *li, struct uprobe_funcs *uf)
{
	struct link_info_uapi info = li->info;
	__u32 cnt = info.uprobe_multi.count;
	__u64 *arrays;
	int err;

	memset(uf, 0, sizeof(*uf));
	if (info.type != LINK_TYPE_UPROBE_MULTI || !cnt)
		return 0;
	arrays = calloc(3 * (size_t)cnt, sizeof(*arrays));
	if (!arrays) {
		p_err("can't get the probes of link id %u: %s", info.id, strerror(ENOMEM));
		return -ENOMEM;
	}
	uf->offsets = arrays;
	uf->ref_ctr_offsets = arrays + cnt;
	uf->cookies = arrays + 2 * (size_t)cnt;
	/* the path was read already: ask for the arrays alone */
	info.uprobe_multi.path = 0;
	info.uprobe_multi.path_size = 0;
	info.uprobe_multi.offsets = (__u64)(uintptr_t)uf->offsets;
	info.uprobe_multi.ref_ctr_offsets = (__u64)(uintptr_t)uf->ref_ctr_offsets;
	info.uprobe_multi.cookies = (__u64)(uintptr_t)uf->cookies;
	err = info_call(fd, &info);
	if (err) {
		p_err("can't get the probes of link id %u: %s", info.id, strerror(-err));
		return err;
	}
	uf->cnt = cnt;
	return 0;
}

void uprobe_funcs_free(struct uprobe_funcs *uf)
{
	/* the three arrays are one allocation */
	free(uf->offsets);
	memset(uf, 0, sizeof(*uf));
}
