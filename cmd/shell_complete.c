// SPDX-License-Identifier: BSD-2-Clause
/*
 * Tab completion in the shell: objects, their commands, and live values
 * after the keywords that take them: ids and names of loaded objects,
 * pinned paths, program and map types.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <readline/readline.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "cmd.h"
#include "object.h"
#include "shell.h"

#define WORDS_MAX	64
#define TYPES_MAX	128	/* beyond the last program and map type */
#define BPFFS_ROOT	"/sys/fs/bpf/"

/* The words before the one being completed. */
struct context {
	char *words[WORDS_MAX];
	int cnt;
	char *buf;
};

/* Candidates collected for one completion, handed out one by one. */
struct candidates {
	char **list;
	size_t cnt, cap, next;
};

/* readline's generator interface has no context argument. */
static struct candidates cands;

static void cands_reset(void)
{
	size_t i;

	for (i = 0; i < cands.cnt; i++)
		free(cands.list[i]);
	cands.cnt = cands.next = 0;
}

static void cands_add(const char *s, const char *prefix)
{
	char **list;

	if (strncmp(s, prefix, strlen(prefix)))
		return;
	if (cands.cnt == cands.cap) {
		list = realloc(cands.list, (cands.cap ? cands.cap * 2 : 32) * sizeof(*list));
		if (!list)
			return;
		cands.list = list;
		cands.cap = cands.cap ? cands.cap * 2 : 32;
	}
	cands.list[cands.cnt] = strdup(s);
	if (cands.list[cands.cnt])
		cands.cnt++;
}

static char *cands_generator(const char *text, int state)
{
	(void)text;
	if (!state)
		cands.next = 0;
	return cands.next < cands.cnt ? strdup(cands.list[cands.next++]) : NULL;
}

static void add_commands(const struct cmd *cmds, size_t cnt, const char *text)
{
	size_t i;

	for (i = 0; i < cnt; i++)
		if (!cmds[i].kw.reserved && cmds[i].fn)
			cands_add(cmds[i].kw.name, text);
}

static bool kind_of(const char *object, enum obj_kind *kind)
{
	static const char *const names[OBJ_KIND_CNT] = {
		[OBJ_PROG] = "prog", [OBJ_MAP] = "map", [OBJ_LINK] = "link", [OBJ_BTF] = "btf",
	};
	int k;

	for (k = 0; k < OBJ_KIND_CNT; k++) {
		if (!strcmp(object, names[k])) {
			*kind = k;
			return true;
		}
	}
	return false;
}

struct live {
	enum obj_kind kind;
	bool names;
	const char *text;
};

static int add_live(int fd, __u32 id, void *ctx)
{
	struct live *l = ctx;
	union {
		struct bpf_prog_info prog;
		struct bpf_map_info map;
	} info;
	__u32 len = sizeof(info);
	char buf[16];

	if (!l->names) {
		snprintf(buf, sizeof(buf), "%u", id);
		cands_add(buf, l->text);
		return 0;
	}
	memset(&info, 0, sizeof(info));
	if (!bpf_obj_get_info_by_fd(fd, &info, &len))
		cands_add(l->kind == OBJ_PROG ? info.prog.name : info.map.name, l->text);
	return 0;
}

static void add_types(const char *object, const char *text)
{
	const char *name;
	int t;

	for (t = 0; t < TYPES_MAX; t++) {
		name = !strcmp(object, "map") ? libbpf_bpf_map_type_str(t) :
						libbpf_bpf_prog_type_str(t);
		if (name)
			cands_add(name, text);
	}
}

/* Values after the keyword prev; false if prev takes none we know. */
static bool add_values(const struct context *c, const char *prev, const char *text)
{
	struct live l = { .text = text };

	if (!kind_of(c->words[0], &l.kind))
		return false;
	if (!strcmp(prev, "id") || (!strcmp(prev, "name") && l.kind <= OBJ_MAP)) {
		l.names = !strcmp(prev, "name");
		obj_for_each(l.kind, add_live, &l);
		return true;
	}
	if (!strcmp(prev, "type") && l.kind <= OBJ_MAP) {
		add_types(c->words[0], text);
		return true;
	}
	return false;
}

/* Words after which a path goes. */
static bool wants_path(const char *prev)
{
	static const char *const words[] = {
		"pinned", "file", "pinmaps", "data_in", "data_out", "ctx_in", "ctx_out",
		"kernel_btf", "btf", "load", "loadall", "pin", "create",
	};
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (!strcmp(prev, words[i]))
			return true;
	return false;
}

static void split_context(struct context *c)
{
	char *save, *w;

	c->cnt = 0;
	c->buf = strndup(rl_line_buffer, rl_point);
	if (!c->buf)
		return;
	for (w = strtok_r(c->buf, " \t", &save); w && c->cnt < WORDS_MAX;
	     w = strtok_r(NULL, " \t", &save))
		c->words[c->cnt++] = w;
	/* the word under the cursor is not context */
	if (c->cnt && rl_point > 0 && rl_line_buffer[rl_point - 1] != ' ')
		c->cnt--;
}

static char **complete(const char *text, int start, int end)
{
	const struct cmd *cmds;
	struct context c;
	char **matches = NULL;
	size_t cnt;

	(void)start;
	(void)end;
	rl_attempted_completion_over = 1;
	cands_reset();
	split_context(&c);
	if (!c.buf)
		return NULL;
	if (c.cnt == 0) {
		cmds = cmd_objects(&cnt);
		add_commands(cmds, cnt, text);
		cands_add("set", text);
		cands_add("quit", text);
	} else if (c.cnt == 1 && !strcmp(c.words[0], "set")) {
		cands_add("json", text);
		cands_add("pretty", text);
	} else if (c.cnt == 2 && !strcmp(c.words[0], "set")) {
		cands_add("on", text);
		cands_add("off", text);
	} else if (c.cnt == 1 && (cmds = cmd_object_commands(c.words[0], &cnt))) {
		add_commands(cmds, cnt, text);
	} else if (!add_values(&c, c.words[c.cnt - 1], text) && wants_path(c.words[c.cnt - 1])) {
		/* readline completes file names itself, from /sys/fs/bpf for pins */
		rl_attempted_completion_over = 0;
		if (!*text && !strcmp(c.words[c.cnt - 1], "pinned"))
			rl_insert_text(BPFFS_ROOT);
	}
	free(c.buf);
	if (cands.cnt)
		matches = rl_completion_matches(text, cands_generator);
	return matches;
}

void shell_complete_init(void)
{
	rl_readline_name = BIN_NAME;
	rl_attempted_completion_function = complete;
}

const struct cmd *cmd_object_commands(const char *object, size_t *cnt)
{
	const struct cmd *objs = cmd_objects(cnt);
	size_t i, n = *cnt;

	for (i = 0; i < n; i++)
		if (objs[i].commands && !strcmp(objs[i].kw.name, object))
			return objs[i].commands(cnt);
	return NULL;
}
