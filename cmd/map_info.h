/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A map as the map commands handle it: its fd, what the kernel tells
 * about it (bpf_map_info, the fdinfo lines bpftool shows), a name for
 * messages, and the layout of its values (per-CPU copies).
 */
#ifndef __BPFCTL_MAP_INFO_H
#define __BPFCTL_MAP_INFO_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/bpf.h>

#define MAP_DESC_MAX 64

struct map_ref {
	int fd;
	struct bpf_map_info info;
	/* "map 'flows'" or "map id 12", for messages */
	char desc[MAP_DESC_MAX];
};

/* The lines of /proc/self/fdinfo/FD of a map that show and update use. */
struct map_fdinfo {
	long long memlock;	/* -1: not there */
	int frozen;
	long long owner_prog_type;	/* prog arrays; -1: not there */
	int owner_jited;		/* -1: not there */
};

/*
 * Fill m for the map behind fd (which m then owns). Reports and returns
 * -errno; fd is left open either way.
 */
int map_ref_init(int fd, struct map_ref *m);

/*
 * Parse the MAP selector at the head of argv as obj_select_one() and fill
 * m. Returns 0, or -errno after reporting; on success the caller closes
 * m->fd.
 */
int map_ref_open(int *argc, char ***argv, struct map_ref *m);

/* Read the fdinfo lines of map fd; fields absent are left at -1 (frozen 0). */
void map_fdinfo_read(int fd, struct map_fdinfo *fi);

bool map_is_per_cpu(__u32 type);
bool map_is_map_of_maps(__u32 type);
bool map_is_prog_array(__u32 type);

/* Arrays, whose keys are indices below max_entries that always exist. */
bool map_is_array(__u32 type);

/*
 * The possible CPUs, whose values a per-CPU map holds in this order: their
 * count, with their numbers in *ids (static storage). Reports and returns
 * -errno if /sys does not tell.
 */
int map_possible_cpus(const int **ids);

/* Bytes one value of the map takes in a lookup: every CPU's copy of it. */
size_t map_value_buf_size(const struct bpf_map_info *info, int ncpus);

/* Bytes between two CPUs' copies of a per-CPU value. */
size_t map_percpu_stride(const struct bpf_map_info *info);

#endif /* __BPFCTL_MAP_INFO_H */
