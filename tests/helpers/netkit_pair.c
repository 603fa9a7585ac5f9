// SPDX-License-Identifier: BSD-2-Clause
/*
 * Creates a netkit device pair (Linux 6.7) through rtnetlink, for iproute2
 * versions that cannot ("ip link add NAME type netkit peer name PEER"),
 * and prints the primary's ifindex. Remove it with "ip link del NAME".
 *
 * usage: netkit_pair NAME PEER
 */
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>

#define NETKIT_PEER_INFO	1	/* IFLA_NETKIT_PEER_INFO */

struct req {
	struct nlmsghdr nh;
	struct ifinfomsg ifi;
	char attrs[512];
};

/* Append attribute type with len bytes of data; its start, for nesting. */
static struct rtattr *put(struct req *r, unsigned short type, const void *data, size_t len)
{
	struct rtattr *a = (void *)((char *)r + NLMSG_ALIGN(r->nh.nlmsg_len));

	a->rta_type = type;
	a->rta_len = RTA_LENGTH(len);
	if (len)
		memcpy(RTA_DATA(a), data, len);
	r->nh.nlmsg_len = NLMSG_ALIGN(r->nh.nlmsg_len) + RTA_ALIGN(a->rta_len);
	return a;
}

static void end(struct req *r, struct rtattr *nest)
{
	nest->rta_len = (char *)r + r->nh.nlmsg_len - (char *)nest;
}

int main(int argc, char **argv)
{
	struct req r = { 0 };
	struct ifinfomsg peer = { .ifi_family = AF_UNSPEC };
	struct rtattr *info, *data, *pinfo;
	char buf[4096];
	struct nlmsgerr *e;
	int fd, n;

	if (argc != 3 || strlen(argv[1]) >= IFNAMSIZ || strlen(argv[2]) >= IFNAMSIZ)
		return fprintf(stderr, "usage: %s NAME PEER\n", argv[0]), 2;
	r.nh.nlmsg_len = NLMSG_LENGTH(sizeof(r.ifi));
	r.nh.nlmsg_type = RTM_NEWLINK;
	r.nh.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL;
	r.ifi.ifi_family = AF_UNSPEC;
	put(&r, IFLA_IFNAME, argv[1], strlen(argv[1]) + 1);
	info = put(&r, IFLA_LINKINFO, NULL, 0);
	put(&r, IFLA_INFO_KIND, "netkit", 7);
	data = put(&r, IFLA_INFO_DATA, NULL, 0);
	pinfo = put(&r, NETKIT_PEER_INFO, &peer, sizeof(peer));
	put(&r, IFLA_IFNAME, argv[2], strlen(argv[2]) + 1);
	end(&r, pinfo);
	end(&r, data);
	end(&r, info);

	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (fd < 0 || send(fd, &r, r.nh.nlmsg_len, 0) < 0)
		return fprintf(stderr, "rtnetlink: %s\n", strerror(errno)), 1;
	n = recv(fd, buf, sizeof(buf), 0);
	close(fd);
	e = NLMSG_DATA((struct nlmsghdr *)buf);
	if (n < 0 || ((struct nlmsghdr *)buf)->nlmsg_type != NLMSG_ERROR || e->error) {
		fprintf(stderr, "netkit pair %s/%s: %s\n", argv[1], argv[2],
			n < 0 ? strerror(errno) : strerror(-e->error));
		return 1;
	}
	printf("%u\n", if_nametoindex(argv[1]));
	return 0;
}
