// SPDX-License-Identifier: BSD-2-Clause
/*
 * Maps as the map commands see them: info, fdinfo, names for messages and
 * the layout of per-CPU values.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>

#include "cpus.h"
#include "map_info.h"
#include "object.h"
#include "report.h"

#define FDINFO_LINE_MAX	256

static int cpu_ids[CPUS_MAX];
static int cpu_cnt;

int map_ref_init(int fd, struct map_ref *m)
{
	__u32 len = sizeof(m->info);
	int err;

	memset(&m->info, 0, sizeof(m->info));
	m->fd = fd;
	err = bpf_map_get_info_by_fd(fd, &m->info, &len);
	if (err) {
		p_err("can't get the info of map fd %d: %s", fd, lib_reason(err));
		return err;
	}
	if (m->info.name[0])
		snprintf(m->desc, sizeof(m->desc), "map '%s'", m->info.name);
	else
		snprintf(m->desc, sizeof(m->desc), "map id %u", m->info.id);
	return 0;
}

int map_ref_open(int *argc, char ***argv, struct map_ref *m)
{
	int fd = obj_select_one(OBJ_MAP, argc, argv);
	int err;

	if (fd < 0)
		return fd;
	err = map_ref_init(fd, m);
	if (err) {
		close(fd);
		m->fd = -1;
	}
	return err;
}

void map_fdinfo_read(int fd, struct map_fdinfo *fi)
{
	char path[64], line[FDINFO_LINE_MAX];
	long long v;
	FILE *f;

	fi->memlock = -1;
	fi->frozen = 0;
	fi->owner_prog_type = -1;
	fi->owner_jited = -1;
	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
	f = fopen(path, "r");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "memlock: %lld", &v) == 1)
			fi->memlock = v;
		else if (sscanf(line, "frozen: %lld", &v) == 1)
			fi->frozen = v != 0;
		else if (sscanf(line, "owner_prog_type: %lld", &v) == 1)
			fi->owner_prog_type = v;
		else if (sscanf(line, "owner_jited: %lld", &v) == 1)
			fi->owner_jited = v != 0;
	}
	fclose(f);
}

bool map_is_per_cpu(__u32 type)
{
	return type == BPF_MAP_TYPE_PERCPU_HASH || type == BPF_MAP_TYPE_PERCPU_ARRAY ||
	       type == BPF_MAP_TYPE_LRU_PERCPU_HASH ||
	       type == BPF_MAP_TYPE_PERCPU_CGROUP_STORAGE;
}

bool map_is_map_of_maps(__u32 type)
{
	return type == BPF_MAP_TYPE_ARRAY_OF_MAPS || type == BPF_MAP_TYPE_HASH_OF_MAPS;
}

bool map_is_prog_array(__u32 type)
{
	return type == BPF_MAP_TYPE_PROG_ARRAY;
}

bool map_is_array(__u32 type)
{
	return type == BPF_MAP_TYPE_ARRAY || type == BPF_MAP_TYPE_PERCPU_ARRAY;
}

/* The possible CPUs, in the list per-CPU values come in. */
static int read_possible_cpus(void)
{
	bool *set = calloc(CPUS_MAX, sizeof(*set));
	int cpu, err;

	if (!set) {
		p_err("can't read the possible CPUs: %s", strerror(ENOMEM));
		return -ENOMEM;
	}
	lib_flush();
	err = cpu_list_read(CPUS_POSSIBLE, set);
	for (cpu = 0; !err && cpu < CPUS_MAX; cpu++)
		if (set[cpu])
			cpu_ids[cpu_cnt++] = cpu;
	free(set);
	if (!err && !cpu_cnt)
		err = -EINVAL;
	if (err)
		p_err("can't read the possible CPUs: %s", lib_reason(err));
	return err;
}

int map_possible_cpus(const int **ids)
{
	int err;

	if (!cpu_cnt) {
		err = read_possible_cpus();
		if (err)
			return err;
	}
	*ids = cpu_ids;
	return cpu_cnt;
}

size_t map_percpu_stride(const struct bpf_map_info *info)
{
	return ((size_t)info->value_size + 7) & ~(size_t)7;
}

size_t map_value_buf_size(const struct bpf_map_info *info, int ncpus)
{
	if (map_is_per_cpu(info->type))
		return map_percpu_stride(info) * (size_t)ncpus;
	return info->value_size;
}
