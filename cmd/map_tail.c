// SPDX-License-Identifier: BSD-2-Clause
/*
 * "bpfctl map tail MAP [type TYPE_NAME] [btf FILE] [count N] [duration SECONDS]
 * [drops VAR] [raw]" and "map event_pipe MAP [cpu N index M]" (bpftool's
 * name; the same command): print the records of a ring buffer or a perf
 * event array as they arrive, until Ctrl-C (SIGINT, SIGTERM), count records
 * or duration seconds, then a summary on stderr.
 *
 * Records are read in batches (what one wake-up finds), printed into a
 * large stdio buffer and flushed once per batch.
 *
 * The kernel counts the samples a full perf buffer lost, but not the
 * records a full ring buffer refused: for those the summary says how often
 * the ring was found full, and the count of a program's own counter
 * ("drops VAR").
 */
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "cmd.h"
#include "number.h"
#include "object.h"
#include "output.h"
#include "perf_buffer.h"
#include "report.h"
#include "tail_drops.h"
#include "tail_print.h"
#include "tail_raw.h"
#include "tail_type.h"

#define PERF_PAGES 64			/* per CPU: 256 KiB with 4 KiB pages */
#define MAX_DURATION 31536000.0		/* a year, in seconds */

/*
 * stdout (or -o FILE) buffer: the printer gathers lines itself and writes
 * them in blocks larger than this, which stdio passes on without a copy
 */
static char out_buf[1 << 12];

enum tail_option {
	OPT_TYPE, OPT_BTF, OPT_COUNT, OPT_DURATION, OPT_CPU, OPT_INDEX, OPT_DROPS, OPT_RAW
};

static const struct keyword tail_options[] = {
	[OPT_TYPE] = { "type" },
	[OPT_BTF] = { "btf" },
	[OPT_COUNT] = { "count" },
	[OPT_DURATION] = { "duration" },
	[OPT_CPU] = { "cpu" },
	[OPT_INDEX] = { "index" },
	[OPT_DROPS] = { "drops" },
	[OPT_RAW] = { "raw" },
};

struct tail_args {
	const char *cmd;	/* "map tail" or "map event_pipe" */
	const char *type_name;
	const char *btf_path;
	const char *drops_var;
	__u32 count;		/* 0: no limit */
	double duration;	/* seconds, 0: no limit */
	__u32 cpu, index;
	bool has_cpu, has_index;
	bool raw;
};

/* The running tail. */
struct tail {
	struct tail_printer *printer;	/* text and JSON lines */
	struct tail_raw out_raw;	/* or raw records */
	struct tail_types *types;
	struct tail_drops *drops;
	FILE *f;
	__u64 limit;		/* records to print, 0: no limit */
	__u64 events, bytes, lost;
	__u64 full;		/* reads that found the ring buffer full */
	size_t max_size;	/* of the records read so far */
	bool perf;
	bool raw;
};

static int parse_duration(const char *arg, double *secs)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(arg, &end);
	if (errno || end == arg || *end || !isfinite(v) || v <= 0 || v > MAX_DURATION) {
		p_err("can't parse '%s' as a duration in seconds (more than 0, at most %.0f)", arg,
		      MAX_DURATION);
		return -EINVAL;
	}
	*secs = v;
	return 0;
}

static const char *option_value_name(enum tail_option k)
{
	switch (k) {
	case OPT_TYPE:
		return "TYPE_NAME";
	case OPT_BTF:
		return "FILE";
	case OPT_DURATION:
		return "SECONDS";
	case OPT_DROPS:
		return "VAR";
	default:
		return "a number";
	}
}

static int set_option(enum tail_option k, const char *val, struct tail_args *a)
{
	switch (k) {
	case OPT_TYPE:
		a->type_name = val;
		return 0;
	case OPT_DROPS:
		a->drops_var = val;
		return 0;
	case OPT_BTF:
		a->btf_path = val;
		return 0;
	case OPT_COUNT:
		if (parse_u32(val, "a record count", &a->count))
			return -EINVAL;
		if (!a->count) {
			p_err("count must be at least 1");
			return -EINVAL;
		}
		return 0;
	case OPT_DURATION:
		return parse_duration(val, &a->duration);
	case OPT_CPU:
		a->has_cpu = true;
		return parse_u32(val, "a CPU number", &a->cpu);
	default:
		a->has_index = true;
		return parse_u32(val, "a map index", &a->index);
	}
}

/* One option at argv[0]: the count of words it takes, or -errno. */
static int parse_option(int argc, char **argv, struct tail_args *a)
{
	int k = KEYWORD_MATCH(argv[0], tail_options, "map tail option");
	const char *val;

	if (k < 0)
		return k;
	if (k == OPT_RAW) {
		a->raw = true;
		return 1;
	}
	val = keyword_value(argc, argv, tail_options[k].name, option_value_name(k));
	if (!val)
		return -EINVAL;
	return set_option(k, val, a) ?: 2;
}

static int parse_args(int argc, char **argv, struct tail_args *a)
{
	int n;

	for (; argc > 0; argc -= n, argv += n) {
		n = parse_option(argc, argv, a);
		if (n < 0)
			return n;
	}
	if (a->has_cpu != a->has_index) {
		p_err("'cpu' and 'index' go together: give both or neither");
		return -EINVAL;
	}
	if (a->raw && (cli.json || a->type_name || a->btf_path)) {
		p_err("'raw' writes the records' bytes as they are: %s doesn't apply",
		      cli.json ? "-j" : a->type_name ? "'type'" : "'btf'");
		return -EINVAL;
	}
	return 0;
}

static void tail_count(struct tail *t, size_t size)
{
	t->events++;
	t->bytes += size;
	if (size > t->max_size)
		t->max_size = size;
}

/* One record, whatever its source. */
static void tail_record(struct tail *t, int cpu, const void *data, size_t size)
{
	const struct btf *btf = NULL;
	__u32 type_id;
	int err;

	tail_count(t, size);
	if (t->raw) {
		tail_raw_record(&t->out_raw, data, size, size);
		return;
	}
	type_id = tail_type_of(t->types, size, &btf);
	err = tail_print_record(t->printer, cpu, data, size, btf, type_id);
	if (err == -EOPNOTSUPP) {
		tail_types_disable(t->types);
		p_info("typed values can't be printed yet (%s): printing records as hex",
		       strerror(-err));
	}
}

static int ring_sample(void *ctx, void *data, size_t size)
{
	tail_record(ctx, -1, data, size);
	return 0;
}

/* The shortest path, for the fastest producers: raw ring records. */
static int ring_sample_raw(void *ctx, void *data, size_t size)
{
	struct tail *t = ctx;

	tail_count(t, size);
	tail_raw_record(&t->out_raw, data, size, (size + 7) & ~(size_t)7);
	return 0;
}

static void perf_sample(void *ctx, int cpu, void *data, __u32 size)
{
	struct tail *t = ctx;

	/* perf buffers can't stop mid-batch: records past the count are dropped */
	if (t->limit && t->events >= t->limit)
		return;
	tail_record(t, cpu, data, size);
}

static void perf_lost(void *ctx, int cpu, __u64 cnt)
{
	struct tail *t = ctx;

	t->lost += cnt;
	if (!t->raw)
		tail_print_lost(t->printer, cpu, cnt);
}

/* The consumer of either kind. */
struct source {
	struct ring_buffer *rb;
	struct perf_buffer *pb;
};

static void source_free(struct source *s)
{
	ring_buffer__free(s->rb);
	perf_buffer__free(s->pb);
}

static int source_epoll_fd(const struct source *s)
{
	return s->rb ? ring_buffer__epoll_fd(s->rb) : perf_buffer__epoll_fd(s->pb);
}

/* Ring buffer record header: length and page offset; data is aligned to 8. */
#define RING_HDR_SZ 8

/*
 * Whether the ring had no room for another record like the largest read
 * so far, given its free bytes when the read began.
 */
static bool ring_was_full(const struct tail *t, size_t free_bytes)
{
	return t->max_size && free_bytes < RING_HDR_SZ + ((t->max_size + 7) & ~(size_t)7);
}

static int source_consume(struct source *s, struct tail *t)
{
	size_t room = t->limit ? t->limit - t->events : SIZE_MAX;
	struct ring *r;
	size_t avail;
	int res;

	if (!s->rb) {
		res = perf_buffer__consume(s->pb);
		return res < 0 ? res : 0;
	}
	r = ring_buffer__ring(s->rb, 0);
	avail = ring__avail_data_size(r);
	res = ring_buffer__consume_n(s->rb, room);
	if (res < 0)
		return res;
	if (avail && ring_was_full(t, ring__size(r) - avail))
		t->full++;
	return 0;
}

static int source_open(struct source *s, struct tail *t, int map_fd, const struct tail_args *a,
		       const char *desc)
{
	int cpu = a->cpu, key = a->index;

	lib_flush();
	if (!t->perf) {
		if (a->has_cpu) {
			p_err("%s is a ring buffer: 'cpu' and 'index' apply to perf event arrays",
			      desc);
			return -EINVAL;
		}
		s->rb = ring_buffer__new(map_fd, t->raw ? ring_sample_raw : ring_sample, t, NULL);
	} else if (a->has_cpu) {
		s->pb = perf_buffer_new_on_cpus(map_fd, PERF_PAGES, &cpu, &key, 1, perf_sample,
						perf_lost, t, 1);
	} else {
		s->pb = perf_buffer__new(map_fd, PERF_PAGES, perf_sample, perf_lost, t, NULL);
	}
	if (!s->rb && !s->pb) {
		p_err("can't read %s: %s", desc, lib_reason(errno));
		return -errno ?: -EINVAL;
	}
	return 0;
}

/* The fds the loop waits on: the consumer, the stop signals, the duration timer. */
struct waiter {
	int epoll_fd;
	int signal_fd;
	int timer_fd;
	sigset_t old_mask;
	bool masked;
};

enum wait_tag { WAIT_RECORDS, WAIT_SIGNAL, WAIT_TIMER };

static void waiter_close(struct waiter *w)
{
	if (w->timer_fd >= 0)
		close(w->timer_fd);
	if (w->signal_fd >= 0)
		close(w->signal_fd);
	if (w->epoll_fd >= 0)
		close(w->epoll_fd);
	if (w->masked)
		sigprocmask(SIG_SETMASK, &w->old_mask, NULL);
}

static int waiter_add(struct waiter *w, int fd, enum wait_tag tag)
{
	struct epoll_event ev = { .events = EPOLLIN, .data.u32 = tag };

	if (epoll_ctl(w->epoll_fd, EPOLL_CTL_ADD, fd, &ev)) {
		p_err("can't wait for records: epoll: %s", strerror(errno));
		return -errno;
	}
	return 0;
}

static int timer_start(struct waiter *w, double secs)
{
	struct itimerspec its = { 0 };

	its.it_value.tv_sec = (time_t)secs;
	its.it_value.tv_nsec = (long)((secs - (double)its.it_value.tv_sec) * 1e9);
	if (!its.it_value.tv_sec && !its.it_value.tv_nsec)
		its.it_value.tv_nsec = 1;
	w->timer_fd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);
	if (w->timer_fd < 0 || timerfd_settime(w->timer_fd, 0, &its, NULL)) {
		p_err("can't set a timer of %g seconds: %s", secs, strerror(errno));
		return -errno;
	}
	return waiter_add(w, w->timer_fd, WAIT_TIMER);
}

static int waiter_open(struct waiter *w, int records_fd, double duration)
{
	sigset_t mask;
	int err;

	w->epoll_fd = w->signal_fd = w->timer_fd = -1;
	sigemptyset(&mask);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGTERM);
	/* blocked, they arrive on the signalfd: the run ends normally, output kept */
	if (sigprocmask(SIG_BLOCK, &mask, &w->old_mask)) {
		p_err("can't block SIGINT and SIGTERM: %s", strerror(errno));
		return -errno;
	}
	w->masked = true;
	w->signal_fd = signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK);
	w->epoll_fd = epoll_create1(EPOLL_CLOEXEC);
	if (w->signal_fd < 0 || w->epoll_fd < 0) {
		p_err("can't wait for records and signals: %s", strerror(errno));
		return -errno;
	}
	err = waiter_add(w, records_fd, WAIT_RECORDS);
	if (!err)
		err = waiter_add(w, w->signal_fd, WAIT_SIGNAL);
	if (!err && duration > 0)
		err = timer_start(w, duration);
	return err;
}

/* Take the pending stop signal, so that it is not delivered when unblocked. */
static int signal_take(struct waiter *w)
{
	struct signalfd_siginfo si;

	if (read(w->signal_fd, &si, sizeof(si)) != sizeof(si))
		return 0;
	return si.ssi_signo;
}

static int flush_batch(struct tail *t)
{
	if (t->raw)
		tail_raw_flush(&t->out_raw);
	else
		tail_printer_flush(t->printer);
	if (fflush(t->f) || ferror(t->f)) {
		p_err("can't write the records to %s: %s", out_name(), strerror(errno ?: EIO));
		return -EIO;
	}
	return 0;
}

/* Print records until a stop; *why says which. */
static int tail_loop(struct tail *t, struct source *s, struct waiter *w, const char **why)
{
	struct epoll_event evs[3];
	int i, n, err, sig;

	for (;;) {
		n = epoll_wait(w->epoll_fd, evs, 3, -1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			p_err("can't wait for records: %s", strerror(errno));
			return -errno;
		}
		if (!t->raw)
			tail_printer_stamp(t->printer);
		err = source_consume(s, t);
		if (err) {
			p_err("can't read records: %s", lib_reason(err));
			return err;
		}
		err = flush_batch(t);
		if (err)
			return err;
		if (t->limit && t->events >= t->limit) {
			*why = "count reached";
			return 0;
		}
		for (i = 0; i < n; i++) {
			if (evs[i].data.u32 == WAIT_SIGNAL) {
				sig = signal_take(w);
				*why = sig == SIGTERM ? "terminated" : "interrupted";
				return 0;
			}
			if (evs[i].data.u32 == WAIT_TIMER) {
				*why = "duration elapsed";
				return 0;
			}
		}
	}
}

static void print_summary(const struct tail *t, const char *why)
{
	__u64 dropped;

	fprintf(stderr, "%s: %llu events, %llu bytes", why, (unsigned long long)t->events,
		(unsigned long long)t->bytes);
	if (t->perf)
		fprintf(stderr, ", %llu lost", (unsigned long long)t->lost);
	if (t->drops && !tail_drops_read(t->drops, &dropped))
		fprintf(stderr, ", %llu dropped", (unsigned long long)dropped);
	if (t->full)
		fprintf(stderr, ", ring full at %llu read%s (records may have been dropped)",
			(unsigned long long)t->full, t->full == 1 ? "" : "s");
	fputc('\n', stderr);
}

/* "map 'name' (id N)", and whether it is a perf event array; -errno if neither kind. */
static int map_kind(int map_fd, char *desc, size_t desc_size, bool *perf)
{
	struct bpf_map_info info;
	__u32 len = sizeof(info);
	const char *type;

	memset(&info, 0, sizeof(info));
	if (bpf_map_get_info_by_fd(map_fd, &info, &len)) {
		p_err("can't get the info of the map: %s", strerror(errno));
		return -errno;
	}
	snprintf(desc, desc_size, "map '%s' (id %u)", info.name, info.id);
	if (info.type == BPF_MAP_TYPE_RINGBUF || info.type == BPF_MAP_TYPE_PERF_EVENT_ARRAY) {
		*perf = info.type == BPF_MAP_TYPE_PERF_EVENT_ARRAY;
		return 0;
	}
	type = libbpf_bpf_map_type_str(info.type);
	p_err("%s is a%s %s map, not a ring buffer (ringbuf) or perf event array "
	      "(perf_event_array)", desc, type && strchr("aeiou", type[0]) ? "n" : "",
	      type ? type : "unknown type of");
	return -EINVAL;
}

/* What the records need beyond their bytes: their types, the drop counter. */
static int open_extras(struct tail *t, int map_fd, const struct tail_args *a, const char *desc)
{
	struct tail_types_opts topts = { .map_fd = map_fd, .map_desc = desc };
	__u32 map_id;
	int err;

	if (a->drops_var) {
		map_id = obj_fd_id(OBJ_MAP, map_fd);
		if (!map_id)
			return -EINVAL;
		err = tail_drops_open(map_id, desc, a->drops_var, &t->drops);
		if (err)
			return err;
	}
	if (t->raw)
		return 0;
	topts.btf_path = a->btf_path;
	topts.type_name = a->type_name;
	topts.padded = t->perf;
	return tail_types_open(&topts, &t->types);
}

static int run_tail(int map_fd, const struct tail_args *a)
{
	struct tail t = { .limit = a->count, .raw = a->raw };
	struct waiter w = { .epoll_fd = -1, .signal_fd = -1, .timer_fd = -1 };
	struct source s = { 0 };
	const char *why = "stopped";
	char desc[64];
	int err;

	err = map_kind(map_fd, desc, sizeof(desc), &t.perf);
	if (!err)
		err = open_extras(&t, map_fd, a, desc);
	if (err)
		goto out;
	t.f = cli.json ? out_json_lines() : out_stream();
	setvbuf(t.f, out_buf, _IOFBF, sizeof(out_buf));
	if (t.raw) {
		err = tail_raw_init(&t.out_raw, t.f);
	} else {
		t.printer = tail_printer_new(t.f, cli.json);
		err = t.printer ? 0 : -ENOMEM;
	}
	if (!err)
		err = source_open(&s, &t, map_fd, a, desc);
	if (!err)
		err = waiter_open(&w, source_epoll_fd(&s), a->duration);
	if (!err)
		err = tail_loop(&t, &s, &w, &why);
	source_free(&s);
	waiter_close(&w);
	tail_printer_free(t.printer);
	tail_raw_free(&t.out_raw);
	if (!err)
		print_summary(&t, why);
out:
	tail_drops_free(t.drops);
	tail_types_free(t.types);
	return err;
}

static int tail_main(int argc, char **argv, const char *cmd)
{
	struct tail_args a = { .cmd = cmd };
	int fd, err;

	if (argc < 1) {
		p_err("'%s' needs a MAP: %s", cmd, obj_selector_usage(OBJ_MAP));
		return -EINVAL;
	}
	fd = obj_select_one(OBJ_MAP, &argc, &argv);
	if (fd < 0)
		return fd;
	err = parse_args(argc, argv, &a);
	if (!err)
		err = run_tail(fd, &a);
	close(fd);
	return err;
}

int do_map_tail(int argc, char **argv)
{
	return tail_main(argc, argv, "map tail");
}

int do_map_event_pipe(int argc, char **argv)
{
	return tail_main(argc, argv, "map event_pipe");
}
