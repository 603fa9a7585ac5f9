// SPDX-License-Identifier: BSD-2-Clause
/*
 * "prog top" on a terminal: a full-screen table redrawn in place, with
 * termios raw input and ANSI escapes (alternate screen, cursor home, erase
 * to end of line), no curses.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include <bpf/libbpf.h>

#include "prog_top.h"
#include "report.h"

#define ESC_ALT_SCREEN_ON	"\033[?1049h"
#define ESC_ALT_SCREEN_OFF	"\033[?1049l"
#define ESC_CURSOR_HIDE		"\033[?25l"
#define ESC_CURSOR_SHOW		"\033[?25h"
#define ESC_HOME		"\033[H"
#define ESC_ERASE_LINE		"\033[K"
#define ESC_ERASE_BELOW		"\033[J"
#define ESC_REVERSE		"\033[7m"
#define ESC_NORMAL		"\033[m"

#define DEFAULT_ROWS	24
#define DEFAULT_COLS	80
#define LINE_MAX_BYTES	1024

struct top_screen {
	FILE *out;
	int out_fd;
	int key_fd;		/* stdin in raw mode, or -1 */
	struct termios saved;
	unsigned int rows, cols;
};

int top_screen_open(FILE *out, struct top_screen **scp)
{
	struct top_screen *sc = calloc(1, sizeof(*sc));
	struct termios raw;

	if (!sc) {
		p_err("can't set up the terminal: %s", strerror(ENOMEM));
		return -ENOMEM;
	}
	sc->out = out;
	sc->out_fd = fileno(out);
	sc->key_fd = -1;
	if (isatty(STDIN_FILENO) && !tcgetattr(STDIN_FILENO, &sc->saved)) {
		raw = sc->saved;
		/* keys one at a time, unechoed; Ctrl-C is a key too (ISIG off) */
		raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO | ISIG | IEXTEN);
		raw.c_iflag &= ~(tcflag_t)(IXON | ICRNL);
		raw.c_cc[VMIN] = 0;
		raw.c_cc[VTIME] = 0;
		if (tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw)) {
			int err = -errno;

			p_err("can't set the terminal to raw mode: %s", strerror(-err));
			free(sc);
			return err;
		}
		sc->key_fd = STDIN_FILENO;
	}
	top_screen_resize(sc);
	fputs(ESC_ALT_SCREEN_ON ESC_CURSOR_HIDE, out);
	fflush(out);
	*scp = sc;
	return 0;
}

void top_screen_close(struct top_screen *sc)
{
	if (!sc)
		return;
	fputs(ESC_CURSOR_SHOW ESC_ALT_SCREEN_OFF, sc->out);
	fflush(sc->out);
	if (sc->key_fd >= 0)
		tcsetattr(sc->key_fd, TCSAFLUSH, &sc->saved);
	free(sc);
}

int top_screen_key_fd(const struct top_screen *sc)
{
	return sc->key_fd;
}

void top_screen_resize(struct top_screen *sc)
{
	struct winsize ws;

	sc->rows = DEFAULT_ROWS;
	sc->cols = DEFAULT_COLS;
	if (!ioctl(sc->out_fd, TIOCGWINSZ, &ws) && ws.ws_row && ws.ws_col) {
		sc->rows = ws.ws_row;
		sc->cols = ws.ws_col;
	}
}

/* "812ns", "12.4us", "3.07ms", "1.20s": four significant characters or so. */
static void duration_text(double ns, char *buf, size_t size)
{
	if (ns < 1e3)
		snprintf(buf, size, "%.0fns", ns);
	else if (ns < 1e6)
		snprintf(buf, size, "%.1fus", ns / 1e3);
	else if (ns < 1e9)
		snprintf(buf, size, "%.2fms", ns / 1e6);
	else
		snprintf(buf, size, "%.2fs", ns / 1e9);
}

/* One screen line: clipped to the width, erased to its end. */
static void put_line(FILE *f, const struct top_screen *sc, bool last, const char *line)
{
	fprintf(f, "%.*s" ESC_ERASE_LINE, (int)sc->cols, line);
	/* a newline on the last row would scroll the screen */
	if (!last)
		fputs("\r\n", f);
}

static void header_lines(FILE *f, const struct top_screen *sc, const struct top_view *v)
{
	char line[LINE_MAX_BYTES], clock[16];
	time_t now = time(NULL);
	struct tm tm;

	if (!localtime_r(&now, &tm) || !strftime(clock, sizeof(clock), "%H:%M:%S", &tm))
		clock[0] = '\0';
	snprintf(line, sizeof(line),
		 "bpfctl prog top  %s  interval %gs  %u CPUs  %zu programs  sort %s"
		 "  (q quit; sort: c cpu, r runs, a avg, n name)",
		 clock, v->interval, v->cpus, v->cnt, prog_sort_name(v->sort));
	put_line(f, sc, sc->rows < 2, line);
	if (sc->rows < 2)
		return;
	snprintf(line, sizeof(line), "%7s %-14s %-20s %10s %9s %9s %10s %7s %12s  %s", "ID",
		 "TYPE", "NAME", "RUNS", "RUN_TIME", "AVG", "RUNS/S", "CPU%", "TOTAL_RUNS",
		 "ATTACHED");
	fputs(ESC_REVERSE, f);
	fprintf(f, "%-*.*s", (int)sc->cols, (int)sc->cols, line);
	fputs(ESC_NORMAL, f);
	if (sc->rows > 2)
		fputs("\r\n", f);
}

static void prog_line(FILE *f, const struct top_screen *sc, bool last, const struct top_view *v,
		      const struct prog_rate *r)
{
	char line[LINE_MAX_BYTES], type_buf[16], run_time[16], avg[16], where[128];
	const char *type = libbpf_bpf_prog_type_str(r->type);

	if (!type) {
		snprintf(type_buf, sizeof(type_buf), "type %u", r->type);
		type = type_buf;
	}
	duration_text((double)r->run_time_ns, run_time, sizeof(run_time));
	duration_text(r->avg_ns, avg, sizeof(avg));
	prog_links_where(v->links, r->id, where, sizeof(where));
	snprintf(line, sizeof(line), "%7u %-14.14s %-20.20s %10llu %9s %9s %10.1f %7.2f %12llu  %s",
		 r->id, type, r->name, (unsigned long long)r->runs, run_time, avg,
		 r->runs_per_sec, r->cpu_percent, (unsigned long long)r->total_runs, where);
	put_line(f, sc, last, line);
}

void top_screen_draw(struct top_screen *sc, const struct top_view *v)
{
	unsigned int row = 2;
	char *buf = NULL;
	size_t len = 0, i;
	FILE *f;

	/* built whole, then written at once: no flicker of half a screen */
	f = open_memstream(&buf, &len);
	if (!f)
		return;
	fputs(ESC_HOME, f);
	header_lines(f, sc, v);
	if (!v->sampled && row < sc->rows)
		put_line(f, sc, true, "(sampling the first interval)");
	for (i = 0; v->sampled && i < v->cnt && row < sc->rows; i++, row++)
		prog_line(f, sc, row + 1 == sc->rows || i + 1 == v->cnt, v, &v->rates[i]);
	fputs(ESC_ERASE_BELOW, f);
	if (fclose(f) == 0) {
		fwrite(buf, 1, len, sc->out);
		fflush(sc->out);
	}
	free(buf);
}
