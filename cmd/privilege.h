/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The capabilities a command needs, checked before it runs, so that a
 * missing one is named ("map dump needs CAP_BPF or CAP_SYS_ADMIN; this
 * process has neither") instead of surfacing as a bare EPERM halfway.
 */
#ifndef __BPFCTL_PRIVILEGE_H
#define __BPFCTL_PRIVILEGE_H

#include <stdbool.h>
#include <sys/capability.h>

/*
 * Check the capabilities of the command name, matched at the dispatch
 * position what ("map command"), with the words after it. Commands not
 * listed need none. Returns 0, or -EPERM with the error recorded.
 */
int privilege_check(const char *what, const char *name, int argc, char **argv);

#define BPF_CAPS_CNT 4

/* The capabilities an unprivileged feature probe dropped, to restore. */
struct cap_drop {
	cap_value_t caps[BPF_CAPS_CNT];
	int cnt;
};

/*
 * Capabilities for "feature probe": without unprivileged, every one of
 * CAP_SYS_ADMIN, CAP_BPF, CAP_NET_ADMIN and CAP_PERFMON must be held
 * (else -EPERM, reported, naming the missing ones); with it, those held
 * are dropped from the effective set (and listed in dropped) so that the
 * probes see what an unprivileged user gets. Returns 0 or -errno, reported.
 */
int privilege_feature_probe(bool unprivileged, struct cap_drop *dropped);

/*
 * Raise again what privilege_feature_probe() dropped, so that the next
 * commands of a batch or shell session keep their capabilities.
 */
void privilege_restore(const struct cap_drop *dropped);

#endif /* __BPFCTL_PRIVILEGE_H */
