// SPDX-License-Identifier: BSD-2-Clause
/*
 * A device binding's ifindex only means something in the network namespace
 * the kernel reports with it: the name is looked up only when that is ours.
 */
#include <net/if.h>
#include <stdbool.h>
#include <stdio.h>
#include <sys/stat.h>

#include "json_writer.h"
#include "offload_dev.h"

/*
 * The kernel reports the netns as nsfs's device and inode numbers, which
 * stat() of our /proc/self/ns/net gives in the same encoding (truncated to
 * 32 bits, as bpftool compares them).
 */
static bool dev_name(__u32 ifindex, __u64 ns_dev, __u64 ns_ino, char *name)
{
	struct stat st;

	if (stat("/proc/self/ns/net", &st))
		return false;
	if ((__u32)st.st_dev != (__u32)ns_dev || (__u32)st.st_ino != (__u32)ns_ino)
		return false;
	return if_indextoname(ifindex, name) != NULL;
}

void offload_dev_text(FILE *f, __u32 ifindex, __u64 ns_dev, __u64 ns_ino)
{
	char name[IF_NAMESIZE];

	if (!ifindex)
		return;
	if (dev_name(ifindex, ns_dev, ns_ino, name))
		fprintf(f, "  offloaded_to %s", name);
	else
		fprintf(f, "  offloaded_to ifindex %u ns_dev %llu ns_ino %llu", ifindex,
			(unsigned long long)ns_dev, (unsigned long long)ns_ino);
}

void offload_dev_json(struct json_writer *w, __u32 ifindex, __u64 ns_dev, __u64 ns_ino)
{
	char name[IF_NAMESIZE];

	if (!ifindex)
		return;
	jsonw_name(w, "dev");
	jsonw_start_object(w);
	jsonw_uint_field(w, "ifindex", ifindex);
	jsonw_uint_field(w, "ns_dev", ns_dev);
	jsonw_uint_field(w, "ns_inode", ns_ino);
	if (dev_name(ifindex, ns_dev, ns_ino, name))
		jsonw_string_field(w, "ifname", name);
	jsonw_end_object(w);
}
