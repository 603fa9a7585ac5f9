// SPDX-License-Identifier: BSD-2-Clause
/*
 * "prog attach" and "prog detach": programs that attach to a map (sockmap
 * and sockhash verdicts and parsers) or to the network namespace (flow
 * dissector), through BPF_PROG_ATTACH as bpftool does.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>

#include "cmd.h"
#include "json_writer.h"
#include "object.h"
#include "output.h"
#include "report.h"

static const struct keyword attach_types[] = {
	{ "sk_msg_verdict" },
	{ "sk_skb_verdict" },
	{ "sk_skb_stream_verdict" },
	{ "sk_skb_stream_parser" },
	{ "flow_dissector" },
};

static const enum bpf_attach_type attach_type_values[] = {
	BPF_SK_MSG_VERDICT,
	BPF_SK_SKB_VERDICT,
	BPF_SK_SKB_STREAM_VERDICT,
	BPF_SK_SKB_STREAM_PARSER,
	BPF_FLOW_DISSECTOR,
};

struct prog_target {
	int prog_fd;
	int map_fd;		/* 0 for the flow dissector: the current netns */
	int type;		/* index into attach_types */
};

/* "PROG ATTACH_TYPE [MAP]" (the MAP only for map types). */
static int parse_target(int argc, char **argv, const char *cmd, struct prog_target *t)
{
	int err;

	t->map_fd = 0;
	t->prog_fd = obj_select_one(OBJ_PROG, &argc, &argv);
	if (t->prog_fd < 0)
		return t->prog_fd;
	err = argc ? KEYWORD_MATCH(argv[0], attach_types, "attach type") : -EINVAL;
	if (!argc)
		p_err("missing ATTACH_TYPE after 'prog %s PROG'", cmd);
	if (err < 0)
		goto fail;
	t->type = err;
	argc--;
	argv++;
	if (attach_type_values[t->type] != BPF_FLOW_DISSECTOR) {
		t->map_fd = obj_select_one(OBJ_MAP, &argc, &argv);
		if (t->map_fd < 0) {
			err = t->map_fd;
			goto fail;
		}
	}
	err = expect_no_more_args(argc, argv, attach_types[t->type].name);
	if (!err)
		return 0;
	if (t->map_fd > 0)
		close(t->map_fd);
fail:
	close(t->prog_fd);
	return err;
}

static void release(struct prog_target *t)
{
	if (t->map_fd > 0)
		close(t->map_fd);
	close(t->prog_fd);
}

static int target_error(const struct prog_target *t, const char *what, int err)
{
	p_err("can't %s the program %s %s: %s", what,
	      t->map_fd ? "on the map as" : "as the network namespace's",
	      attach_types[t->type].name,
	      err == -EBUSY ? "another program is attached (detach it first)" :
	      err == -ENOENT ? "it is not attached there" : strerror(-err));
	return err;
}

int do_prog_attach(int argc, char **argv)
{
	struct prog_target t;
	int err;

	err = parse_target(argc, argv, "attach", &t);
	if (err)
		return err;
	err = bpf_prog_attach(t.prog_fd, t.map_fd, attach_type_values[t.type], 0);
	if (err)
		target_error(&t, "attach", err);
	release(&t);
	if (!err && out_json())
		jsonw_null(out_json());
	return err;
}

int do_prog_detach(int argc, char **argv)
{
	struct prog_target t;
	int err;

	err = parse_target(argc, argv, "detach", &t);
	if (err)
		return err;
	err = bpf_prog_detach2(t.prog_fd, t.map_fd, attach_type_values[t.type]);
	if (err)
		target_error(&t, "detach", err);
	release(&t);
	if (!err && out_json())
		jsonw_null(out_json());
	return err;
}
