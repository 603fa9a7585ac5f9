/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Object-level API of the bpfcore library, named as in libbpf's libbpf.h.
 */
#ifndef __BPFCORE_LIBBPF_H
#define __BPFCORE_LIBBPF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <linux/bpf.h>

#include "libbpf_common.h"

#ifdef __cplusplus
extern "C" {
#endif

enum libbpf_print_level {
	LIBBPF_WARN,
	LIBBPF_INFO,
	LIBBPF_DEBUG,
};

typedef int (*libbpf_print_fn_t)(enum libbpf_print_level level, const char *, va_list ap);

/**
 * @brief Set the callback that receives the library's log messages.
 * @param fn new callback, or NULL to silence the library
 * @return the previous callback
 */
LIBBPF_API libbpf_print_fn_t libbpf_set_print(libbpf_print_fn_t fn);

/**
 * @brief Describe a (positive or negative) libbpf error code.
 * @param err error code
 * @param buf output buffer
 * @param size size of buf
 * @return 0, or -EINVAL if buf is too small
 */
LIBBPF_API int libbpf_strerror(int err, char *buf, size_t size);

/**
 * @brief Version of the library as "v<major>.<minor>".
 * @return static string
 */
LIBBPF_API const char *libbpf_version_string(void);

/* ---- names of kernel enums, as libbpf and bpftool spell them ---- */

/**
 * @brief Name of a program type ("socket_filter", "xdp", ...).
 * @param t program type
 * @return static string, or NULL for an unknown type
 */
LIBBPF_API const char *libbpf_bpf_prog_type_str(enum bpf_prog_type t);
/** @brief Name of a map type ("hash", ...). @param t map type @return static string or NULL */
LIBBPF_API const char *libbpf_bpf_map_type_str(enum bpf_map_type t);
/** @brief Name of an attach type ("cgroup_inet_ingress", ...). @param t attach type @return static string or NULL */
LIBBPF_API const char *libbpf_bpf_attach_type_str(enum bpf_attach_type t);
/** @brief Name of a link type ("tracing", ...). @param t link type @return static string or NULL */
LIBBPF_API const char *libbpf_bpf_link_type_str(enum bpf_link_type t);

/* ---- ring buffers (BPF_MAP_TYPE_RINGBUF, BPF_MAP_TYPE_USER_RINGBUF) ---- */

struct ring_buffer;
struct ring;

/* Called for each record; a negative return stops the consumption and is returned. */
typedef int (*ring_buffer_sample_fn)(void *ctx, void *data, size_t size);

struct ring_buffer_opts {
	size_t sz;
};
#define ring_buffer_opts__last_field sz

/**
 * @brief Consumer of one ring buffer map, more can be added.
 * @param map_fd BPF_MAP_TYPE_RINGBUF map
 * @param sample_cb called for each record
 * @param ctx passed to sample_cb
 * @param opts NULL
 * @return the consumer, or NULL with errno set
 */
LIBBPF_API struct ring_buffer *ring_buffer__new(int map_fd, ring_buffer_sample_fn sample_cb,
						void *ctx, const struct ring_buffer_opts *opts);
/** @brief Release the consumer and its mappings. @param rb consumer or NULL */
LIBBPF_API void ring_buffer__free(struct ring_buffer *rb);
/** @brief Add another ring. @param rb consumer @param map_fd ring buffer map @param sample_cb callback @param ctx its context @return 0 or -errno */
LIBBPF_API int ring_buffer__add(struct ring_buffer *rb, int map_fd,
				ring_buffer_sample_fn sample_cb, void *ctx);
/** @brief Wait up to timeout_ms for records and consume them. @param rb consumer @param timeout_ms -1 waits forever @return records consumed (INT_MAX at most) or -errno */
LIBBPF_API int ring_buffer__poll(struct ring_buffer *rb, int timeout_ms);
/** @brief Consume what is available, without waiting. @param rb consumer @return records consumed or -errno */
LIBBPF_API int ring_buffer__consume(struct ring_buffer *rb);
/** @brief Consume at most n records. @param rb consumer @param n limit @return records consumed or -errno */
LIBBPF_API int ring_buffer__consume_n(struct ring_buffer *rb, size_t n);
/** @brief The epoll fd that becomes readable when records arrive. @param rb consumer @return fd */
LIBBPF_API int ring_buffer__epoll_fd(const struct ring_buffer *rb);
/** @brief The idx-th ring, in the order added. @param rb consumer @param idx index @return ring or NULL (errno ENOENT) */
LIBBPF_API struct ring *ring_buffer__ring(struct ring_buffer *rb, unsigned int idx);

/** @brief Consumer position. @param r ring @return bytes consumed since creation */
LIBBPF_API unsigned long ring__consumer_pos(const struct ring *r);
/** @brief Producer position. @param r ring @return bytes produced since creation */
LIBBPF_API unsigned long ring__producer_pos(const struct ring *r);
/** @brief Bytes produced but not consumed. @param r ring @return bytes */
LIBBPF_API size_t ring__avail_data_size(const struct ring *r);
/** @brief Size of the data area. @param r ring @return bytes */
LIBBPF_API size_t ring__size(const struct ring *r);
/** @brief The ring's map fd. @param r ring @return fd */
LIBBPF_API int ring__map_fd(const struct ring *r);
/** @brief Consume this ring only. @param r ring @return records or -errno */
LIBBPF_API int ring__consume(struct ring *r);
/** @brief Consume at most n records of this ring. @param r ring @param n limit @return records or -errno */
LIBBPF_API int ring__consume_n(struct ring *r, size_t n);

/* ---- perf buffers (BPF_MAP_TYPE_PERF_EVENT_ARRAY) ---- */

struct perf_buffer;

typedef void (*perf_buffer_sample_fn)(void *ctx, int cpu, void *data, __u32 size);
typedef void (*perf_buffer_lost_fn)(void *ctx, int cpu, __u64 cnt);

struct perf_buffer_opts {
	size_t sz;
	__u32 sample_period;	/* wake-up every N samples, default 1 */
	size_t :0;
};
#define perf_buffer_opts__last_field sample_period

/**
 * @brief Per-CPU perf ring buffers for a perf event array, one per CPU.
 * @param map_fd BPF_MAP_TYPE_PERF_EVENT_ARRAY map
 * @param page_cnt data pages per CPU, a power of two
 * @param sample_cb called for each sample
 * @param lost_cb called with counts of lost samples, or NULL
 * @param ctx passed to the callbacks
 * @param opts NULL or sample_period
 * @return the buffer, or NULL with errno set
 */
LIBBPF_API struct perf_buffer *perf_buffer__new(int map_fd, size_t page_cnt,
						perf_buffer_sample_fn sample_cb,
						perf_buffer_lost_fn lost_cb, void *ctx,
						const struct perf_buffer_opts *opts);
/** @brief Release it; removes the events from the map. @param pb buffer or NULL */
LIBBPF_API void perf_buffer__free(struct perf_buffer *pb);
/** @brief epoll fd. @param pb buffer @return fd */
LIBBPF_API int perf_buffer__epoll_fd(const struct perf_buffer *pb);
/** @brief Wait up to timeout_ms and consume. @param pb buffer @param timeout_ms -1 forever @return buffers that had data, or -errno */
LIBBPF_API int perf_buffer__poll(struct perf_buffer *pb, int timeout_ms);
/** @brief Consume everything available. @param pb buffer @return 0 or -errno */
LIBBPF_API int perf_buffer__consume(struct perf_buffer *pb);
/** @brief Consume one CPU's buffer. @param pb buffer @param buf_idx index @return 0 or -errno */
LIBBPF_API int perf_buffer__consume_buffer(struct perf_buffer *pb, size_t buf_idx);
/** @brief Number of per-CPU buffers. @param pb buffer @return count */
LIBBPF_API size_t perf_buffer__buffer_cnt(const struct perf_buffer *pb);
/** @brief fd of one per-CPU buffer. @param pb buffer @param buf_idx index @return fd or -errno */
LIBBPF_API int perf_buffer__buffer_fd(const struct perf_buffer *pb, size_t buf_idx);

/* ---- XDP through rtnetlink ---- */

struct bpf_xdp_attach_opts {
	size_t sz;
	int old_prog_fd;	/* replace only this program (XDP_FLAGS_REPLACE) */
	size_t :0;
};
#define bpf_xdp_attach_opts__last_field old_prog_fd

struct bpf_xdp_query_opts {
	size_t sz;
	__u32 prog_id;		/* out: the program, in a single mode */
	__u32 drv_prog_id;	/* out: native mode */
	__u32 hw_prog_id;	/* out: offloaded */
	__u32 skb_prog_id;	/* out: generic mode */
	__u8 attach_mode;	/* out: XDP_ATTACHED_* */
	__u64 feature_flags;	/* out: not filled (needs netdev genetlink): 0 */
	__u32 xdp_zc_max_segs;	/* out: not filled: 0 */
	size_t :0;
};
#define bpf_xdp_query_opts__last_field xdp_zc_max_segs

/**
 * @brief Attach an XDP program to a device; it stays when the process exits.
 * @param ifindex device
 * @param prog_fd program
 * @param flags XDP_FLAGS_* (mode, UPDATE_IF_NOEXIST)
 * @param opts old_prog_fd to replace, or NULL
 * @return 0 or -errno
 */
LIBBPF_API int bpf_xdp_attach(int ifindex, int prog_fd, __u32 flags,
			      const struct bpf_xdp_attach_opts *opts);
/** @brief Detach the XDP program of a device. @param ifindex device @param flags mode @param opts old_prog_fd or NULL @return 0 or -errno */
LIBBPF_API int bpf_xdp_detach(int ifindex, __u32 flags, const struct bpf_xdp_attach_opts *opts);
/** @brief XDP programs of a device, per mode. @param ifindex device @param flags 0 @param opts receives the ids @return 0 or -errno */
LIBBPF_API int bpf_xdp_query(int ifindex, int flags, struct bpf_xdp_query_opts *opts);
/** @brief The XDP program of a device in one mode. @param ifindex device @param flags mode or 0 @param prog_id receives it (0: none) @return 0 or -errno */
LIBBPF_API int bpf_xdp_query_id(int ifindex, int flags, __u32 *prog_id);

#ifdef __cplusplus
}
#endif

#endif /* __BPFCORE_LIBBPF_H */
