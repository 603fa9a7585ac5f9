// SPDX-License-Identifier: BSD-2-Clause
/*
 * Reading a link's info: a first call tells the type, a second one, with
 * a buffer in the member of that type, brings the name the link carries.
 */
#include <stdint.h>
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
