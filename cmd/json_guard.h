/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A stream in front of the JSON output that follows the structure of the
 * text going through it, so that an error can still be put into a
 * half-written document at a place where it keeps the document valid.
 */
#ifndef __BPFCTL_JSON_GUARD_H
#define __BPFCTL_JSON_GUARD_H

#include <stdio.h>

struct json_guard;

/* Where the document written so far can take more. */
enum json_slot {
	JSON_SLOT_EMPTY,	/* nothing written yet */
	JSON_SLOT_VALUE,	/* in an array, or after a member name: a value */
	JSON_SLOT_MEMBER,	/* in an object, where a member (name and value) goes */
	JSON_SLOT_DONE,		/* a complete document: nothing may follow */
	JSON_SLOT_LOST,		/* nesting too deep to follow */
};

/* A guard forwarding to sink (not owned). NULL with errno set on failure. */
struct json_guard *json_guard_new(FILE *sink);

/* The stream to write the JSON document to. */
FILE *json_guard_stream(struct json_guard *g);

/* Flush the stream into the sink and tell where the document stands. */
enum json_slot json_guard_slot(struct json_guard *g);

/* Flush, close the stream and free. Returns 0 or -EIO if a write failed. */
int json_guard_free(struct json_guard *g);

#endif /* __BPFCTL_JSON_GUARD_H */
