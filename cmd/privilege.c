// SPDX-License-Identifier: BSD-2-Clause
/*
 * Capabilities per command. The kernel's rules: any bpf(2) use needs
 * CAP_BPF or CAP_SYS_ADMIN unless unprivileged BPF is enabled; walking or
 * opening objects by id (show, and the id/name/tag selectors) needs
 * CAP_SYS_ADMIN; attaching to networking hooks needs CAP_NET_ADMIN, and
 * to perf events CAP_PERFMON (or CAP_SYS_ADMIN).
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/capability.h>

#include "privilege.h"
#include "report.h"

enum need {
	NEED_BPF,	/* CAP_BPF or CAP_SYS_ADMIN */
	NEED_IDS,	/* CAP_SYS_ADMIN unless a pinned path selects the object */
	NEED_NET,	/* NEED_BPF and CAP_NET_ADMIN */
	NEED_PERF,	/* CAP_PERFMON or CAP_SYS_ADMIN, and NEED_IDS */
};

struct rule {
	const char *object;	/* as in "<object> command" */
	const char *command;	/* NULL: every command of the object */
	enum need need;
};

/* First match wins; commands not listed need nothing (help, btf dump file, gen). */
static const struct rule rules[] = {
	{ "btf", "show", NEED_IDS },
	{ "btf", "list", NEED_IDS },
	{ "btf", "dump", NEED_IDS },
	{ "prog", "load", NEED_BPF },
	{ "prog", "loadall", NEED_BPF },
	{ "prog", NULL, NEED_IDS },
	{ "map", "create", NEED_BPF },
	{ "map", NULL, NEED_IDS },
	{ "link", NULL, NEED_IDS },
	{ "cgroup", NULL, NEED_NET },
	{ "net", NULL, NEED_NET },
	{ "perf", NULL, NEED_PERF },
};

static bool has_cap(cap_t caps, cap_value_t cap)
{
	cap_flag_value_t v = CAP_CLEAR;

	return caps && !cap_get_flag(caps, cap, CAP_EFFECTIVE, &v) && v == CAP_SET;
}

/* The words hold word: "btf dump file F" and "... pinned F" open nothing by id. */
static bool has_word(int argc, char **argv, const char *word)
{
	int i;

	for (i = 0; i < argc; i++)
		if (!strcmp(argv[i], word))
			return true;
	return false;
}

static int unprivileged_bpf_allowed(void)
{
	FILE *f = fopen("/proc/sys/kernel/unprivileged_bpf_disabled", "r");
	int v = 1;

	if (f) {
		if (fscanf(f, "%d", &v) != 1)
			v = 1;
		fclose(f);
	}
	return v == 0;
}

static const struct rule *find_rule(const char *object, const char *command)
{
	size_t i;

	for (i = 0; i < sizeof(rules) / sizeof(rules[0]); i++)
		if (!strcmp(rules[i].object, object) &&
		    (!rules[i].command || !strcmp(rules[i].command, command)))
			return &rules[i];
	return NULL;
}

static int check(cap_t caps, const struct rule *r, const char *command, int argc, char **argv)
{
	bool admin = has_cap(caps, CAP_SYS_ADMIN), bpf = admin || has_cap(caps, CAP_BPF);
	enum need need = r->need;

	if (need == NEED_IDS && !strcmp(r->object, "btf") && has_word(argc, argv, "file"))
		return 0;	/* a file: no bpf(2) at all */
	if (need == NEED_IDS && has_word(argc, argv, "pinned"))
		need = NEED_BPF;
	if (need == NEED_IDS && !admin) {
		p_err("%s %s needs CAP_SYS_ADMIN to reach objects by id; this process lacks it%s",
		      r->object, command,
		      strcmp(r->object, "btf") ? " (a 'pinned FILE' selector needs only CAP_BPF)" : "");
		return -EPERM;
	}
	if (!bpf && !unprivileged_bpf_allowed()) {
		p_err("%s %s needs CAP_BPF or CAP_SYS_ADMIN; this process has neither",
		      r->object, command);
		return -EPERM;
	}
	if (need == NEED_NET && !has_cap(caps, CAP_NET_ADMIN)) {
		p_err("%s %s needs CAP_NET_ADMIN; this process lacks it", r->object, command);
		return -EPERM;
	}
	if (need == NEED_PERF && !admin && !has_cap(caps, CAP_PERFMON)) {
		p_err("%s %s needs CAP_PERFMON or CAP_SYS_ADMIN; this process has neither",
		      r->object, command);
		return -EPERM;
	}
	return 0;
}

int privilege_check(const char *what, const char *name, int argc, char **argv)
{
	const char *suffix = " command";
	size_t len = strlen(what), slen = strlen(suffix);
	char object[32];
	const struct rule *r;
	cap_t caps;
	int err;

	if (!strcmp(name, "help") || len <= slen || len - slen >= sizeof(object) ||
	    strcmp(what + len - slen, suffix))
		return 0;
	snprintf(object, sizeof(object), "%.*s", (int)(len - slen), what);
	r = find_rule(object, name);
	if (!r)
		return 0;
	caps = cap_get_proc();
	err = check(caps, r, name, argc, argv);
	if (caps)
		cap_free(caps);
	return err;
}

/* What a bpf(2) user may hold: bpftool's list for feature probes. */
static const cap_value_t bpf_caps[BPF_CAPS_CNT] = {
	CAP_SYS_ADMIN, CAP_BPF, CAP_NET_ADMIN, CAP_PERFMON
};
static const char *const bpf_cap_names[BPF_CAPS_CNT] = {
	"CAP_SYS_ADMIN", "CAP_BPF", "CAP_NET_ADMIN", "CAP_PERFMON"
};

/* Set (CAP_SET) or clear the given capabilities in the effective set. */
static int set_effective(const cap_value_t *list, int cnt, cap_flag_value_t value)
{
	cap_t caps = cap_get_proc();
	int err = 0;

	if (!caps || cap_set_flag(caps, CAP_EFFECTIVE, cnt, list, value) || cap_set_proc(caps))
		err = -errno;
	if (caps)
		cap_free(caps);
	return err;
}

int privilege_feature_probe(bool unprivileged, struct cap_drop *dropped)
{
	char missing[80] = "";
	cap_t caps = cap_get_proc();
	size_t i;
	int err;

	dropped->cnt = 0;
	if (!caps) {
		err = -errno;
		p_err("can't read the capabilities of this process: %s", strerror(-err));
		return err;
	}
	for (i = 0; i < BPF_CAPS_CNT; i++) {
		if (has_cap(caps, bpf_caps[i]))
			dropped->caps[dropped->cnt++] = bpf_caps[i];
		else
			snprintf(missing + strlen(missing), sizeof(missing) - strlen(missing),
				 "%s%s", *missing ? ", " : "", bpf_cap_names[i]);
	}
	cap_free(caps);
	if (!unprivileged) {
		dropped->cnt = 0;
		if (!*missing)
			return 0;
		p_err("feature probe needs %s for a full probe; run as root or add 'unprivileged'",
		      missing);
		return -EPERM;
	}
	err = dropped->cnt ? set_effective(dropped->caps, dropped->cnt, CAP_CLEAR) : 0;
	if (err) {
		dropped->cnt = 0;
		p_err("can't drop capabilities for unprivileged probing: %s", strerror(-err));
	}
	return err;
}

void privilege_restore(const struct cap_drop *dropped)
{
	int err;

	if (!dropped->cnt)
		return;
	/* only the effective set was cleared: the permitted set allows this */
	err = set_effective(dropped->caps, dropped->cnt, CAP_SET);
	if (err)
		p_warn("can't restore the capabilities dropped for probing: %s", strerror(-err));
}
