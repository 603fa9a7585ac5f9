// SPDX-License-Identifier: BSD-2-Clause
/*
 * USDT probe sites of an ELF binary: the notes of .note.stapsdt walked
 * and decoded, their addresses mapped to file offsets through the program
 * headers (usdt_sites_find_mem()), then each site's argument specs parsed
 * for the binary's machine. The input is also decoded as one note
 * description on its own (usdt_note_parse()).
 */
#include <elf.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "usdt.h"

/* The probes of tests/helpers/usdt_target, which the seeds come from. */
static const char *const probes[] = { "twice", "tick", "mixed", "none", "global", "gated" };

static volatile unsigned long sink;

static void sites_of(void *image, size_t size, const char *name)
{
	struct usdt_sites sites;
	struct usdt_spec spec;
	size_t i;

	if (usdt_sites_find_mem(image, size, "bpfctl_test", name, "fuzz", &sites))
		return;
	for (i = 0; i < sites.cnt; i++) {
		sink += sites.v[i].offset + sites.v[i].sema_offset;
		memset(&spec, 0, sizeof(spec));
		if (!usdt_parse_args(sites.machine, sites.v[i].args, &spec, "fuzz"))
			sink += spec.arg_cnt;
	}
	usdt_sites_free(&sites);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct usdt_note note;
	void *image;
	size_t i;

	if (!usdt_note_parse(data, size, &note))
		sink += strlen(note.provider) + strlen(note.name) + strlen(note.args);
	/* libelf wants a writable image; it is not written to */
	image = malloc(size ? size : 1);
	if (!image)
		return 0;
	memcpy(image, data, size);
	for (i = 0; i < sizeof(probes) / sizeof(probes[0]); i++)
		sites_of(image, size, probes[i]);
	free(image);
	return 0;
}
