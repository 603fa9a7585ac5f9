// SPDX-License-Identifier: BSD-2-Clause
/*
 * Prints the verdict of libbpf_probe_bpf_prog_type, _map_type and _helper
 * for every program type, map type and (program type, helper) pair up to
 * the given limits, one line each: "prog T V", "map T V", "helper T H V".
 * Built against libbpfcore.a and, as an oracle, against the system libbpf,
 * so that the two outputs can be compared line by line.
 *
 * libbpf before 1.3 predates the verifier's "program of this type cannot
 * use helper" (Linux 6.7 and later), and takes it for support. Built with
 * -DMARK_NEW_REFUSAL, the helper verdicts of 1 whose verifier log has that
 * message get " refused" appended, so the test can tell them apart.
 *
 * usage: feature_verdicts PROG_TYPES MAP_TYPES HELPERS
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

/* The verifier refuses helper h in programs of type t with the 6.7 message. */
static int new_refusal(int t, int h)
{
	struct bpf_insn insns[2] = {
		{ .code = BPF_JMP | BPF_CALL, .imm = h },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	char log[4096] = "";
	LIBBPF_OPTS(bpf_prog_load_opts, opts, .log_buf = log, .log_size = sizeof(log),
		    .log_level = 1);
	int fd;

	if (t == BPF_PROG_TYPE_CGROUP_SOCK_ADDR)
		opts.expected_attach_type = BPF_CGROUP_INET4_CONNECT;
	else if (t == BPF_PROG_TYPE_CGROUP_SOCKOPT)
		opts.expected_attach_type = BPF_CGROUP_GETSOCKOPT;
	else if (t == BPF_PROG_TYPE_SK_LOOKUP)
		opts.expected_attach_type = BPF_SK_LOOKUP;
	else if (t == BPF_PROG_TYPE_LIRC_MODE2)
		opts.expected_attach_type = BPF_LIRC_MODE2;
	else if (t == BPF_PROG_TYPE_SYSCALL)
		opts.prog_flags = BPF_F_SLEEPABLE;
	fd = bpf_prog_load(t, NULL, "GPL", insns, 2, &opts);
	if (fd >= 0)
		close(fd);
	return fd < 0 && strstr(log, "program of this type cannot use helper ");
}

static void print_helper(int t, int h)
{
	int v = libbpf_probe_bpf_helper(t, h, NULL);
	int mark = 0;

#ifdef MARK_NEW_REFUSAL
	mark = v == 1 && new_refusal(t, h);
#else
	(void)new_refusal;
#endif
	printf("helper %d %d %d%s\n", t, h, v, mark ? " refused" : "");
}

int main(int argc, char **argv)
{
	int nprog, nmap, nhelper, t, h;

	if (argc != 4) {
		fprintf(stderr, "usage: %s PROG_TYPES MAP_TYPES HELPERS\n", argv[0]);
		return 2;
	}
	nprog = atoi(argv[1]);
	nmap = atoi(argv[2]);
	nhelper = atoi(argv[3]);
	for (t = 0; t < nprog; t++)
		printf("prog %d %d\n", t, libbpf_probe_bpf_prog_type(t, NULL));
	for (t = 0; t < nmap; t++)
		printf("map %d %d\n", t, libbpf_probe_bpf_map_type(t, NULL));
	for (t = 0; t < nprog; t++)
		for (h = 0; h < nhelper; h++)
			print_helper(t, h);
	return 0;
}
