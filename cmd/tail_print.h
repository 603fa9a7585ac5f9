/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The lines "map tail" prints, one per record: JSON lines with -j, else
 * readable text. Lines gather in the printer and go to the stream in
 * large writes; the caller flushes once per batch of records. Nothing is
 * allocated per record.
 *
 * JSON:  {"ts": NS, ["cpu": N,] "size": N, "value": TYPED | "data": "HEX"}
 *        {"ts": NS, "cpu": N, "lost": N}
 * text:  TIME [cpu N] size N value TYPED | data HEX BYTES
 *        TIME cpu N lost N
 * ts is the time the record was read (CLOCK_REALTIME, ns since the epoch;
 * records carry no time of their own): the clock is read once per batch
 * and after each large write, not per record. TIME is the same in UTC,
 * ISO 8601.
 *
 * "raw" records are written by tail_raw.h instead.
 */
#ifndef __BPFCTL_TAIL_PRINT_H
#define __BPFCTL_TAIL_PRINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <linux/types.h>

struct btf;
struct tail_printer;

/* A printer on f (not owned); NULL on ENOMEM, reported. */
struct tail_printer *tail_printer_new(FILE *f, bool json);

void tail_printer_free(struct tail_printer *p);

/* Write the lines gathered so far to the stream (the caller flushes it). */
void tail_printer_flush(struct tail_printer *p);

/* Read the clock: the time of the records printed from now on. */
void tail_printer_stamp(struct tail_printer *p);

/*
 * One record; cpu < 0 for ring buffers. With type_id != 0 the value is
 * printed typed, else, or if that fails, as hex. Returns 0, or the error of
 * the typed formatter (the record went out as hex).
 */
int tail_print_record(struct tail_printer *p, int cpu, const void *data, size_t size,
		      const struct btf *btf, __u32 type_id);

/* cnt records the kernel could not write into the buffer of cpu. */
void tail_print_lost(struct tail_printer *p, int cpu, __u64 cnt);

#endif /* __BPFCTL_TAIL_PRINT_H */
