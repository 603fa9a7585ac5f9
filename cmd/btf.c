// SPDX-License-Identifier: BSD-2-Clause
/*
 * "bpfctl btf": show the BTF objects loaded in the kernel, and dump BTF from
 * a file or from the kernel (by id, or the BTF of a program or a map), in
 * raw format (text or JSON) or as C.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/btf.h>

#include "btf_show.h"
#include "c_header.h"
#include "cmd.h"
#include "help.h"
#include "json_writer.h"
#include "number.h"
#include "object.h"
#include "output.h"
#include "raw_dump.h"
#include "report.h"

#define SYSFS_BTF_DIR		"/sys/kernel/btf/"
#define SYSFS_VMLINUX		SYSFS_BTF_DIR "vmlinux"
#define SOURCE_DESC_MAX		(PATH_MAX + 32)

struct dump_args {
	const char *file;	/* "file FILE", or NULL for "id ID" */
	const char **files;	/* every "file FILE", in order (file is the first) */
	int file_cnt;
	__u32 id;
	bool format_c;
	bool unsorted;
	__u32 *roots;		/* root_id values, in order */
	int root_cnt;
	bool map_types;		/* roots are a map's key and/or value type */
	char desc[SOURCE_DESC_MAX];	/* "'FILE'" or "id ID", for messages */
};

enum dump_source { SRC_ID, SRC_FILE, SRC_PROG, SRC_MAP };

static const struct keyword dump_sources[] = {
	[SRC_ID] = { "id" },
	[SRC_FILE] = { "file" },
	[SRC_PROG] = { "prog" },
	[SRC_MAP] = { "map" },
};

/* Which types of a map's BTF "btf dump map MAP [...]" dumps. */
enum map_part { PART_KEY, PART_VALUE, PART_KV, PART_ALL };

static const struct keyword map_parts[] = {
	[PART_KEY] = { "key" },
	[PART_VALUE] = { "value" },
	[PART_KV] = { "kv" },
	[PART_ALL] = { "all" },
};

enum dump_option { OPT_FORMAT, OPT_ROOT_ID, OPT_UNSORTED };

static const struct keyword dump_options[] = {
	[OPT_FORMAT] = { "format" },
	[OPT_ROOT_ID] = { "root_id" },
	[OPT_UNSORTED] = { "unsorted" },
};

enum dump_format { FMT_RAW, FMT_C };

static const struct keyword formats[] = {
	[FMT_RAW] = { "raw" },
	[FMT_C] = { "c" },
};

static int do_help(int argc, char **argv)
{
	int err = help_begin(argc, argv, "btf help");

	if (err <= 0)
		return err;
	fprintf(out_stream(),
		"Usage: %1$s btf { show | list } [id BTF_ID]\n"
		"       %1$s btf dump BTF_SRC [format FORMAT] [root_id TYPE_ID]...\n"
		"       %1$s btf help\n"
		"\n"
		"       BTF_SRC := { id BTF_ID | prog PROG |\n"
		"                    map MAP [{ key | value | kv | all }] |\n"
		"                    file FILE [file FILE]... }\n"
		"       FORMAT  := { raw | c [unsorted] }\n"
		"       %4$s\n"
		"       %5$s\n"
		"       OPTIONS := { {-j|--json} [{-p|--pretty}] | {-d|--debug} |\n"
		"                    {-B|--base-btf} FILE | {-o|--output} FILE }\n"
		"\n"
		"FILE is an ELF object with a .BTF section or raw BTF. Module BTF (a FILE\n"
		"under %2$s other than vmlinux, or a module's BTF_ID) is read on\n"
		"top of %3$s unless -B gives another base. Several files are merged\n"
		"into one split BTF on that base and deduplicated (module BTFs into one\n"
		"header); %3$s among them is skipped, being the base.\n"
		"'prog' dumps the BTF the program was loaded with. 'map' dumps the types of\n"
		"the map's key and value ('kv', the default), one of them, or 'all' of the\n"
		"map's BTF; root_id can't be combined with key, value or kv.\n",
		BIN_NAME, SYSFS_BTF_DIR, SYSFS_VMLINUX, obj_selector_usage(OBJ_PROG),
		obj_selector_usage(OBJ_MAP));
	return 0;
}

/* The BTF of the program behind fd: its id in a->id, a->desc names the program. */
static int prog_btf(int fd, struct dump_args *a)
{
	struct bpf_prog_info info;
	__u32 len = sizeof(info);
	int err;

	memset(&info, 0, sizeof(info));
	err = bpf_prog_get_info_by_fd(fd, &info, &len);
	if (err) {
		p_err("can't get info of the program to dump the BTF of: %s", strerror(-err));
		return err;
	}
	if (!info.btf_id) {
		p_err("program id %u has no BTF", info.id);
		return -ENOENT;
	}
	a->id = info.btf_id;
	snprintf(a->desc, sizeof(a->desc), "id %u (of program id %u)", info.btf_id, info.id);
	return 0;
}

/* word abbreviates a map part (no dump option starts like one) */
static bool is_map_part(const char *word)
{
	size_t i, len = strlen(word);

	for (i = 0; len && i < ARRAY_SIZE(map_parts); i++)
		if (!strncmp(word, map_parts[i].name, len))
			return true;
	return false;
}

/* The map part named at the head of argv, if any: 1 if one was, 0 if not, or -errno. */
static int parse_map_part(int argc, char **argv, enum map_part *part)
{
	int k;

	*part = PART_KV;
	if (!argc || !is_map_part(argv[0]))
		return 0;
	k = KEYWORD_MATCH(argv[0], map_parts, "map BTF part");
	if (k < 0)
		return k;
	*part = k;
	return 1;
}

/* The key and value type ids of part of the map in info, as roots. */
static int map_roots(const struct bpf_map_info *info, enum map_part part, struct dump_args *a)
{
	if (part == PART_ALL)
		return 0;
	if ((part == PART_KEY || part == PART_KV) && !info->btf_key_type_id)
		p_warn("map id %u has no BTF type for its key", info->id);
	else if (part == PART_KEY || part == PART_KV)
		a->roots[a->root_cnt++] = info->btf_key_type_id;
	if ((part == PART_VALUE || part == PART_KV) && !info->btf_value_type_id)
		p_warn("map id %u has no BTF type for its value", info->id);
	else if (part == PART_VALUE || part == PART_KV)
		a->roots[a->root_cnt++] = info->btf_value_type_id;
	a->map_types = true;
	if (!a->root_cnt) {
		p_err("map id %u has no BTF type for its %s", info->id, map_parts[part].name);
		return -ENOENT;
	}
	return 0;
}

/* The BTF of the map behind fd, and the roots part asks for. */
static int map_btf(int fd, enum map_part part, struct dump_args *a)
{
	struct bpf_map_info info;
	__u32 len = sizeof(info);
	int err;

	memset(&info, 0, sizeof(info));
	err = bpf_map_get_info_by_fd(fd, &info, &len);
	if (err) {
		p_err("can't get info of the map to dump the BTF of: %s", strerror(-err));
		return err;
	}
	if (!info.btf_id) {
		p_err("map id %u ('%s') has no BTF", info.id, info.name);
		return -ENOENT;
	}
	a->id = info.btf_id;
	snprintf(a->desc, sizeof(a->desc), "id %u (of map id %u)", info.btf_id, info.id);
	return map_roots(&info, part, a);
}

/* "prog PROG" or "map MAP [PART]"; returns the number of words used, or -errno. */
static int parse_object_source(int argc, char **argv, enum dump_source src,
			       struct dump_args *a)
{
	int left = argc - 1, fd, n, err;
	char **rest = argv + 1;
	enum map_part part;

	fd = obj_select_one(src == SRC_PROG ? OBJ_PROG : OBJ_MAP, &left, &rest);
	if (fd < 0)
		return fd;
	n = 0;
	if (src == SRC_PROG) {
		err = prog_btf(fd, a);
	} else {
		n = parse_map_part(left, rest, &part);
		err = n < 0 ? n : map_btf(fd, part, a);
	}
	close(fd);
	return err ? err : argc - left + n;
}

/*
 * "id ID", "file FILE", "prog PROG" or "map MAP [PART]"; returns the number
 * of words used, or -errno.
 */
static int parse_dump_source(int argc, char **argv, struct dump_args *a)
{
	const char *val;
	int k;

	if (!argc) {
		p_err("missing BTF source after 'btf dump': "
		      "id BTF_ID, prog PROG, map MAP or file FILE");
		return -EINVAL;
	}
	k = KEYWORD_MATCH(argv[0], dump_sources, "BTF source");
	if (k < 0)
		return k;
	if (k == SRC_PROG || k == SRC_MAP)
		return parse_object_source(argc, argv, k, a);
	val = keyword_value(argc, argv, dump_sources[k].name, k == SRC_FILE ? "FILE" : "BTF_ID");
	if (!val)
		return -EINVAL;
	if (k == SRC_FILE) {
		a->file = val;
		a->files[a->file_cnt++] = val;
		snprintf(a->desc, sizeof(a->desc), "'%s'", val);
		return 2;
	}
	if (parse_u32(val, "BTF id", &a->id))
		return -EINVAL;
	snprintf(a->desc, sizeof(a->desc), "id %u", a->id);
	return 2;
}

static int parse_format(int argc, char **argv, struct dump_args *a)
{
	const char *val = keyword_value(argc, argv, "format", "FORMAT (raw or c)");
	int k;

	if (!val)
		return -EINVAL;
	k = KEYWORD_MATCH(val, formats, "format");
	if (k < 0)
		return k;
	a->format_c = k == FMT_C;
	return 2;
}

static int parse_root_id(int argc, char **argv, struct dump_args *a)
{
	const char *val = keyword_value(argc, argv, "root_id", "TYPE_ID");
	__u32 id;
	int i;

	if (!val || parse_u32(val, "BTF type id", &id))
		return -EINVAL;
	if (a->map_types) {
		p_err("root_id can't be combined with a map's key, value or kv: use 'all'");
		return -EINVAL;
	}
	for (i = 0; i < a->root_cnt; i++) {
		if (a->roots[i] == id) {
			p_err("duplicate root_id %u", id);
			return -EINVAL;
		}
	}
	a->roots[a->root_cnt++] = id;
	return 2;
}

/*
 * A further "file FILE" (bpftool v7.8): "fi", "fil", "file" (a lone "f" stays
 * "format", as it was before several files).
 */
static bool is_more_file(const char *word)
{
	size_t len = strlen(word);

	return len >= 2 && !strncmp(word, "file", len);
}

static int parse_more_file(int argc, char **argv, struct dump_args *a)
{
	const char *val = keyword_value(argc, argv, "file", "FILE");

	if (!val)
		return -EINVAL;
	if (!a->file) {
		p_err("'file FILE' can follow only another 'file FILE' source");
		return -EINVAL;
	}
	a->files[a->file_cnt++] = val;
	snprintf(a->desc, sizeof(a->desc), "merged from %d files", a->file_cnt);
	return 2;
}

static int parse_dump_option(int argc, char **argv, struct dump_args *a)
{
	int k;

	if (is_more_file(argv[0]))
		return parse_more_file(argc, argv, a);
	k = KEYWORD_MATCH(argv[0], dump_options, "btf dump option");

	switch (k) {
	case OPT_FORMAT:
		return parse_format(argc, argv, a);
	case OPT_ROOT_ID:
		return parse_root_id(argc, argv, a);
	case OPT_UNSORTED:
		a->unsorted = true;
		return 1;
	default:
		return k;
	}
}

static int parse_dump_args(int argc, char **argv, struct dump_args *a)
{
	int n = parse_dump_source(argc, argv, a);

	while (n > 0) {
		argc -= n;
		argv += n;
		if (!argc)
			break;
		n = parse_dump_option(argc, argv, a);
	}
	if (n < 0)
		return n;
	if (a->unsorted && !a->format_c) {
		p_err("'unsorted' applies only to 'format c'");
		return -EINVAL;
	}
	if (a->format_c && out_json()) {
		p_err("JSON output for C-syntax dump is not supported");
		return -EOPNOTSUPP;
	}
	return 0;
}

/* What a BTF object is, which decides the base it is read on. */
enum btf_origin {
	BTF_OTHER,	/* from a program, a file: base only with -B */
	BTF_VMLINUX,	/* the kernel's own: never has a base */
	BTF_MODULE,	/* a module's: split on vmlinux unless -B says otherwise */
};

static enum btf_origin file_origin(const char *path)
{
	char *real = realpath(path, NULL);
	const char *p = real ? real : path;
	size_t dir_len = strlen(SYSFS_BTF_DIR);
	enum btf_origin origin = BTF_OTHER;

	if (!strcmp(p, SYSFS_VMLINUX))
		origin = BTF_VMLINUX;
	else if (!strncmp(p, SYSFS_BTF_DIR, dir_len) && p[dir_len])
		origin = BTF_MODULE;
	free(real);
	return origin;
}

/*
 * The base to read BTF of the given origin on: -B, or for module BTF the
 * kernel's (loaded into *own, which the caller frees), or none.
 */
static int pick_base(enum btf_origin origin, const char *desc, struct btf **own,
		     struct btf **base)
{
	int err;

	*base = origin == BTF_VMLINUX ? NULL : cli.base_btf;
	if (origin == BTF_VMLINUX && cli.base_btf)
		p_warn("ignoring the base BTF of -B for %s: the kernel's BTF has no base", desc);
	if (origin != BTF_MODULE || cli.base_btf)
		return 0;
	p_debug("reading %s on top of %s", desc, SYSFS_VMLINUX);
	lib_flush();
	*own = btf__load_vmlinux_btf();
	if (!*own) {
		err = -errno;
		p_err("failed to load %s, the base BTF of %s: %s", SYSFS_VMLINUX, desc,
		      lib_reason(err));
		return err;
	}
	*base = *own;
	return 0;
}

static int load_file_btf(const struct dump_args *a, struct btf **btf, struct btf **own_base);

/*
 * The files to merge, vmlinux left out (it is the base): *kept of them in
 * files, *module set when one is a module's BTF from sysfs.
 */
static void merge_list(const struct dump_args *a, const char **files, int *kept, bool *module)
{
	enum btf_origin origin;
	int i;

	*kept = 0;
	*module = false;
	for (i = 0; i < a->file_cnt; i++) {
		origin = file_origin(a->files[i]);
		if (origin == BTF_VMLINUX) {
			p_info("skipping %s: it is the base of the others", a->files[i]);
			continue;
		}
		*module |= origin == BTF_MODULE;
		files[(*kept)++] = a->files[i];
	}
}

/* Add the types of the split BTF in path (on base) to merged. */
static int merge_one(struct btf *merged, struct btf *base, const char *path)
{
	struct btf *btf;
	int err;

	lib_flush();
	btf = btf__parse_split(path, base);
	if (!btf) {
		err = -errno;
		p_err("failed to load BTF from '%s': %s", path, lib_reason(err));
		return err;
	}
	err = btf__add_btf(merged, btf);
	btf__free(btf);
	if (err < 0) {
		p_err("failed to merge the BTF of '%s': %s", path, lib_reason(err));
		return err;
	}
	return 0;
}

/*
 * The base of a merge: -B, or the kernel's when a file is a module's BTF
 * from sysfs (loaded into *own).
 */
static int merge_base(bool module, struct btf **own, struct btf **base)
{
	int err;

	*base = cli.base_btf;
	if (*base)
		return 0;
	if (!module) {
		p_err("merging several BTF files needs their base: give it with -B, or use "
		      "module BTF paths under %s", SYSFS_BTF_DIR);
		return -EINVAL;
	}
	lib_flush();
	*own = btf__load_vmlinux_btf();
	if (!*own) {
		err = -errno;
		p_err("failed to load %s, the base BTF of the merged files: %s", SYSFS_VMLINUX,
		      lib_reason(err));
		return err;
	}
	*base = *own;
	return 0;
}

/*
 * "file F1 file F2 ...": each file's types added to one split BTF on the
 * common base, then deduplicated, so that types the files share (and
 * copies of base types) appear once. Down to one file (vmlinux left out),
 * it is read as a single file is.
 */
static int load_merged_btf(const struct dump_args *a, struct btf **btf, struct btf **own_base)
{
	struct dump_args one = *a;
	struct btf *base, *merged;
	bool module;
	int i, kept, err;

	/* compacts a->files in place: it is read once more, by nothing */
	merge_list(a, one.files, &kept, &module);
	if (kept <= 1) {
		one.file = kept ? one.files[0] : SYSFS_VMLINUX;
		one.file_cnt = 1;
		snprintf(one.desc, sizeof(one.desc), "'%s'", one.file);
		return load_file_btf(&one, btf, own_base);
	}
	err = merge_base(module, own_base, &base);
	if (err)
		return err;
	merged = btf__new_empty_split(base);
	if (!merged) {
		err = -errno;
		p_err("can't make the merged BTF: %s", strerror(-err));
		return err;
	}
	for (i = 0; i < kept && !err; i++)
		err = merge_one(merged, base, one.files[i]);
	if (!err) {
		lib_flush();
		err = btf__dedup(merged, NULL);
		if (err)
			p_err("failed to deduplicate the merged BTF of %d files: %s", kept,
			      lib_reason(err));
	}
	if (err) {
		btf__free(merged);
		return err;
	}
	*btf = merged;
	return 0;
}

static int load_file_btf(const struct dump_args *a, struct btf **btf, struct btf **own_base)
{
	struct btf *base;
	int err;

	if (a->file_cnt > 1)
		return load_merged_btf(a, btf, own_base);
	err = pick_base(file_origin(a->file), a->desc, own_base, &base);
	if (err)
		return err;
	lib_flush();
	*btf = btf__parse_split(a->file, base);
	if (*btf)
		return 0;
	err = -errno;
	p_err("failed to load BTF from %s: %s", a->desc, lib_reason(err));
	return err;
}

static enum btf_origin kernel_origin(const struct btf_obj_info *info)
{
	if (!info->kernel)
		return BTF_OTHER;
	return strcmp(info->name, "vmlinux") ? BTF_MODULE : BTF_VMLINUX;
}

static int load_kernel_btf(const struct dump_args *a, struct btf **btf, struct btf **own_base)
{
	struct btf_obj_info info;
	struct btf *base;
	int err;

	err = btf_obj_info_by_id(a->id, &info);
	if (!err)
		err = pick_base(kernel_origin(&info), a->desc, own_base, &base);
	if (err)
		return err;
	lib_flush();
	*btf = btf__load_from_kernel_by_id_split(a->id, base);
	if (*btf)
		return 0;
	err = -errno;
	p_err("failed to load BTF %s from the kernel: %s", a->desc, lib_reason(err));
	return err;
}

static int check_roots(const struct dump_args *a, const struct btf *btf)
{
	__u32 cnt = btf__type_cnt(btf);
	int i;

	for (i = 0; i < a->root_cnt; i++) {
		if (a->roots[i] >= cnt) {
			p_err("root_id %u is out of range: BTF %s has type ids 0 to %u",
			      a->roots[i], a->desc, cnt - 1);
			return -EINVAL;
		}
	}
	return 0;
}

static int write_dump(const struct dump_args *a, const struct btf *btf)
{
	int err;

	lib_flush();
	if (a->format_c)
		err = btf_c_header_write(btf, out_stream(), a->roots, a->root_cnt, !a->unsorted);
	else
		err = btf_raw_dump(btf, out_stream(), out_json(), a->roots, a->root_cnt);
	if (err && out_write_failed())
		p_err("failed to dump BTF %s: can't write to %s", a->desc, out_name());
	else if (err)
		p_err("failed to dump BTF %s %s: %s", a->desc,
		      a->format_c ? "as C" : "in raw format", lib_reason(err));
	return err;
}

static int do_dump(int argc, char **argv)
{
	struct dump_args a = { .file = NULL };
	struct btf *btf = NULL, *base = NULL;
	int err;

	/* at most one root_id per two words */
	a.roots = calloc(argc / 2 + 1, sizeof(*a.roots));
	a.files = calloc(argc / 2 + 1, sizeof(*a.files));
	if (!a.roots || !a.files) {
		p_err("can't parse 'btf dump' arguments: %s", strerror(ENOMEM));
		return -ENOMEM;
	}
	err = parse_dump_args(argc, argv, &a);
	if (err)
		goto out;
	if (a.file)
		err = load_file_btf(&a, &btf, &base);
	else
		err = load_kernel_btf(&a, &btf, &base);
	if (!err)
		err = check_roots(&a, btf);
	if (!err)
		err = write_dump(&a, btf);
out:
	btf__free(btf);
	btf__free(base);
	free(a.roots);
	free(a.files);
	return err;
}

static const struct cmd btf_cmds[] = {
	{ { "show" }, do_btf_show },
	{ { "list" }, do_btf_show },
	{ { "dump" }, do_dump },
	{ { "help" }, do_help },
};

DEFINE_OBJECT(btf, btf_cmds, do_btf_show)
