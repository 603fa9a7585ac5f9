// SPDX-License-Identifier: BSD-2-Clause
/*
 * "bpfctl link show": each link with its type, program and what it is
 * attached to, laid out as bpftool lays it out: in text, a header line and
 * tab-indented lines for the attachment and pins; in JSON, one object per
 * link with bpftool's field names.
 */
#include <errno.h>
#include <net/if.h>
#include <linux/netfilter.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "cmd.h"
#include "json_writer.h"
#include "link_info.h"
#include "link_perf.h"
#include "link_show.h"
#include "obj_pids.h"
#include "obj_show.h"
#include "object.h"
#include "output.h"
#include "pinned.h"
#include "report.h"

#define PERF_NAME_MAX 128

struct show_ctx {
	struct show_tables t;
};

/* What a link carries beyond its info, looked up before printing. */
struct link_extra {
	const char *prog_type;	/* tracing links: the program's type name */
	__u32 prog_type_num;	/* ... or number when it has no name */
	struct uprobe_funcs funcs;	/* uprobe_multi links: the probes */
};

static const char *iter_cgroup_order(__u32 order)
{
	static const char *const names[] = {
		[BPF_CGROUP_ITER_ORDER_UNSPEC] = "order_unspec",
		[BPF_CGROUP_ITER_SELF_ONLY] = "self_only",
		[BPF_CGROUP_ITER_DESCENDANTS_PRE] = "descendants_pre",
		[BPF_CGROUP_ITER_DESCENDANTS_POST] = "descendants_post",
		[BPF_CGROUP_ITER_ANCESTORS_UP] = "ancestors_up",
	};

	return order < ARRAY_SIZE(names) ? names[order] : "unknown";
}

static bool iter_is_map(const char *target)
{
	return !strcmp(target, "bpf_map_elem") || !strcmp(target, "bpf_sk_storage_map");
}

static bool iter_is_task(const char *target)
{
	return !strcmp(target, "task") || !strcmp(target, "task_file") ||
	       !strcmp(target, "task_vma");
}

/* "eth0", or "(detached)" for ifindex 0, "(unknown)" for a device gone. */
static const char *dev_name(__u32 ifindex, char *buf)
{
	if (!ifindex)
		return "(detached)";
	if (!if_indextoname(ifindex, buf))
		return "(unknown)";
	return buf;
}

/*
 * What bpftool shows beyond the info: the type of the program of a tracing
 * link, the probes of a uprobe_multi link (free with free_extra()).
 */
static int load_extra(int link_fd, const struct link_info *li, struct link_extra *x)
{
	const struct link_info_uapi *info = &li->info;
	struct bpf_prog_info pinfo;
	__u32 len = sizeof(pinfo);
	int fd, err;

	memset(x, 0, sizeof(*x));
	if (info->type == LINK_TYPE_UPROBE_MULTI)
		return link_info_uprobe_funcs(link_fd, li, &x->funcs);
	if (info->type != BPF_LINK_TYPE_TRACING)
		return 0;
	fd = bpf_prog_get_fd_by_id(info->prog_id);
	if (fd < 0) {
		p_err("can't open program id %u of link id %u: %s", info->prog_id, info->id,
		      strerror(-fd));
		return fd;
	}
	memset(&pinfo, 0, sizeof(pinfo));
	err = bpf_prog_get_info_by_fd(fd, &pinfo, &len);
	close(fd);
	if (err) {
		p_err("can't get info of program id %u of link id %u: %s", info->prog_id,
		      info->id, strerror(-err));
		return err;
	}
	x->prog_type = libbpf_bpf_prog_type_str(pinfo.type);
	x->prog_type_num = pinfo.type;
	return 0;
}

static void free_extra(struct link_extra *x)
{
	uprobe_funcs_free(&x->funcs);
}

/* ---- text ---- */

static void text_attach_type(FILE *f, __u32 type)
{
	const char *name = libbpf_bpf_attach_type_str(type);

	if (name)
		fprintf(f, "attach_type %s  ", name);
	else
		fprintf(f, "attach_type %u  ", type);
}

static void text_ifindex(FILE *f, __u32 ifindex)
{
	char buf[IF_NAMESIZE];
	const char *name = dev_name(ifindex, buf);

	if (name == buf)
		fprintf(f, "ifindex %s(%u)  ", name, ifindex);
	else
		fprintf(f, "ifindex %s  ", name);
}

static void text_cookie(FILE *f, const char *lead, __u64 cookie)
{
	if (cookie)
		fprintf(f, "%scookie %llu  ", lead, (unsigned long long)cookie);
}

static void text_iter(FILE *f, const struct link_info *li)
{
	const struct link_info_uapi *info = &li->info;

	fprintf(f, "target_name %s  ", li->name);
	if (iter_is_map(li->name))
		fprintf(f, "map_id %u  ", info->iter.map.map_id);
	else if (iter_is_task(li->name) && info->iter.task.tid)
		fprintf(f, "tid %u ", info->iter.task.tid);
	else if (iter_is_task(li->name) && info->iter.task.pid)
		fprintf(f, "pid %u ", info->iter.task.pid);
	if (!strcmp(li->name, "cgroup"))
		fprintf(f, "cgroup_id %llu  order %s  ",
			(unsigned long long)info->iter.cgroup.cgroup_id,
			iter_cgroup_order(info->iter.cgroup.order));
}

static void text_tracing(FILE *f, const struct link_info_uapi *info, const struct link_extra *x)
{
	if (x->prog_type)
		fprintf(f, "\n\tprog_type %s  ", x->prog_type);
	else
		fprintf(f, "\n\tprog_type %u  ", x->prog_type_num);
	text_attach_type(f, info->tracing.attach_type);
	if (info->tracing.target_obj_id || info->tracing.target_btf_id)
		fprintf(f, "\n\ttarget_obj_id %u  target_btf_id %u  ",
			info->tracing.target_obj_id, info->tracing.target_btf_id);
	text_cookie(f, "\n\t", info->tracing.cookie);
}

static const char *netfilter_pf(__u32 pf)
{
	static const char *const names[] = {
		[NFPROTO_INET] = "inet", [NFPROTO_IPV4] = "ip", [NFPROTO_ARP] = "arp",
		[NFPROTO_NETDEV] = "netdev", [NFPROTO_BRIDGE] = "bridge", [NFPROTO_IPV6] = "ip6",
	};

	return pf < ARRAY_SIZE(names) ? names[pf] : NULL;
}

static const char *netfilter_hook(__u32 pf, __u32 hook)
{
	static const char *const inet[] = {
		[NF_INET_PRE_ROUTING] = "prerouting", [NF_INET_LOCAL_IN] = "input",
		[NF_INET_FORWARD] = "forward", [NF_INET_LOCAL_OUT] = "output",
		[NF_INET_POST_ROUTING] = "postrouting",
	};
	static const char *const arp[] = { "input", "output" };	/* NF_ARP_IN, NF_ARP_OUT */

	switch (pf) {
	case NFPROTO_BRIDGE:	/* bridge hooks are numbered as the inet ones */
	case NFPROTO_IPV4:
	case NFPROTO_IPV6:
	case NFPROTO_INET:
		return hook < ARRAY_SIZE(inet) ? inet[hook] : NULL;
	case NFPROTO_ARP:
		return hook < ARRAY_SIZE(arp) ? arp[hook] : NULL;
	default:
		return NULL;
	}
}

/* "ip prerouting prio -128", as nft names the hook. */
static void text_netfilter(FILE *f, const struct link_info_uapi *info)
{
	const char *pf = netfilter_pf(info->netfilter.pf);
	const char *hook = netfilter_hook(info->netfilter.pf, info->netfilter.hooknum);

	if (pf)
		fprintf(f, "\n\t%s", pf);
	else
		fprintf(f, "\n\tpf: %u", info->netfilter.pf);
	if (hook)
		fprintf(f, " %s", hook);
	else
		fprintf(f, ", hook %u,", info->netfilter.hooknum);
	fprintf(f, " prio %d", info->netfilter.priority);
	if (info->netfilter.flags)
		fprintf(f, " flags 0x%x", info->netfilter.flags);
}

static void text_multi(FILE *f, const struct link_info *li, const struct uprobe_funcs *uf)
{
	const struct link_info_uapi *info = &li->info;
	__u32 i;
	bool ret;

	if (info->type == BPF_LINK_TYPE_KPROBE_MULTI) {
		if (!info->kprobe_multi.count)
			return;
		ret = info->kprobe_multi.flags & LINK_MULTI_RETURN;
		fprintf(f, "\n\t%s  func_cnt %u  ", ret ? "kretprobe.multi" : "kprobe.multi",
			info->kprobe_multi.count);
		if (info->kprobe_multi.missed)
			fprintf(f, "missed %llu  ", (unsigned long long)info->kprobe_multi.missed);
		return;
	}
	if (!info->uprobe_multi.count)
		return;
	ret = info->uprobe_multi.flags & LINK_MULTI_RETURN;
	fprintf(f, "\n\t%s  path %s  func_cnt %u  ", ret ? "uretprobe.multi" : "uprobe.multi",
		li->name, info->uprobe_multi.count);
	if (info->uprobe_multi.pid)
		fprintf(f, "pid %d  ", (int)info->uprobe_multi.pid);
	fprintf(f, "\n\t%-16s   %-16s   %-16s", "offset", "ref_ctr_offset", "cookies");
	for (i = 0; i < uf->cnt; i++)
		fprintf(f, "\n\t0x%-16llx 0x%-16llx 0x%-16llx",
			(unsigned long long)uf->offsets[i],
			(unsigned long long)uf->ref_ctr_offsets[i],
			(unsigned long long)uf->cookies[i]);
}

static void text_perf_event(FILE *f, const struct link_info_uapi *info)
{
	__u32 type = info->perf_event.event.type;
	__u64 config = info->perf_event.event.config;
	char buf[PERF_NAME_MAX];
	const char *name;

	fputs("\n\tevent ", f);
	name = perf_type_name(type);
	if (name)
		fprintf(f, "%s:", name);
	else
		fprintf(f, "%u :", type);
	name = perf_config_name(type, config, buf, sizeof(buf));
	if (name)
		fprintf(f, "%s  ", name);
	else
		fprintf(f, "%llu  ", (unsigned long long)config);
	text_cookie(f, "", info->perf_event.event.cookie);
}

static void text_kprobe(FILE *f, const struct link_info *li)
{
	const struct link_info_uapi *info = &li->info;

	if (!li->name[0] && !info->perf_event.kprobe.addr)
		return;
	fputs(info->perf_event.type == LINK_PERF_KRETPROBE ? "\n\tkretprobe " : "\n\tkprobe ", f);
	if (info->perf_event.kprobe.addr)
		fprintf(f, "%llx ", (unsigned long long)info->perf_event.kprobe.addr);
	fputs(li->name, f);
	if (info->perf_event.kprobe.offset)
		fprintf(f, "+%#x", info->perf_event.kprobe.offset);
	if (info->perf_event.kprobe.missed)
		fprintf(f, "  missed %llu", (unsigned long long)info->perf_event.kprobe.missed);
	if (info->perf_event.kprobe.cookie)
		fprintf(f, "  cookie %llu", (unsigned long long)info->perf_event.kprobe.cookie);
	fputs("  ", f);
}

static void text_uprobe(FILE *f, const struct link_info *li)
{
	const struct link_info_uapi *info = &li->info;

	if (!li->name[0])
		return;
	fprintf(f, "%s%s+%#x  ",
		info->perf_event.type == LINK_PERF_URETPROBE ? "\n\turetprobe " : "\n\tuprobe ",
		li->name, info->perf_event.uprobe.offset);
	text_cookie(f, "", info->perf_event.uprobe.cookie);
	if (info->perf_event.uprobe.ref_ctr_offset)
		fprintf(f, "ref_ctr_offset 0x%llx  ",
			(unsigned long long)info->perf_event.uprobe.ref_ctr_offset);
}

static void text_perf(FILE *f, const struct link_info *li)
{
	switch (li->info.perf_event.type) {
	case LINK_PERF_EVENT:
		text_perf_event(f, &li->info);
		break;
	case LINK_PERF_TRACEPOINT:
		if (!li->name[0])
			break;
		fprintf(f, "\n\ttracepoint %s  ", li->name);
		text_cookie(f, "", li->info.perf_event.tracepoint.cookie);
		break;
	case LINK_PERF_KPROBE:
	case LINK_PERF_KRETPROBE:
		text_kprobe(f, li);
		break;
	case LINK_PERF_UPROBE:
	case LINK_PERF_URETPROBE:
		text_uprobe(f, li);
		break;
	default:
		break;
	}
}

static void text_header(FILE *f, const struct link_info_uapi *info)
{
	const char *type = libbpf_bpf_link_type_str(info->type);

	fprintf(f, "%u: ", info->id);
	if (type)
		fprintf(f, "%s  ", type);
	else
		fprintf(f, "type %u  ", info->type);
	if (info->type == BPF_LINK_TYPE_STRUCT_OPS)
		fprintf(f, "map %u  ", info->struct_ops.map_id);
	else
		fprintf(f, "prog %u  ", info->prog_id);
}

static void text_attachment(FILE *f, const struct link_info *li, const struct link_extra *x)
{
	const struct link_info_uapi *info = &li->info;

	switch (info->type) {
	case BPF_LINK_TYPE_RAW_TRACEPOINT:
		fprintf(f, "\n\ttp '%s'  ", li->name);
		text_cookie(f, "", info->raw_tracepoint.cookie);
		break;
	case BPF_LINK_TYPE_TRACING:
		text_tracing(f, info, x);
		break;
	case BPF_LINK_TYPE_CGROUP:
		fprintf(f, "\n\tcgroup_id %llu  ", (unsigned long long)info->cgroup.cgroup_id);
		text_attach_type(f, info->cgroup.attach_type);
		break;
	case BPF_LINK_TYPE_ITER:
		text_iter(f, li);
		break;
	case BPF_LINK_TYPE_NETNS:
		fprintf(f, "\n\tnetns_ino %u  ", info->netns.netns_ino);
		text_attach_type(f, info->netns.attach_type);
		break;
	case LINK_TYPE_NETFILTER:
		text_netfilter(f, info);
		break;
	case LINK_TYPE_TCX:
	case LINK_TYPE_NETKIT:
		/* tcx and netkit have the same layout */
		fputs("\n\t", f);
		text_ifindex(f, info->tcx.ifindex);
		text_attach_type(f, info->tcx.attach_type);
		break;
	case LINK_TYPE_SOCKMAP:
		fprintf(f, "\n\tmap_id %u  ", info->sockmap.map_id);
		text_attach_type(f, info->sockmap.attach_type);
		break;
	case BPF_LINK_TYPE_XDP:
		fputs("\n\t", f);
		text_ifindex(f, info->xdp.ifindex);
		break;
	case BPF_LINK_TYPE_KPROBE_MULTI:
	case LINK_TYPE_UPROBE_MULTI:
		text_multi(f, li, &x->funcs);
		break;
	case BPF_LINK_TYPE_PERF_EVENT:
		text_perf(f, li);
		break;
	default:
		break;
	}
}

static void show_text(const struct show_ctx *c, const struct link_info *li,
		      const struct link_extra *x)
{
	FILE *f = out_stream();

	text_header(f, &li->info);
	text_attachment(f, li, x);
	pin_table_text(c->t.pins, li->info.id, f);
	pid_table_text(c->t.pids, OBJ_LINK, li->info.id, f);
	fputc('\n', f);
}

/* ---- JSON ---- */

static void json_attach_type(struct json_writer *w, __u32 type)
{
	const char *name = libbpf_bpf_attach_type_str(type);

	if (name)
		jsonw_string_field(w, "attach_type", name);
	else
		jsonw_uint_field(w, "attach_type", type);
}

static void json_ifindex(struct json_writer *w, __u32 ifindex)
{
	char name[IF_NAMESIZE];

	jsonw_string_field(w, "devname", dev_name(ifindex, name));
	jsonw_uint_field(w, "ifindex", ifindex);
}

static void json_iter(struct json_writer *w, const struct link_info *li)
{
	const struct link_info_uapi *info = &li->info;

	jsonw_string_field(w, "target_name", li->name);
	if (iter_is_map(li->name))
		jsonw_uint_field(w, "map_id", info->iter.map.map_id);
	else if (iter_is_task(li->name) && info->iter.task.tid)
		jsonw_uint_field(w, "tid", info->iter.task.tid);
	else if (iter_is_task(li->name) && info->iter.task.pid)
		jsonw_uint_field(w, "pid", info->iter.task.pid);
	if (!strcmp(li->name, "cgroup")) {
		jsonw_uint_field(w, "cgroup_id", info->iter.cgroup.cgroup_id);
		jsonw_string_field(w, "order", iter_cgroup_order(info->iter.cgroup.order));
	}
}

static void json_tracing(struct json_writer *w, const struct link_info_uapi *info,
			 const struct link_extra *x)
{
	if (x->prog_type)
		jsonw_string_field(w, "prog_type", x->prog_type);
	else
		jsonw_uint_field(w, "prog_type", x->prog_type_num);
	json_attach_type(w, info->tracing.attach_type);
	jsonw_uint_field(w, "target_obj_id", info->tracing.target_obj_id);
	jsonw_uint_field(w, "target_btf_id", info->tracing.target_btf_id);
	jsonw_uint_field(w, "cookie", info->tracing.cookie);
}

static void json_netfilter(struct json_writer *w, const struct link_info_uapi *info)
{
	jsonw_uint_field(w, "pf", info->netfilter.pf);
	jsonw_uint_field(w, "hook", info->netfilter.hooknum);
	jsonw_int_field(w, "prio", info->netfilter.priority);
	jsonw_uint_field(w, "flags", info->netfilter.flags);
}

/* kprobe_multi's per-function array (bpftool's "funcs") is not fetched. */
static void json_multi(struct json_writer *w, const struct link_info *li,
		       const struct uprobe_funcs *uf)
{
	const struct link_info_uapi *info = &li->info;
	__u32 i;

	if (info->type == BPF_LINK_TYPE_KPROBE_MULTI) {
		jsonw_bool_field(w, "retprobe", info->kprobe_multi.flags & LINK_MULTI_RETURN);
		jsonw_uint_field(w, "func_cnt", info->kprobe_multi.count);
		jsonw_uint_field(w, "missed", info->kprobe_multi.missed);
		return;
	}
	jsonw_bool_field(w, "retprobe", info->uprobe_multi.flags & LINK_MULTI_RETURN);
	jsonw_string_field(w, "path", li->name);
	jsonw_uint_field(w, "func_cnt", info->uprobe_multi.count);
	jsonw_int_field(w, "pid", (int)info->uprobe_multi.pid);
	jsonw_name(w, "funcs");
	jsonw_start_array(w);
	for (i = 0; i < uf->cnt; i++) {
		jsonw_start_object(w);
		jsonw_uint_field(w, "offset", uf->offsets[i]);
		jsonw_uint_field(w, "ref_ctr_offset", uf->ref_ctr_offsets[i]);
		jsonw_uint_field(w, "cookie", uf->cookies[i]);
		jsonw_end_object(w);
	}
	jsonw_end_array(w);
}

static void json_perf_event(struct json_writer *w, const struct link_info_uapi *info)
{
	__u32 type = info->perf_event.event.type;
	__u64 config = info->perf_event.event.config;
	char buf[PERF_NAME_MAX];
	const char *name;

	name = perf_type_name(type);
	if (name)
		jsonw_string_field(w, "event_type", name);
	else
		jsonw_uint_field(w, "event_type", type);
	name = perf_config_name(type, config, buf, sizeof(buf));
	if (name)
		jsonw_string_field(w, "event_config", name);
	else
		jsonw_uint_field(w, "event_config", config);
	jsonw_uint_field(w, "cookie", info->perf_event.event.cookie);
}

static void json_kprobe(struct json_writer *w, const struct link_info *li)
{
	const struct link_info_uapi *info = &li->info;

	jsonw_bool_field(w, "retprobe", info->perf_event.type == LINK_PERF_KRETPROBE);
	jsonw_uint_field(w, "addr", info->perf_event.kprobe.addr);
	jsonw_string_field(w, "func", li->name);
	jsonw_uint_field(w, "offset", info->perf_event.kprobe.offset);
	jsonw_uint_field(w, "missed", info->perf_event.kprobe.missed);
	jsonw_uint_field(w, "cookie", info->perf_event.kprobe.cookie);
}

static void json_uprobe(struct json_writer *w, const struct link_info *li)
{
	const struct link_info_uapi *info = &li->info;

	jsonw_bool_field(w, "retprobe", info->perf_event.type == LINK_PERF_URETPROBE);
	jsonw_string_field(w, "file", li->name);
	jsonw_uint_field(w, "offset", info->perf_event.uprobe.offset);
	jsonw_uint_field(w, "cookie", info->perf_event.uprobe.cookie);
	jsonw_uint_field(w, "ref_ctr_offset", info->perf_event.uprobe.ref_ctr_offset);
}

static void json_perf(struct json_writer *w, const struct link_info *li)
{
	switch (li->info.perf_event.type) {
	case LINK_PERF_EVENT:
		json_perf_event(w, &li->info);
		break;
	case LINK_PERF_TRACEPOINT:
		jsonw_string_field(w, "tracepoint", li->name);
		jsonw_uint_field(w, "cookie", li->info.perf_event.tracepoint.cookie);
		break;
	case LINK_PERF_KPROBE:
	case LINK_PERF_KRETPROBE:
		json_kprobe(w, li);
		break;
	case LINK_PERF_UPROBE:
	case LINK_PERF_URETPROBE:
		json_uprobe(w, li);
		break;
	default:
		break;
	}
}

static void json_header(struct json_writer *w, const struct link_info_uapi *info)
{
	const char *type = libbpf_bpf_link_type_str(info->type);

	jsonw_uint_field(w, "id", info->id);
	if (type)
		jsonw_string_field(w, "type", type);
	else
		jsonw_uint_field(w, "type", info->type);
	jsonw_uint_field(w, "prog_id", info->prog_id);
}

static void json_attachment(struct json_writer *w, const struct link_info *li,
			    const struct link_extra *x)
{
	const struct link_info_uapi *info = &li->info;

	switch (info->type) {
	case BPF_LINK_TYPE_RAW_TRACEPOINT:
		jsonw_string_field(w, "tp_name", li->name);
		jsonw_uint_field(w, "cookie", info->raw_tracepoint.cookie);
		break;
	case BPF_LINK_TYPE_TRACING:
		json_tracing(w, info, x);
		break;
	case BPF_LINK_TYPE_CGROUP:
		jsonw_uint_field(w, "cgroup_id", info->cgroup.cgroup_id);
		json_attach_type(w, info->cgroup.attach_type);
		break;
	case BPF_LINK_TYPE_ITER:
		json_iter(w, li);
		break;
	case BPF_LINK_TYPE_NETNS:
		jsonw_uint_field(w, "netns_ino", info->netns.netns_ino);
		json_attach_type(w, info->netns.attach_type);
		break;
	case LINK_TYPE_NETFILTER:
		json_netfilter(w, info);
		break;
	case LINK_TYPE_TCX:
	case LINK_TYPE_NETKIT:
		json_ifindex(w, info->tcx.ifindex);
		json_attach_type(w, info->tcx.attach_type);
		break;
	case LINK_TYPE_SOCKMAP:
		jsonw_uint_field(w, "map_id", info->sockmap.map_id);
		json_attach_type(w, info->sockmap.attach_type);
		break;
	case BPF_LINK_TYPE_XDP:
		json_ifindex(w, info->xdp.ifindex);
		break;
	case BPF_LINK_TYPE_STRUCT_OPS:
		jsonw_uint_field(w, "map_id", info->struct_ops.map_id);
		break;
	case BPF_LINK_TYPE_KPROBE_MULTI:
	case LINK_TYPE_UPROBE_MULTI:
		json_multi(w, li, &x->funcs);
		break;
	case BPF_LINK_TYPE_PERF_EVENT:
		json_perf(w, li);
		break;
	default:
		break;
	}
}

static void show_json(const struct show_ctx *c, const struct link_info *li,
		      const struct link_extra *x)
{
	struct json_writer *w = out_json();

	jsonw_start_object(w);
	json_header(w, &li->info);
	json_attachment(w, li, x);
	pin_table_json(c->t.pins, li->info.id, w);
	pid_table_json(c->t.pids, OBJ_LINK, li->info.id, w);
	jsonw_end_object(w);
}

/* ---- selection ---- */

static int show_one(int fd, __u32 id, void *ctx)
{
	struct link_extra x;
	struct link_info li;
	int err;

	(void)id;
	err = link_info_get(fd, &li);
	if (err)
		return err;
	err = load_extra(fd, &li, &x);
	if (!err && out_json())
		show_json(ctx, &li, &x);
	else if (!err)
		show_text(ctx, &li, &x);
	free_extra(&x);
	return err;
}

int do_link_show(int argc, char **argv)
{
	struct show_ctx c = { 0 };

	return obj_show(OBJ_LINK, "link", argc, argv, show_one, &c, &c.t);
}
