// SPDX-License-Identifier: BSD-2-Clause
/*
 * "bpfctl map watch MAP [interval SECS] [count N]": read the map each
 * interval, as "map dump" does (batches where the kernel has them, else
 * key by key), and print what changed since the read before: first every
 * entry as an add, then the entries added, updated and deleted. Text marks
 * them "+", "~" and "-"; -j writes one JSON object per line, the entry as
 * "map dump -j" prints it after "time" and "op".
 *
 * Two snapshots (map_diff.h) are kept and swapped, so that memory follows
 * the size of the map, not the number of intervals. Ctrl-C (SIGINT) and
 * SIGTERM end the watch after the interval being printed.
 */
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "cmd.h"
#include "json_writer.h"
#include "map_batch.h"
#include "map_cmds.h"
#include "map_diff.h"
#include "map_info.h"
#include "map_print.h"
#include "number.h"
#include "object.h"
#include "output.h"
#include "report.h"

#define MAX_INTERVAL 86400.0	/* a day, in seconds */
/* map types newer than the installed UAPI header may be */
#define MAP_TYPE_CGRP_STORAGE	32
#define MAP_TYPE_ARENA		33

static char out_buf[1 << 16];

enum watch_option { OPT_INTERVAL, OPT_COUNT };

static const struct keyword watch_options[] = {
	[OPT_INTERVAL] = { "interval" },
	[OPT_COUNT] = { "count" },
};

struct watch_args {
	double interval;	/* seconds */
	__u32 count;		/* intervals, 0: until stopped */
};

struct watch {
	struct map_ref m;
	struct map_printer p;
	FILE *f;
	bool json;
	bool no_batch;		/* the kernel has no batch lookups for this map */
	size_t value_size;	/* one value with all its CPUs' copies */
	struct map_snap snap[2];
	char time[32];		/* "time":SECS, of the read being printed */
	size_t time_len;
	unsigned long long entries;	/* read this interval */
};

static int parse_interval(const char *arg, double *secs)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(arg, &end);
	if (errno || end == arg || *end || !isfinite(v) || v <= 0 || v > MAX_INTERVAL) {
		p_err("can't parse '%s' as an interval in seconds (more than 0, at most %.0f)",
		      arg, MAX_INTERVAL);
		return -EINVAL;
	}
	*secs = v;
	return 0;
}

static int parse_args(int argc, char **argv, struct watch_args *a)
{
	const char *val;
	int k;

	for (; argc > 0; argc -= 2, argv += 2) {
		k = KEYWORD_MATCH(argv[0], watch_options, "map watch option");
		if (k < 0)
			return k;
		val = keyword_value(argc, argv, watch_options[k].name,
				    k == OPT_INTERVAL ? "SECS" : "a number");
		if (!val)
			return -EINVAL;
		if (k == OPT_INTERVAL && parse_interval(val, &a->interval))
			return -EINVAL;
		if (k == OPT_COUNT && parse_u32(val, "a count of intervals", &a->count))
			return -EINVAL;
		if (k == OPT_COUNT && !a->count) {
			p_err("count must be at least 1");
			return -EINVAL;
		}
	}
	return 0;
}

/* Why a map of this type can't be watched, or NULL if it can. */
static const char *unwatchable(__u32 type)
{
	switch (type) {
	case BPF_MAP_TYPE_RINGBUF:
	case BPF_MAP_TYPE_USER_RINGBUF:
	case BPF_MAP_TYPE_PERF_EVENT_ARRAY:
		return "it holds a stream of records, not keys (use 'map tail')";
	case BPF_MAP_TYPE_QUEUE:
	case BPF_MAP_TYPE_STACK:
		return "it has no keys (use 'map peek')";
	case BPF_MAP_TYPE_BLOOM_FILTER:
		return "it has no keys";
	case BPF_MAP_TYPE_STRUCT_OPS:
		return "its one value is an ops table (use 'struct_ops dump')";
	case BPF_MAP_TYPE_SK_STORAGE:
	case BPF_MAP_TYPE_INODE_STORAGE:
	case BPF_MAP_TYPE_TASK_STORAGE:
	case MAP_TYPE_CGRP_STORAGE:
		return "its entries belong to sockets, inodes, tasks or cgroups: "
		       "it has no keys to iterate";
	case MAP_TYPE_ARENA:
		return "it is memory, not entries";
	default:
		return NULL;
	}
}

static int check_type(const struct map_ref *m)
{
	const char *why = unwatchable(m->info.type);
	const char *type;

	if (!why)
		return 0;
	type = libbpf_bpf_map_type_str(m->info.type);
	p_err("%s: a %s map can't be watched: %s", m->desc, type ? type : "such", why);
	return -EOPNOTSUPP;
}

/* Read the map in batches into s; 1 if the kernel has none for it. */
static int read_batches(struct watch *w, struct map_snap *s)
{
	struct map_batch_opts o = { w->m.fd, w->m.info.key_size, w->value_size,
				    w->m.info.max_entries };
	const __u8 *keys, *values;
	struct map_batch *b;
	__u32 cnt;
	int err;

	err = map_batch_open(&o, &b);
	if (err < 0)
		p_err("%s: batch lookup failed: %s", w->m.desc, lib_reason(err));
	if (err)
		return err;
	do {
		err = map_batch_next(b, &keys, &values, &cnt);
		if (!err)
			err = map_snap_put_many(s, keys, values, cnt);
		w->entries += cnt;
	} while (!err && cnt);
	if (err == -ENOMEM)
		p_err("%s: out of memory for %llu entries", w->m.desc, w->entries);
	else if (err)
		p_err("%s: batch lookup failed after %llu entries: %s", w->m.desc, w->entries,
		      lib_reason(err));
	map_batch_close(b);
	return err;
}

/*
 * Key by key. An entry deleted between its key and its lookup is not
 * there; nor are the empty slots of program arrays and maps of maps.
 */
static int read_keys(struct watch *w, struct map_snap *s)
{
	__u8 *key, *next, *value, *tmp;
	bool first = true;
	int err;

	key = malloc(w->m.info.key_size + 1);
	next = malloc(w->m.info.key_size + 1);
	value = malloc(w->value_size + 1);
	err = key && next && value ? 0 : -ENOMEM;
	while (!err) {
		err = bpf_map_get_next_key(w->m.fd, first ? NULL : key, next);
		if (err == -ENOENT) {
			err = 0;
			break;
		}
		if (err) {
			p_err("%s: can't get the next key after %llu entries: %s", w->m.desc,
			      w->entries, lib_reason(err));
			break;
		}
		first = false;
		tmp = key, key = next, next = tmp;
		err = bpf_map_lookup_elem(w->m.fd, key, value);
		if (err == -ENOENT) {
			err = 0;
			continue;
		}
		if (err)
			p_err("%s: can't look up an entry: %s", w->m.desc, lib_reason(err));
		else
			err = map_snap_put(s, key, value);
		w->entries++;
	}
	if (err == -ENOMEM)
		p_err("%s: out of memory for %llu entries", w->m.desc, w->entries);
	free(key);
	free(next);
	free(value);
	return err;
}

/* Time of the read, for the JSON lines of its changes. */
static void stamp(struct watch *w)
{
	struct timespec ts;
	int n;

	clock_gettime(CLOCK_REALTIME, &ts);
	n = snprintf(w->time, sizeof(w->time), "{\"time\":%lld.%06ld,",
		     (long long)ts.tv_sec, ts.tv_nsec / 1000);
	w->time_len = n > 0 ? (size_t)n : 0;
}

static int read_snapshot(struct watch *w, struct map_snap *s)
{
	int err = 1;

	map_snap_clear(s);
	w->entries = 0;
	stamp(w);
	if (!w->no_batch && w->m.info.key_size && w->m.info.max_entries)
		err = read_batches(w, s);
	if (err == 1) {
		if (!w->no_batch)
			p_debug("%s: no batch lookup for this map, reading key by key",
				w->m.desc);
		w->no_batch = true;
		err = read_keys(w, s);
	}
	return err;
}

static const char *const op_names[] = {
	[MAP_CHANGE_ADD] = "add",
	[MAP_CHANGE_UPDATE] = "update",
	[MAP_CHANGE_DELETE] = "delete",
};

static void change_json(struct watch *w, enum map_change op, const __u8 *key,
			const __u8 *value)
{
	const char *entry;
	size_t len;

	entry = map_entry_json(&w->p, key, op == MAP_CHANGE_DELETE ? NULL : value, &len);
	fwrite(w->time, 1, w->time_len, w->f);
	fprintf(w->f, "\"op\":\"%s\",", op_names[op]);
	if (entry)
		fwrite(entry + 1, 1, len - 1, w->f);	/* its members, past its '{' */
	else
		fputs("\"error\":\"out of memory\"}", w->f);
	fputc('\n', w->f);
}

static void change_text(struct watch *w, enum map_change op, const __u8 *key,
			const __u8 *value)
{
	static const char marks[] = { [MAP_CHANGE_ADD] = '+', [MAP_CHANGE_UPDATE] = '~',
				      [MAP_CHANGE_DELETE] = '-' };

	fputc(marks[op], w->f);
	fputc(' ', w->f);
	if (op == MAP_CHANGE_DELETE) {
		map_print_key(&w->p, key);
		return;
	}
	map_print_entry(&w->p, key, value);
	if (map_printer_typed_text(&w->p))
		jsonw_close_all(w->p.jw);	/* the line's end */
}

static void print_change(void *ctx, enum map_change op, const __u8 *key, const __u8 *value)
{
	struct watch *w = ctx;

	if (w->json)
		change_json(w, op, key, value);
	else
		change_text(w, op, key, value);
}

static int flush_changes(struct watch *w)
{
	if (fflush(w->f) || ferror(w->f)) {
		p_err("can't write the changes to %s: %s", out_name(), strerror(errno ?: EIO));
		return -EIO;
	}
	return 0;
}

static double mono_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/*
 * Wait until the monotonic time until, or a stop signal (blocked in mask):
 * true if one came.
 */
static bool wait_until(double until, const sigset_t *mask)
{
	struct timespec ts;
	double left;
	int sig;

	for (;;) {
		left = until - mono_now();
		if (left <= 0)
			return false;
		ts.tv_sec = (time_t)left;
		ts.tv_nsec = (long)((left - (double)ts.tv_sec) * 1e9);
		sig = sigtimedwait(mask, NULL, &ts);
		if (sig > 0)
			return true;
		if (errno != EINTR && errno != EAGAIN)
			return false;
	}
}

static int watch_loop(struct watch *w, const struct watch_args *a, const sigset_t *stop)
{
	struct map_snap *prev = &w->snap[0], *cur = &w->snap[1], *tmp;
	double next = mono_now();
	__u32 n;
	int err;

	for (n = 1;; n++) {
		err = read_snapshot(w, cur);
		if (err)
			return err;
		map_snap_diff(prev, cur, print_change, w);
		err = flush_changes(w);
		if (err)
			return err;
		tmp = prev, prev = cur, cur = tmp;
		if (a->count && n >= a->count)
			return 0;
		/* a read slower than the interval starts the next one at once */
		next += a->interval;
		if (next < mono_now())
			next = mono_now();
		if (wait_until(next, stop))
			return 0;
	}
}

static int run_watch(struct watch *w, const struct watch_args *a)
{
	sigset_t stop, old;
	int err;

	err = check_type(&w->m);
	if (err)
		return err;
	w->json = cli.json;
	err = w->json ? map_printer_init_lines(&w->p, &w->m) : map_printer_init(&w->p, &w->m);
	if (err)
		return err;
	/* typed text: one line per change */
	if (map_printer_typed_text(&w->p))
		jsonw_pretty(w->p.jw, false);
	w->f = w->json ? out_json_lines() : out_stream();
	setvbuf(w->f, out_buf, _IOFBF, sizeof(out_buf));
	w->value_size = map_value_buf_size(&w->m.info, w->p.ncpus);
	map_snap_init(&w->snap[0], w->m.info.key_size, w->value_size);
	map_snap_init(&w->snap[1], w->m.info.key_size, w->value_size);
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	/* blocked, they are taken between intervals: what was read is printed */
	if (sigprocmask(SIG_BLOCK, &stop, &old)) {
		p_err("can't block SIGINT and SIGTERM: %s", strerror(errno));
		err = -errno;
	} else {
		err = watch_loop(w, a, &stop);
		sigprocmask(SIG_SETMASK, &old, NULL);
	}
	map_snap_free(&w->snap[0]);
	map_snap_free(&w->snap[1]);
	return err;
}

int do_map_watch(int argc, char **argv)
{
	struct watch_args a = { .interval = 1.0 };
	struct watch w = { 0 };
	int err;

	if (!argc) {
		p_err("missing MAP after 'map watch': %s", obj_selector_usage(OBJ_MAP));
		return -EINVAL;
	}
	err = map_ref_open(&argc, &argv, &w.m);
	if (err)
		return err;
	err = parse_args(argc, argv, &a);
	if (!err)
		err = run_watch(&w, &a);
	map_printer_free(&w.p);
	close(w.m.fd);
	return err;
}
