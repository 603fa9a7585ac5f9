// SPDX-License-Identifier: BSD-2-Clause
/*
 * "bpfctl cgroup": programs attached to cgroups (v2), shown per cgroup or
 * for a whole tree, and attached or detached the legacy way
 * (BPF_PROG_ATTACH), with bpftool's output.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <mntent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <dirent.h>

#include <bpf/bpf.h>

#include "attach_type.h"
#include "cmd.h"
#include "help.h"
#include "json_writer.h"
#include "object.h"
#include "output.h"
#include "prog_info.h"
#include "report.h"

#define ATTACH_TYPE_LIMIT	128	/* past the last attach type of any kernel */
#define CGROUP_PROGS_MAX	1024	/* programs per cgroup and attach type */
#define CGROUP_MAX_DEPTH	64	/* cgroup nesting walked by "tree" */

struct show {
	__u32 query_flags;	/* BPF_F_QUERY_EFFECTIVE or 0 */
	int level;		/* depth in "tree", indents the text */
};

static const char *flags_str(__u32 flags, char *buf, size_t size)
{
	switch (flags) {
	case 0:
		return "";
	case BPF_F_ALLOW_MULTI:
		return "multi";
	case BPF_F_ALLOW_OVERRIDE:
		return "override";
	default:
		snprintf(buf, size, "unknown(%x)", flags);
		return buf;
	}
}

static void show_prog(__u32 id, enum bpf_attach_type type, const char *flags, int level)
{
	struct bpf_prog_info info = {};
	__u32 len = sizeof(info);
	struct json_writer *jw = out_json();
	const char *tname = attach_type_name(type);
	char name[128];
	int fd;

	fd = bpf_prog_get_fd_by_id(id);
	if (fd < 0)
		return;		/* detached meanwhile */
	if (bpf_prog_get_info_by_fd(fd, &info, &len)) {
		close(fd);
		return;
	}
	prog_full_name(fd, &info, name, sizeof(name));
	if (jw) {
		jsonw_start_object(jw);
		jsonw_uint_field(jw, "id", info.id);
		if (tname)
			jsonw_string_field(jw, "attach_type", tname);
		else
			jsonw_uint_field(jw, "attach_type", type);
		jsonw_string_field(jw, "attach_flags", flags);
		jsonw_string_field(jw, "name", name);
		jsonw_uint_field(jw, "attach_btf_obj_id", info.attach_btf_obj_id);
		jsonw_uint_field(jw, "attach_btf_id", info.attach_btf_id);
		jsonw_end_object(jw);
	} else {
		fprintf(out_stream(), "%s%-8u ", level ? "    " : "", info.id);
		if (tname)
			fprintf(out_stream(), "%-15s", tname);
		else
			fprintf(out_stream(), "type %-10u", type);
		fprintf(out_stream(), " %-15s %-15s\n", flags, name);
	}
	close(fd);
}

/* Programs of one attach type: their number, or -errno (EINVAL: not a cgroup type). */
static int show_type(int cg_fd, enum bpf_attach_type type, const struct show *s, bool print)
{
	__u32 ids[CGROUP_PROGS_MAX], cnt = CGROUP_PROGS_MAX, flags = 0, i;
	char buf[32];
	int err;

	err = bpf_prog_query(cg_fd, type, s->query_flags, &flags, print ? ids : NULL, &cnt);
	if (err)
		return err;
	for (i = 0; print && i < cnt && i < CGROUP_PROGS_MAX; i++)
		show_prog(ids[i], type, flags_str(flags, buf, sizeof(buf)), s->level);
	return (int)cnt;
}

/* Programs attached to cg_fd at all: 1, 0, or -errno. */
static int has_progs(int cg_fd, const struct show *s)
{
	int t, n;

	for (t = 0; t < ATTACH_TYPE_LIMIT; t++) {
		n = show_type(cg_fd, t, s, false);
		if (n > 0)
			return 1;
		/* types that aren't cgroup hooks: EINVAL, or ENODEV for device hooks (tcx) */
		if (n < 0 && n != -EINVAL && n != -ENODEV && n != -EBADF)
			return n;
	}
	return 0;
}

static void show_all_types(int cg_fd, const struct show *s)
{
	int t;

	for (t = 0; t < ATTACH_TYPE_LIMIT; t++)
		show_type(cg_fd, t, s, true);
}

static int open_cgroup(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0)
		p_err("can't open cgroup '%s': %s", path, strerror(errno));
	return fd < 0 ? -errno : fd;
}

/* The words after CGROUP: nothing or "effective". */
static int parse_effective(int argc, char **argv, const char *after, __u32 *flags)
{
	static const struct keyword words[] = { { "effective" } };

	*flags = 0;
	if (!argc)
		return 0;
	if (KEYWORD_MATCH(argv[0], words, "option") < 0)
		return -EINVAL;
	*flags = BPF_F_QUERY_EFFECTIVE;
	return expect_no_more_args(argc - 1, argv + 1, after);
}

static void print_header(bool with_path)
{
	if (out_json())
		jsonw_start_array(out_json());
	else
		fprintf(out_stream(), "%s%-8s %-15s %-15s %-15s\n", with_path ? "CgroupPath\n" : "",
			"ID", "AttachType", "AttachFlags", "Name");
}

static int do_show(int argc, char **argv)
{
	struct show s = {};
	int fd, err;

	if (!argc) {
		p_err("missing CGROUP after 'cgroup show'");
		return -EINVAL;
	}
	err = parse_effective(argc - 1, argv + 1, "cgroup show CGROUP", &s.query_flags);
	if (err)
		return err;
	fd = open_cgroup(argv[0]);
	if (fd < 0)
		return fd;
	err = has_progs(fd, &s);
	if (err < 0) {
		p_err("can't query the programs attached to '%s': %s", argv[0], strerror(-err));
	} else if (err > 0) {
		print_header(false);
		show_all_types(fd, &s);
		if (out_json())
			jsonw_end_array(out_json());
	}
	close(fd);
	return err < 0 ? err : 0;
}

static int tree_visit(const char *path, struct show *s);

static int tree_children(const char *path, struct show *s)
{
	char child[PATH_MAX];
	struct dirent *de;
	int err = 0;
	DIR *d;

	if (s->level >= CGROUP_MAX_DEPTH)
		return 0;
	d = opendir(path);
	if (!d)
		return 0;
	s->level++;
	while (!err && (de = readdir(d))) {
		if (de->d_type != DT_DIR || !strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (snprintf(child, sizeof(child), "%s/%s", path, de->d_name) < (int)sizeof(child))
			err = tree_visit(child, s);
	}
	s->level--;
	closedir(d);
	return err;
}

static int tree_visit(const char *path, struct show *s)
{
	struct json_writer *jw = out_json();
	int fd, n;

	fd = open_cgroup(path);
	if (fd < 0)
		return fd;
	n = has_progs(fd, s);
	if (n < 0)
		p_err("can't query the programs attached to '%s': %s", path, strerror(-n));
	if (n > 0 && jw) {
		jsonw_start_object(jw);
		jsonw_string_field(jw, "cgroup", path);
		jsonw_name(jw, "programs");
		jsonw_start_array(jw);
	} else if (n > 0) {
		fprintf(out_stream(), "%s\n", path);
	}
	if (n > 0) {
		show_all_types(fd, s);
		if (jw) {
			jsonw_end_array(jw);
			jsonw_end_object(jw);
		}
	}
	close(fd);
	return n < 0 ? n : tree_children(path, s);
}

/* The cgroup v2 mount point, into buf. */
static int cgroup2_root(char *buf, size_t size)
{
	struct mntent *mnt;
	FILE *f = setmntent("/proc/mounts", "r");
	int err = -ENOENT;

	if (!f) {
		p_err("can't read /proc/mounts: %s", strerror(errno));
		return -errno;
	}
	while ((mnt = getmntent(f))) {
		if (!strcmp(mnt->mnt_type, "cgroup2")) {
			snprintf(buf, size, "%s", mnt->mnt_dir);
			err = 0;
			break;
		}
	}
	endmntent(f);
	if (err)
		p_err("cgroup v2 is not mounted");
	return err;
}

static int do_tree(int argc, char **argv)
{
	char root[PATH_MAX];
	struct show s = {};
	int err;

	if (argc) {
		snprintf(root, sizeof(root), "%s", argv[0]);
		err = parse_effective(argc - 1, argv + 1, "cgroup tree CGROUP_ROOT",
				      &s.query_flags);
	} else {
		err = cgroup2_root(root, sizeof(root));
	}
	if (err)
		return err;
	print_header(true);
	err = tree_visit(root, &s);
	if (out_json())
		jsonw_end_array(out_json());
	return err;
}

/* "CGROUP ATTACH_TYPE PROG": the fds, and the words left after PROG. */
static int parse_target(int *argc, char ***argv, const char *cmd, int *cg_fd, int *prog_fd,
			enum bpf_attach_type *type)
{
	int err;

	if (*argc < 4) {
		p_err("cgroup %s needs CGROUP ATTACH_TYPE PROG; see '%s cgroup help'", cmd,
		      BIN_NAME);
		return -EINVAL;
	}
	err = parse_attach_type((*argv)[1], type);
	if (err)
		return err;
	*cg_fd = open_cgroup((*argv)[0]);
	if (*cg_fd < 0)
		return *cg_fd;
	*argc -= 2;
	*argv += 2;
	*prog_fd = obj_select_one(OBJ_PROG, argc, argv);
	if (*prog_fd < 0) {
		close(*cg_fd);
		return *prog_fd;
	}
	return 0;
}

static int parse_attach_flags(int argc, char **argv, __u32 *flags)
{
	static const struct keyword words[] = { { "multi" }, { "override" } };
	int i, k;

	*flags = 0;
	for (i = 0; i < argc; i++) {
		k = KEYWORD_MATCH(argv[i], words, "attach flag");
		if (k < 0)
			return k;
		*flags |= k ? BPF_F_ALLOW_OVERRIDE : BPF_F_ALLOW_MULTI;
	}
	return 0;
}

/* "cgroup attach ... [ATTACH_FLAGS]" and "cgroup detach ...": one shape. */
static int attach_or_detach(int argc, char **argv, bool attach)
{
	const char *path = argc ? argv[0] : "", *tname = argc > 1 ? argv[1] : "";
	const char *cmd = attach ? "attach" : "detach";
	enum bpf_attach_type type;
	int cg_fd, prog_fd, err;
	__u32 flags = 0;

	err = parse_target(&argc, &argv, cmd, &cg_fd, &prog_fd, &type);
	if (err)
		return err;
	if (attach)
		err = parse_attach_flags(argc, argv, &flags);
	else
		err = expect_no_more_args(argc, argv, "cgroup detach CGROUP ATTACH_TYPE PROG");
	if (!err) {
		err = attach ? bpf_prog_attach(prog_fd, cg_fd, type, flags) :
			       bpf_prog_detach2(prog_fd, cg_fd, type);
		if (err)
			p_err("can't %s the program %s cgroup '%s' as %s: %s", cmd,
			      attach ? "to" : "from", path, tname, strerror(-err));
	}
	if (!err && out_json())
		jsonw_null(out_json());
	close(prog_fd);
	close(cg_fd);
	return err;
}

static int do_attach(int argc, char **argv)
{
	return attach_or_detach(argc, argv, true);
}

static int do_detach(int argc, char **argv)
{
	return attach_or_detach(argc, argv, false);
}

static int do_help(int argc, char **argv)
{
	int err = help_begin(argc, argv, "cgroup help");

	if (err <= 0)
		return err;
	fprintf(out_stream(),
		"Usage: %1$s cgroup { show | list } CGROUP [effective]\n"
		"       %1$s cgroup tree [CGROUP_ROOT] [effective]\n"
		"       %1$s cgroup attach CGROUP ATTACH_TYPE PROG [ATTACH_FLAGS]\n"
		"       %1$s cgroup detach CGROUP ATTACH_TYPE PROG\n"
		"       %1$s cgroup help\n"
		"\n"
		"       ATTACH_TYPE  := { cgroup_inet_ingress | cgroup_inet_egress |\n"
		"                         cgroup_inet_sock_create | cgroup_sock_ops |\n"
		"                         cgroup_device | cgroup_inet4_bind | cgroup_inet6_bind |\n"
		"                         cgroup_inet4_post_bind | cgroup_inet6_post_bind |\n"
		"                         cgroup_inet4_connect | cgroup_inet6_connect |\n"
		"                         cgroup_inet4_getpeername | cgroup_inet6_getpeername |\n"
		"                         cgroup_inet4_getsockname | cgroup_inet6_getsockname |\n"
		"                         cgroup_udp4_sendmsg | cgroup_udp6_sendmsg |\n"
		"                         cgroup_udp4_recvmsg | cgroup_udp6_recvmsg |\n"
		"                         cgroup_sysctl | cgroup_getsockopt | cgroup_setsockopt |\n"
		"                         cgroup_inet_sock_release }\n"
		"       ATTACH_FLAGS := { multi | override }\n"
		"       %2$s\n"
		"\n"
		"Short forms (ingress, egress, bind4, ...) are accepted as in bpftool.\n",
		BIN_NAME, obj_selector_usage(OBJ_PROG));
	return 0;
}

static const struct cmd cgroup_cmds[] = {
	{ { "show" }, do_show },
	{ { "list" }, do_show },
	{ { "tree" }, do_tree },
	{ { "attach" }, do_attach },
	{ { "detach" }, do_detach },
	{ { "help" }, do_help },
};

DEFINE_OBJECT(cgroup, cgroup_cmds, do_help)
