// SPDX-License-Identifier: BSD-2-Clause
/*
 * "bpfctl net": programs on network devices (XDP, tcx, tc filters) and on the network
 * namespace (flow dissector), shown in bpftool's layout; XDP attached
 * through rtnetlink and tcx through BPF_PROG_ATTACH, so both stay after
 * bpfctl exits.
 */
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/if_link.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "cmd.h"
#include "help.h"
#include "json_writer.h"
#include "object.h"
#include "output.h"
#include "prog_info.h"
#include "report.h"
#include "tc_filter.h"

/* Attach types newer than our UAPI headers. */
#define ATTACH_TCX_INGRESS	46
#define ATTACH_TCX_EGRESS	47
/* mprog placement flag (6.6), newer than our UAPI headers too */
#define ATTACH_F_BEFORE		(1U << 3)
#define TCX_PROGS_MAX		64

enum net_type { NET_XDP, NET_XDPGENERIC, NET_XDPDRV, NET_XDPOFFLOAD, NET_TCX_IN, NET_TCX_EG };

static const struct keyword net_types[] = {
	[NET_XDP] = { "xdp" },
	[NET_XDPGENERIC] = { "xdpgeneric" },
	[NET_XDPDRV] = { "xdpdrv" },
	[NET_XDPOFFLOAD] = { "xdpoffload" },
	[NET_TCX_IN] = { "tcx_ingress" },
	[NET_TCX_EG] = { "tcx_egress" },
};

static const __u32 xdp_mode_flags[] = {
	[NET_XDP] = 0,
	[NET_XDPGENERIC] = XDP_FLAGS_SKB_MODE,
	[NET_XDPDRV] = XDP_FLAGS_DRV_MODE,
	[NET_XDPOFFLOAD] = XDP_FLAGS_HW_MODE,
};

static bool is_tcx(enum net_type t)
{
	return t == NET_TCX_IN || t == NET_TCX_EG;
}

static __u32 tcx_attach_type(enum net_type t)
{
	return t == NET_TCX_IN ? ATTACH_TCX_INGRESS : ATTACH_TCX_EGRESS;
}

/* ---- show ---- */

static void dev_start(const struct if_nameindex *dev)
{
	struct json_writer *jw = out_json();

	if (jw) {
		jsonw_start_object(jw);
		jsonw_string_field(jw, "devname", dev->if_name);
		jsonw_uint_field(jw, "ifindex", dev->if_index);
	} else {
		fprintf(out_stream(), "%s(%u)", dev->if_name, dev->if_index);
	}
}

static void dev_end(void)
{
	if (out_json())
		jsonw_end_object(out_json());
	else
		fputc('\n', out_stream());
}

static void xdp_mode(const char *mode, __u32 id, bool own_object)
{
	struct json_writer *jw = out_json();

	if (!id)
		return;
	if (jw) {
		if (own_object)
			jsonw_start_object(jw);
		jsonw_string_field(jw, "mode", mode);
		jsonw_uint_field(jw, "id", id);
		if (own_object)
			jsonw_end_object(jw);
	} else {
		fprintf(out_stream(), " %s id %u", mode, id);
	}
}

static void show_xdp(const struct if_nameindex *dev)
{
	LIBBPF_OPTS(bpf_xdp_query_opts, q);
	bool multi;

	if (bpf_xdp_query(dev->if_index, 0, &q) || q.attach_mode == XDP_ATTACHED_NONE)
		return;
	multi = q.attach_mode == XDP_ATTACHED_MULTI;
	dev_start(dev);
	if (multi && out_json()) {
		jsonw_name(out_json(), "multi_attachments");
		jsonw_start_array(out_json());
	}
	xdp_mode("generic", q.skb_prog_id, multi);
	xdp_mode("driver", q.drv_prog_id, multi);
	xdp_mode("offload", q.hw_prog_id, multi);
	if (multi && out_json())
		jsonw_end_array(out_json());
	dev_end();
}

static void tcx_prog(const struct if_nameindex *dev, const char *kind, __u32 prog_id,
		     __u32 link_id)
{
	struct json_writer *jw = out_json();
	struct bpf_prog_info info = {};
	__u32 len = sizeof(info);
	char name[128] = "";
	int fd;

	fd = bpf_prog_get_fd_by_id(prog_id);
	if (fd >= 0 && !bpf_prog_get_info_by_fd(fd, &info, &len) && info.name[0])
		prog_full_name(fd, &info, name, sizeof(name));
	if (fd >= 0)
		close(fd);
	dev_start(dev);
	if (jw) {
		jsonw_string_field(jw, "kind", kind);
		if (name[0])
			jsonw_string_field(jw, "name", name);
		jsonw_uint_field(jw, "prog_id", prog_id);
		jsonw_name(jw, "prog_flags");
		jsonw_start_array(jw);
		jsonw_end_array(jw);
		jsonw_uint_field(jw, "link_id", link_id);
		jsonw_name(jw, "link_flags");
		jsonw_start_array(jw);
		jsonw_end_array(jw);
	} else {
		fprintf(out_stream(), " %s", kind);
		if (name[0])
			fprintf(out_stream(), " %s", name);
		fprintf(out_stream(), " prog_id %u ", prog_id);
		if (link_id)
			fprintf(out_stream(), "link_id %u ", link_id);
	}
	dev_end();
}

static void show_tcx(const struct if_nameindex *dev, enum net_type t)
{
	__u32 prog_ids[TCX_PROGS_MAX] = {}, link_ids[TCX_PROGS_MAX] = {}, i;
	LIBBPF_OPTS(bpf_prog_query_opts, q, .prog_ids = prog_ids, .link_ids = link_ids,
		    .count = TCX_PROGS_MAX);

	if (bpf_prog_query_opts(dev->if_index, tcx_attach_type(t), &q))
		return;
	for (i = 0; i < q.count && i < TCX_PROGS_MAX; i++)
		tcx_prog(dev, t == NET_TCX_IN ? "tcx/ingress" : "tcx/egress", prog_ids[i],
			 link_ids[i]);
}

static void tc_act(const struct tc_bpf_act *act)
{
	struct json_writer *jw = out_json();

	if (jw) {
		jsonw_start_object(jw);
		if (act->name)
			jsonw_string_field(jw, "name", act->name);
		if (act->has_id)
			jsonw_uint_field(jw, "id", act->id);
		jsonw_end_object(jw);
		return;
	}
	fputc('{', out_stream());
	if (act->name)
		fputs(act->name, out_stream());
	if (act->has_id)
		fprintf(out_stream(), " id %u", act->id);
	fputc('}', out_stream());
}

/* One cls_bpf filter, in bpftool's words: "dev(N) clsact/ingress NAME id ID". */
static int tc_filter(const struct tc_bpf_filter *f, void *ctx)
{
	struct json_writer *jw = out_json();
	unsigned int i;

	dev_start(ctx);
	if (jw) {
		jsonw_string_field(jw, "kind", f->parent_kind);
		if (f->name)
			jsonw_string_field(jw, "name", f->name);
		if (f->has_prog_id)
			jsonw_uint_field(jw, "id", f->prog_id);
		if (f->has_acts) {
			jsonw_name(jw, "act");
			jsonw_start_array(jw);
		}
	} else {
		fprintf(out_stream(), " %s", f->parent_kind);
		if (f->name)
			fprintf(out_stream(), " %s", f->name);
		if (f->has_prog_id)
			fprintf(out_stream(), " id %u", f->prog_id);
		if (f->has_acts)
			fputs(" act [", out_stream());
	}
	for (i = 0; i < f->act_cnt; i++)
		tc_act(&f->acts[i]);
	if (f->has_acts && jw)
		jsonw_end_array(jw);
	else if (f->has_acts)
		fputs("] ", out_stream());
	dev_end();
	return 0;
}

static void show_tc_filters(const struct if_nameindex *dev)
{
	int err;

	err = tc_bpf_filters(dev->if_index, tc_filter, (void *)dev);
	if (err)
		p_warn("can't list the tc filters of '%s': %s", dev->if_name, strerror(-err));
}

static void section_start(const char *name)
{
	if (out_json()) {
		jsonw_name(out_json(), name);
		jsonw_start_array(out_json());
	} else {
		fprintf(out_stream(), "%s:\n", name);
	}
}

static void section_end(void)
{
	if (out_json())
		jsonw_end_array(out_json());
	else
		fputc('\n', out_stream());
}

static void show_flow_dissector(void)
{
	__u32 ids[1], cnt = 1;
	int fd;

	fd = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	if (!bpf_prog_query(fd, BPF_FLOW_DISSECTOR, 0, NULL, ids, &cnt) && cnt == 1) {
		if (out_json()) {
			jsonw_start_object(out_json());
			jsonw_uint_field(out_json(), "id", ids[0]);
			jsonw_end_object(out_json());
		} else {
			fprintf(out_stream(), "id %u\n", ids[0]);
		}
	}
	close(fd);
}

/* Devices to show: all, or the one of "dev NAME". */
static int net_devices(int argc, char **argv, struct if_nameindex **devs, unsigned int *only)
{
	static const struct keyword words[] = { { "dev" } };
	const char *name;
	int err;

	*only = 0;
	if (argc) {
		if (KEYWORD_MATCH(argv[0], words, "net show option") < 0)
			return -EINVAL;
		name = keyword_value(argc, argv, "dev", "a device name");
		if (!name)
			return -EINVAL;
		err = expect_no_more_args(argc - 2, argv + 2, "net show dev NAME");
		if (err)
			return err;
		*only = if_nametoindex(name);
		if (!*only) {
			p_err("no network device '%s'", name);
			return -ENODEV;
		}
	}
	*devs = if_nameindex();
	if (!*devs) {
		p_err("can't list network devices: %s", strerror(errno));
		return -errno;
	}
	return 0;
}

static int do_show(int argc, char **argv)
{
	struct if_nameindex *devs, *d;
	unsigned int only;
	int err;

	err = net_devices(argc, argv, &devs, &only);
	if (err)
		return err;
	if (out_json()) {
		jsonw_start_array(out_json());
		jsonw_start_object(out_json());
	}
	section_start("xdp");
	for (d = devs; d->if_index; d++)
		if (!only || d->if_index == only)
			show_xdp(d);
	section_end();
	section_start("tc");
	for (d = devs; d->if_index; d++) {
		if (only && d->if_index != only)
			continue;
		show_tcx(d, NET_TCX_IN);
		show_tcx(d, NET_TCX_EG);
		show_tc_filters(d);
	}
	section_end();
	section_start("flow_dissector");
	show_flow_dissector();
	section_end();
	if (out_json()) {
		jsonw_end_object(out_json());
		jsonw_end_array(out_json());
	}
	if_freenameindex(devs);
	return 0;
}

/* ---- attach, detach ---- */

/* "dev NAME" at the head of argv: the ifindex, or -errno reported. */
static int parse_dev(int argc, char **argv, const char *after)
{
	static const struct keyword words[] = { { "dev" } };
	unsigned int ifindex;
	const char *name;

	if (!argc) {
		p_err("missing 'dev NAME' after '%s'", after);
		return -EINVAL;
	}
	if (KEYWORD_MATCH(argv[0], words, "keyword") < 0)
		return -EINVAL;
	name = keyword_value(argc, argv, "dev", "a device name");
	if (!name)
		return -EINVAL;
	ifindex = if_nametoindex(name);
	if (!ifindex) {
		p_err("no network device '%s'", name);
		return -ENODEV;
	}
	return (int)ifindex;
}

/* Where "net attach" puts the program among those already there. */
enum attach_mode { ATTACH_NEW, ATTACH_OVERWRITE, ATTACH_PREPEND };

static int attach_tcx(enum net_type t, int prog_fd, int ifindex, enum attach_mode mode)
{
	/* BPF_F_BEFORE with no relative program: before all, it runs first */
	LIBBPF_OPTS(bpf_prog_attach_opts, opts,
		    .flags = mode == ATTACH_PREPEND ? ATTACH_F_BEFORE : 0);

	return bpf_prog_attach_opts(prog_fd, ifindex, tcx_attach_type(t), &opts);
}

static int attach_one(enum net_type t, int prog_fd, int ifindex, const char *dev,
		      enum attach_mode mode)
{
	int err;

	if (is_tcx(t))
		err = attach_tcx(t, prog_fd, ifindex, mode);
	else
		err = bpf_xdp_attach(ifindex, prog_fd, xdp_mode_flags[t] |
				     (mode == ATTACH_OVERWRITE ? 0 : XDP_FLAGS_UPDATE_IF_NOEXIST),
				     NULL);
	if (err == -EEXIST && is_tcx(t))
		p_err("the program is attached to '%s' as %s already", dev, net_types[t].name);
	else if (err == -EBUSY || err == -EEXIST)
		p_err("device '%s' has a program attached as %s already; add 'overwrite' to "
		      "replace it", dev, net_types[t].name);
	else if (err)
		p_err("can't attach the program to '%s' as %s: %s", dev, net_types[t].name,
		      lib_reason(err));
	return err;
}

/* "overwrite" (XDP: replace the program there) or "prepend" (tcx: run first). */
static int parse_attach_mode(enum net_type t, int argc, char **argv, enum attach_mode *mode)
{
	static const struct keyword modes[] = {
		[ATTACH_OVERWRITE - 1] = { "overwrite" },
		[ATTACH_PREPEND - 1] = { "prepend" },
	};
	int m;

	m = KEYWORD_MATCH(argv[0], modes, "net attach option");
	if (m < 0)
		return m;
	*mode = m + 1;
	if (*mode == ATTACH_OVERWRITE && is_tcx(t)) {
		p_err("'overwrite' is only for the XDP attach types, not %s", net_types[t].name);
		return -EINVAL;
	}
	if (*mode == ATTACH_PREPEND && !is_tcx(t)) {
		p_err("'prepend' is only for tcx_ingress and tcx_egress, not %s",
		      net_types[t].name);
		return -EINVAL;
	}
	return expect_no_more_args(argc - 1, argv + 1, argv[0]);
}

static int do_attach(int argc, char **argv)
{
	enum attach_mode mode = ATTACH_NEW;
	int t, prog_fd, ifindex, err;
	const char *dev;

	if (argc < 2) {
		p_err("net attach needs ATTACH_TYPE PROG dev NAME; see '%s net help'", BIN_NAME);
		return -EINVAL;
	}
	t = KEYWORD_MATCH(argv[0], net_types, "net attach type");
	if (t < 0)
		return t;
	argc--;
	argv++;
	prog_fd = obj_select_one(OBJ_PROG, &argc, &argv);
	if (prog_fd < 0)
		return prog_fd;
	ifindex = parse_dev(argc, argv, "net attach ATTACH_TYPE PROG");
	err = ifindex < 0 ? ifindex : 0;
	dev = argc > 1 ? argv[1] : "";
	if (!err && argc > 2)
		err = parse_attach_mode(t, argc - 2, argv + 2, &mode);
	if (!err)
		err = attach_one(t, prog_fd, ifindex, dev, mode);
	close(prog_fd);
	if (!err && out_json())
		jsonw_null(out_json());
	return err;
}

static int detach_tcx(enum net_type t, int ifindex, const char *dev)
{
	__u32 ids[TCX_PROGS_MAX], i;
	LIBBPF_OPTS(bpf_prog_query_opts, q, .prog_ids = ids, .count = TCX_PROGS_MAX);
	int err, fd;

	err = bpf_prog_query_opts(ifindex, tcx_attach_type(t), &q);
	if (!err && !q.count)
		err = -ENOENT;
	for (i = 0; !err && i < q.count && i < TCX_PROGS_MAX; i++) {
		fd = bpf_prog_get_fd_by_id(ids[i]);
		err = fd < 0 ? fd : bpf_prog_detach2(fd, ifindex, tcx_attach_type(t));
		if (fd >= 0)
			close(fd);
	}
	if (err)
		p_err("can't detach %s programs from '%s': %s", net_types[t].name, dev,
		      err == -ENOENT ? "none is attached" : strerror(-err));
	return err;
}

static int detach_xdp(enum net_type t, int ifindex, const char *dev)
{
	__u32 id = 0;
	int err;

	err = bpf_xdp_query_id(ifindex, xdp_mode_flags[t], &id);
	if (!err && !id)
		err = -ENOENT;
	if (!err)
		err = bpf_xdp_detach(ifindex, xdp_mode_flags[t], NULL);
	if (err)
		p_err("can't detach the %s program from '%s': %s", net_types[t].name, dev,
		      err == -ENOENT ? "none is attached" : lib_reason(err));
	return err;
}

static int do_detach(int argc, char **argv)
{
	int t, ifindex, err;

	if (argc < 1) {
		p_err("net detach needs ATTACH_TYPE dev NAME; see '%s net help'", BIN_NAME);
		return -EINVAL;
	}
	t = KEYWORD_MATCH(argv[0], net_types, "net detach type");
	if (t < 0)
		return t;
	ifindex = parse_dev(argc - 1, argv + 1, "net detach ATTACH_TYPE");
	if (ifindex < 0)
		return ifindex;
	err = expect_no_more_args(argc - 3, argv + 3, "net detach ATTACH_TYPE dev NAME");
	if (!err)
		err = is_tcx(t) ? detach_tcx(t, ifindex, argv[2]) : detach_xdp(t, ifindex, argv[2]);
	if (!err && out_json())
		jsonw_null(out_json());
	return err;
}

static int do_help(int argc, char **argv)
{
	int err = help_begin(argc, argv, "net help");

	if (err <= 0)
		return err;
	fprintf(out_stream(),
		"Usage: %1$s net { show | list } [dev NAME]\n"
		"       %1$s net attach ATTACH_TYPE PROG dev NAME [overwrite | prepend]\n"
		"       %1$s net detach ATTACH_TYPE dev NAME\n"
		"       %1$s net help\n"
		"\n"
		"       ATTACH_TYPE := { xdp | xdpgeneric | xdpdrv | xdpoffload | tcx_ingress |\n"
		"                        tcx_egress }\n"
		"       %2$s\n"
		"\n"
		"show lists per device its XDP programs, its tcx programs (in the order they run)\n"
		"and its tc (cls_bpf) filters, then the namespace's flow dissector.\n"
		"attach: 'overwrite' replaces the XDP program of the device; 'prepend' puts a tcx\n"
		"program before those attached already, so that it runs first (default: last).\n",
		BIN_NAME, obj_selector_usage(OBJ_PROG));
	return 0;
}

static const struct cmd net_cmds[] = {
	{ { "show" }, do_show },
	{ { "list" }, do_show },
	{ { "attach" }, do_attach },
	{ { "detach" }, do_detach },
	{ { "help" }, do_help },
};

DEFINE_OBJECT(net, net_cmds, do_show)
