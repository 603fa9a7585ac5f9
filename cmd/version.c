// SPDX-License-Identifier: BSD-2-Clause
/*
 * "bpfctl version": the program's version, the libbpf API level its core
 * (bpfcore, built from the same tree) implements, and its features, with
 * bpftool's JSON field names (ours added after them). Never "using libbpf":
 * no libbpf is in the binary.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <bpf/libbpf.h>

#include "cmd.h"
#include "json_writer.h"
#include "output.h"

#ifndef BPFCTL_VERSION
#define BPFCTL_VERSION "unknown"
#endif

#if defined(__SANITIZE_ADDRESS__)
#define HAVE_SANITIZERS true
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HAVE_SANITIZERS true
#endif
#endif
#ifndef HAVE_SANITIZERS
#define HAVE_SANITIZERS false
#endif

struct feature {
	const char *name;
	bool on;
};

/*
 * bpftool's features first, in its order (none of them is in bpfctl); then
 * what bpfctl has that bpftool lacks, so scripts can test for it.
 */
static const struct feature features[] = {
	{ "libbfd", false },		/* no disassembler linked in */
	{ "llvm", false },
	{ "skeletons", false },		/* no BPF skeletons built in */
	{ "bootstrap", false },
	{ "readline", true },		/* the interactive shell: history, completion */
	{ "map_tail", true },		/* ring buffers and perf arrays as events */
	{ "batch_dump", true },		/* map dump through BPF_MAP_LOOKUP_BATCH */
	{ "atomic_output", true },	/* -o FILE replaced only on success */
	{ "sanitizers", HAVE_SANITIZERS },	/* built with SANITIZE=1 */
};

/* "1.8" from "v1.8". */
static const char *lib_version_number(void)
{
	const char *v = libbpf_version_string();

	return v[0] == 'v' ? v + 1 : v;
}

static void version_json(struct json_writer *jw)
{
	size_t i;

	jsonw_start_object(jw);
	jsonw_string_field(jw, "version", BPFCTL_VERSION);
	jsonw_string_field(jw, "libbpf_version", lib_version_number());
	jsonw_name(jw, "features");
	jsonw_start_object(jw);
	for (i = 0; i < ARRAY_SIZE(features); i++)
		jsonw_bool_field(jw, features[i].name, features[i].on);
	jsonw_end_object(jw);
	jsonw_string_field(jw, "bpfcore_version", BPFCTL_VERSION);
	jsonw_end_object(jw);
}

static void version_text(FILE *f)
{
	const char *sep = " ";
	size_t i;

	fprintf(f, "%s v%s\n", BIN_NAME, BPFCTL_VERSION);
	fprintf(f, "using bpfcore v%s (libbpf API %s)\n", BPFCTL_VERSION, libbpf_version_string());
	fputs("features:", f);	/* the enabled ones, as bpftool prints them */
	for (i = 0; i < ARRAY_SIZE(features); i++) {
		if (!features[i].on)
			continue;
		fprintf(f, "%s%s", sep, features[i].name);
		sep = ", ";
	}
	fputc('\n', f);
}

int do_version(int argc, char **argv)
{
	int err = expect_no_more_args(argc, argv, "version");

	if (err)
		return err;
	if (out_json())
		version_json(out_json());
	else
		version_text(out_stream());
	return 0;
}
