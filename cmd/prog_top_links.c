// SPDX-License-Identifier: BSD-2-Clause
/*
 * "prog top": what the links loaded now say each program is attached to,
 * in a few words for a column of the screen.
 */
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/libbpf.h>

#include "link_info.h"
#include "object.h"
#include "prog_top.h"
#include "report.h"

static const char *link_type_name(__u32 type, char *buf, size_t size)
{
	const char *name = libbpf_bpf_link_type_str(type);

	if (name)
		return name;
	snprintf(buf, size, "link_type %u", type);
	return buf;
}

static void ifindex_text(__u32 ifindex, char *buf, size_t size)
{
	char dev[IF_NAMESIZE];

	if (ifindex && if_indextoname(ifindex, dev))
		snprintf(buf, size, "%s", dev);
	else
		snprintf(buf, size, "ifindex %u", ifindex);
}

/* The object the link attaches to, as far as its info names it. */
static void target_text(const struct link_info *li, char *buf, size_t size)
{
	const struct link_info_uapi *info = &li->info;

	buf[0] = '\0';
	if (li->name[0]) {
		snprintf(buf, size, "%s", li->name);
		return;
	}
	switch (info->type) {
	case BPF_LINK_TYPE_CGROUP:
		snprintf(buf, size, "cgroup %llu", (unsigned long long)info->cgroup.cgroup_id);
		break;
	case BPF_LINK_TYPE_NETNS:
		snprintf(buf, size, "netns %u", info->netns.netns_ino);
		break;
	case BPF_LINK_TYPE_XDP:
		ifindex_text(info->xdp.ifindex, buf, size);
		break;
	case LINK_TYPE_TCX:
		ifindex_text(info->tcx.ifindex, buf, size);
		break;
	case LINK_TYPE_NETKIT:
		ifindex_text(info->netkit.ifindex, buf, size);
		break;
	case BPF_LINK_TYPE_STRUCT_OPS:
		snprintf(buf, size, "map %u", info->struct_ops.map_id);
		break;
	case LINK_TYPE_SOCKMAP:
		snprintf(buf, size, "map %u", info->sockmap.map_id);
		break;
	case BPF_LINK_TYPE_TRACING:
		snprintf(buf, size, "btf_id %u", info->tracing.target_btf_id);
		break;
	default:
		break;
	}
}

static int links_add(struct prog_links *pl, size_t *cap, const struct link_info *li)
{
	char type[32], target[PATH_MAX];
	struct prog_link *l;

	if (pl->cnt == *cap) {
		size_t n = *cap ? 2 * *cap : 16;

		l = realloc(pl->v, n * sizeof(*l));
		if (!l) {
			p_err("can't list links: %s", strerror(ENOMEM));
			return -ENOMEM;
		}
		pl->v = l;
		*cap = n;
	}
	l = &pl->v[pl->cnt++];
	l->prog_id = li->info.prog_id;
	target_text(li, target, sizeof(target));
	snprintf(l->where, sizeof(l->where), "%s%s%s",
		 link_type_name(li->info.type, type, sizeof(type)), target[0] ? " " : "", target);
	return 0;
}

struct read_ctx {
	struct prog_links *pl;
	size_t cap;
};

static int read_one(int fd, __u32 id, void *ctx)
{
	struct read_ctx *c = ctx;
	struct link_info *li;
	int err;

	(void)id;
	/* a link_info holds a PATH_MAX name: not for the stack */
	li = malloc(sizeof(*li));
	if (!li) {
		p_err("can't list links: %s", strerror(ENOMEM));
		return -ENOMEM;
	}
	err = link_info_get(fd, li);
	/* a link detached meanwhile is no error for a view of the moment */
	if (!err && li->info.prog_id)
		err = links_add(c->pl, &c->cap, li);
	else
		err = err == -ENOENT ? 0 : err;
	free(li);
	return err;
}

static int link_cmp(const void *a, const void *b)
{
	const struct prog_link *x = a, *y = b;

	return x->prog_id < y->prog_id ? -1 : x->prog_id > y->prog_id;
}

int prog_links_read(struct prog_links *pl)
{
	struct read_ctx c = { .pl = pl };
	int err;

	prog_links_free(pl);
	err = obj_for_each(OBJ_LINK, read_one, &c);
	if (err)
		return err;
	qsort(pl->v, pl->cnt, sizeof(*pl->v), link_cmp);
	return 0;
}

const char *prog_links_where(const struct prog_links *pl, __u32 id, char *buf, size_t size)
{
	struct prog_link key = { .prog_id = id };
	const struct prog_link *l;
	size_t n = 0;

	buf[0] = '\0';
	l = pl->cnt ? bsearch(&key, pl->v, pl->cnt, sizeof(key), link_cmp) : NULL;
	if (!l)
		return buf;
	while (l > pl->v && l[-1].prog_id == id)
		l--;
	while (l + n < pl->v + pl->cnt && l[n].prog_id == id)
		n++;
	if (n > 1)
		snprintf(buf, size, "%s +%zu", l->where, n - 1);
	else
		snprintf(buf, size, "%s", l->where);
	return buf;
}

void prog_links_free(struct prog_links *pl)
{
	free(pl->v);
	pl->v = NULL;
	pl->cnt = 0;
}
