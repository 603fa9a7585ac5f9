/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * "bpfctl prog top": the parts in files of their own: what links say the
 * programs are attached to (prog_top_links.c) and the full-screen view on
 * a terminal (prog_top_screen.c).
 */
#ifndef __BPFCTL_PROG_TOP_H
#define __BPFCTL_PROG_TOP_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>

#include "prog_stats.h"

/* "prog top [PROG...] [interval SECS] [count N] [sort KEY]" (prog_top.c) */
int do_prog_top(int argc, char **argv);

/* One link's program and a short text of where it is attached. */
struct prog_link {
	__u32 prog_id;
	char where[96];
};

struct prog_links {
	struct prog_link *v;	/* by ascending prog_id */
	size_t cnt;
};

/*
 * Read every link now loaded into pl (replacing what it held). Links that
 * vanish meanwhile are skipped. Returns 0 or -errno (reported).
 */
int prog_links_read(struct prog_links *pl);

/*
 * Where the program of id is attached, into buf: "" if no link holds it,
 * the first link and "+N" when several do.
 */
const char *prog_links_where(const struct prog_links *pl, __u32 id, char *buf, size_t size);

void prog_links_free(struct prog_links *pl);

/* What the screen shows. */
struct top_view {
	const struct prog_rate *rates;	/* sorted */
	size_t cnt;
	bool sampled;			/* false before the first interval ended */
	double interval;		/* seconds asked for */
	unsigned int cpus;
	enum prog_sort sort;
	const struct prog_links *links;
};

struct top_screen;

/*
 * Take over the terminal of out (and of stdin, when it is one, for keys):
 * raw input, alternate screen, hidden cursor. Returns 0 or -errno
 * (reported); top_screen_close() restores everything, on any path.
 */
int top_screen_open(FILE *out, struct top_screen **sc);
void top_screen_close(struct top_screen *sc);

/* The fd keys arrive on, or -1 when stdin is not a terminal. */
int top_screen_key_fd(const struct top_screen *sc);

/* Learn the terminal's size again (after SIGWINCH). */
void top_screen_resize(struct top_screen *sc);

/* Draw v over the whole screen, in one write. */
void top_screen_draw(struct top_screen *sc, const struct top_view *v);

/* The sort key as the screen and the help name it. */
const char *prog_sort_name(enum prog_sort key);

#endif /* __BPFCTL_PROG_TOP_H */
