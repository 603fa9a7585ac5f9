// SPDX-License-Identifier: BSD-2-Clause
/*
 * "bpfctl batch file FILE": one command per line, split into words the way
 * a shell would ('single' and "double" quotes, backslash escapes, a
 * backslash at the end of a line continuing the command on the next one,
 * '#' starting a comment where a word could start). Stops at the first
 * failing command. In JSON mode the output is one array of
 * {"command": [words], "output": <the command's JSON>}.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "cmd.h"
#include "json_writer.h"
#include "output.h"
#include "report.h"

#define BATCH_LINE_MAX	65536	/* bytes of a command, continuation lines included */
#define BATCH_ARGS_MAX	4096	/* words of a command */

enum { SPLIT_DONE, SPLIT_MORE };

struct batch {
	FILE *f;
	const char *path;
	char *line;		/* the physical line being split */
	char *words;		/* the words of the command, each NUL-terminated */
	size_t len;		/* bytes used in words */
	char **argv;
	int argc;
	bool in_word;
	char quote;		/* '\'' or '"' inside quotes, else 0 */
	unsigned int lineno;	/* last line read */
	unsigned int first;	/* line the command starts on */
	unsigned int commands;	/* commands run */
};

static const struct keyword batch_keywords[] = {
	{ "file" },
};

static int put_char(struct batch *b, char c)
{
	if (b->len >= BATCH_LINE_MAX) {
		p_err("line %u: command longer than %d bytes", b->first, BATCH_LINE_MAX);
		return -E2BIG;
	}
	b->words[b->len++] = c;
	return 0;
}

static int word_start(struct batch *b)
{
	if (b->in_word)
		return 0;
	if (b->argc >= BATCH_ARGS_MAX) {
		p_err("line %u: command has more than %d words", b->first, BATCH_ARGS_MAX);
		return -E2BIG;
	}
	b->in_word = true;
	b->argc++;
	return 0;
}

static int word_end(struct batch *b)
{
	if (!b->in_word)
		return 0;
	b->in_word = false;
	return put_char(b, '\0');
}

/* The character after a backslash: literal, except in double quotes. */
static int put_escaped(struct batch *b, char c)
{
	int err = word_start(b);

	if (!err && b->quote == '"' && c != '"' && c != '\\')
		err = put_char(b, '\\');
	return err ? err : put_char(b, c);
}

static int put_plain(struct batch *b, char c)
{
	if (c == '\'' || c == '"') {
		b->quote = c;
		return word_start(b);
	}
	if (c == ' ' || c == '\t' || c == '\r')
		return word_end(b);
	return word_start(b) ? : put_char(b, c);
}

/* Split a physical line of len bytes: SPLIT_DONE, SPLIT_MORE or -errno. */
static int split_line(struct batch *b, size_t len)
{
	const char *line = b->line;
	size_t i;
	int err = 0;

	for (i = 0; i < len && !err; i++) {
		char c = line[i];

		if (b->quote && c == b->quote)
			b->quote = 0;
		else if (b->quote == '\'')
			err = put_char(b, c);
		else if (c == '\\' && i + 1 == len)
			return SPLIT_MORE;
		else if (c == '\\')
			err = put_escaped(b, line[++i]);
		else if (b->quote)
			err = put_char(b, c);
		else if (c == '#' && !b->in_word)
			break;
		else
			err = put_plain(b, c);
	}
	if (err)
		return err;
	if (b->quote) {
		p_err("line %u: unterminated %s quote", b->lineno,
		      b->quote == '"' ? "double" : "single");
		return -EINVAL;
	}
	return word_end(b) ? : SPLIT_DONE;
}

/* Read a line, without its '\n', into b->line: 1, 0 at the end, or -errno. */
static int read_line(struct batch *b, size_t *len)
{
	size_t n = 0;
	int c;

	while ((c = getc(b->f)) != EOF && c != '\n') {
		if (n == BATCH_LINE_MAX) {
			p_err("line %u: longer than %d bytes", b->lineno + 1, BATCH_LINE_MAX);
			return -E2BIG;
		}
		if (!c) {
			p_err("line %u: contains a NUL byte", b->lineno + 1);
			return -EINVAL;
		}
		b->line[n++] = (char)c;
	}
	if (ferror(b->f)) {
		p_err("can't read batch file '%s': %s", b->path, strerror(errno));
		return -EIO;
	}
	if (c == EOF && !n)
		return 0;
	if (n && b->line[n - 1] == '\r')	/* CRLF line ends */
		n--;
	b->lineno++;
	*len = n;
	return 1;
}

/* Read lines up to a complete, non-empty command: 1, 0 at the end, or -errno. */
static int next_command(struct batch *b)
{
	int ret, split = SPLIT_DONE;
	size_t len;

	b->len = 0;
	b->argc = 0;
	do {
		ret = read_line(b, &len);
		if (ret <= 0) {
			if (!ret && split == SPLIT_MORE) {
				p_err("line %u: the last line ends with a backslash", b->lineno);
				return -EINVAL;
			}
			return ret;
		}
		if (split == SPLIT_DONE)
			b->first = b->lineno;
		split = split_line(b, len);
		if (split < 0)
			return split;
	} while (split == SPLIT_MORE || !b->argc);
	return 1;
}

static void make_argv(struct batch *b)
{
	char *p = b->words;
	int i;

	for (i = 0; i < b->argc; i++) {
		b->argv[i] = p;
		p += strlen(p) + 1;
	}
	b->argv[b->argc] = NULL;
}

static void json_command_start(struct json_writer *jw, struct batch *b)
{
	int i;

	jsonw_start_object(jw);
	jsonw_name(jw, "command");
	jsonw_start_array(jw);
	for (i = 0; i < b->argc; i++)
		jsonw_string(jw, b->argv[i]);
	jsonw_end_array(jw);
	jsonw_name(jw, "output");
}

static int run_command(struct batch *b)
{
	struct json_writer *jw = out_json();
	int err;

	/* an error recorded by a command that then succeeded is not this one's */
	report_free_error(report_take_error());
	make_argv(b);
	if (jw)
		json_command_start(jw, b);
	err = run_object(b->argc, b->argv);
	lib_flush();
	if (err) {
		report_prefix_error("line %u: ", b->first);
		return err;
	}
	if (jw) {
		/* every command has an output, if only null */
		if (out_json_slot() == JSON_SLOT_VALUE)
			jsonw_null(jw);
		jsonw_end_object(jw);
	}
	b->commands++;
	return 0;
}

static int run_batch(struct batch *b)
{
	int ret;

	if (out_json())
		jsonw_start_array(out_json());
	while ((ret = next_command(b)) > 0) {
		ret = run_command(b);
		if (ret)
			return ret;
	}
	if (ret)
		return ret;
	if (out_json())
		jsonw_end_array(out_json());
	else
		p_info("processed %u commands", b->commands);
	return 0;
}

struct command_words {
	struct batch b;
};

struct command_words *command_words_split(const char *line, int *argc, char ***argv)
{
	struct command_words *w = calloc(1, sizeof(*w));
	size_t len = strlen(line);
	int ret = -ENOMEM;

	if (!w)
		goto fail;
	w->b.path = "-";
	w->b.lineno = w->b.first = 1;
	w->b.line = strdup(line);
	w->b.words = malloc(BATCH_LINE_MAX);
	w->b.argv = calloc(BATCH_ARGS_MAX + 1, sizeof(*w->b.argv));
	if (!w->b.line || !w->b.words || !w->b.argv)
		goto fail;
	if (len > BATCH_LINE_MAX) {
		p_err("command longer than %d bytes", BATCH_LINE_MAX);
		ret = -E2BIG;
		goto fail;
	}
	ret = split_line(&w->b, len);
	if (ret == SPLIT_MORE) {
		p_err("the command ends with a backslash");
		ret = -EINVAL;
	}
	if (ret < 0)
		goto fail;
	make_argv(&w->b);
	*argc = w->b.argc;
	*argv = w->b.argv;
	return w;
fail:
	if (ret == -ENOMEM)
		p_err("can't split the command: %s", strerror(ENOMEM));
	command_words_free(w);
	errno = -ret;
	return NULL;
}

void command_words_free(struct command_words *w)
{
	if (!w)
		return;
	free(w->b.argv);
	free(w->b.words);
	free(w->b.line);
	free(w);
}

static int batch_file(const char *path)
{
	struct batch b = { .path = path };
	int err = -ENOMEM;

	b.line = malloc(BATCH_LINE_MAX);
	b.words = malloc(BATCH_LINE_MAX);
	b.argv = calloc(BATCH_ARGS_MAX + 1, sizeof(*b.argv));
	if (!b.line || !b.words || !b.argv) {
		p_err("can't run batch file '%s': %s", path, strerror(ENOMEM));
		goto out_free;
	}
	b.f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	if (!b.f) {
		err = -errno;
		p_err("can't open batch file '%s': %s", path, strerror(errno));
		goto out_free;
	}
	err = run_batch(&b);
	if (b.f != stdin)
		fclose(b.f);
out_free:
	free(b.argv);
	free(b.words);
	free(b.line);
	return err;
}

int do_batch(int argc, char **argv)
{
	static bool running;
	const char *path;
	int err;

	if (running) {
		p_err("a batch file can't run another batch");
		return -EINVAL;
	}
	if (!argc) {
		p_err("missing 'file FILE' after 'batch'");
		return -EINVAL;
	}
	err = KEYWORD_MATCH(argv[0], batch_keywords, "batch keyword");
	if (err < 0)
		return err;
	path = keyword_value(argc, argv, "file", "FILE (or - for stdin)");
	if (!path)
		return -EINVAL;
	err = expect_no_more_args(argc - 2, argv + 2, "batch file FILE");
	if (err)
		return err;
	running = true;
	err = batch_file(path);
	running = false;
	return err;
}
