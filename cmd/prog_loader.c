// SPDX-License-Identifier: BSD-2-Clause
/*
 * "bpfctl -L prog load OBJ": load the object's BTF, maps and programs
 * through a loader program (the one a light skeleton embeds) instead of
 * directly, to check and debug loader generation, as bpftool's -L does.
 * Nothing is pinned: what the loader made goes away when this command
 * exits. With -d, the loader's instructions (stdout) and the verifier log
 * of the object's programs (stderr).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/libbpf.h>
#include <bpf/skel_internal.h>

#include "cmd.h"
#include "insn_print.h"
#include "json_writer.h"
#include "load_log.h"
#include "output.h"
#include "prog_loader.h"
#include "report.h"

/* Under -d, what bpftool asks for: levels 1 and 2 and the statistics. */
#define LOADER_LOG_LEVEL	(1 | 2 | 4)
#define LOADER_LOG_SIZE		((1u << 24) - 1)

/* Record the loader: a load of obj that makes no bpf() call. */
static int record_loader(struct bpf_object *obj, const char *path, struct gen_loader_opts *gen)
{
	char what[512];
	int err;

	err = bpf_object__gen_loader(obj, gen);
	if (!err)
		err = bpf_object__load(obj);
	if (err) {
		snprintf(what, sizeof(what), "can't generate the loader program of '%s'", path);
		return load_fail(what, err);
	}
	return 0;
}

static void print_loader_insns(const struct gen_loader_opts *gen)
{
	const struct bpf_insn *insns = (const struct bpf_insn *)gen->insns;
	size_t cnt = gen->insns_sz / sizeof(*insns), i = 0;
	char text[INSN_TEXT_MAX];

	while (i < cnt) {
		unsigned int n = insn_print(insns + i, cnt - i, NULL, text, sizeof(text));

		fprintf(out_stream(), "%4zu: %s\n", i, text);
		i += n;
	}
}

/*
 * The loader's context: the header, then one descriptor per map and per
 * program, where the loader leaves the fds it made.
 */
static struct bpf_loader_ctx *loader_ctx_new(struct bpf_object *obj, size_t *nr_maps,
					     size_t *nr_progs)
{
	struct bpf_loader_ctx *ctx;
	struct bpf_program *prog;
	struct bpf_map *map;
	size_t sz;

	*nr_maps = *nr_progs = 0;
	bpf_object__for_each_map(map, obj)
		(*nr_maps)++;
	bpf_object__for_each_program(prog, obj)
		(*nr_progs)++;
	sz = sizeof(*ctx) + *nr_maps * sizeof(struct bpf_map_desc) +
	     *nr_progs * sizeof(struct bpf_prog_desc);
	ctx = calloc(1, sz);
	if (ctx)
		ctx->sz = sz;
	return ctx;
}

/* Close what the loader opened in this process (0 is no fd it made). */
static void loader_ctx_close(struct bpf_loader_ctx *ctx, size_t nr_maps, size_t nr_progs)
{
	struct bpf_map_desc *maps = (struct bpf_map_desc *)(ctx + 1);
	struct bpf_prog_desc *progs = (struct bpf_prog_desc *)(maps + nr_maps);
	size_t i;

	for (i = 0; i < nr_maps; i++)
		if (maps[i].map_fd > 0)
			close(maps[i].map_fd);
	for (i = 0; i < nr_progs; i++)
		if (progs[i].prog_fd > 0)
			close(progs[i].prog_fd);
}

static int run_loader(struct bpf_object *obj, const char *path, const struct gen_loader_opts *gen)
{
	struct bpf_load_and_run_opts opts = {};
	struct bpf_loader_ctx *ctx;
	size_t nr_maps, nr_progs;
	char *log = NULL;
	int err;

	ctx = loader_ctx_new(obj, &nr_maps, &nr_progs);
	if (!ctx)
		return -ENOMEM;
	if (cli.debug) {
		log = calloc(1, LOADER_LOG_SIZE);
		if (!log) {
			free(ctx);
			return -ENOMEM;
		}
		ctx->log_level = LOADER_LOG_LEVEL;
		ctx->log_size = LOADER_LOG_SIZE;
		ctx->log_buf = (long)log;
	}
	opts.ctx = ctx;
	opts.data = gen->data;
	opts.data_sz = gen->data_sz;
	opts.insns = gen->insns;
	opts.insns_sz = gen->insns_sz;
	err = bpf_load_and_run(&opts);
	if (log && log[0])
		fputs(log, stderr);
	if (err)
		p_err("can't load '%s' through its loader program: %s: %s", path,
		      opts.errstr ? opts.errstr : "failed", strerror(-err));
	loader_ctx_close(ctx, nr_maps, nr_progs);
	free(log);
	free(ctx);
	return err;
}

static int load_through_loader(const char *path)
{
	LIBBPF_OPTS(bpf_object_open_opts, open_opts,
		    .relaxed_maps = cli.mapcompat,
		    .kernel_log_level = cli.debug ? LOADER_LOG_LEVEL : 0);
	LIBBPF_OPTS(gen_loader_opts, gen);
	struct bpf_object *obj;
	char what[512];
	int err;

	obj = bpf_object__open_file(path, &open_opts);
	if (!obj) {
		snprintf(what, sizeof(what), "cannot open object '%s'", path);
		return load_fail(what, -errno);
	}
	err = record_loader(obj, path, &gen);
	if (!err && cli.debug && !out_json())
		print_loader_insns(&gen);
	if (!err)
		err = run_loader(obj, path, &gen);
	bpf_object__close(obj);
	return err;
}

int prog_load_loader(int argc, char **argv)
{
	libbpf_print_fn_t old;
	int err;

	if (argc < 1) {
		p_err("'-L prog load' needs OBJ");
		return -EINVAL;
	}
	if (argc > 1)
		p_warn("-L loads through a loader program and pins nothing: ignoring '%s'%s",
		       argv[1], argc > 2 ? " and what follows" : "");
	lib_flush();
	old = libbpf_set_print(load_print);
	err = load_through_loader(argv[0]);
	libbpf_set_print(old);
	load_log_reset();
	if (!err && out_json())
		jsonw_null(out_json());
	return err;
}
