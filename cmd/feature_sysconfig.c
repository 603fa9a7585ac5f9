// SPDX-License-Identifier: BSD-2-Clause
/*
 * "feature probe", the system configuration: the BPF sysctls and the
 * kernel config options that matter to BPF, with bpftool's wording for
 * each value. Sysctls have no macro form; of the config, only CONFIG_HZ
 * is worth a macro (for jiffies conversions in BPF C).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/vfs.h>

#include "feature.h"
#include "json_writer.h"
#include "kconfig.h"
#include "keyword.h"
#include "output.h"
#include "report.h"

#define PROC_MAGIC	0x9fa0	/* statfs f_type of procfs */

/* The words for the values 0, 1 and 2 of a sysctl; NULL: not defined. */
struct sysctl_probe {
	const char *json_name;
	const char *path;
	const char *says[3];
	const char *unreadable;
	const char *other[2];	/* the words before and after any other value */
};

static const struct sysctl_probe sysctls[] = {
	{ "unprivileged_bpf_disabled", "/proc/sys/kernel/unprivileged_bpf_disabled",
	  { "bpf() syscall for unprivileged users is enabled",
	    "bpf() syscall restricted to privileged users (without recovery)",
	    "bpf() syscall restricted to privileged users (admin can change)" },
	  "Unable to retrieve required privileges for bpf() syscall",
	  { "bpf() syscall restriction has unknown value ", "" } },
	{ "bpf_jit_enable", "/proc/sys/net/core/bpf_jit_enable",
	  { "JIT compiler is disabled", "JIT compiler is enabled",
	    "JIT compiler is enabled with debugging traces in kernel logs" },
	  "Unable to retrieve JIT-compiler status",
	  { "JIT-compiler status has unknown value ", "" } },
	{ "bpf_jit_harden", "/proc/sys/net/core/bpf_jit_harden",
	  { "JIT compiler hardening is disabled",
	    "JIT compiler hardening is enabled for unprivileged users",
	    "JIT compiler hardening is enabled for all users" },
	  "Unable to retrieve JIT hardening status",
	  { "JIT hardening status has unknown value ", "" } },
	{ "bpf_jit_kallsyms", "/proc/sys/net/core/bpf_jit_kallsyms",
	  { "JIT compiler kallsyms exports are disabled",
	    "JIT compiler kallsyms exports are enabled for root", NULL },
	  "Unable to retrieve JIT kallsyms export status",
	  { "JIT kallsyms exports status has unknown value ", "" } },
	{ "bpf_jit_limit", "/proc/sys/net/core/bpf_jit_limit",
	  { NULL, NULL, NULL },
	  "Unable to retrieve global memory limit for JIT compiler for unprivileged users",
	  { "Global memory limit for JIT compiler for unprivileged users is ", " bytes" } },
};

/* bpftool's list, in its order. */
static const char *const config_options[] = {
	"CONFIG_BPF", "CONFIG_BPF_SYSCALL", "CONFIG_HAVE_EBPF_JIT", "CONFIG_BPF_JIT",
	"CONFIG_BPF_JIT_ALWAYS_ON", "CONFIG_DEBUG_INFO_BTF", "CONFIG_DEBUG_INFO_BTF_MODULES",
	"CONFIG_CGROUPS", "CONFIG_CGROUP_BPF", "CONFIG_CGROUP_NET_CLASSID",
	"CONFIG_SOCK_CGROUP_DATA", "CONFIG_BPF_EVENTS", "CONFIG_KPROBE_EVENTS",
	"CONFIG_UPROBE_EVENTS", "CONFIG_TRACING", "CONFIG_FTRACE_SYSCALLS",
	"CONFIG_FUNCTION_ERROR_INJECTION", "CONFIG_BPF_KPROBE_OVERRIDE", "CONFIG_NET",
	"CONFIG_XDP_SOCKETS", "CONFIG_LWTUNNEL_BPF", "CONFIG_NET_ACT_BPF",
	"CONFIG_NET_CLS_BPF", "CONFIG_NET_CLS_ACT", "CONFIG_NET_SCH_INGRESS", "CONFIG_XFRM",
	"CONFIG_IP_ROUTE_CLASSID", "CONFIG_IPV6_SEG6_BPF", "CONFIG_BPF_LIRC_MODE2",
	"CONFIG_BPF_STREAM_PARSER", "CONFIG_NETFILTER_XT_MATCH_BPF", "CONFIG_TEST_BPF",
	"CONFIG_HZ",
};

#define MACRO_OPTION "CONFIG_HZ"

/* A sysctl as a decimal number on one line, or -1, as bpftool reads it. */
static long read_sysctl(const char *path)
{
	FILE *f = fopen(path, "r");
	char line[32], *end;
	long v;

	if (!f)
		return -1;
	if (!fgets(line, sizeof(line), f)) {
		fclose(f);
		return -1;
	}
	fclose(f);
	errno = 0;
	v = strtol(line, &end, 10);
	return errno || end == line || *end != '\n' ? -1 : v;
}

static void print_sysctl(const struct sysctl_probe *s)
{
	long v = read_sysctl(s->path);
	FILE *out = out_stream();

	if (out_json())
		jsonw_int_field(out_json(), s->json_name, v);
	else if (v == -1)
		fprintf(out, "%s\n", s->unreadable);
	else if (v >= 0 && v < 3 && s->says[v])
		fprintf(out, "%s\n", s->says[v]);
	else
		fprintf(out, "%s%ld%s\n", s->other[0], v, s->other[1]);
}

static bool procfs_mounted(void)
{
	struct statfs st;

	return !statfs("/proc", &st) && (unsigned long)st.f_type == PROC_MAGIC;
}

static void print_option(const struct feature_run *run, const char *name, const char *value)
{
	FILE *out = out_stream();

	if (out_json() && value)
		jsonw_string_field(out_json(), name, value);
	else if (out_json())
		jsonw_null_field(out_json(), name);
	else if (run->prefix && value)
		fprintf(out, "#define %s%s %s\n", run->prefix, name, value);
	else if (run->prefix)
		fprintf(out, "/* %s%s is not set */\n", run->prefix, name);
	else if (value)
		fprintf(out, "%s is set to %s\n", name, value);
	else
		fprintf(out, "%s is not set\n", name);
}

static void print_kernel_config(const struct feature_run *run)
{
	struct kconfig *kc = kconfig_new();
	size_t i;
	int err;

	if (!kc) {
		p_info("skipping kernel config: %s", strerror(ENOMEM));
		return;
	}
	lib_flush();
	err = kconfig_add_kernel(kc);
	if (err) {
		p_info("skipping kernel config, can't read it: %s", lib_reason(err));
		goto out;
	}
	for (i = 0; i < ARRAY_SIZE(config_options); i++) {
		if (run->prefix && strcmp(config_options[i], MACRO_OPTION))
			continue;
		print_option(run, config_options[i], kconfig_get(kc, config_options[i]));
	}
out:
	kconfig_free(kc);
}

void feature_system_config(const struct feature_run *run)
{
	size_t i;

	feature_section_begin(run, "system_config", "Scanning system configuration...",
			      "/*** Misc kernel config items ***/");
	if (!run->prefix && procfs_mounted()) {
		for (i = 0; i < ARRAY_SIZE(sysctls); i++)
			print_sysctl(&sysctls[i]);
	} else if (!run->prefix) {
		p_info("/* procfs not mounted, skipping related probes */");
	}
	print_kernel_config(run);
	feature_section_end(run);
}
