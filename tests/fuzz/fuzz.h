/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What every fuzz harness under tests/fuzz/ shares. A harness is one file,
 * fuzz_NAME.c, that defines LLVMFuzzerTestOneInput() (and may define
 * LLVMFuzzerInitialize()). It is built twice:
 *
 * - by `make fuzz`, with clang's libFuzzer, ASan and UBSan, into
 *   build-fuzz/fuzz/NAME, and run for FUZZ_SECONDS on its seed corpus;
 * - by `make`, with replay.c's main(), into $(BUILD)/tests/test_fuzz_NAME,
 *   which `make check` runs: it replays every input kept under
 *   tests/fuzz/regress/NAME/ and tests/fuzz/corpus/NAME/ as a TAP stream.
 *
 * A harness must be deterministic, leak nothing, print nothing and keep no
 * state between inputs. The library's log is silenced before either main()
 * runs (fuzz_quiet below).
 */
#ifndef __BPFCTL_FUZZ_H
#define __BPFCTL_FUZZ_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <bpf/libbpf.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* The largest allocation a harness may make, in MiB: more is a finding. */
#define FUZZ_MALLOC_LIMIT_MB	512

/* A libbpf_print_fn_t that drops everything (libbpf_set_print(fuzz_quiet_log)). */
static inline int fuzz_quiet_log(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	(void)level;
	(void)fmt;
	(void)ap;
	return 0;
}

/* Both mains (libFuzzer's, replay.c's) run harnesses with the log off. */
__attribute__((constructor)) static void fuzz_quiet(void)
{
	libbpf_set_print(fuzz_quiet_log);
}

/* Source tree paths are relative to the project root: both runners cd there. */
#define FUZZ_FIXTURE(name) "tests/fixtures/" name

#endif /* __BPFCTL_FUZZ_H */
