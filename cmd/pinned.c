// SPDX-License-Identifier: BSD-2-Clause
/*
 * Pinned paths on the BPF filesystems: finding them for "show -f", and
 * pinning safely (on bpffs only, never over an existing file).
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <mntent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <linux/magic.h>

#include <bpf/bpf.h>

#include "json_writer.h"
#include "pinned.h"
#include "report.h"

#define BPFFS_DEFAULT	"/sys/fs/bpf"
#define PIN_MAX_DEPTH	32	/* directory nesting walked under a mount */

struct pin_entry {
	__u32 id;
	char *path;
};

struct pin_table {
	enum obj_kind kind;
	struct pin_entry *entries;
	size_t cnt, cap;
};

static int table_add(struct pin_table *t, __u32 id, const char *path)
{
	struct pin_entry *e;
	size_t cap;

	if (t->cnt == t->cap) {
		cap = t->cap ? t->cap * 2 : 32;
		e = realloc(t->entries, cap * sizeof(*e));
		if (!e)
			return -ENOMEM;
		t->entries = e;
		t->cap = cap;
	}
	t->entries[t->cnt].path = strdup(path);
	if (!t->entries[t->cnt].path)
		return -ENOMEM;
	t->entries[t->cnt++].id = id;
	return 0;
}

/* A pinned file: add it if it holds an object of the table's kind. */
static int visit_file(struct pin_table *t, const char *path)
{
	enum obj_kind kind;
	__u32 id;
	int fd, err = 0;

	fd = bpf_obj_get(path);
	if (fd < 0)
		return 0;	/* not an object, or not ours to open */
	if (obj_fd_kind(fd, &kind) && kind == t->kind) {
		id = obj_fd_id(kind, fd);
		if (id)
			err = table_add(t, id, path);
	}
	close(fd);
	return err;
}

static int walk_dir(struct pin_table *t, const char *dir, int depth)
{
	char path[PATH_MAX];
	struct dirent *de;
	DIR *d;
	int err = 0;

	if (depth > PIN_MAX_DEPTH)
		return 0;
	d = opendir(dir);
	if (!d)
		return 0;
	while (!err && (de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (snprintf(path, sizeof(path), "%s/%s", dir, de->d_name) >= (int)sizeof(path))
			continue;
		if (de->d_type == DT_DIR)
			err = walk_dir(t, path, depth + 1);
		else if (de->d_type == DT_REG)
			err = visit_file(t, path);
	}
	closedir(d);
	return err;
}

static int entry_cmp(const void *a, const void *b)
{
	const struct pin_entry *x = a, *y = b;

	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return strcmp(x->path, y->path);
}

int pin_table_build(enum obj_kind kind, struct pin_table **table)
{
	struct pin_table *t;
	struct mntent *mnt;
	FILE *mounts;
	int err = 0;

	t = calloc(1, sizeof(*t));
	mounts = setmntent("/proc/mounts", "r");
	if (!t || !mounts) {
		err = t ? -errno : -ENOMEM;
		p_err("can't list BPF filesystems: %s", strerror(-err));
		goto out;
	}
	t->kind = kind;
	while (!err && (mnt = getmntent(mounts)))
		if (!strcmp(mnt->mnt_type, "bpf"))
			err = walk_dir(t, mnt->mnt_dir, 0);
	if (err) {
		p_err("can't collect pinned paths: %s", strerror(-err));
		goto out;
	}
	qsort(t->entries, t->cnt, sizeof(*t->entries), entry_cmp);
	*table = t;
	t = NULL;
out:
	if (mounts)
		endmntent(mounts);
	pin_table_free(t);
	return err;
}

const char *pin_table_next(const struct pin_table *t, __u32 id, size_t *pos)
{
	size_t lo = 0, hi = t->cnt, mid;

	if (*pos) {
		if (*pos < t->cnt && t->entries[*pos].id == id)
			return t->entries[(*pos)++].path;
		return NULL;
	}
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (t->entries[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == t->cnt || t->entries[lo].id != id)
		return NULL;
	*pos = lo + 1;
	return t->entries[lo].path;
}

void pin_table_json(const struct pin_table *t, __u32 id, struct json_writer *w)
{
	const char *path;
	size_t pos = 0;

	if (!t)
		return;
	jsonw_name(w, "pinned");
	jsonw_start_array(w);
	while ((path = pin_table_next(t, id, &pos)))
		jsonw_string(w, path);
	jsonw_end_array(w);
}

void pin_table_text(const struct pin_table *t, __u32 id, FILE *f)
{
	const char *path;
	size_t pos = 0;

	while (t && (path = pin_table_next(t, id, &pos)))
		fprintf(f, "\n\tpinned %s", path);
}

void pin_table_free(struct pin_table *t)
{
	size_t i;

	if (!t)
		return;
	for (i = 0; i < t->cnt; i++)
		free(t->entries[i].path);
	free(t->entries);
	free(t);
}

static bool dir_on_bpffs(const char *dir)
{
	struct statfs st;

	return !statfs(dir, &st) && st.f_type == BPF_FS_MAGIC;
}

/* The deepest existing directory on the way to path, into buf. */
static void existing_parent(const char *path, char *buf, size_t size)
{
	char *slash;

	snprintf(buf, size, "%s", path);
	for (;;) {
		slash = strrchr(buf, '/');
		if (!slash) {
			snprintf(buf, size, ".");
			return;
		}
		if (slash == buf) {
			buf[1] = '\0';
			return;
		}
		*slash = '\0';
		if (!access(buf, F_OK))
			return;
	}
}

bool path_on_bpffs(const char *path)
{
	char dir[PATH_MAX];

	if (!access(path, F_OK))
		return dir_on_bpffs(path);
	existing_parent(path, dir, sizeof(dir));
	return dir_on_bpffs(dir);
}

/* Create the missing directories of path's parent, on bpffs. */
static int make_parents(const char *path)
{
	char buf[PATH_MAX];
	char *p;

	if (snprintf(buf, sizeof(buf), "%s", path) >= (int)sizeof(buf))
		return -ENAMETOOLONG;
	for (p = buf + 1; (p = strchr(p, '/')); p++) {
		*p = '\0';
		if (mkdir(buf, 0700) && errno != EEXIST) {
			p_err("can't create directory '%s': %s", buf, strerror(errno));
			return -errno;
		}
		*p = '/';
	}
	return 0;
}

/* Mount bpffs at /sys/fs/bpf when path wants to live there and none is. */
static int mount_default_bpffs(const char *path)
{
	size_t len = strlen(BPFFS_DEFAULT);

	if (strncmp(path, BPFFS_DEFAULT, len) || (path[len] && path[len] != '/'))
		return 0;
	if (dir_on_bpffs(BPFFS_DEFAULT))
		return 0;
	if (mount("bpf", BPFFS_DEFAULT, "bpf", 0, "mode=0700")) {
		p_err("can't mount bpffs at %s: %s", BPFFS_DEFAULT, strerror(errno));
		return -errno;
	}
	return 0;
}

int pin_fd(int fd, const char *path, bool mount_bpffs)
{
	char dir[PATH_MAX];
	int err;

	if (!access(path, F_OK)) {
		p_err("can't pin at '%s': the path exists", path);
		return -EEXIST;
	}
	if (mount_bpffs) {
		err = mount_default_bpffs(path);
		if (err)
			return err;
	}
	existing_parent(path, dir, sizeof(dir));
	if (!dir_on_bpffs(dir)) {
		p_err("can't pin at '%s': '%s' is not on a BPF filesystem (bpffs)", path, dir);
		return -EINVAL;
	}
	err = make_parents(path);
	if (err)
		return err;
	err = bpf_obj_pin(fd, path);
	if (err)
		p_err("can't pin at '%s': %s", path, strerror(-err));
	return err;
}
