/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The libbpf API version bpfcore follows, as libbpf's own libbpf_version.h
 * gives it: programs test these at compile time (and libbpf_major_version()
 * at run time) to pick the calls they may use.
 */
#ifndef __BPFCORE_LIBBPF_VERSION_H
#define __BPFCORE_LIBBPF_VERSION_H

#define LIBBPF_MAJOR_VERSION 1
#define LIBBPF_MINOR_VERSION 8

#endif /* __BPFCORE_LIBBPF_VERSION_H */
