/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Where command output goes: stdout, or with -o FILE a temporary file next
 * to FILE that replaces it only when the command succeeded. In JSON mode it
 * also owns the JSON writer and makes sure stdout ends up holding exactly
 * one valid JSON document, the error object included.
 */
#ifndef __BPFCTL_OUTPUT_H
#define __BPFCTL_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>

#include "json_guard.h"

struct json_writer;

/* Exit status of a failed command, as bpftool's. */
#define EXIT_ERROR 255

struct output_opts {
	bool json;
	bool pretty;
	const char *path;	/* -o FILE, or NULL for stdout */
};

/*
 * Prepare the output. Returns 0, or a negative errno after recording an
 * error; out_close() must be called either way.
 */
int out_open(const struct output_opts *opts);

/* The stream command output is written to. */
FILE *out_stream(void);

/* The JSON writer in JSON mode, NULL in text mode. */
struct json_writer *out_json(void);

/*
 * JSON mode: switch to JSON lines, for commands that stream (map tail).
 * The command writes one compact JSON document per line itself to the
 * returned stream (unguarded, for throughput; -p does not apply), and no
 * "null" is added when it wrote none. An error still goes to stdout as
 * a line of its own, {"error": ...}.
 */
FILE *out_json_lines(void);

/* Where the JSON document stands (JSON mode only). */
enum json_slot out_json_slot(void);

/* Writing the output has failed (the disk is full, stdout is closed, ...). */
bool out_write_failed(void);

/* "stdout", or the FILE of -o, for messages. */
const char *out_name(void);

/*
 * Finish: with err == 0, complete the output (close the JSON document,
 * flush, move the temporary file onto FILE); if that fails or err != 0,
 * emit the recorded error (stderr, or a JSON error object on stdout) and
 * discard the temporary file. Returns the exit status: 0 or 255.
 */
int out_close(int err);

#endif /* __BPFCTL_OUTPUT_H */
