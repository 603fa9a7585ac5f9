// SPDX-License-Identifier: BSD-2-Clause
/*
 * Loading BTF from files: raw BTF (such as /sys/kernel/btf/vmlinux) read in
 * one go, or the .BTF section of an ELF object through libelf.
 */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <linux/magic.h>

#include "btf_ext.h"
#include "btf_internal.h"
#include "log.h"

struct file_buf {
	char *data;
	size_t size;
	bool mapped;	/* data is a read-only mapping of size bytes */
};

static void file_buf_release(struct file_buf *buf)
{
	if (buf->mapped)
		munmap(buf->data, buf->size);
	else
		free(buf->data);
	buf->data = NULL;
	buf->mapped = false;
}

static int read_fd_fully(int fd, const char *path, size_t hint, struct file_buf *buf)
{
	size_t cap = hint ? hint + 1 : 1 << 16;
	ssize_t n;
	char *p;

	buf->data = malloc(cap);
	if (!buf->data)
		return -ENOMEM;
	buf->size = 0;
	for (;;) {
		if (buf->size == cap) {
			if (cap >= BTF_MAX_RAW_SIZE) {
				pr_warn("'%s' is larger than %u bytes\n", path, BTF_MAX_RAW_SIZE);
				return -EFBIG;
			}
			cap *= 2;
			p = realloc(buf->data, cap);
			if (!p)
				return -ENOMEM;
			buf->data = p;
		}
		n = read(fd, buf->data + buf->size, cap - buf->size);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			pr_warn("failed to read '%s': %s\n", path, strerror(errno));
			return -errno;
		}
		if (n == 0)
			return 0;
		buf->size += n;
	}
}

/*
 * Map a file: sysfs hands out at most a page per read() (1,300 system
 * calls for vmlinux), while 6.16+ kernels map its BTF at once, and the
 * mapping is used in place.
 * Only sysfs: a regular file truncated while mapped would fault (SIGBUS).
 * Returns -errno when the file can't be mapped, and the caller reads it.
 */
static int map_fd(int fd, size_t size, struct file_buf *buf)
{
	struct statfs sfs;
	void *map;

	if (fstatfs(fd, &sfs) || sfs.f_type != SYSFS_MAGIC)
		return -ENOTSUP;
	map = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (map == MAP_FAILED)
		return -errno;
	buf->data = map;
	buf->size = size;
	buf->mapped = true;
	return 0;
}

/* Read a whole file; sysfs files report their real size. */
static int read_file(const char *path, struct file_buf *buf)
{
	struct stat st;
	int fd, err;

	buf->data = NULL;
	buf->size = 0;
	buf->mapped = false;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		err = -errno;
		pr_warn("failed to open '%s': %s\n", path, strerror(errno));
		return err;
	}
	if (fstat(fd, &st) < 0) {
		err = -errno;
		pr_warn("failed to stat '%s': %s\n", path, strerror(errno));
		goto out;
	}
	if (S_ISDIR(st.st_mode)) {
		pr_warn("'%s' is a directory\n", path);
		err = -EISDIR;
		goto out;
	}
	if (st.st_size > BTF_MAX_RAW_SIZE) {
		pr_warn("'%s' is larger than %u bytes\n", path, BTF_MAX_RAW_SIZE);
		err = -EFBIG;
		goto out;
	}
	if (S_ISREG(st.st_mode) && st.st_size > 0) {
		err = map_fd(fd, st.st_size, buf);
		if (err)
			err = read_fd_fully(fd, path, st.st_size, buf);
	} else {
		err = read_fd_fully(fd, path, st.st_size, buf);
	}
out:
	close(fd);
	if (err)
		file_buf_release(buf);
	return err;
}

static bool is_elf(const struct file_buf *buf)
{
	return buf->size >= SELFMAG && !memcmp(buf->data, ELFMAG, SELFMAG);
}

static Elf_Scn *elf_find_section(Elf *elf, const char *path, const char *want)
{
	Elf_Scn *scn = NULL;
	size_t shstrndx;
	GElf_Shdr shdr;
	const char *name;

	if (elf_getshdrstrndx(elf, &shstrndx)) {
		pr_warn("'%s': ELF has no section name table: %s\n", path, elf_errmsg(-1));
		return NULL;
	}
	while ((scn = elf_nextscn(elf, scn))) {
		if (!gelf_getshdr(scn, &shdr))
			continue;
		name = elf_strptr(elf, shstrndx, shdr.sh_name);
		if (name && !strcmp(name, want))
			return scn;
	}
	return NULL;
}

/* Copy of the bytes of section name (.BTF, .BTF.ext), or NULL with the reason logged. */
static void *elf_btf_section(Elf *elf, const char *path, const char *name, size_t *size,
			     int *err)
{
	Elf_Scn *scn;
	Elf_Data *data;
	GElf_Shdr shdr;
	void *copy;

	*err = -ENOENT;
	scn = elf_find_section(elf, path, name);
	if (!scn) {
		pr_warn("'%s' has no %s section\n", path, name);
		return NULL;
	}
	*err = -EINVAL;
	if (!gelf_getshdr(scn, &shdr) || shdr.sh_type == SHT_NOBITS) {
		pr_warn("'%s': %s section has no data\n", path, name);
		return NULL;
	}
	data = elf_getdata(scn, NULL);
	if (!data || !data->d_buf || data->d_size > BTF_MAX_RAW_SIZE) {
		pr_warn("'%s': cannot read %s section: %s\n", path, name,
			data ? "size out of range" : elf_errmsg(-1));
		return NULL;
	}
	*err = -ENOMEM;
	copy = malloc(data->d_size ? data->d_size : 1);
	if (!copy)
		return NULL;
	memcpy(copy, data->d_buf, data->d_size);
	*size = data->d_size;
	*err = 0;
	return copy;
}

/* Raw BTF in either byte order (the parser explains the other one). */
static bool is_raw_btf(const struct file_buf *buf)
{
	__u16 magic;

	if (buf->size < sizeof(magic))
		return false;
	memcpy(&magic, buf->data, sizeof(magic));
	return magic == BTF_MAGIC || magic == __builtin_bswap16(BTF_MAGIC);
}

/*
 * The object's .BTF.ext for btf, NULL if it has none (as libbpf); an
 * error if it has one that does not parse.
 */
static int elf_btf_ext(Elf *elf, const char *path, const struct btf *btf,
		       struct btf_ext **btf_ext)
{
	size_t size = 0;
	void *raw;
	int err;

	*btf_ext = NULL;
	if (!elf_find_section(elf, path, BTF_EXT_ELF_SEC))
		return 0;
	raw = elf_btf_section(elf, path, BTF_EXT_ELF_SEC, &size, &err);
	if (!raw)
		return err;
	*btf_ext = btf_ext_parse(raw, size, btf);
	err = *btf_ext ? 0 : -errno;
	free(raw);
	return err;
}

static struct btf *btf_from_elf_buf(struct file_buf *buf, const char *path, struct btf *base,
				    struct btf_ext **btf_ext)
{
	struct btf *btf = NULL;
	size_t size = 0;
	void *raw = NULL;
	Elf *elf;
	int err;

	elf_version(EV_CURRENT);
	elf = elf_memory(buf->data, buf->size);
	if (!elf || elf_kind(elf) != ELF_K_ELF) {
		pr_warn("'%s' is not a valid ELF file: %s\n", path, elf_errmsg(-1));
		err = -EINVAL;
		goto out;
	}
	raw = elf_btf_section(elf, path, BTF_ELF_SEC, &size, &err);
	if (err)
		goto out;
	btf = btf_new_owned(raw, size, base);
	err = btf ? 0 : -errno;
	if (btf && btf_ext)
		err = elf_btf_ext(elf, path, btf, btf_ext);
out:
	if (elf)
		elf_end(elf);
	if (err) {
		btf__free(btf);
		return libbpf_err_ptr(err);
	}
	return btf;
}

static struct btf *btf_from_raw_buf(struct file_buf *buf, struct btf *base)
{
	struct btf *btf;

	/* the object takes the buffer: no copy of a 5 MB vmlinux BTF */
	if (buf->mapped)
		btf = btf_new_mapped(buf->data, buf->size, buf->size, base);
	else
		btf = btf_new_owned(buf->data, buf->size, base);
	buf->data = NULL;
	buf->mapped = false;
	return btf;
}

enum btf_file_kind { BTF_FILE_ANY, BTF_FILE_RAW, BTF_FILE_ELF };

static struct btf *btf_parse_file(const char *path, struct btf *base, enum btf_file_kind kind,
				  struct btf_ext **btf_ext)
{
	struct file_buf buf;
	struct btf *btf;
	int err;

	err = read_file(path, &buf);
	if (err)
		return libbpf_err_ptr(err);
	if (is_elf(&buf) && kind != BTF_FILE_RAW) {
		btf = btf_from_elf_buf(&buf, path, base, btf_ext);
	} else if (kind == BTF_FILE_ELF) {
		pr_warn("'%s' is not an ELF file\n", path);
		btf = libbpf_err_ptr(-EINVAL);
	} else if (kind == BTF_FILE_ANY && !is_raw_btf(&buf)) {
		pr_warn("'%s' is neither an ELF object nor raw BTF (%zu bytes)\n", path, buf.size);
		btf = libbpf_err_ptr(-EINVAL);
	} else {
		btf = btf_from_raw_buf(&buf, base);
	}
	err = btf ? 0 : -errno;
	file_buf_release(&buf);
	return btf ? btf : libbpf_err_ptr(err);
}

struct btf *btf__parse_split(const char *path, struct btf *base_btf)
{
	return btf_parse_file(path, base_btf, BTF_FILE_ANY, NULL);
}

struct btf *btf__parse(const char *path, struct btf_ext **btf_ext)
{
	if (btf_ext)
		*btf_ext = NULL;
	return btf_parse_file(path, NULL, BTF_FILE_ANY, btf_ext);
}

struct btf *btf__parse_elf_split(const char *path, struct btf *base_btf)
{
	return btf_parse_file(path, base_btf, BTF_FILE_ELF, NULL);
}

struct btf *btf__parse_elf(const char *path, struct btf_ext **btf_ext)
{
	if (btf_ext)
		*btf_ext = NULL;
	return btf_parse_file(path, NULL, BTF_FILE_ELF, btf_ext);
}

struct btf *btf__parse_raw_split(const char *path, struct btf *base_btf)
{
	return btf_parse_file(path, base_btf, BTF_FILE_RAW, NULL);
}

struct btf *btf__parse_raw(const char *path)
{
	return btf__parse_raw_split(path, NULL);
}

struct btf *btf__load_vmlinux_btf(void)
{
	return btf__parse_raw("/sys/kernel/btf/vmlinux");
}

struct btf *btf__load_module_btf(const char *module_name, struct btf *vmlinux_btf)
{
	char path[256];

	if (snprintf(path, sizeof(path), "/sys/kernel/btf/%s", module_name) >= (int)sizeof(path))
		return libbpf_err_ptr(-ENAMETOOLONG);
	return btf__parse_raw_split(path, vmlinux_btf);
}
