// SPDX-License-Identifier: BSD-2-Clause
/*
 * The static linker's public API: bpf_linker__new() on a file or fd,
 * bpf_linker__add_*() per input object, bpf_linker__finalize() to write
 * the result. Each input is merged in whole as it is added: sections,
 * then symbols, relocations, BTF and .BTF.ext.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <bpf/btf.h>

#include "btf_internal.h"
#include "btf_strset.h"
#include "linker_internal.h"
#include "log.h"
#include "opts.h"

/* Largest input object read. */
#define LINKER_MAX_INPUT (1UL << 30)

void bpf_linker__free(struct bpf_linker *linker)
{
	size_t i;
	int k;

	if (!linker)
		return;
	if (linker->fd_owned && linker->fd >= 0)
		close(linker->fd);
	for (i = 1; i < linker->sec_cnt; i++) {
		free(linker->secs[i].name);
		free(linker->secs[i].data);
		free(linker->secs[i].vars);
		for (k = 0; k < BTF_EXT_KIND_CNT; k++)
			free(linker->secs[i].ext[k].recs);
	}
	for (i = 0; i < linker->glob_cnt; i++) {
		free(linker->globs[i].name);
		free(linker->globs[i].file);
	}
	free(linker->globs);
	free(linker->secs);
	free(linker->syms);
	btf_strset_free(linker->strtab);
	btf__free(linker->btf);
	free(linker->filename);
	free(linker);
}

/* The empty output: the null section and symbol, .strtab and .symtab named. */
static int linker_init(struct bpf_linker *linker)
{
	static const GElf_Sym null_sym;
	size_t idx;

	linker->elf_sec_cnt = LINKER_SYMTAB_IDX + 1;
	linker->sec_cnt = 1;
	linker->secs = calloc(1, sizeof(*linker->secs));
	linker->strtab = btf_strset_new("", 1, INT_MAX);
	linker->btf = btf__new_empty();
	if (!linker->secs || !linker->strtab || !linker->btf || btf_ensure_modifiable(linker->btf))
		return -ENOMEM;
	if (linker_strtab_add(linker, ".strtab") < 0 || linker_strtab_add(linker, ".symtab") < 0)
		return -ENOMEM;
	return linker_add_symbol(linker, &null_sym, "", &idx);
}

static struct bpf_linker *linker_new(int fd, bool owned, const char *name,
				     const struct bpf_linker_opts *opts)
{
	struct bpf_linker *linker;
	int err;

	if (!OPTS_VALID(opts, bpf_linker_opts)) {
		if (owned)
			close(fd);
		return libbpf_err_ptr(-EINVAL);
	}
	linker = calloc(1, sizeof(*linker));
	if (!linker) {
		if (owned)
			close(fd);
		return libbpf_err_ptr(-ENOMEM);
	}
	linker->fd = fd;
	linker->fd_owned = owned;
	linker->filename = strdup(name);
	err = linker->filename ? linker_init(linker) : -ENOMEM;
	if (err) {
		bpf_linker__free(linker);
		return libbpf_err_ptr(err);
	}
	return linker;
}

struct bpf_linker *bpf_linker__new(const char *filename, struct bpf_linker_opts *opts)
{
	int fd;

	if (!filename)
		return libbpf_err_ptr(-EINVAL);
	fd = open(filename, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0) {
		int err = -errno;

		pr_warn("linker: can't create '%s': %s\n", filename, strerror(-err));
		return libbpf_err_ptr(err);
	}
	return linker_new(fd, true, filename, opts);
}

struct bpf_linker *bpf_linker__new_fd(int fd, struct bpf_linker_opts *opts)
{
	char name[32];

	if (fd < 0)
		return libbpf_err_ptr(-EINVAL);
	snprintf(name, sizeof(name), "fd:%d", fd);
	return linker_new(fd, false, name, opts);
}

/* Merge one object (buf is owned from now on). */
static int linker_add(struct bpf_linker *linker, void *buf, size_t size, const char *name,
		      const struct bpf_linker_file_opts *opts)
{
	struct linker_src src = { NULL };
	int err;

	if (!OPTS_VALID(opts, bpf_linker_file_opts)) {
		free(buf);
		return libbpf_err(-EINVAL);
	}
	if (linker->finalized) {
		pr_warn("linker: '%s' is already written, '%s' can't be added\n",
			linker->filename, name);
		free(buf);
		return libbpf_err(-EINVAL);
	}
	pr_debug("linker: adding '%s'\n", name);
	err = linker_src_open(&src, buf, size, name);
	err = err ?: linker_add_sec_data(linker, &src);
	err = err ?: linker_add_symbols(linker, &src);
	err = err ?: linker_add_relos(linker, &src);
	err = err ?: linker_add_btf(linker, &src);
	err = err ?: linker_add_btf_ext(linker, &src);
	linker_src_close(&src);
	return libbpf_err(err);
}

/* The whole content of fd from offset 0, in *buf. */
static int read_fd(int fd, const char *name, void **buf, size_t *size)
{
	struct stat st;
	size_t done = 0;
	char *data;

	if (fstat(fd, &st))
		return -errno;
	if (!S_ISREG(st.st_mode) || (size_t)st.st_size > LINKER_MAX_INPUT) {
		pr_warn("linker: '%s' is not a regular file of at most 1 GiB\n", name);
		return S_ISDIR(st.st_mode) ? -EISDIR : -EINVAL;
	}
	data = malloc(st.st_size ? st.st_size : 1);
	if (!data)
		return -ENOMEM;
	while (done < (size_t)st.st_size) {
		ssize_t n = pread(fd, data + done, st.st_size - done, done);

		if (n <= 0) {
			int err = n < 0 ? -errno : -EIO;

			pr_warn("linker: can't read '%s': %s\n", name, strerror(-err));
			free(data);
			return err;
		}
		done += n;
	}
	*buf = data;
	*size = done;
	return 0;
}

int bpf_linker__add_file(struct bpf_linker *linker, const char *filename,
			 const struct bpf_linker_file_opts *opts)
{
	void *buf = NULL;
	size_t size = 0;
	int fd, err;

	if (!linker || !filename)
		return libbpf_err(-EINVAL);
	fd = open(filename, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		err = -errno;
		pr_warn("linker: can't open '%s': %s\n", filename, strerror(-err));
		return libbpf_err(err);
	}
	err = read_fd(fd, filename, &buf, &size);
	close(fd);
	if (err)
		return libbpf_err(err);
	return linker_add(linker, buf, size, filename, opts);
}

int bpf_linker__add_fd(struct bpf_linker *linker, int fd, const struct bpf_linker_file_opts *opts)
{
	char name[32];
	void *buf = NULL;
	size_t size = 0;
	int err;

	if (!linker || fd < 0)
		return libbpf_err(-EINVAL);
	snprintf(name, sizeof(name), "fd:%d", fd);
	err = read_fd(fd, name, &buf, &size);
	if (err)
		return libbpf_err(err);
	return linker_add(linker, buf, size, name, opts);
}

int bpf_linker__add_buf(struct bpf_linker *linker, void *buf, size_t buf_sz,
			const struct bpf_linker_file_opts *opts)
{
	char name[48];
	void *copy;

	if (!linker || !buf || !buf_sz)
		return libbpf_err(-EINVAL);
	copy = malloc(buf_sz);
	if (!copy)
		return libbpf_err(-ENOMEM);
	memcpy(copy, buf, buf_sz);
	snprintf(name, sizeof(name), "mem:%p+%zu", buf, buf_sz);
	return linker_add(linker, copy, buf_sz, name, opts);
}

int bpf_linker__finalize(struct bpf_linker *linker)
{
	const void *btf_raw = NULL;
	__u32 btf_size = 0, ext_size = 0;
	void *ext = NULL;
	int err;

	if (!linker || linker->finalized)
		return libbpf_err(-EINVAL);
	err = linker_finalize_btf(linker, &ext, &ext_size);
	if (!err && btf__type_cnt(linker->btf) > 1) {
		btf_raw = btf__raw_data(linker->btf, &btf_size);
		if (!btf_raw)
			err = -ENOMEM;
	}
	err = err ?: linker_write_elf(linker, btf_raw, btf_size, ext, ext_size);
	free(ext);
	if (err)
		return libbpf_err(err);
	linker->finalized = true;
	if (linker->fd_owned)
		close(linker->fd);
	linker->fd = -1;
	return 0;
}
