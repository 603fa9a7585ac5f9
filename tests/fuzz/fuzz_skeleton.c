// SPDX-License-Identifier: BSD-2-Clause
/*
 * "bpfctl gen skeleton" and "gen subskeleton" of a BPF ELF object, written
 * to /dev/null: the object opened from memory as cmd/gen.c does, its maps,
 * programs and typed data sections collected, both headers written; then
 * the light skeleton ("gen skeleton -L"), whose loader program recording
 * links and relocates the programs (last: it loads the object).
 */
#include <stdio.h>

#include <bpf/libbpf.h>

#include "cmd.h"
#include "fuzz.h"
#include "gen_skel.h"
#include "report.h"

struct cli_options cli;

static FILE *devnull;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	devnull = fopen("/dev/null", "w");
	if (!devnull)
		return -1;
	/* cmd/ warns on stderr; the sanitizers write to fd 2, not through stderr */
	stderr = devnull;
	return 0;
}

static void generate(struct bpf_object *obj, const uint8_t *data, size_t size,
		     int (*write)(const struct gen_object *g))
{
	struct gen_object g = {
		.name = "fuzz", .guard = "__FUZZ_SKEL_H__", .file = "fuzz.o",
		.bytes = data, .size = size, .obj = obj, .out = devnull,
	};

	if (!gen_collect(&g))
		write(&g);
	gen_release(&g);
	report_free_error(report_take_error());
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	LIBBPF_OPTS(bpf_object_open_opts, opts, .object_name = "fuzz");
	struct bpf_object *obj;

	obj = bpf_object__open_mem(data, size, &opts);
	if (!obj)
		return 0;
	generate(obj, data, size, gen_skeleton_write);
	generate(obj, data, size, gen_subskeleton_write);
	generate(obj, data, size, gen_light_skeleton_write);
	bpf_object__close(obj);
	return 0;
}
