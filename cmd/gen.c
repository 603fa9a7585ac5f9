// SPDX-License-Identifier: BSD-2-Clause
/*
 * "bpfctl gen": C code generated from a BPF object file. "gen skeleton"
 * writes the header a user program includes to open, load and attach the
 * object and reach its maps, programs and globals; "gen subskeleton" the
 * header of a BPF library linked into a larger object.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <bpf/libbpf.h>

#include "cmd.h"
#include "gen_skel.h"
#include "help.h"
#include "json_writer.h"
#include "output.h"
#include "report.h"

struct gen_args {
	const char *file;
	const char *name;	/* "name NAME", or NULL: from the file name */
};

static int do_help(int argc, char **argv)
{
	int err = help_begin(argc, argv, "gen help");

	if (err <= 0)
		return err;
	fprintf(out_stream(),
		"Usage: %1$s gen skeleton FILE [name OBJECT_NAME]\n"
		"       %1$s gen subskeleton FILE [name OBJECT_NAME]\n"
		"       %1$s gen help\n"
		"\n"
		"       OPTIONS := { {-d|--debug} | {-o|--output} FILE }\n"
		"\n"
		"FILE is a BPF ELF object. The header goes to stdout, or with -o to FILE,\n"
		"which is written only when the whole header could be generated.\n"
		"OBJECT_NAME defaults to the file name without '.o', made a C identifier.\n",
		BIN_NAME);
	return 0;
}

static bool is_identifier(const char *s)
{
	char copy[GEN_NAME_MAX];

	if (!*s || (*s >= '0' && *s <= '9') || strlen(s) >= sizeof(copy))
		return false;
	strcpy(copy, s);
	gen_sanitize(copy);
	return !strcmp(copy, s);
}

static int parse_args(int argc, char **argv, const char *cmd, struct gen_args *a)
{
	static const struct keyword options[] = { { "name" } };

	if (!argc) {
		p_err("'gen %s' needs a FILE", cmd);
		return -EINVAL;
	}
	a->file = argv[0];
	argc--, argv++;
	while (argc) {
		if (KEYWORD_MATCH(argv[0], options, "gen option") < 0)
			return -EINVAL;
		if (a->name) {
			p_err("object name given twice");
			return -EINVAL;
		}
		a->name = keyword_value(argc, argv, "name", "an OBJECT_NAME");
		if (!a->name)
			return -EINVAL;
		if (!is_identifier(a->name)) {
			p_err("object name '%s' is not a C identifier (at most %d characters)",
			      a->name, GEN_NAME_MAX - 1);
			return -EINVAL;
		}
		argc -= 2, argv += 2;
	}
	if (out_json()) {
		p_err("JSON output for 'gen %s' is not supported: it writes C", cmd);
		return -EOPNOTSUPP;
	}
	return 0;
}

/* The whole file: it is both parsed and embedded. */
static int read_object(const char *path, void **bytes, size_t *size)
{
	struct stat st;
	FILE *f;
	int err = 0;

	f = fopen(path, "rb");
	if (!f || fstat(fileno(f), &st)) {
		err = -errno;
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		err = S_ISDIR(st.st_mode) ? -EISDIR : -EINVAL;
		goto out;
	}
	*size = st.st_size;
	*bytes = malloc(*size ? *size : 1);
	if (!*bytes) {
		err = -ENOMEM;
		goto out;
	}
	if (fread(*bytes, 1, *size, f) != *size) {
		err = ferror(f) ? -EIO : -ENODATA;
		free(*bytes);
		*bytes = NULL;
	}
out:
	if (f)
		fclose(f);
	if (err)
		p_err("can't read '%s': %s", path, strerror(-err));
	return err;
}

static int open_object(struct gen_object *g, const struct gen_args *a)
{
	LIBBPF_OPTS(bpf_object_open_opts, opts);
	int err;

	if (a->name)
		snprintf(g->name, sizeof(g->name), "%s", a->name);
	else
		gen_name_from_file(g->name, sizeof(g->name), a->file);
	opts.object_name = g->name;
	lib_flush();
	g->obj = bpf_object__open_mem(g->bytes, g->size, &opts);
	if (!g->obj) {
		err = -errno;
		p_err("can't open '%s' as a BPF object: %s", a->file, lib_reason(err));
		return err ? err : -EINVAL;
	}
	return 0;
}

static int generate(int argc, char **argv, const char *cmd, const char *guard_suffix,
		    int (*write)(const struct gen_object *g))
{
	struct gen_object g = { .out = out_stream() };
	struct gen_args a = { NULL };
	void *bytes = NULL;
	int err;

	err = parse_args(argc, argv, cmd, &a);
	if (!err)
		err = read_object(a.file, &bytes, &g.size);
	if (err)
		return err;
	g.file = a.file;
	g.bytes = bytes;
	err = open_object(&g, &a);
	if (err)
		goto out;
	gen_guard(g.guard, sizeof(g.guard), g.name, guard_suffix);
	err = gen_collect(&g);
	if (!err)
		err = write(&g);
	if (!err && out_write_failed()) {
		p_err("can't write the %s of '%s' to %s", cmd, a.file, out_name());
		err = -EIO;
	}
	gen_release(&g);
	bpf_object__close(g.obj);
out:
	free(bytes);
	return err;
}

static int do_skeleton(int argc, char **argv)
{
	return generate(argc, argv, "skeleton", "SKEL_H", gen_skeleton_write);
}

static int do_subskeleton(int argc, char **argv)
{
	return generate(argc, argv, "subskeleton", "SUBSKEL_H", gen_subskeleton_write);
}

static const struct cmd gen_cmds[] = {
	{ { "skeleton" }, do_skeleton },
	{ { "subskeleton" }, do_subskeleton },
	{ { "object", 0, true }, NULL },
	{ { "min_core_btf", 0, true }, NULL },
	{ { "help" }, do_help },
};

DEFINE_OBJECT(gen, gen_cmds, do_help)
