// SPDX-License-Identifier: BSD-2-Clause
/*
 * Change 1% of a pinned map of 8-byte keys and 16-byte values (filled by
 * map-dump-fill: keys 0..N-1) every PERIOD milliseconds, until killed: the
 * map-watch bench's helper, built against the project's static library.
 * Each round takes the next slice of N/100 keys: half updated, a quarter
 * deleted, and as many new keys (from N up) added, so that the map keeps
 * its size. Prints the rounds done on stderr when it ends.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <bpf/bpf.h>

struct value {
	__u64 packets;
	__u64 bytes;
};

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

/* Batch-update cnt keys from first (step 1) to packets = key + round. */
static int put_keys(int fd, __u64 *keys, struct value *values, __u64 first, __u32 cnt,
		    __u64 round)
{
	__u32 i, n = cnt;

	for (i = 0; i < cnt; i++) {
		keys[i] = first + i;
		values[i].packets = first + i + round;
		values[i].bytes = 2 * (first + i);
	}
	return bpf_map_update_batch(fd, keys, values, &n, NULL);
}

static int del_keys(int fd, __u64 *keys, __u64 first, __u32 cnt)
{
	__u32 i, n = cnt;

	for (i = 0; i < cnt; i++)
		keys[i] = first + i;
	return bpf_map_delete_batch(fd, keys, &n, NULL);
}

int main(int argc, char **argv)
{
	struct timespec period;
	unsigned long n, slice, upd, del, round = 0;
	struct value *values;
	__u64 *keys, base;
	int fd, err = 0;

	if (argc != 4) {
		fprintf(stderr, "usage: %s PINNED_MAP ENTRIES PERIOD_MS\n", argv[0]);
		return 2;
	}
	n = strtoul(argv[2], NULL, 10);
	period.tv_sec = strtoul(argv[3], NULL, 10) / 1000;
	period.tv_nsec = strtoul(argv[3], NULL, 10) % 1000 * 1000000L;
	slice = n / 100;
	upd = slice / 2;
	del = slice / 4;
	fd = bpf_obj_get(argv[1]);
	keys = calloc(slice + 1, sizeof(*keys));
	values = calloc(slice + 1, sizeof(*values));
	if (fd < 0 || !keys || !values || !upd || !del) {
		fprintf(stderr, "can't open %s, or too few entries\n", argv[1]);
		return 1;
	}
	signal(SIGTERM, on_signal);
	signal(SIGINT, on_signal);
	while (!stop && !err && round < 100) {
		base = round * slice;
		err = put_keys(fd, keys, values, base, upd, round + 1);
		if (!err)
			err = del_keys(fd, keys, base + upd, del);
		if (!err)
			err = put_keys(fd, keys, values, n + round * del, del, 0);
		round++;
		nanosleep(&period, NULL);
	}
	if (err)
		fprintf(stderr, "churn round %lu: %s\n", round, strerror(-err));
	fprintf(stderr, "churn: %lu rounds of %lu updates, %lu deletes, %lu adds\n", round,
		upd, del, del);
	free(keys);
	free(values);
	close(fd);
	return err ? 1 : 0;
}
