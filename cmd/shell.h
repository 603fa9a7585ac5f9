/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * "bpfctl shell": the interactive prompt, and its tab completion.
 */
#ifndef __BPFCTL_SHELL_H
#define __BPFCTL_SHELL_H

#include <stdbool.h>

/*
 * The words of the command line ask for the interactive shell on a
 * terminal: none at all, or "shell". Otherwise "shell" runs through
 * do_shell(), which reads standard input as "batch file -" does.
 */
bool shell_wanted(int argc, char **argv);

/* Run the interactive shell; returns the exit status. */
int shell_interactive(int argc, char **argv);

/* Install the completion of the shell into readline. */
void shell_complete_init(void);

#endif /* __BPFCTL_SHELL_H */
