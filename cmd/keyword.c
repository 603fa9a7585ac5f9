// SPDX-License-Identifier: BSD-2-Clause
/*
 * Unique-prefix matching of keywords and dispatch of command words.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "keyword.h"
#include "privilege.h"
#include "report.h"

/* Longest list of candidates put into a message. */
#define KEYWORD_LIST_MAX 512

static const struct keyword *kw_at(const void *table, size_t stride, size_t i)
{
	return (const struct keyword *)((const char *)table + i * stride);
}

/* arg is an accepted abbreviation of kw (an exact match included) */
static bool kw_abbrev(const char *arg, const struct keyword *kw)
{
	size_t len = strlen(arg);
	size_t min = kw->min_len ? kw->min_len : 1;

	if (len < min && strcmp(arg, kw->name))
		return false;
	return len && !strncmp(arg, kw->name, len);
}

/* Append name to a ", "-separated list in buf, truncating quietly. */
static void list_add(char *buf, size_t size, const char *name)
{
	size_t used = strlen(buf);

	if (used + 1 >= size)
		return;
	snprintf(buf + used, size - used, "%s%s", used ? ", " : "", name);
}

static int kw_ambiguous(const char *arg, const void *table, size_t stride, size_t count,
			const char *what)
{
	char list[KEYWORD_LIST_MAX] = "";
	size_t i;

	for (i = 0; i < count; i++) {
		if (kw_abbrev(arg, kw_at(table, stride, i)))
			list_add(list, sizeof(list), kw_at(table, stride, i)->name);
	}
	p_err("ambiguous %s '%s': could be %s", what, arg, list);
	return -EINVAL;
}

static int kw_unknown(const char *arg, const void *table, size_t stride, size_t count,
		      const char *what)
{
	char list[KEYWORD_LIST_MAX] = "";
	size_t i;

	for (i = 0; i < count; i++) {
		if (!kw_at(table, stride, i)->reserved)
			list_add(list, sizeof(list), kw_at(table, stride, i)->name);
	}
	p_err("unknown %s '%s', expected %s%s%s%s", what, arg, count > 1 ? "one of: " : "'",
	      list, count > 1 ? "" : "'",
	      arg[0] == '-' ? " (global options go before the object)" : "");
	return -EINVAL;
}

int keyword_match(const char *arg, const void *table, size_t stride, size_t count,
		  const char *what)
{
	int found = -1, matches = 0;
	size_t i;

	for (i = 0; i < count; i++) {
		if (!strcmp(arg, kw_at(table, stride, i)->name))
			return (int)i;
	}
	for (i = 0; i < count; i++) {
		if (kw_abbrev(arg, kw_at(table, stride, i))) {
			found = (int)i;
			matches++;
		}
	}
	if (matches == 1)
		return found;
	if (matches > 1)
		return kw_ambiguous(arg, table, stride, count, what);
	return kw_unknown(arg, table, stride, count, what);
}

/* "-h" or "--help" where a command is expected: the "help" command, if any. */
static int cmd_help_index(const struct cmd *cmds, size_t count, const char *arg)
{
	size_t i;

	if (strcmp(arg, "-h") && strcmp(arg, "--help"))
		return -1;
	for (i = 0; i < count; i++) {
		if (!strcmp(cmds[i].kw.name, "help"))
			return (int)i;
	}
	return -1;
}

int cmd_dispatch(const struct cmd *cmds, size_t count, const char *what, int argc, char **argv)
{
	int i = cmd_help_index(cmds, count, argv[0]), err;

	if (i < 0)
		i = keyword_match(argv[0], cmds, sizeof(cmds[0]), count, what);
	if (i < 0)
		return i;
	if (!cmds[i].fn) {
		p_err("%s '%s' is not implemented in this version of bpfctl", what,
		      cmds[i].kw.name);
		return -EOPNOTSUPP;
	}
	err = privilege_check(what, cmds[i].kw.name, argc - 1, argv + 1);
	if (err)
		return err;
	return cmds[i].fn(argc - 1, argv + 1);
}

const char *keyword_value(int argc, char **argv, const char *keyword, const char *what)
{
	if (argc < 2) {
		p_err("missing %s after '%s'", what, keyword);
		return NULL;
	}
	return argv[1];
}

int expect_no_more_args(int argc, char **argv, const char *after)
{
	if (!argc)
		return 0;
	p_err("unexpected argument '%s' after '%s'", argv[0], after);
	return -EINVAL;
}
