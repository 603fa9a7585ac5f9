/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Keywords on the command line (objects, commands, option words, values
 * such as "raw" or "c"), matched by unique prefix, and the dispatch of a
 * command word to the function that runs it.
 */
#ifndef __BPFCTL_KEYWORD_H
#define __BPFCTL_KEYWORD_H

#include <stdbool.h>
#include <stddef.h>

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

struct keyword {
	const char *name;
	/* shortest abbreviation accepted; 0 means any non-empty prefix */
	unsigned int min_len;
	/*
	 * Matched, so that abbreviations keep their meaning when it becomes
	 * available, but not offered in the lists of valid keywords.
	 */
	bool reserved;
};

/*
 * Match arg against the count entries of table, stride bytes apart, each
 * starting with a struct keyword. An exact match wins; otherwise arg must be
 * an accepted abbreviation of exactly one entry. Returns the entry's index,
 * or -EINVAL after reporting an error that names arg, calls it a "what"
 * ("btf command", "format", ...) and lists the candidates.
 */
int keyword_match(const char *arg, const void *table, size_t stride, size_t count,
		  const char *what);

#define KEYWORD_MATCH(arg, table, what) \
	keyword_match(arg, table, sizeof((table)[0]), ARRAY_SIZE(table), what)

/*
 * A command word and the function that runs it with the words after it;
 * for an object, also its command table (for completion).
 */
struct cmd {
	struct keyword kw;
	int (*fn)(int argc, char **argv);
	const struct cmd *(*commands)(size_t *cnt);
};

/*
 * Run the command that argv[0] names in cmds (argc must be at least 1);
 * "-h" and "--help" there name the "help" command, if cmds has one.
 * what names the position in messages ("object", "btf command").
 * Returns the command's result, or a negative errno after reporting why
 * no command could run.
 */
int cmd_dispatch(const struct cmd *cmds, size_t count, const char *what, int argc, char **argv);

#define CMD_DISPATCH(cmds, what, argc, argv) \
	cmd_dispatch(cmds, ARRAY_SIZE(cmds), what, argc, argv)

/*
 * An object's entry points over its command table: do_NAME runs the
 * command argv[0] names (on_empty when there is none, as bpftool shows or
 * helps), NAME_commands gives the table to completion.
 */
#define DEFINE_OBJECT(name, table, on_empty)					\
const struct cmd *name##_commands(size_t *cnt)					\
{										\
	*cnt = ARRAY_SIZE(table);						\
	return table;								\
}										\
										\
int do_##name(int argc, char **argv)						\
{										\
	if (!argc)								\
		return on_empty(0, argv);					\
	return CMD_DISPATCH(table, #name " command", argc, argv);		\
}

/*
 * The word after keyword, which needs a value described by what ("a FILE"):
 * returns it, or NULL after reporting that it is missing.
 */
const char *keyword_value(int argc, char **argv, const char *keyword, const char *what);

/* 0 if no words are left after the command "after", else -EINVAL, reported. */
int expect_no_more_args(int argc, char **argv, const char *after);

#endif /* __BPFCTL_KEYWORD_H */
