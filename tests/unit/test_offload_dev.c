// SPDX-License-Identifier: BSD-2-Clause
/*
 * cmd/offload_dev.c: the device of an offloaded program or map, named only
 * when the kernel's netns is ours (no offload device here: "lo" stands in).
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd/offload_dev.c"
#include "unit.h"

/* What offload_dev_json() or offload_dev_text() writes, in buf. */
static void json_of(char *buf, size_t size, __u32 ifindex, __u64 dev, __u64 ino)
{
	struct json_writer *w;
	FILE *f;

	memset(buf, 0, size);
	f = fmemopen(buf, size, "w");
	w = jsonw_new(f);

	jsonw_start_object(w);
	offload_dev_json(w, ifindex, dev, ino);
	jsonw_end_object(w);
	jsonw_destroy(w);
	fclose(f);
	buf[strcspn(buf, "\n")] = '\0';
}

static void text_of(char *buf, size_t size, __u32 ifindex, __u64 dev, __u64 ino)
{
	FILE *f;

	memset(buf, 0, size);
	f = fmemopen(buf, size, "w");

	offload_dev_text(f, ifindex, dev, ino);
	fclose(f);
}

int main(void)
{
	char buf[512], want[512];
	struct stat st;

	if (!CHECK(!stat("/proc/self/ns/net", &st), "our netns"))
		return unit_done();
	json_of(buf, sizeof(buf), 1, st.st_dev, st.st_ino);
	snprintf(want, sizeof(want),
		 "{\"dev\":{\"ifindex\":1,\"ns_dev\":%llu,\"ns_inode\":%llu,\"ifname\":\"lo\"}}",
		 (unsigned long long)st.st_dev, (unsigned long long)st.st_ino);
	CHECK(!strcmp(buf, want), "our netns: bpftool's keys and the name: %s", buf);
	json_of(buf, sizeof(buf), 1, st.st_dev, st.st_ino + 1);
	snprintf(want, sizeof(want), "{\"dev\":{\"ifindex\":1,\"ns_dev\":%llu,\"ns_inode\":%llu}}",
		 (unsigned long long)st.st_dev, (unsigned long long)st.st_ino + 1);
	CHECK(!strcmp(buf, want), "another netns: no name: %s", buf);
	json_of(buf, sizeof(buf), 0, 0, 0);
	CHECK(!strcmp(buf, "{}"), "not bound: nothing: %s", buf);
	text_of(buf, sizeof(buf), 1, st.st_dev, st.st_ino);
	CHECK(!strcmp(buf, "  offloaded_to lo"), "text, our netns: '%s'", buf);
	text_of(buf, sizeof(buf), 7, 3, 4);
	CHECK(!strcmp(buf, "  offloaded_to ifindex 7 ns_dev 3 ns_ino 4"), "text, another: '%s'",
	      buf);
	text_of(buf, sizeof(buf), 0, 0, 0);
	CHECK(!buf[0], "text, not bound: nothing");
	return unit_done();
}
