// SPDX-License-Identifier: BSD-2-Clause
/*
 * Custom SEC() handlers: libbpf_register_prog_handler() gives the programs
 * of matching sections a program type, an expected attach type and
 * callbacks (setup at open, prepare_load before each load, attach).
 *
 * This is the library's second piece of global mutable state, next to the
 * log callback, and for the same reason: libbpf's API makes it
 * process-wide. A handler is registered once, with no object or context to
 * hang it on, and applies to every object opened afterwards, through
 * bpf_object__open*() calls that take no registry; an id returned by one
 * call is unregistered by another. So the registry is one static struct
 * here, reached only through this file's functions, under a mutex: libbpf
 * leaves the locking to its callers, but taking it here costs nothing and
 * makes concurrent opens and registrations safe. Programs get a copy of
 * their handler's callbacks, so unregistering never leaves them pointing at
 * freed memory.
 */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "object_internal.h"
#include "opts.h"

struct prog_handler {
	char *sec;		/* pattern: "abc", "abc/", "abc+" */
	enum bpf_prog_type prog_type;
	enum bpf_attach_type attach_type;
	struct prog_handler_ops ops;
	int id;
};

static struct {
	pthread_mutex_t lock;
	struct prog_handler *list;	/* by registration: the first match wins */
	size_t cnt;
	struct prog_handler fallback;	/* sec NULL: sections nothing else matches */
	bool has_fallback;
	int last_id;
} registry = { .lock = PTHREAD_MUTEX_INITIALIZER };

static int handler_add(const char *sec, struct prog_handler *h)
{
	struct prog_handler *list;

	if (!sec) {
		if (registry.has_fallback)
			return -EBUSY;
		registry.fallback = *h;
		registry.has_fallback = true;
		return 0;
	}
	h->sec = strdup(sec);
	if (!h->sec)
		return -ENOMEM;
	list = realloc(registry.list, (registry.cnt + 1) * sizeof(*list));
	if (!list) {
		free(h->sec);
		return -ENOMEM;
	}
	registry.list = list;
	list[registry.cnt++] = *h;
	return 0;
}

int libbpf_register_prog_handler(const char *sec, enum bpf_prog_type prog_type,
				 enum bpf_attach_type exp_attach_type,
				 const struct libbpf_prog_handler_opts *opts)
{
	struct prog_handler h = {
		.prog_type = prog_type,
		.attach_type = exp_attach_type,
		.ops = {
			.cookie = OPTS_GET(opts, cookie, 0),
			.setup = OPTS_GET(opts, prog_setup_fn, NULL),
			.prepare_load = OPTS_GET(opts, prog_prepare_load_fn, NULL),
			.attach = OPTS_GET(opts, prog_attach_fn, NULL),
		},
	};
	int err;

	if (!OPTS_VALID(opts, libbpf_prog_handler_opts) || (sec && !*sec))
		return libbpf_err(-EINVAL);
	pthread_mutex_lock(&registry.lock);
	if (registry.last_id == INT_MAX) {
		err = -E2BIG;
	} else {
		h.id = registry.last_id + 1;
		err = handler_add(sec, &h);
		if (!err)
			err = ++registry.last_id;
	}
	pthread_mutex_unlock(&registry.lock);
	if (err == -EBUSY)
		pr_warn("a fallback SEC() handler (sec NULL) is registered already\n");
	return libbpf_err(err);
}

static int handler_remove(int id)
{
	size_t i;

	if (registry.has_fallback && registry.fallback.id == id) {
		memset(&registry.fallback, 0, sizeof(registry.fallback));
		registry.has_fallback = false;
		return 0;
	}
	for (i = 0; i < registry.cnt; i++) {
		if (registry.list[i].id != id)
			continue;
		free(registry.list[i].sec);
		memmove(&registry.list[i], &registry.list[i + 1],
			(registry.cnt - i - 1) * sizeof(registry.list[0]));
		if (!--registry.cnt) {
			free(registry.list);
			registry.list = NULL;
		}
		return 0;
	}
	return -ENOENT;
}

int libbpf_unregister_prog_handler(int handler_id)
{
	int err;

	if (handler_id <= 0)
		return libbpf_err(-EINVAL);
	pthread_mutex_lock(&registry.lock);
	err = handler_remove(handler_id);
	pthread_mutex_unlock(&registry.lock);
	return libbpf_err(err);
}

static void prog_take_handler(struct bpf_program *prog, const struct prog_handler *h)
{
	prog->sec_def = NULL;	/* the built-in flags are not the handler's */
	prog->type = h->prog_type;
	prog->expected_attach_type = h->attach_type;
	prog->prog_flags = 0;
	prog->has_handler = true;
	prog->handler = h->ops;
}

/* The custom handler for name: the first matching one, else the fallback if allowed. */
static const struct prog_handler *handler_find(const char *name, bool fallback)
{
	size_t i;

	for (i = 0; i < registry.cnt; i++)
		if (sec_pattern_matches(registry.list[i].sec, name))
			return &registry.list[i];
	return fallback && registry.has_fallback ? &registry.fallback : NULL;
}

bool prog_handler_types(const char *name, enum bpf_prog_type *type,
			enum bpf_attach_type *attach_type)
{
	const struct prog_handler *h;

	pthread_mutex_lock(&registry.lock);
	h = handler_find(name, !sec_def_find(name));
	if (h) {
		*type = h->prog_type;
		*attach_type = h->attach_type;
	}
	pthread_mutex_unlock(&registry.lock);
	return h;
}

void prog_handler_claim(struct bpf_program *prog, bool builtin_matched)
{
	const struct prog_handler *h;

	pthread_mutex_lock(&registry.lock);
	h = handler_find(prog->sec_name, !builtin_matched);
	if (h)
		prog_take_handler(prog, h);
	pthread_mutex_unlock(&registry.lock);
}

int prog_handlers_setup(struct bpf_object *obj)
{
	size_t i;
	int err;

	for (i = 0; i < obj->nr_programs; i++) {
		struct bpf_program *prog = &obj->progs[i];

		if (prog->is_subprog || !prog->has_handler || !prog->handler.setup)
			continue;
		err = prog->handler.setup(prog, prog->handler.cookie);
		if (err) {
			pr_warn("prog '%s': the SEC() handler's setup callback failed: %s\n",
				prog->name, strerror(err < 0 ? -err : err));
			return err < 0 ? err : -EINVAL;
		}
	}
	return 0;
}

/* No callback, or one that gives no link, is a section that can't auto-attach. */
struct bpf_link *prog_handler_attach(const struct bpf_program *prog)
{
	struct bpf_link *link = NULL;
	int err;

	if (!prog->handler.attach) {
		pr_debug("prog '%s': its SEC() handler has no attach callback\n", prog->name);
		return libbpf_err_ptr(-EOPNOTSUPP);
	}
	err = prog->handler.attach(prog, prog->handler.cookie, &link);
	if (err) {
		pr_warn("prog '%s': the SEC() handler's attach callback failed: %s\n",
			prog->name, strerror(err < 0 ? -err : err));
		return libbpf_err_ptr(err < 0 ? err : -EINVAL);
	}
	if (!link)
		return libbpf_err_ptr(-EOPNOTSUPP);
	return link;
}
