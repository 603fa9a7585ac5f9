// SPDX-License-Identifier: BSD-2-Clause
/*
 * One USDT program whose SEC() target the test chooses: usdt_target.h
 * defines USDT_SPEC ("BINARY:PROVIDER:NAME"); with USDT_NO_MAPS the
 * program does not include <bpf/usdt.bpf.h> and has no spec map.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#ifndef USDT_NO_MAPS
#include <bpf/usdt.bpf.h>
#endif

#include "usdt_target.h"

long long hits;

SEC("usdt/" USDT_SPEC)
int usdt_one(void *ctx)
{
	hits++;
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
