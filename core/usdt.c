// SPDX-License-Identifier: BSD-2-Clause
/*
 * bpf_program__attach_usdt(): one uprobe per site of the probe, each
 * with the index of its argument spec in the object's __bpf_usdt_specs
 * map as BPF cookie (usdt.bpf.h reads the spec back with it). Sites whose
 * arguments sit in the same places share a spec. The slots of the map
 * are handed out per object; a link gives its slots back when destroyed.
 */
#include <elf.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "attach_internal.h"
#include "log.h"
#include "object_internal.h"
#include "opts.h"
#include "usdt.h"

#if defined(__x86_64__)
#define HOST_MACHINE EM_X86_64
#elif defined(__aarch64__)
#define HOST_MACHINE EM_AARCH64
#else
#define HOST_MACHINE EM_NONE
#endif

/*
 * The slots of one object's __bpf_usdt_specs, shared by the object and
 * the links holding slots (a link may outlive bpf_object__close()).
 */
struct usdt_ids {
	int refcnt;
	__u32 cnt;		/* slots in the map */
	__u32 next;		/* slots below have been handed out before */
	bool used[];
};

/* What a USDT link keeps in its priv. */
struct usdt_link {
	struct usdt_ids *ids;
	int *spec_ids;
	size_t spec_cnt;
};

void usdt_ids_put(struct usdt_ids *ids)
{
	if (ids && --ids->refcnt == 0)
		free(ids);
}

/* The object's slots (made on first use), with a reference for the caller. */
static struct usdt_ids *usdt_ids_get(struct bpf_object *obj, __u32 cnt)
{
	struct usdt_ids *ids = obj->usdt_ids;

	if (!ids) {
		ids = calloc(1, sizeof(*ids) + cnt * sizeof(ids->used[0]));
		if (!ids)
			return NULL;
		ids->refcnt = 1;	/* the object's */
		ids->cnt = cnt;
		obj->usdt_ids = ids;
	}
	ids->refcnt++;
	return ids;
}

/*
 * A free slot, or -E2BIG. Never-used slots go first: a link pinned by
 * its fd alone (not through bpf_link__pin) gives its slots back when
 * destroyed though its uprobe still reads them, and this keeps a later
 * attachment off them for as long as possible.
 */
static int usdt_id_alloc(struct usdt_ids *ids)
{
	__u32 i;

	if (ids->next < ids->cnt) {
		ids->used[ids->next] = true;
		return ids->next++;
	}
	for (i = 0; i < ids->cnt; i++) {
		if (!ids->used[i]) {
			ids->used[i] = true;
			return i;
		}
	}
	return -E2BIG;
}

static void usdt_link_release(struct bpf_link *link)
{
	struct usdt_link *ul = link->priv;
	size_t i;

	if (!ul)
		return;
	/* attachments that live on keep reading their specs */
	if (!link->disconnected && !link->pin_path)
		for (i = 0; i < ul->spec_cnt; i++)
			ul->ids->used[ul->spec_ids[i]] = false;
	usdt_ids_put(ul->ids);
	free(ul->spec_ids);
	free(ul);
}

/* The loaded __bpf_usdt_specs map of prog's object, checked; its fd or -errno. */
static int specs_map(const struct bpf_program *prog, const char *what, __u32 *slots)
{
	const struct bpf_map *map;

	map = bpf_object__find_map_by_name(prog->obj, USDT_SPECS_MAP);
	if (!map) {
		pr_warn("%s: object has no " USDT_SPECS_MAP " map (include <bpf/usdt.bpf.h>)\n",
			what);
		return -ESRCH;
	}
	if (bpf_map__fd(map) < 0) {
		pr_warn("%s: the object is not loaded\n", what);
		return -EINVAL;
	}
	if (bpf_map__type(map) != BPF_MAP_TYPE_ARRAY || bpf_map__key_size(map) != 4 ||
	    bpf_map__value_size(map) != sizeof(struct usdt_spec)) {
		pr_warn("%s: map " USDT_SPECS_MAP " is not the one of <bpf/usdt.bpf.h> (an array "
			"of %zu-byte values expected)\n", what, sizeof(struct usdt_spec));
		return -EINVAL;
	}
	*slots = bpf_map__max_entries(map);
	return bpf_map__fd(map);
}

/* A link of cnt attachments to come, holding slots of prog's object. */
static struct bpf_link *usdt_link_new(const struct bpf_program *prog, __u32 slots, size_t cnt)
{
	struct bpf_link *link = link_new(-1);
	struct usdt_link *ul;

	if (!link)
		return NULL;
	ul = calloc(1, sizeof(*ul));
	if (!ul)
		goto err;
	link->priv = ul;
	link->release = usdt_link_release;
	link->subs = calloc(cnt, sizeof(*link->subs));
	ul->spec_ids = calloc(cnt, sizeof(*ul->spec_ids));
	ul->ids = usdt_ids_get(prog->obj, slots);
	if (!link->subs || !ul->spec_ids || !ul->ids)
		goto err;
	return link;
err:
	bpf_link__destroy(link);
	return libbpf_err_ptr(-ENOMEM);
}

/*
 * The slot for site i's spec: the one of an earlier site with the same
 * spec, or a new one written into the map.
 */
static int spec_slot(struct bpf_link *link, int map_fd, const struct usdt_spec *specs,
		     int *site_ids, size_t i, const char *what)
{
	struct usdt_link *ul = link->priv;
	size_t j;
	int id;

	for (j = 0; j < i; j++)
		if (!memcmp(&specs[j], &specs[i], sizeof(specs[i])))
			return site_ids[j];
	id = usdt_id_alloc(ul->ids);
	if (id < 0) {
		pr_warn("%s: too many USDT specs: all %u slots of " USDT_SPECS_MAP " are in use "
			"(define BPF_USDT_MAX_SPEC_CNT larger)\n", what, ul->ids->cnt);
		return id;
	}
	ul->spec_ids[ul->spec_cnt++] = id;
	if (bpf_map_update_elem(map_fd, &id, &specs[i], BPF_ANY)) {
		id = -errno;
		pr_warn("%s: can't write spec %zu into " USDT_SPECS_MAP ": %s\n", what, i,
			strerror(-id));
	}
	return id;
}

/* The specs of all sites, parsed before anything is attached. */
static struct usdt_spec *parse_specs(const struct usdt_sites *sites, __u64 cookie,
				     const char *what)
{
	struct usdt_spec *specs;
	size_t i;
	int err;

	if (sites->machine != HOST_MACHINE) {
		pr_warn("%s: binary is for ELF machine %u, this one is %u\n", what,
			sites->machine, HOST_MACHINE);
		return libbpf_err_ptr(-ENOEXEC);
	}
	specs = calloc(sites->cnt, sizeof(*specs));
	if (!specs)
		return libbpf_err_ptr(-ENOMEM);
	for (i = 0; i < sites->cnt; i++) {
		err = usdt_parse_args(sites->machine, sites->v[i].args, &specs[i], what);
		if (err) {
			free(specs);
			return libbpf_err_ptr(err);
		}
		specs[i].usdt_cookie = cookie;
	}
	return specs;
}

/* Attach a uprobe to every site, into link. */
static int attach_sites(const struct bpf_program *prog, struct bpf_link *link, int map_fd,
			pid_t pid, const char *path, const struct usdt_sites *sites,
			const struct usdt_spec *specs, const char *what)
{
	LIBBPF_OPTS(bpf_uprobe_opts, uopts);
	struct bpf_link *sub;
	int *ids, id, err = 0;
	size_t i;

	ids = calloc(sites->cnt, sizeof(*ids));
	if (!ids)
		return -ENOMEM;
	for (i = 0; i < sites->cnt; i++) {
		id = spec_slot(link, map_fd, specs, ids, i, what);
		if (id < 0) {
			err = id;
			break;
		}
		ids[i] = id;
		uopts.ref_ctr_offset = sites->v[i].sema_offset;
		uopts.bpf_cookie = id;
		sub = bpf_program__attach_uprobe_opts(prog, pid, path, sites->v[i].offset, &uopts);
		if (!sub) {
			err = -errno;
			pr_warn("%s: uprobe at offset 0x%llx: %s\n", what,
				(unsigned long long)sites->v[i].offset, strerror(-err));
			break;
		}
		link->subs[link->sub_cnt++] = sub;
	}
	free(ids);
	return err;
}

struct bpf_link *bpf_program__attach_usdt(const struct bpf_program *prog, pid_t pid,
					  const char *binary_path, const char *usdt_provider,
					  const char *usdt_name, const struct bpf_usdt_opts *opts)
{
	char path[PATH_MAX], what[PATH_MAX + 400];
	struct bpf_link *link = NULL;
	struct usdt_spec *specs;
	struct usdt_sites sites;
	__u32 slots;
	int map_fd, err;

	if (!prog || !OPTS_VALID(opts, bpf_usdt_opts) || !binary_path || !*binary_path ||
	    !usdt_provider || !*usdt_provider || !usdt_name || !*usdt_name)
		return libbpf_err_ptr(-EINVAL);
	snprintf(what, sizeof(what), "prog '%s': can't attach usdt '%s:%s' in '%s'",
		 bpf_program__name(prog), usdt_provider, usdt_name, binary_path);
	map_fd = specs_map(prog, what, &slots);
	if (map_fd < 0)
		return libbpf_err_ptr(map_fd);
	err = elf_resolve_path(binary_path, path, sizeof(path));
	if (err) {
		pr_warn("%s: no such binary or library\n", what);
		return libbpf_err_ptr(err);
	}
	err = usdt_sites_find(path, usdt_provider, usdt_name, what, &sites);
	if (err)
		return libbpf_err_ptr(err);
	specs = parse_specs(&sites, OPTS_GET(opts, usdt_cookie, 0), what);
	if (!specs) {
		err = -errno;
		goto out;
	}
	link = usdt_link_new(prog, slots, sites.cnt);
	if (!link) {
		err = -errno;
		goto out;
	}
	err = attach_sites(prog, link, map_fd, pid, path, &sites, specs, what);
	if (err)
		goto out;
	pr_debug("prog '%s': usdt '%s:%s' in '%s': %zu sites attached\n", bpf_program__name(prog),
		 usdt_provider, usdt_name, path, link->sub_cnt);
	/* with one site the link is that uprobe's, which can be pinned */
	if (link->sub_cnt == 1) {
		link->fd = link->subs[0]->fd;
		link->perf_ioctl = link->subs[0]->perf_ioctl;
	}
out:
	free(specs);
	usdt_sites_free(&sites);
	if (err) {
		bpf_link__destroy(link);
		return libbpf_err_ptr(err);
	}
	return link;
}
