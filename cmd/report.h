/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Messages to the user: the error of the running command (recorded here,
 * emitted once by the output layer when the command has failed), warnings,
 * information and debug lines on stderr, and the library's log, whose last
 * warning explains a failed library call.
 */
#ifndef __BPFCTL_REPORT_H
#define __BPFCTL_REPORT_H

#include <stdbool.h>

/* Install the library log callback; debug shows the library's INFO/DEBUG lines. */
void report_init(bool debug);

/*
 * Record the error of the running command. The first error recorded is
 * kept (it is the closest to the cause); later ones show only with -d.
 */
__attribute__((format(printf, 1, 2)))
void p_err(const char *fmt, ...);

/* Prefix the recorded error, e.g. with "line 3: " in batch mode. */
__attribute__((format(printf, 1, 2)))
void report_prefix_error(const char *fmt, ...);

/*
 * Take the recorded error (NULL if none); the caller frees it. Out of
 * memory, it returns a fixed message rather than NULL, so use
 * report_free_error() to release it.
 */
char *report_take_error(void);
void report_free_error(char *msg);

/* "Warning: ..." on stderr, at once. */
__attribute__((format(printf, 1, 2)))
void p_warn(const char *fmt, ...);

/* Information on stderr, at once. */
__attribute__((format(printf, 1, 2)))
void p_info(const char *fmt, ...);

/* A debug line on stderr, with -d only. */
__attribute__((format(printf, 1, 2)))
void p_debug(const char *fmt, ...);

/*
 * Before a library call and after a command: show a library warning still pending from an
 * earlier, successful call as a warning, so that it can't be mistaken for
 * the reason of the next failure.
 */
void lib_flush(void);

/*
 * After a failed library call: the reason the library gave (its last
 * warning), or strerror() of err (an errno, either sign) if it gave none.
 * The string lives until the next call.
 */
const char *lib_reason(int err);

#endif /* __BPFCTL_REPORT_H */
