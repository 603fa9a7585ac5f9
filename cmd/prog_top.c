// SPDX-License-Identifier: BSD-2-Clause
/*
 * "bpfctl prog top": the run-time statistics of programs, sampled every
 * interval. Statistics are switched on with BPF_ENABLE_STATS, whose fd we
 * hold for the run: the kernel switches them off when it is closed, on
 * any exit (SIGKILL included), and the kernel.bpf_stats_enabled sysctl is
 * never written.
 *
 * On a terminal: a full-screen view (prog_top_screen.c). With -j, or when
 * the output is no terminal: JSON lines, one object per program per
 * interval.
 *
 * Counting: the first interval counts from the pass taken at the start.
 * A program seen for the first time later counts from zero when it was
 * loaded after the previous pass (all its runs fall in the interval), else
 * from its totals at first sight.
 */
#include <errno.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <time.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "cmd.h"
#include "json_writer.h"
#include "number.h"
#include "object.h"
#include "output.h"
#include "prog_info.h"
#include "prog_top.h"
#include "report.h"

#define NS_PER_SEC	1000000000ULL
#define INTERVAL_MAX	86400.0		/* a day */
#define NAME_MAX_LEN	128		/* full names come from BTF */

struct top_args {
	__u32 *ids;		/* the programs selected, ascending; NULL for all */
	size_t nids;
	__u64 interval_ns;
	double interval;
	__u32 count;		/* intervals to report; 0 runs until stopped */
	enum prog_sort sort;
};

/* A program's full name, kept from its first sighting. */
struct name_entry {
	__u32 id;
	__u64 load_time;
	char *name;
};

struct name_cache {
	struct name_entry *v;	/* by ascending id */
	size_t cnt;
};

struct top {
	struct top_args a;
	struct prog_samples prev, cur;
	struct prog_rate *rates;
	size_t nrates, cap_rates;
	struct name_cache names;
	struct prog_links links;
	unsigned int cpus;
	struct top_screen *screen;	/* NULL: JSON lines */
	FILE *out;
	int signal_fd;
	sigset_t old_mask;
	bool mask_set;
	__u32 reported;			/* intervals done */
	size_t passes;
};

static const struct keyword sort_keys[] = {
	[PROG_SORT_CPU] = { "cpu" },
	[PROG_SORT_RUNS] = { "runs" },
	[PROG_SORT_AVG] = { "avg" },
	[PROG_SORT_NAME] = { "name" },
};

const char *prog_sort_name(enum prog_sort key)
{
	return sort_keys[key].name;
}

/* ---- arguments ---- */

enum { OPT_INTERVAL, OPT_COUNT, OPT_SORT };

static const struct keyword top_options[] = {
	[OPT_INTERVAL] = { "interval" },
	[OPT_COUNT] = { "count" },
	[OPT_SORT] = { "sort" },
};

static int parse_interval(const char *arg, struct top_args *a)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(arg, &end);
	if (!arg[0] || *end || errno || !isfinite(v)) {
		p_err("can't parse '%s' as an interval in seconds", arg);
		return -EINVAL;
	}
	if (v <= 0 || v > INTERVAL_MAX) {
		p_err("interval '%s' out of range: give seconds above 0, up to %g", arg,
		      INTERVAL_MAX);
		return -ERANGE;
	}
	/* below a microsecond, the interval would be zero: keep at least one */
	a->interval_ns = (__u64)(v * NS_PER_SEC) ?: 1000;
	a->interval = v;
	return 0;
}

static int parse_count(const char *arg, struct top_args *a)
{
	int err = parse_u32(arg, "a count of intervals", &a->count);

	if (!err && !a->count) {
		p_err("count must be at least 1 (omit it to run until stopped)");
		return -EINVAL;
	}
	return err;
}

static int set_option(int k, const char *val, struct top_args *a)
{
	int i;

	switch (k) {
	case OPT_INTERVAL:
		return parse_interval(val, a);
	case OPT_COUNT:
		return parse_count(val, a);
	default:
		i = KEYWORD_MATCH(val, sort_keys, "sort key");
		if (i < 0)
			return i;
		a->sort = (enum prog_sort)i;
		return 0;
	}
}

static bool is_selector(const char *word)
{
	return !strcmp(word, "id") || !strcmp(word, "pinned") || !strcmp(word, "tag") ||
	       !strcmp(word, "name");
}

static int ids_add(struct top_args *a, const int *fds, int cnt)
{
	__u32 *ids = realloc(a->ids, (a->nids + (size_t)cnt) * sizeof(*ids));
	int i;

	if (!ids) {
		p_err("can't select programs: %s", strerror(ENOMEM));
		return -ENOMEM;
	}
	a->ids = ids;
	for (i = 0; i < cnt; i++) {
		ids[a->nids] = obj_fd_id(OBJ_PROG, fds[i]);
		if (!ids[a->nids])
			return -EINVAL;
		a->nids++;
	}
	return 0;
}

static int id_cmp(const void *x, const void *y)
{
	__u32 a = *(const __u32 *)x, b = *(const __u32 *)y;

	return a < b ? -1 : a > b;
}

/* Ascending, each once: the order a pass samples in. */
static void ids_sort_unique(struct top_args *a)
{
	size_t i, n = 0;

	qsort(a->ids, a->nids, sizeof(*a->ids), id_cmp);
	for (i = 0; i < a->nids; i++) {
		if (!n || a->ids[n - 1] != a->ids[i])
			a->ids[n++] = a->ids[i];
	}
	a->nids = n;
}

/* PROG at the head of argv: the ids it names now. Returns the words used, or -errno. */
static int parse_selector(int argc, char **argv, struct top_args *a)
{
	int left = argc, cnt, err, *fds;

	cnt = obj_select(OBJ_PROG, &left, &argv, &fds);
	if (cnt < 0)
		return cnt;
	err = ids_add(a, fds, cnt);
	obj_fds_close(fds, cnt);
	return err ?: argc - left;
}

/* One PROG or option at argv[0]: the count of words it takes, or -errno. */
static int parse_word(int argc, char **argv, struct top_args *a)
{
	const char *val;
	int k, err;

	if (is_selector(argv[0]))
		return parse_selector(argc, argv, a);
	k = KEYWORD_MATCH(argv[0], top_options, "prog top option (or PROG)");
	if (k < 0)
		return k;
	val = keyword_value(argc, argv, top_options[k].name,
			    k == OPT_INTERVAL ? "SECS" : k == OPT_COUNT ? "N" : "a sort key");
	if (!val)
		return -EINVAL;
	err = set_option(k, val, a);
	return err ?: 2;
}

static int parse_args(int argc, char **argv, struct top_args *a)
{
	int n;

	memset(a, 0, sizeof(*a));
	a->interval = 1.0;
	a->interval_ns = NS_PER_SEC;
	a->sort = PROG_SORT_CPU;
	for (; argc > 0; argc -= n, argv += n) {
		n = parse_word(argc, argv, a);
		if (n < 0)
			return n;
	}
	if (a->ids)
		ids_sort_unique(a);
	return 0;
}

/* ---- names ---- */

/* The full name of a program first seen, read through a new fd. */
static char *name_of(const struct prog_sample *s)
{
	char full[NAME_MAX_LEN];
	struct bpf_prog_info info;
	__u32 len = sizeof(info);
	int fd;

	/* only a name that fills the kernel's 15 characters can be longer */
	if (strlen(s->name) < BPF_OBJ_NAME_LEN - 1)
		return strdup(s->name);
	fd = bpf_prog_get_fd_by_id(s->id);
	memset(&info, 0, sizeof(info));
	if (fd < 0 || bpf_prog_get_info_by_fd(fd, &info, &len)) {
		if (fd >= 0)
			close(fd);
		return strdup(s->name);
	}
	prog_full_name(fd, &info, full, sizeof(full));
	close(fd);
	return strdup(full);
}

static void names_free(struct name_entry *v, size_t cnt)
{
	size_t i;

	for (i = 0; i < cnt; i++)
		free(v[i].name);
	free(v);
}

/*
 * The names of the programs of s: kept ones moved over, new ones read,
 * those of programs gone dropped (one merge walk, both ascending by id).
 */
static int names_update(struct name_cache *nc, const struct prog_samples *s)
{
	struct name_entry *v = calloc(s->cnt ?: 1, sizeof(*v));
	size_t i, j = 0;

	if (!v)
		goto nomem;
	for (i = 0; i < s->cnt; i++) {
		while (j < nc->cnt && nc->v[j].id < s->v[i].id)
			j++;
		v[i].id = s->v[i].id;
		v[i].load_time = s->v[i].load_time;
		if (j < nc->cnt && nc->v[j].id == v[i].id && nc->v[j].load_time == v[i].load_time) {
			v[i].name = nc->v[j].name;
			nc->v[j].name = NULL;
		} else {
			v[i].name = name_of(&s->v[i]);
		}
		if (!v[i].name) {
			names_free(v, s->cnt);
			goto nomem;
		}
	}
	names_free(nc->v, nc->cnt);
	nc->v = v;
	nc->cnt = s->cnt;
	return 0;
nomem:
	p_err("can't read program names: %s", strerror(ENOMEM));
	return -ENOMEM;
}

/* ---- sampling ---- */

static double wallclock(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / NS_PER_SEC;
}

static double ms_between(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) * 1e3 + (double)(b->tv_nsec - a->tv_nsec) / 1e6;
}

static int take_pass(struct top *t)
{
	struct timespec t0, t1, c0, c1;
	int err;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c0);
	err = prog_samples_take(&t->cur, t->a.ids, t->a.nids);
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c1);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (err) {
		p_err("can't sample the programs' statistics: %s", strerror(-err));
		return err;
	}
	/* wall and CPU time: on a busy machine they part */
	p_debug("prog top: pass %zu: %zu programs sampled in %.3f ms (%.3f ms CPU)", t->passes++,
		t->cur.cnt, ms_between(&t0, &t1), ms_between(&c0, &c1));
	return 0;
}

/* The rates of cur against prev, named and sorted. */
static int compute_rates(struct top *t)
{
	size_t i;
	int err;

	if (t->cur.cnt > t->cap_rates) {
		struct prog_rate *r = realloc(t->rates, t->cur.cnt * sizeof(*r));

		if (!r) {
			p_err("can't compute the rates: %s", strerror(ENOMEM));
			return -ENOMEM;
		}
		t->rates = r;
		t->cap_rates = t->cur.cnt;
	}
	err = names_update(&t->names, &t->cur);
	if (err)
		return err;
	t->nrates = prog_rates_diff(&t->prev, &t->cur, t->cpus, t->rates);
	for (i = 0; i < t->nrates; i++)
		t->rates[i].name = t->names.v[i].name;
	prog_rates_sort(t->rates, t->nrates, t->a.sort);
	return 0;
}

static void json_line(FILE *f, double when, const struct prog_rate *r)
{
	const char *type = libbpf_bpf_prog_type_str(r->type);
	struct json_writer *w = jsonw_new(f);

	if (!w)
		return;
	jsonw_start_object(w);
	jsonw_name(w, "time");
	jsonw_printf(w, "%.6f", when);
	jsonw_uint_field(w, "id", r->id);
	jsonw_string_field(w, "name", r->name);
	if (type)
		jsonw_string_field(w, "type", type);
	else
		jsonw_uint_field(w, "type", r->type);
	jsonw_uint_field(w, "runs", r->runs);
	jsonw_uint_field(w, "run_time_ns", r->run_time_ns);
	jsonw_name(w, "avg_ns");
	jsonw_printf(w, "%.1f", r->avg_ns);
	jsonw_name(w, "runs_per_sec");
	jsonw_printf(w, "%.3f", r->runs_per_sec);
	jsonw_name(w, "cpu_percent");
	jsonw_printf(w, "%.6f", r->cpu_percent);
	jsonw_uint_field(w, "total_runs", r->total_runs);
	/* destroying the writer ends the line */
	jsonw_destroy(w);
}

static void show(struct top *t, double when)
{
	struct top_view v = {
		.rates = t->rates, .cnt = t->nrates, .sampled = t->passes > 1,
		.interval = t->a.interval, .cpus = t->cpus, .sort = t->a.sort,
		.links = &t->links,
	};
	size_t i;

	if (t->screen) {
		top_screen_draw(t->screen, &v);
		return;
	}
	for (i = 0; i < t->nrates; i++)
		json_line(t->out, when, &t->rates[i]);
	fflush(t->out);
}

static void samples_swap(struct top *t)
{
	struct prog_samples swap = t->prev;

	t->prev = t->cur;
	t->cur = swap;
}

/* One interval ended: sample, compare, show. */
static int interval_end(struct top *t)
{
	double when;
	int err;

	err = take_pass(t);
	if (err)
		return err;
	when = wallclock();
	err = compute_rates(t);
	if (err)
		return err;
	if (t->screen)
		prog_links_read(&t->links);
	show(t, when);
	t->reported++;
	samples_swap(t);
	if (out_write_failed()) {
		p_err("can't write to %s", out_name());
		return -EIO;
	}
	return 0;
}

/* ---- the loop ---- */

static int signals_catch(struct top *t)
{
	sigset_t mask;

	sigemptyset(&mask);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGHUP);
	sigaddset(&mask, SIGWINCH);
	/* blocked, they arrive on the signalfd: the terminal is restored on the way out */
	int err;

	if (sigprocmask(SIG_BLOCK, &mask, &t->old_mask)) {
		err = -errno;
		p_err("can't block signals: %s", strerror(-err));
		return err;
	}
	t->mask_set = true;
	t->signal_fd = signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK);
	if (t->signal_fd < 0) {
		err = -errno;
		p_err("can't wait for signals: signalfd: %s", strerror(-err));
		return err;
	}
	return 0;
}

/* A signal arrived: true if it ends the run (SIGWINCH only redraws). */
static bool signal_stops(struct top *t)
{
	struct signalfd_siginfo si;

	while (read(t->signal_fd, &si, sizeof(si)) == sizeof(si)) {
		if (si.ssi_signo != SIGWINCH)
			return true;
		if (t->screen) {
			top_screen_resize(t->screen);
			show(t, 0);
		}
	}
	return false;
}

/* Keys typed: true on q or Ctrl-C; c, r, a, n change the sort. */
static bool keys_stop(struct top *t)
{
	static const char sort_key_chars[] = { [PROG_SORT_CPU] = 'c', [PROG_SORT_RUNS] = 'r',
					       [PROG_SORT_AVG] = 'a', [PROG_SORT_NAME] = 'n' };
	char buf[64];
	ssize_t n, i;
	size_t k;

	n = read(top_screen_key_fd(t->screen), buf, sizeof(buf));
	for (i = 0; i < n; i++) {
		if (buf[i] == 'q' || buf[i] == 'Q' || buf[i] == 3)
			return true;
		for (k = 0; k < ARRAY_SIZE(sort_key_chars); k++) {
			if (buf[i] != sort_key_chars[k])
				continue;
			t->a.sort = (enum prog_sort)k;
			prog_rates_sort(t->rates, t->nrates, t->a.sort);
			show(t, 0);
		}
	}
	return false;
}

static struct timespec ns_to_timespec(__u64 ns)
{
	struct timespec ts = { .tv_sec = (time_t)(ns / NS_PER_SEC),
			       .tv_nsec = (long)(ns % NS_PER_SEC) };
	return ts;
}

static __u64 mono_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (__u64)ts.tv_sec * NS_PER_SEC + (__u64)ts.tv_nsec;
}

/* Wait for the deadline, a signal or a key. Returns 1 to stop, 0 at the deadline. */
static int wait_until(struct top *t, __u64 deadline)
{
	struct pollfd fds[2] = { { .fd = t->signal_fd, .events = POLLIN },
				 { .fd = t->screen ? top_screen_key_fd(t->screen) : -1,
				   .events = POLLIN } };
	struct timespec left;
	__u64 now;
	int n;

	for (;;) {
		now = mono_now();
		if (now >= deadline)
			return 0;
		left = ns_to_timespec(deadline - now);
		n = ppoll(fds, 2, &left, NULL);
		if (n < 0 && errno != EINTR) {
			n = -errno;
			p_err("can't wait for the next interval: %s", strerror(-n));
			return n;
		}
		if (n <= 0)
			continue;
		if ((fds[0].revents & POLLIN) && signal_stops(t))
			return 1;
		if ((fds[1].revents & POLLIN) && keys_stop(t))
			return 1;
		/* a terminal hung up: nobody is watching any more */
		if (fds[1].revents & (POLLHUP | POLLERR))
			return 1;
	}
}

static int run(struct top *t)
{
	__u64 deadline;
	int err;

	/* the start pass is the baseline of the first interval */
	err = take_pass(t);
	if (err)
		return err;
	samples_swap(t);
	deadline = t->prev.mono_ns;
	if (t->screen)
		show(t, 0);
	while (!t->a.count || t->reported < t->a.count) {
		/* deadlines on a fixed grid, unless a pass overran a whole interval */
		deadline += t->a.interval_ns;
		if (deadline < mono_now())
			deadline = mono_now() + t->a.interval_ns;
		err = wait_until(t, deadline);
		if (err)
			return err < 0 ? err : 0;
		err = interval_end(t);
		if (err)
			return err;
	}
	return 0;
}

static void top_free(struct top *t)
{
	top_screen_close(t->screen);
	if (t->signal_fd >= 0)
		close(t->signal_fd);
	if (t->mask_set)
		sigprocmask(SIG_SETMASK, &t->old_mask, NULL);
	prog_samples_free(&t->prev);
	prog_samples_free(&t->cur);
	names_free(t->names.v, t->names.cnt);
	prog_links_free(&t->links);
	free(t->rates);
	free(t->a.ids);
}

static int open_output(struct top *t)
{
	int cpus = libbpf_num_possible_cpus();

	if (cpus <= 0) {
		p_err("can't count the possible CPUs: %s", strerror(cpus ? -cpus : EINVAL));
		return cpus ? cpus : -EINVAL;
	}
	t->cpus = (unsigned int)cpus;
	if (cli.json) {
		t->out = out_json_lines();
		return 0;
	}
	t->out = out_stream();
	if (!isatty(fileno(t->out)))
		return 0;
	return top_screen_open(t->out, &t->screen);
}

int do_prog_top(int argc, char **argv)
{
	struct top t = { .signal_fd = -1 };
	int err, stats_fd = -1;

	err = parse_args(argc, argv, &t.a);
	if (err)
		goto out;
	/* held to the end: closing it, or our death, turns statistics off again */
	stats_fd = bpf_enable_stats(BPF_STATS_RUN_TIME);
	if (stats_fd < 0) {
		err = stats_fd;
		p_err("can't enable run-time statistics (BPF_ENABLE_STATS): %s", strerror(-err));
		goto out;
	}
	err = signals_catch(&t);
	if (!err)
		err = open_output(&t);
	if (!err)
		err = run(&t);
out:
	top_free(&t);
	if (stats_fd >= 0)
		close(stats_fd);
	return err;
}
