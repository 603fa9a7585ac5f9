// SPDX-License-Identifier: BSD-2-Clause
/*
 * btf__dedup() driver for tests/bats/btf_dedup.bats and bench/btf-dedup,
 * built twice from this one source: against libbpfcore.a and, as the
 * oracle, against Debian's libbpf (-lbpf). Only libbpf's API is used.
 *
 *   btf_dedup_run twice BTF [OUT]   an empty BTF, BTF added twice, deduped
 *   btf_dedup_run once BTF [OUT]    BTF itself deduped
 *   btf_dedup_run split BASE BTF [OUT]  BTF added twice to an empty split
 *                                   BTF on BASE, deduped against BASE
 *
 * Prints the number of types left (btf__type_cnt() - 1) and writes the
 * result's raw BTF to OUT if given.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <bpf/btf.h>

static int write_raw(const struct btf *btf, const char *path)
{
	const void *data;
	__u32 size;
	FILE *f;
	int ok;

	data = btf__raw_data(btf, &size);
	if (!data) {
		fprintf(stderr, "btf__raw_data: %s\n", strerror(errno));
		return 1;
	}
	f = fopen(path, "w");
	if (!f) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		return 1;
	}
	ok = fwrite(data, 1, size, f) == size;
	ok = !fclose(f) && ok;
	if (!ok)
		fprintf(stderr, "%s: write failed\n", path);
	return !ok;
}

/* dst with src's types added n times, or NULL after saying why. */
static struct btf *add_copies(struct btf *dst, const struct btf *src, int n)
{
	int i, err;

	for (i = 0; dst && i < n; i++) {
		err = btf__add_btf(dst, src);
		if (err < 0) {
			fprintf(stderr, "btf__add_btf: %s\n", strerror(-err));
			btf__free(dst);
			return NULL;
		}
	}
	return dst;
}

static int run(const char *mode, const char *base_path, const char *path, const char *out)
{
	struct btf *base = NULL, *src, *btf;
	int err, ret = 1;

	src = btf__parse(path, NULL);
	if (!src) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		return 1;
	}
	if (!strcmp(mode, "once")) {
		btf = src;
		src = NULL;
	} else if (!strcmp(mode, "twice")) {
		btf = add_copies(btf__new_empty(), src, 2);
	} else {
		base = btf__parse(base_path, NULL);
		btf = base ? add_copies(btf__new_empty_split(base), src, 2) : NULL;
	}
	if (!btf) {
		fprintf(stderr, "cannot build the BTF to dedup\n");
		goto out;
	}
	err = btf__dedup(btf, NULL);
	if (err) {
		fprintf(stderr, "btf__dedup: %s\n", strerror(-err));
		goto out_btf;
	}
	printf("%u\n", btf__type_cnt(btf) - 1);
	ret = out ? write_raw(btf, out) : 0;
out_btf:
	btf__free(btf);
out:
	btf__free(src);
	btf__free(base);
	return ret;
}

int main(int argc, char **argv)
{
	if (argc >= 3 && argc <= 4 && (!strcmp(argv[1], "twice") || !strcmp(argv[1], "once")))
		return run(argv[1], NULL, argv[2], argc == 4 ? argv[3] : NULL);
	if (argc >= 4 && argc <= 5 && !strcmp(argv[1], "split"))
		return run(argv[1], argv[2], argv[3], argc == 5 ? argv[4] : NULL);
	fprintf(stderr, "usage: btf_dedup_run twice|once BTF [OUT] | split BASE BTF [OUT]\n");
	return 2;
}
