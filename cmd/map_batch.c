// SPDX-License-Identifier: BSD-2-Clause
/*
 * Batched map reads, one batch ahead (see map_batch.h). Two slots: the
 * reader thread fills the one the printer is not using. The batch
 * position is the reader's alone.
 */
#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/bpf.h>

#include "map_batch.h"

#define BATCH_MIN	64
#define ENOTSUPP	524	/* the kernel's internal "not supported" */

bool map_op_unsupported(int err)
{
	return err == -EINVAL || err == -ENOTSUPP || err == -EOPNOTSUPP;
}

struct batch_slot {
	__u8 *keys;
	__u8 *values;
	__u32 cap;		/* entries the buffers hold */
	__u32 cnt;		/* entries read */
	int err;		/* 0, -ENOENT: the last batch, or the failure */
	bool ready;		/* filled, not yet handed out and released */
};

struct map_batch {
	struct map_batch_opts o;
	struct batch_slot slot[2];
	/* position: where the next batch starts, and where the kernel puts the next */
	__u8 *pos_in, *pos_out;
	size_t pos_size;
	bool started;		/* a batch was read: pos_in is valid */
	unsigned int next;	/* the slot map_batch_next() hands out next */
	struct batch_slot *held;	/* the one it handed out last, if any */
	bool ended;		/* the last batch was handed out */
	bool threaded;
	bool stop;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t cond;
};

static int slot_alloc(const struct map_batch *b, struct batch_slot *s, __u32 cap)
{
	free(s->keys);
	free(s->values);
	s->cap = cap;
	s->keys = malloc((size_t)cap * b->o.key_size + 1);
	s->values = malloc(cap * b->o.value_size + 1);
	return s->keys && s->values ? 0 : -ENOMEM;
}

static __u32 batch_entries(const struct map_batch_opts *o)
{
	size_t each = o->key_size + o->value_size;
	size_t cnt = MAP_BATCH_BYTES / (each ? each : 1);

	if (cnt < BATCH_MIN)
		cnt = BATCH_MIN;
	if (cnt > o->max_entries)
		cnt = o->max_entries;
	return cnt ? cnt : 1;
}

/* Read the next batch into s; a hash bucket bigger than the slot grows it. */
static void fetch(struct map_batch *b, struct batch_slot *s)
{
	__u8 *tmp;
	__u32 cnt;
	int err;

	for (;;) {
		cnt = s->cap;
		err = bpf_map_lookup_batch(b->o.fd, b->started ? b->pos_in : NULL, b->pos_out,
					   s->keys, s->values, &cnt, NULL);
		if (err != -ENOSPC || s->cap >= b->o.max_entries)
			break;
		err = slot_alloc(b, s, s->cap > b->o.max_entries / 2 ? b->o.max_entries :
				 s->cap * 2);
		if (err)
			break;
	}
	s->err = err;
	s->cnt = !err || err == -ENOENT ? cnt : 0;
	if (!err) {
		tmp = b->pos_in, b->pos_in = b->pos_out, b->pos_out = tmp;
		b->started = true;
	}
}

static void *reader(void *arg)
{
	struct map_batch *b = arg;
	struct batch_slot *s;
	unsigned int i = 1;	/* slot 0 holds the first batch */
	bool last = false;

	while (!last) {
		s = &b->slot[i];
		pthread_mutex_lock(&b->lock);
		while (s->ready && !b->stop)
			pthread_cond_wait(&b->cond, &b->lock);
		last = b->stop;
		pthread_mutex_unlock(&b->lock);
		if (last)
			break;
		fetch(b, s);
		last = s->err != 0;
		pthread_mutex_lock(&b->lock);
		s->ready = true;
		pthread_cond_broadcast(&b->cond);
		pthread_mutex_unlock(&b->lock);
		i ^= 1;
	}
	return NULL;
}

static int batch_new(const struct map_batch_opts *opts, struct map_batch **out)
{
	struct map_batch *b = calloc(1, sizeof(*b));
	__u32 cap = batch_entries(opts);

	*out = b;
	if (!b)
		return -ENOMEM;
	b->o = *opts;
	/* arrays take a key as the position, hash maps a 32-bit bucket number */
	b->pos_size = opts->key_size + sizeof(__u64);
	b->pos_in = calloc(1, b->pos_size);
	b->pos_out = calloc(1, b->pos_size);
	pthread_mutex_init(&b->lock, NULL);
	pthread_cond_init(&b->cond, NULL);
	if (!b->pos_in || !b->pos_out || slot_alloc(b, &b->slot[0], cap) ||
	    slot_alloc(b, &b->slot[1], cap))
		return -ENOMEM;
	return 0;
}

int map_batch_open(const struct map_batch_opts *opts, struct map_batch **out)
{
	struct map_batch *b;
	int err;

	*out = NULL;
	err = batch_new(opts, &b);
	if (err)
		goto fail;
	fetch(b, &b->slot[0]);
	err = b->slot[0].err;
	if (map_op_unsupported(err)) {
		err = 1;
		goto fail;
	}
	b->slot[0].ready = true;
	/* without a thread, map_batch_next() reads each batch itself */
	if (!err)
		b->threaded = !pthread_create(&b->thread, NULL, reader, b);
	*out = b;
	return 0;
fail:
	map_batch_close(b);
	return err;
}

int map_batch_next(struct map_batch *b, const __u8 **keys, const __u8 **values, __u32 *cnt)
{
	struct batch_slot *s = &b->slot[b->next];

	*cnt = 0;
	if (b->ended)
		return 0;
	pthread_mutex_lock(&b->lock);
	/* the batch handed out before is done with: the reader may refill it */
	if (b->held) {
		b->held->ready = false;
		b->held = NULL;
		pthread_cond_broadcast(&b->cond);
	}
	while (b->threaded && !s->ready)
		pthread_cond_wait(&b->cond, &b->lock);
	pthread_mutex_unlock(&b->lock);
	if (!s->ready) {
		fetch(b, s);
		s->ready = true;
	}
	b->next ^= 1;
	b->held = s;
	if (s->err) {
		b->ended = true;
		if (s->err != -ENOENT)
			return s->err;
	}
	*keys = s->keys;
	*values = s->values;
	*cnt = s->cnt;
	return 0;
}

void map_batch_close(struct map_batch *b)
{
	int i;

	if (!b)
		return;
	if (b->threaded) {
		pthread_mutex_lock(&b->lock);
		b->stop = true;
		pthread_cond_broadcast(&b->cond);
		pthread_mutex_unlock(&b->lock);
		pthread_join(b->thread, NULL);
	}
	pthread_mutex_destroy(&b->lock);
	pthread_cond_destroy(&b->cond);
	for (i = 0; i < 2; i++) {
		free(b->slot[i].keys);
		free(b->slot[i].values);
	}
	free(b->pos_in);
	free(b->pos_out);
	free(b);
}
