/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What every "OBJECT help" command does before its usage text.
 */
#ifndef __BPFCTL_HELP_H
#define __BPFCTL_HELP_H

/*
 * Check that nothing follows the command cmd ("link help") and, in JSON
 * mode, print null as bpftool does. Returns 1 when the caller should print
 * its usage text, 0 when it is done, or -errno after reporting.
 */
int help_begin(int argc, char **argv, const char *cmd);

#endif /* __BPFCTL_HELP_H */
