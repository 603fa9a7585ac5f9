/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A minimal rtnetlink client: one request, its acknowledgement or its
 * replies, and the attributes of a reply. Enough for XDP, which is set and
 * read through RTM_SETLINK/RTM_GETLINK.
 */
#ifndef __BPFCORE_NETLINK_H
#define __BPFCORE_NETLINK_H

#include <stddef.h>
#include <linux/netlink.h>

/* Called for each reply message; non-zero stops and is returned. */
typedef int (*nl_reply_fn)(const struct nlmsghdr *nh, void *ctx);

/*
 * Send req (a complete message, nlmsg_len set) on a new NETLINK_ROUTE
 * socket and read until the acknowledgement or the end of a dump, calling
 * fn (may be NULL) for each reply. Returns 0 or -errno (the kernel's error
 * for the request, with its extended message logged).
 */
int nl_transact(struct nlmsghdr *req, nl_reply_fn fn, void *ctx);

/* Append attribute type with len bytes of data to msg (room: size bytes). */
int nl_put_attr(struct nlmsghdr *msg, size_t size, unsigned short type, const void *data,
		size_t len);

/* Open a nested attribute; close it with nl_end_nest(). NULL if no room. */
struct nlattr *nl_begin_nest(struct nlmsghdr *msg, size_t size, unsigned short type);
void nl_end_nest(struct nlmsghdr *msg, struct nlattr *nest);

/*
 * Index the attributes in [attrs, attrs + len) by type into tb (max + 1
 * entries, zeroed first); later duplicates win. -EINVAL if malformed.
 */
int nl_parse_attrs(const struct nlattr **tb, int max, const void *attrs, size_t len);

#endif /* __BPFCORE_NETLINK_H */
