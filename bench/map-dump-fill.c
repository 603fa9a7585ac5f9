// SPDX-License-Identifier: BSD-2-Clause
/*
 * Fill a pinned map of 8-byte keys and 16-byte values with N entries
 * (key i, value {i, 2 * i}), through batch updates: the map-dump bench's
 * helper, built against the project's static library.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>

#define BATCH 65536

struct value {
	__u64 packets;
	__u64 bytes;
};

int main(int argc, char **argv)
{
	static __u64 keys[BATCH];
	static struct value values[BATCH];
	unsigned long n, done = 0, i;
	__u32 cnt;
	int fd, err;

	if (argc != 3) {
		fprintf(stderr, "usage: %s PINNED_MAP ENTRIES\n", argv[0]);
		return 2;
	}
	n = strtoul(argv[2], NULL, 10);
	fd = bpf_obj_get(argv[1]);
	if (fd < 0) {
		fprintf(stderr, "can't open %s: %s\n", argv[1], strerror(-fd));
		return 1;
	}
	while (done < n) {
		cnt = n - done < BATCH ? n - done : BATCH;
		for (i = 0; i < cnt; i++) {
			keys[i] = done + i;
			values[i].packets = done + i;
			values[i].bytes = 2 * (done + i);
		}
		err = bpf_map_update_batch(fd, keys, values, &cnt, NULL);
		if (err) {
			fprintf(stderr, "batch update at %lu: %s\n", done, strerror(-err));
			return 1;
		}
		done += cnt;
	}
	close(fd);
	return 0;
}
