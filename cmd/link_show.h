/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * "bpfctl link show|list [LINK]" (link_show.c).
 */
#ifndef __BPFCTL_LINK_SHOW_H
#define __BPFCTL_LINK_SHOW_H

int do_link_show(int argc, char **argv);

#endif /* __BPFCTL_LINK_SHOW_H */
