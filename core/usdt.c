// SPDX-License-Identifier: BSD-2-Clause
/*
 * bpf_program__attach_usdt(): a uprobe at every site of the probe, each
 * with the index of its argument spec in the object's __bpf_usdt_specs
 * map as BPF cookie (usdt.bpf.h reads the spec back with it). Sites whose
 * arguments sit in the same places share a spec. A program loaded for
 * uprobe_multi links (prog_load.c chooses that where the kernel has them)
 * gets all sites in one such link, which can be pinned; otherwise each
 * site is a uprobe of its own. The slots of the map are handed out per
 * object; a link gives its slots back when destroyed.
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

/* Give back the slots of ul, unless attachments living on still read them. */
static void usdt_link_free(struct usdt_link *ul, bool keep_slots)
{
	size_t i;

	if (!ul)
		return;
	if (!keep_slots)
		for (i = 0; i < ul->spec_cnt; i++)
			ul->ids->used[ul->spec_ids[i]] = false;
	usdt_ids_put(ul->ids);
	free(ul->spec_ids);
	free(ul);
}

static void usdt_link_release(struct bpf_link *link)
{
	usdt_link_free(link->priv, link->disconnected || link->pin_path);
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

/* Room for the slots of cnt sites of prog's object; NULL on ENOMEM. */
static struct usdt_link *usdt_link_new(const struct bpf_program *prog, __u32 slots, size_t cnt)
{
	struct usdt_link *ul = calloc(1, sizeof(*ul));

	if (!ul)
		return NULL;
	ul->spec_ids = calloc(cnt, sizeof(*ul->spec_ids));
	ul->ids = usdt_ids_get(prog->obj, slots);
	if (!ul->spec_ids || !ul->ids) {
		usdt_link_free(ul, false);
		return NULL;
	}
	return ul;
}

/*
 * The slot for site i's spec: the one of an earlier site with the same
 * spec, or a new one written into the map.
 */
static int spec_slot(struct usdt_link *ul, int map_fd, const struct usdt_spec *specs,
		     const int *site_ids, size_t i, const char *what)
{
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

/* The slot of every site's spec into ids, the specs written into the map. */
static int spec_slots(struct usdt_link *ul, int map_fd, const struct usdt_sites *sites,
		      const struct usdt_spec *specs, int *ids, const char *what)
{
	size_t i;
	int id;

	for (i = 0; i < sites->cnt; i++) {
		id = spec_slot(ul, map_fd, specs, ids, i, what);
		if (id < 0)
			return id;
		ids[i] = id;
	}
	return 0;
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

/*
 * One uprobe per site, each a link of its own, gathered as the subs of
 * one link without fd of its own (with one site: that uprobe's fd).
 */
static struct bpf_link *attach_sites(const struct bpf_program *prog, pid_t pid, const char *path,
				     const struct usdt_sites *sites, const int *ids,
				     const char *what)
{
	LIBBPF_OPTS(bpf_uprobe_opts, uopts);
	struct bpf_link *link, *sub;
	int err;
	size_t i;

	link = link_new(-1);
	if (!link)
		return NULL;
	link->subs = calloc(sites->cnt, sizeof(*link->subs));
	if (!link->subs) {
		bpf_link__destroy(link);
		return libbpf_err_ptr(-ENOMEM);
	}
	for (i = 0; i < sites->cnt; i++) {
		uopts.ref_ctr_offset = sites->v[i].sema_offset;
		uopts.bpf_cookie = ids[i];
		sub = bpf_program__attach_uprobe_opts(prog, pid, path, sites->v[i].offset, &uopts);
		if (!sub) {
			err = -errno;
			pr_warn("%s: uprobe at offset 0x%llx: %s\n", what,
				(unsigned long long)sites->v[i].offset, strerror(-err));
			bpf_link__destroy(link);
			return libbpf_err_ptr(err);
		}
		link->subs[link->sub_cnt++] = sub;
	}
	/* with one site the link is that uprobe's, which can be pinned */
	if (link->sub_cnt == 1) {
		link->fd = link->subs[0]->fd;
		link->perf_ioctl = link->subs[0]->perf_ioctl;
	}
	return link;
}

/*
 * All sites with one uprobe_multi link: offsets, semaphores and, as
 * cookies, the spec slots, in site order.
 */
static struct bpf_link *attach_sites_multi(const struct bpf_program *prog, pid_t pid,
					   const char *path, const struct usdt_sites *sites,
					   const int *ids, const char *what)
{
	LIBBPF_OPTS(bpf_uprobe_multi_opts, mopts);
	unsigned long *offsets, *semas;
	struct bpf_link *link = NULL;
	bool any_sema = false;
	__u64 *cookies;
	size_t i;
	int err;

	offsets = calloc(sites->cnt, sizeof(*offsets));
	semas = calloc(sites->cnt, sizeof(*semas));
	cookies = calloc(sites->cnt, sizeof(*cookies));
	if (!offsets || !semas || !cookies) {
		err = -ENOMEM;
		goto out;
	}
	for (i = 0; i < sites->cnt; i++) {
		offsets[i] = sites->v[i].offset;
		semas[i] = sites->v[i].sema_offset;
		any_sema |= semas[i] != 0;
		cookies[i] = ids[i];
	}
	mopts.offsets = offsets;
	mopts.ref_ctr_offsets = any_sema ? semas : NULL;
	mopts.cookies = cookies;
	mopts.cnt = sites->cnt;
	link = bpf_program__attach_uprobe_multi(prog, pid, path, NULL, &mopts);
	err = link ? 0 : -errno;
	if (err)
		pr_warn("%s: uprobe_multi link of %zu sites: %s\n", what, sites->cnt,
			strerror(-err));
out:
	free(offsets);
	free(semas);
	free(cookies);
	return err ? libbpf_err_ptr(err) : link;
}

struct bpf_link *bpf_program__attach_usdt(const struct bpf_program *prog, pid_t pid,
					  const char *binary_path, const char *usdt_provider,
					  const char *usdt_name, const struct bpf_usdt_opts *opts)
{
	char path[PATH_MAX], what[PATH_MAX + 400];
	struct usdt_link *ul = NULL;
	struct bpf_link *link = NULL;
	struct usdt_spec *specs;
	struct usdt_sites sites;
	int map_fd, err, *ids = NULL;
	bool multi;
	__u32 slots;

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
	ul = usdt_link_new(prog, slots, sites.cnt);
	ids = calloc(sites.cnt, sizeof(*ids));
	if (!ul || !ids) {
		err = -ENOMEM;
		goto out;
	}
	err = spec_slots(ul, map_fd, &sites, specs, ids, what);
	if (err)
		goto out;
	/* the program was loaded for the one kind of link or the other */
	multi = (__u32)bpf_program__expected_attach_type(prog) == ATTACH_UPROBE_MULTI;
	if (multi)
		link = attach_sites_multi(prog, pid, path, &sites, ids, what);
	else
		link = attach_sites(prog, pid, path, &sites, ids, what);
	if (!link) {
		err = -errno;
		goto out;
	}
	link->priv = ul;
	link->release = usdt_link_release;
	ul = NULL;
	pr_debug("prog '%s': usdt '%s:%s' in '%s': %zu sites attached with %s\n",
		 bpf_program__name(prog), usdt_provider, usdt_name, path, sites.cnt,
		 multi ? "one uprobe_multi link" : "a uprobe each");
out:
	usdt_link_free(ul, false);
	free(ids);
	free(specs);
	usdt_sites_free(&sites);
	return err ? libbpf_err_ptr(err) : link;
}
