// SPDX-License-Identifier: BSD-2-Clause
/*
 * Which processes hold which BPF objects, from /proc.
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "json_writer.h"
#include "obj_pids.h"
#include "report.h"

#define COMM_MAX	16	/* the kernel's TASK_COMM_LEN */
#define PROC_PATH_MAX	64

struct pid_ref {
	enum obj_kind kind;
	__u32 id;
	int pid;
	char comm[COMM_MAX];
};

struct pid_table {
	struct pid_ref *refs;	/* sorted by kind, id, pid; no duplicates */
	size_t cnt;
	size_t cap;
};

/* The fdinfo line that carries the object's own id, per kind. */
static const char *const id_keys[OBJ_KIND_CNT] = {
	[OBJ_PROG] = "prog_id:",
	[OBJ_MAP] = "map_id:",
	[OBJ_LINK] = "link_id:",
	[OBJ_BTF] = "btf_id:",
};

static int ref_cmp(const void *a, const void *b)
{
	const struct pid_ref *x = a, *y = b;

	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return (x->pid > y->pid) - (x->pid < y->pid);
}

static int ref_add(struct pid_table *t, enum obj_kind kind, __u32 id, int pid, const char *comm)
{
	struct pid_ref *r;
	size_t cap;

	if (t->cnt == t->cap) {
		cap = t->cap ? 2 * t->cap : 16;
		r = realloc(t->refs, cap * sizeof(*r));
		if (!r) {
			p_err("can't grow the table of processes holding BPF objects: %s",
			      strerror(ENOMEM));
			return -ENOMEM;
		}
		t->refs = r;
		t->cap = cap;
	}
	r = &t->refs[t->cnt++];
	r->kind = kind;
	r->id = id;
	r->pid = pid;
	snprintf(r->comm, sizeof(r->comm), "%s", comm);
	return 0;
}

/* The id the fdinfo at path gives under key; 0 if it can't be read. */
static __u32 fdinfo_id(const char *path, const char *key)
{
	size_t klen = strlen(key);
	char line[256];
	__u32 id = 0;
	FILE *f;

	f = fopen(path, "re");
	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		if (!strncmp(line, key, klen)) {
			id = (__u32)strtoul(line + klen, NULL, 10);
			break;
		}
	}
	fclose(f);
	return id;
}

/* The process's name as /proc/PID/comm has it; "" if it can't be read. */
static void proc_comm(int pid, char *comm)
{
	char path[PROC_PATH_MAX];
	FILE *f;

	comm[0] = '\0';
	snprintf(path, sizeof(path), "/proc/%d/comm", pid);
	f = fopen(path, "re");
	if (!f)
		return;
	if (fgets(comm, COMM_MAX, f))
		comm[strcspn(comm, "\n")] = '\0';
	fclose(f);
}

/* Add every object of kind that process pid holds an fd of. */
static int scan_process(struct pid_table *t, enum obj_kind kind, int pid)
{
	char path[PROC_PATH_MAX], comm[COMM_MAX] = "";
	enum obj_kind got;
	struct dirent *e;
	int fd, err = 0;
	char *end;
	__u32 id;
	DIR *dir;

	snprintf(path, sizeof(path), "/proc/%d/fd", pid);
	dir = opendir(path);
	if (!dir)
		return 0;
	while (!err && (e = readdir(dir))) {
		fd = (int)strtol(e->d_name, &end, 10);
		if (*end || fd < 0 || end == e->d_name)
			continue;
		snprintf(path, sizeof(path), "/proc/%d/fd/%d", pid, fd);
		if (!obj_fd_path_kind(path, &got) || got != kind)
			continue;
		snprintf(path, sizeof(path), "/proc/%d/fdinfo/%d", pid, fd);
		id = fdinfo_id(path, id_keys[kind]);
		if (!id)
			continue;
		if (!comm[0])
			proc_comm(pid, comm);
		err = ref_add(t, kind, id, pid, comm);
	}
	closedir(dir);
	return err;
}

/* Sort, and keep one entry per process of each object (it may hold several fds). */
static void sort_unique(struct pid_table *t)
{
	size_t i, n = 0;

	if (!t->cnt)
		return;
	qsort(t->refs, t->cnt, sizeof(*t->refs), ref_cmp);
	for (i = 1; i < t->cnt; i++)
		if (ref_cmp(&t->refs[n], &t->refs[i]))
			t->refs[++n] = t->refs[i];
	t->cnt = n + 1;
}

static int scan_proc(struct pid_table *t, enum obj_kind kind)
{
	int self = getpid(), pid, err = 0;
	struct dirent *e;
	char *end;
	DIR *proc;

	proc = opendir("/proc");
	if (!proc)
		return 0;
	while (!err && (e = readdir(proc))) {
		pid = (int)strtol(e->d_name, &end, 10);
		if (*end || end == e->d_name || pid <= 0 || pid == self)
			continue;
		err = scan_process(t, kind, pid);
	}
	closedir(proc);
	return err;
}

int pid_table_build(enum obj_kind kind, struct pid_table **table)
{
	struct pid_table *t;
	int err;

	*table = NULL;
	t = calloc(1, sizeof(*t));
	if (!t) {
		p_err("can't allocate the table of processes holding BPF objects: %s",
		      strerror(ENOMEM));
		return -ENOMEM;
	}
	err = scan_proc(t, kind);
	if (err) {
		pid_table_free(t);
		return err;
	}
	sort_unique(t);
	*table = t;
	return 0;
}

void pid_table_free(struct pid_table *table)
{
	if (!table)
		return;
	free(table->refs);
	free(table);
}

/* The first entry of (kind, id) and, in *cnt, how many there are. */
static const struct pid_ref *refs_of(const struct pid_table *t, enum obj_kind kind, __u32 id,
				     size_t *cnt)
{
	size_t lo = 0, hi, end;

	*cnt = 0;
	if (!t)
		return NULL;
	hi = t->cnt;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct pid_ref *r = &t->refs[mid];

		if (r->kind < kind || (r->kind == kind && r->id < id))
			lo = mid + 1;
		else
			hi = mid;
	}
	for (end = lo; end < t->cnt && t->refs[end].kind == kind && t->refs[end].id == id; end++)
		;
	*cnt = end - lo;
	return &t->refs[lo];
}

void pid_table_text(const struct pid_table *table, enum obj_kind kind, __u32 id, FILE *f)
{
	const struct pid_ref *r;
	size_t cnt, i;

	r = refs_of(table, kind, id, &cnt);
	for (i = 0; i < cnt; i++)
		fprintf(f, "%s%s(%d)", i ? ", " : "\n\tpids ", r[i].comm, r[i].pid);
}

void pid_table_json(const struct pid_table *table, enum obj_kind kind, __u32 id,
		    struct json_writer *w)
{
	const struct pid_ref *r;
	size_t cnt, i;

	r = refs_of(table, kind, id, &cnt);
	if (!cnt)
		return;
	jsonw_name(w, "pids");
	jsonw_start_array(w);
	for (i = 0; i < cnt; i++) {
		jsonw_start_object(w);
		jsonw_int_field(w, "pid", r[i].pid);
		jsonw_string_field(w, "comm", r[i].comm);
		jsonw_end_object(w);
	}
	jsonw_end_array(w);
}
