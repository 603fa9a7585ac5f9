// SPDX-License-Identifier: BSD-2-Clause
/*
 * Selecting kernel BPF objects by id, pinned path, tag or name.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>

#include "keyword.h"
#include "number.h"
#include "object.h"
#include "pinned.h"
#include "prog_info.h"
#include "report.h"

struct obj_ops {
	const char *noun;
	const char *usage;
	const char *anon_inode;	/* readlink() of an fd of this kind */
	/*
	 * ... of a link fd from bpf_obj_get() or bpf_link_get_fd_by_id():
	 * the kernel names those "bpf-link", new links "bpf_link"
	 */
	const char *anon_inode_alt;
	int (*next_id)(__u32 start, __u32 *next);
	int (*get_fd)(__u32 id);
	bool by_tag;
	bool by_name;
};

static const struct obj_ops ops[OBJ_KIND_CNT] = {
	[OBJ_PROG] = { "program", "PROG := { id PROG_ID | pinned FILE | tag PROG_TAG | name PROG_NAME }",
		       "anon_inode:bpf-prog", NULL, bpf_prog_get_next_id, bpf_prog_get_fd_by_id,
		       true, true },
	[OBJ_MAP] = { "map", "MAP := { id MAP_ID | pinned FILE | name MAP_NAME }",
		      "anon_inode:bpf-map", NULL, bpf_map_get_next_id, bpf_map_get_fd_by_id,
		      false, true },
	[OBJ_LINK] = { "link", "LINK := { id LINK_ID | pinned FILE }",
		       "anon_inode:bpf_link", "anon_inode:bpf-link", bpf_link_get_next_id,
		       bpf_link_get_fd_by_id, false, false },
	[OBJ_BTF] = { "BTF object", "BTF := { id BTF_ID }",
		      "anon_inode:btf", NULL, bpf_btf_get_next_id, bpf_btf_get_fd_by_id,
		      false, false },
};

enum selector { SEL_ID, SEL_PINNED, SEL_TAG, SEL_NAME };

static const struct keyword selectors[] = {
	[SEL_ID] = { "id" },
	[SEL_PINNED] = { "pinned" },
	[SEL_TAG] = { "tag" },
	[SEL_NAME] = { "name" },
};

const char *obj_noun(enum obj_kind kind)
{
	return ops[kind].noun;
}

const char *obj_selector_usage(enum obj_kind kind)
{
	return ops[kind].usage;
}

bool obj_fd_kind(int fd, enum obj_kind *kind)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	return obj_fd_path_kind(path, kind);
}

bool obj_fd_path_kind(const char *fd_path, enum obj_kind *kind)
{
	char target[64];
	ssize_t n;
	int k;

	n = readlink(fd_path, target, sizeof(target) - 1);
	if (n < 0)
		return false;
	target[n] = '\0';
	for (k = 0; k < OBJ_KIND_CNT; k++) {
		if (!strcmp(target, ops[k].anon_inode) ||
		    (ops[k].anon_inode_alt && !strcmp(target, ops[k].anon_inode_alt))) {
			*kind = k;
			return true;
		}
	}
	return false;
}

/* The id and name of the object behind fd: info of the right type. */
static int obj_info(enum obj_kind kind, int fd, __u32 *id, char *name, __u8 *tag)
{
	union {
		struct bpf_prog_info prog;
		struct bpf_map_info map;
		struct bpf_link_info link;
		struct bpf_btf_info btf;
	} info;
	__u32 len = sizeof(info);
	int err;

	memset(&info, 0, sizeof(info));
	err = bpf_obj_get_info_by_fd(fd, &info, &len);
	if (err)
		return err;
	switch (kind) {
	case OBJ_PROG:
		*id = info.prog.id;
		if (name)
			memcpy(name, info.prog.name, BPF_OBJ_NAME_LEN);
		if (tag)
			memcpy(tag, info.prog.tag, BPF_TAG_SIZE);
		break;
	case OBJ_MAP:
		*id = info.map.id;
		if (name)
			memcpy(name, info.map.name, BPF_OBJ_NAME_LEN);
		break;
	case OBJ_LINK:
		*id = info.link.id;
		break;
	default:
		*id = info.btf.id;
		break;
	}
	return 0;
}

__u32 obj_fd_id(enum obj_kind kind, int fd)
{
	__u32 id = 0;
	int err = obj_info(kind, fd, &id, NULL, NULL);

	if (err)
		p_err("can't get info of %s (fd %d): %s", ops[kind].noun, fd, strerror(-err));
	return id;
}

int obj_for_each(enum obj_kind kind, int (*fn)(int fd, __u32 id, void *ctx), void *ctx)
{
	__u32 id = 0;
	int err, fd;

	for (;;) {
		err = ops[kind].next_id(id, &id);
		if (err == -ENOENT)
			return 0;
		if (err) {
			p_err("can't get the next %s id after %u: %s", ops[kind].noun, id,
			      strerror(-err));
			return err;
		}
		fd = ops[kind].get_fd(id);
		if (fd == -ENOENT)
			continue;	/* gone since we saw its id */
		if (fd < 0) {
			p_err("can't open %s id %u: %s", ops[kind].noun, id, strerror(-fd));
			return fd;
		}
		err = fn(fd, id, ctx);
		close(fd);
		if (err)
			return err;
	}
}

int obj_open_pinned(enum obj_kind kind, const char *path)
{
	enum obj_kind got;
	int fd;

	if (access(path, F_OK)) {
		p_err("can't open pinned %s '%s': %s", ops[kind].noun, path, strerror(errno));
		return -errno;
	}
	if (!path_on_bpffs(path)) {
		p_err("'%s' is not on a BPF filesystem (bpffs)", path);
		return -EINVAL;
	}
	fd = bpf_obj_get(path);
	if (fd < 0) {
		p_err("can't open pinned object '%s': %s", path, strerror(-fd));
		return fd;
	}
	if (!obj_fd_kind(fd, &got) || got != kind) {
		p_err("'%s' is not a pinned %s", path, ops[kind].noun);
		close(fd);
		return -EINVAL;
	}
	return fd;
}

/* "27ee3103b1546d95" (also with blanks or colons between bytes). */
static int parse_tag(const char *arg, __u8 *tag)
{
	const char *p = arg;
	int i, hi, lo;

	for (i = 0; i < BPF_TAG_SIZE; i++) {
		while (*p == ' ' || *p == ':')
			p++;
		if (!isxdigit((unsigned char)p[0]) || !isxdigit((unsigned char)p[1]))
			goto bad;
		hi = isdigit((unsigned char)p[0]) ? p[0] - '0' : tolower(p[0]) - 'a' + 10;
		lo = isdigit((unsigned char)p[1]) ? p[1] - '0' : tolower(p[1]) - 'a' + 10;
		tag[i] = (__u8)(hi << 4 | lo);
		p += 2;
	}
	if (!*p)
		return 0;
bad:
	p_err("can't parse '%s' as a program tag (%d hex bytes)", arg, BPF_TAG_SIZE);
	return -EINVAL;
}

struct match {
	enum obj_kind kind;
	const char *name;	/* or NULL */
	__u8 tag[BPF_TAG_SIZE];
	int *fds;
	int cnt;
};

static int match_one(int fd, __u32 id, void *ctx)
{
	struct match *m = ctx;
	char name[BPF_OBJ_NAME_LEN];
	__u8 tag[BPF_TAG_SIZE];
	int *fds, err;

	err = obj_info(m->kind, fd, &id, name, tag);
	if (err == -ENOENT)
		return 0;
	if (err) {
		p_err("can't get info of %s id %u: %s", ops[m->kind].noun, id, strerror(-err));
		return err;
	}
	if (m->name && m->kind == OBJ_PROG ? !prog_name_is(fd, m->name) :
	    m->name ? strncmp(name, m->name, BPF_OBJ_NAME_LEN - 1) :
		      memcmp(tag, m->tag, BPF_TAG_SIZE))
		return 0;
	fds = realloc(m->fds, (m->cnt + 1) * sizeof(*fds));
	if (!fds) {
		p_err("can't select %ss: %s", ops[m->kind].noun, strerror(ENOMEM));
		return -ENOMEM;
	}
	m->fds = fds;
	fd = dup(fd);	/* obj_for_each() closes its own */
	if (fd < 0) {
		p_err("can't keep %s id %u open: %s", ops[m->kind].noun, id, strerror(errno));
		return -errno;
	}
	m->fds[m->cnt++] = fd;
	return 0;
}

static int select_matching(struct match *m, const char *arg, int **fds)
{
	int err = obj_for_each(m->kind, match_one, m);

	if (!err && !m->cnt) {
		p_err("no %s with %s '%s'", ops[m->kind].noun, m->name ? "name" : "tag", arg);
		err = -ENOENT;
	}
	if (err) {
		obj_fds_close(m->fds, m->cnt);
		return err;
	}
	*fds = m->fds;
	return m->cnt;
}

static int select_by_id(enum obj_kind kind, const char *arg)
{
	__u32 id;
	int fd, err;

	err = parse_u32(arg, "an id", &id);
	if (err)
		return err;
	fd = ops[kind].get_fd(id);
	if (fd == -ENOENT)
		p_err("no %s with id %u", ops[kind].noun, id);
	else if (fd < 0)
		p_err("can't open %s id %u: %s", ops[kind].noun, id, strerror(-fd));
	return fd;
}

/* The one-fd selectors (id, pinned) as a one-element array. */
static int single_fd(int fd, int **fds)
{
	if (fd < 0)
		return fd;
	*fds = malloc(sizeof(**fds));
	if (!*fds) {
		close(fd);
		p_err("can't select objects: %s", strerror(ENOMEM));
		return -ENOMEM;
	}
	**fds = fd;
	return 1;
}

static int selector_word(enum obj_kind kind, const char *word)
{
	int sel = KEYWORD_MATCH(word, selectors, "selector");

	if (sel < 0)
		return sel;
	if ((sel == SEL_TAG && !ops[kind].by_tag) || (sel == SEL_NAME && !ops[kind].by_name)) {
		p_err("a %s can't be selected by %s; %s", ops[kind].noun, selectors[sel].name,
		      ops[kind].usage);
		return -EINVAL;
	}
	return sel;
}

int obj_select(enum obj_kind kind, int *argc, char ***argv, int **fds)
{
	struct match m = { .kind = kind };
	const char *arg;
	int sel, ret;

	if (*argc < 1) {
		p_err("missing %s; %s", ops[kind].noun, ops[kind].usage);
		return -EINVAL;
	}
	sel = selector_word(kind, (*argv)[0]);
	if (sel < 0)
		return sel;
	arg = keyword_value(*argc, *argv, selectors[sel].name, "a value");
	if (!arg)
		return -EINVAL;
	switch (sel) {
	case SEL_ID:
		ret = single_fd(select_by_id(kind, arg), fds);
		break;
	case SEL_PINNED:
		ret = single_fd(obj_open_pinned(kind, arg), fds);
		break;
	case SEL_TAG:
		ret = parse_tag(arg, m.tag);
		if (!ret)
			ret = select_matching(&m, arg, fds);
		break;
	default:
		m.name = arg;
		ret = select_matching(&m, arg, fds);
		break;
	}
	if (ret > 0) {
		*argc -= 2;
		*argv += 2;
	}
	return ret;
}

int obj_select_one(enum obj_kind kind, int *argc, char ***argv)
{
	const char *how = *argc > 1 ? (*argv)[0] : "", *what = *argc > 1 ? (*argv)[1] : "";
	int *fds, cnt, fd;

	cnt = obj_select(kind, argc, argv, &fds);
	if (cnt < 0)
		return cnt;
	if (cnt > 1) {
		p_err("%s '%s' matches %d %ss; select one by id", how, what, cnt, ops[kind].noun);
		obj_fds_close(fds, cnt);
		return -EINVAL;
	}
	fd = fds[0];
	free(fds);
	return fd;
}

void obj_fds_close(int *fds, int cnt)
{
	int i;

	for (i = 0; i < cnt; i++)
		close(fds[i]);
	free(fds);
}
