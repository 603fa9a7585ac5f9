// SPDX-License-Identifier: BSD-2-Clause
/*
 * "bpfctl prog run": one test run of a program (BPF_PROG_TEST_RUN) on
 * packet data and/or a context read from files or stdin, with the output
 * data and context written to files or shown on stdout ("-").
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>

#include "cmd.h"
#include "json_writer.h"
#include "number.h"
#include "object.h"
#include "output.h"
#include "prog_show.h"
#include "report.h"

#define RUN_OUT_DEFAULT	(32 * 1024)	/* room for output data or context */
#define READ_CHUNK	4096
#define HEX_ROW		16

enum run_arg {
	ARG_DATA_IN, ARG_DATA_OUT, ARG_DATA_SIZE_OUT,
	ARG_CTX_IN, ARG_CTX_OUT, ARG_CTX_SIZE_OUT, ARG_REPEAT,
};

static const struct keyword run_args[] = {
	[ARG_DATA_IN] = { "data_in" },
	[ARG_DATA_OUT] = { "data_out" },
	[ARG_DATA_SIZE_OUT] = { "data_size_out" },
	[ARG_CTX_IN] = { "ctx_in" },
	[ARG_CTX_OUT] = { "ctx_out" },
	[ARG_CTX_SIZE_OUT] = { "ctx_size_out" },
	[ARG_REPEAT] = { "repeat" },
};

/* One direction of one buffer: where it comes from or goes to. */
struct run_buf {
	const char *in, *out;	/* FILE, "-" or NULL */
	__u32 size_out;		/* 0: the default when there is input */
	void *data_in, *data_out;
	__u32 len_in;
};

struct run_args {
	struct run_buf data, ctx;
	__u32 repeat;
};

/* Read all of path ("-": stdin) into *data. */
static int read_input(const char *path, void **data, __u32 *len)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	size_t n = 0, cap = 0, got;
	char *buf = NULL, *p;
	int err = 0;

	if (!f) {
		p_err("can't open '%s': %s", path, strerror(errno));
		return -errno;
	}
	do {
		if (cap - n < READ_CHUNK) {
			cap = cap ? cap * 2 : READ_CHUNK;
			p = cap > UINT32_MAX ? NULL : realloc(buf, cap);
			if (!p) {
				err = cap > UINT32_MAX ? -E2BIG : -ENOMEM;
				p_err("can't read '%s': %s", path, strerror(-err));
				goto out;
			}
			buf = p;
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
	} while (got);
	if (ferror(f)) {
		err = -EIO;
		p_err("can't read '%s': %s", path, strerror(EIO));
		goto out;
	}
	*data = buf;
	*len = (__u32)n;
	buf = NULL;
out:
	free(buf);
	if (f != stdin)
		fclose(f);
	return err;
}

static int set_path(const char **slot, int argc, char **argv, const char *kw)
{
	*slot = keyword_value(argc, argv, kw, "a FILE (or - for standard input/output)");
	return *slot ? 0 : -EINVAL;
}

static int set_u32(__u32 *slot, int argc, char **argv, const char *kw, const char *what)
{
	const char *v = keyword_value(argc, argv, kw, what);

	return v ? parse_u32(v, what, slot) : -EINVAL;
}

static int parse_run_arg(int argc, char **argv, struct run_args *a)
{
	int k = KEYWORD_MATCH(argv[0], run_args, "prog run argument");
	const char *kw = k >= 0 ? run_args[k].name : NULL;

	switch (k) {
	case ARG_DATA_IN:
		return set_path(&a->data.in, argc, argv, kw);
	case ARG_DATA_OUT:
		return set_path(&a->data.out, argc, argv, kw);
	case ARG_DATA_SIZE_OUT:
		return set_u32(&a->data.size_out, argc, argv, kw, "an output data size");
	case ARG_CTX_IN:
		return set_path(&a->ctx.in, argc, argv, kw);
	case ARG_CTX_OUT:
		return set_path(&a->ctx.out, argc, argv, kw);
	case ARG_CTX_SIZE_OUT:
		return set_u32(&a->ctx.size_out, argc, argv, kw, "an output context size");
	case ARG_REPEAT:
		return set_u32(&a->repeat, argc, argv, kw, "a repeat count");
	default:
		return k;
	}
}

static int parse_run_args(int argc, char **argv, struct run_args *a)
{
	int err;

	for (; argc; argc -= 2, argv += 2) {
		err = parse_run_arg(argc, argv, a);
		if (err)
			return err;
	}
	if (!a->data.in && !a->ctx.in) {
		p_err("missing input: 'prog run' needs data_in FILE and/or ctx_in FILE");
		return -EINVAL;
	}
	if (a->data.in && a->ctx.in && !strcmp(a->data.in, "-") && !strcmp(a->ctx.in, "-")) {
		p_err("data_in and ctx_in can't both be read from standard input");
		return -EINVAL;
	}
	if (a->repeat > INT32_MAX) {
		p_err("repeat count %u is too large (at most %d)", a->repeat, INT32_MAX);
		return -ERANGE;
	}
	return 0;
}

static int buf_prepare(struct run_buf *b)
{
	int err;

	if (!b->in)
		return 0;
	err = read_input(b->in, &b->data_in, &b->len_in);
	if (err)
		return err;
	if (!b->size_out)
		b->size_out = RUN_OUT_DEFAULT;
	b->data_out = calloc(1, b->size_out);
	if (!b->data_out) {
		p_err("can't allocate %u bytes of output: %s", b->size_out, strerror(ENOMEM));
		return -ENOMEM;
	}
	return 0;
}

static void buf_free(struct run_buf *b)
{
	free(b->data_in);
	free(b->data_out);
}

/* An offset, 16 bytes in hex pairs, and their printable characters. */
static void hex_rows(FILE *f, const __u8 *p, __u32 len)
{
	__u32 i, j;

	for (i = 0; i < len; i += HEX_ROW) {
		fprintf(f, "%07x\t", i);
		for (j = i; j < i + HEX_ROW; j++) {
			if (j < len)
				fprintf(f, "%02x%s", p[j], j % 2 ? " " : "");
			else
				fprintf(f, "  %s", j % 2 ? " " : "");
		}
		fputs("| ", f);
		for (j = i; j < i + HEX_ROW && j < len; j++)
			fprintf(f, "%c%s", p[j] >= ' ' && p[j] <= '~' ? p[j] : '.',
				j == i + 7 ? " " : "");
		fputc('\n', f);
	}
}

static int write_output(const char *path, const void *p, __u32 len)
{
	FILE *f = fopen(path, "wb");
	int err = 0;

	if (!f) {
		p_err("can't open '%s': %s", path, strerror(errno));
		return -errno;
	}
	if (fwrite(p, 1, len, f) != len)
		err = -errno;
	if (fclose(f) && !err)
		err = -errno;
	if (err)
		p_err("can't write '%s': %s", path, strerror(-err));
	return err;
}

/* Output data or context, where out names (nothing if NULL). */
static int show_output(const char *out, const void *p, __u32 len, const char *json_name)
{
	struct json_writer *w = out_json();
	__u32 i;

	if (!out)
		return 0;
	if (strcmp(out, "-"))
		return write_output(out, p, len);
	if (!w) {
		hex_rows(out_stream(), p, len);
		return 0;
	}
	jsonw_name(w, json_name);
	jsonw_start_array(w);
	for (i = 0; i < len; i++)
		jsonw_uint(w, ((const __u8 *)p)[i]);
	jsonw_end_array(w);
	return 0;
}

static int run_prog(int fd, struct run_args *a)
{
	LIBBPF_OPTS(bpf_test_run_opts, opts,
		.data_in = a->data.data_in, .data_size_in = a->data.len_in,
		.data_out = a->data.data_out, .data_size_out = a->data.size_out,
		.ctx_in = a->ctx.data_in, .ctx_size_in = a->ctx.len_in,
		.ctx_out = a->ctx.data_out, .ctx_size_out = a->ctx.size_out,
		.repeat = (int)a->repeat);
	struct json_writer *w = out_json();
	int err;

	err = bpf_prog_test_run_opts(fd, &opts);
	if (err) {
		p_err("can't run program id %u: %s", obj_fd_id(OBJ_PROG, fd), strerror(-err));
		return err;
	}
	if (w)
		jsonw_start_object(w);
	/* the run happened: report it even when an output can't be written */
	if (a->data.data_out && opts.data_size_out)
		err = show_output(a->data.out, a->data.data_out, opts.data_size_out, "data_out");
	if (a->ctx.data_out && opts.ctx_size_out)
		err = show_output(a->ctx.out, a->ctx.data_out, opts.ctx_size_out, "ctx_out") ?: err;
	if (w) {
		jsonw_uint_field(w, "retval", opts.retval);
		jsonw_uint_field(w, "duration", opts.duration);
		jsonw_end_object(w);
	} else {
		fprintf(out_stream(), "Return value: %u, duration%s: %uns\n", opts.retval,
			a->repeat > 1 ? " (average)" : "", opts.duration);
	}
	return err;
}

int do_prog_run(int argc, char **argv)
{
	struct run_args a = { .repeat = 1 };
	int fd, err;

	fd = obj_select_one(OBJ_PROG, &argc, &argv);
	if (fd < 0)
		return fd;
	err = parse_run_args(argc, argv, &a);
	if (!err)
		err = buf_prepare(&a.data) ?: buf_prepare(&a.ctx);
	if (!err)
		err = run_prog(fd, &a);
	buf_free(&a.data);
	buf_free(&a.ctx);
	close(fd);
	return err;
}
