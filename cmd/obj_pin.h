/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The "pin" command every object has: "OBJECT pin SELECTOR FILE".
 */
#ifndef __BPFCTL_OBJ_PIN_H
#define __BPFCTL_OBJ_PIN_H

#include "object.h"

/*
 * Pin the one object of kind that argv selects at the FILE after the
 * selector (on bpffs, never over an existing path; bpffs mounted at
 * /sys/fs/bpf unless -n). object names the command in messages ("link").
 * Prints null in JSON mode. Returns 0 or -errno, reported.
 */
int obj_pin_command(enum obj_kind kind, const char *object, int argc, char **argv);

#endif /* __BPFCTL_OBJ_PIN_H */
