// SPDX-License-Identifier: BSD-2-Clause
/*
 * Kernel configuration reader for __kconfig externs: parses .config text
 * into a sorted name -> value table and converts values to the layout of
 * the extern that asks for them.
 */
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/utsname.h>
#include <zlib.h>

#include "kconfig.h"
#include "log.h"

/* A decompressed kernel config is ~250 KiB; anything this big is not one. */
#define KCONFIG_MAX_FILE (64u << 20)

struct kconfig_entry {
	const char *name;
	const char *value;
	size_t seq;		/* definition order: the latest wins */
};

/* A copy of one added text; entries point into it. */
struct kconfig_chunk {
	struct kconfig_chunk *next;
	char text[];
};

struct kconfig {
	struct kconfig_entry *entries;	/* sorted by name, one per name */
	size_t nr;
	size_t next_seq;
	struct kconfig_chunk *chunks;
};

struct kconfig *kconfig_new(void)
{
	return calloc(1, sizeof(struct kconfig));
}

void kconfig_free(struct kconfig *kc)
{
	struct kconfig_chunk *c, *next;

	if (!kc)
		return;
	for (c = kc->chunks; c; c = next) {
		next = c->next;
		free(c);
	}
	free(kc->entries);
	free(kc);
}

size_t kconfig_count(const struct kconfig *kc)
{
	return kc->nr;
}

static int entry_cmp(const void *a, const void *b)
{
	const struct kconfig_entry *x = a, *y = b;
	int d = strcmp(x->name, y->name);

	if (d)
		return d;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Sort by name and keep, of each name, the entry defined last. */
static void entries_settle(struct kconfig *kc)
{
	size_t i, out = 0;

	qsort(kc->entries, kc->nr, sizeof(*kc->entries), entry_cmp);
	for (i = 0; i < kc->nr; i++) {
		if (i + 1 < kc->nr && !strcmp(kc->entries[i].name, kc->entries[i + 1].name))
			continue;
		kc->entries[out++] = kc->entries[i];
	}
	kc->nr = out;
}

static bool is_name_char(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       c == '_';
}

/*
 * Split one NUL-terminated line in place into name and value. Returns 1
 * for a CONFIG_ assignment, 0 for a line to skip, -EINVAL if malformed.
 */
static int split_line(char *line, size_t lineno, char **name, char **value)
{
	char *eq, *end;

	while (*line == ' ' || *line == '\t')
		line++;
	if (strncmp(line, "CONFIG_", 7))
		return 0;	/* blank, comment ("# CONFIG_X is not set") or other */
	eq = line + 7;
	while (is_name_char(*eq))
		eq++;
	if (eq == line + 7 || *eq != '=') {
		pr_warn("kernel config: line %zu: '%.60s' is not CONFIG_NAME=value\n",
			lineno, line);
		return -EINVAL;
	}
	*eq = '\0';
	end = eq + 1 + strlen(eq + 1);
	while (end > eq + 1 && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
		*--end = '\0';
	*name = line;
	*value = eq + 1;
	return 1;
}

int kconfig_add_text(struct kconfig *kc, const char *text, size_t len)
{
	struct kconfig_entry *entries;
	struct kconfig_chunk *chunk;
	size_t lines = 1, i, n = 0, lineno = 0;
	char *p, *nl, *name, *value;
	int err;

	for (i = 0; i < len; i++)
		lines += text[i] == '\n';
	chunk = malloc(sizeof(*chunk) + len + 1);
	entries = reallocarray(kc->entries, kc->nr + lines, sizeof(*entries));
	if (!chunk || !entries) {
		free(chunk);
		if (entries)
			kc->entries = entries;
		return -ENOMEM;
	}
	kc->entries = entries;
	memcpy(chunk->text, text, len);
	chunk->text[len] = '\0';
	for (p = chunk->text; p < chunk->text + len; p = nl + 1) {
		nl = memchr(p, '\n', chunk->text + len - p);
		if (!nl)
			nl = chunk->text + len;
		*nl = '\0';
		if (memchr(p, '\0', nl - p)) {
			pr_warn("kernel config: line %zu holds a NUL byte\n", lineno + 1);
			err = -EINVAL;
			goto err_free;
		}
		err = split_line(p, ++lineno, &name, &value);
		if (err < 0)
			goto err_free;
		if (err)
			entries[kc->nr + n++] = (struct kconfig_entry){
				.name = name, .value = value, .seq = kc->next_seq++,
			};
	}
	chunk->next = kc->chunks;
	kc->chunks = chunk;
	kc->nr += n;
	entries_settle(kc);
	return 0;

err_free:
	free(chunk);
	return err;
}

/* The whole content of a plain or gzip file (zlib reads both). */
static int read_file(const char *path, char **out, size_t *out_len)
{
	size_t cap = 256 << 10, len = 0;
	char *buf = NULL, *bigger;
	gzFile gz;
	int n, err;

	errno = 0;
	gz = gzopen(path, "rb");
	if (!gz)
		return errno ? -errno : -ENOMEM;
	for (;;) {
		if (!buf || len == cap) {
			if (buf && cap >= KCONFIG_MAX_FILE) {
				pr_warn("kernel config '%s': larger than %u MiB\n", path,
					KCONFIG_MAX_FILE >> 20);
				err = -EFBIG;
				goto err_free;
			}
			cap = buf ? cap * 2 : cap;
			bigger = realloc(buf, cap);
			if (!bigger) {
				err = -ENOMEM;
				goto err_free;
			}
			buf = bigger;
		}
		n = gzread(gz, buf + len, cap - len);
		if (n < 0) {
			pr_warn("kernel config '%s': %s\n", path, gzerror(gz, &n));
			err = -EIO;
			goto err_free;
		}
		if (!n)
			break;
		len += n;
	}
	gzclose(gz);
	*out = buf;
	*out_len = len;
	return 0;

err_free:
	free(buf);
	gzclose(gz);
	return err;
}

int kconfig_add_file(struct kconfig *kc, const char *path)
{
	size_t len;
	char *text;
	int err;

	err = read_file(path, &text, &len);
	if (err)
		return err;
	err = kconfig_add_text(kc, text, len);
	if (err == -EINVAL)
		pr_warn("kernel config '%s' is malformed\n", path);
	free(text);
	return err;
}

int kconfig_add_kernel(struct kconfig *kc)
{
	char path[PATH_MAX];
	struct utsname u;
	int err;

	err = kconfig_add_file(kc, "/proc/config.gz");
	if (err != -ENOENT)
		return err;
	if (uname(&u))
		return -errno;
	snprintf(path, sizeof(path), "/boot/config-%s", u.release);
	err = kconfig_add_file(kc, path);
	if (err == -ENOENT)
		pr_warn("kernel config: neither /proc/config.gz nor %s exists\n", path);
	return err;
}

const char *kconfig_name_at(const struct kconfig *kc, size_t i)
{
	return i < kc->nr ? kc->entries[i].name : NULL;
}

const char *kconfig_get(const struct kconfig *kc, const char *name)
{
	size_t lo = 0, hi = kc->nr, mid;
	int d;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		d = strcmp(name, kc->entries[mid].name);
		if (!d)
			return kc->entries[mid].value;
		if (d < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

static const char *type_name(enum kconfig_type t)
{
	static const char *const names[] = {
		[KCONFIG_BOOL] = "bool", [KCONFIG_TRISTATE] = "tristate", [KCONFIG_CHAR] = "char",
		[KCONFIG_STR] = "char array", [KCONFIG_UINT] = "unsigned integer",
		[KCONFIG_INT] = "signed integer",
	};

	return (unsigned int)t < sizeof(names) / sizeof(names[0]) ? names[t] : "unknown";
}

/* Store v in the low size bytes, as an integer of that size. */
static void store_uint(void *dst, size_t size, unsigned long long v)
{
	__u8 b = v;
	__u16 h = v;
	__u32 w = v;
	__u64 d = v;

	if (size == 1)
		memcpy(dst, &b, 1);
	else if (size == 2)
		memcpy(dst, &h, 2);
	else if (size == 4)
		memcpy(dst, &w, 4);
	else
		memcpy(dst, &d, 8);
}

static int convert_tristate(const char *name, char v, enum kconfig_type want, void *dst)
{
	__u32 tri = v == 'y' ? 1 : v == 'm' ? 2 : 0;

	switch (want) {
	case KCONFIG_BOOL:
		if (v == 'm') {
			pr_warn("kconfig '%s': value 'm' for a bool extern\n", name);
			return -EINVAL;
		}
		store_uint(dst, 1, tri);
		return 0;
	case KCONFIG_TRISTATE:
		memcpy(dst, &tri, sizeof(tri));
		return 0;
	case KCONFIG_CHAR:
		*(char *)dst = v;
		return 0;
	default:
		break;
	}
	pr_warn("kconfig '%s': value '%c' for an extern of type %s\n", name, v, type_name(want));
	return -EINVAL;
}

/*
 * The characters of a .config "string" (which escapes '"' and '\' with a
 * backslash), the first size - 1 of them copied to dst when dst is not
 * NULL. Returns their count, or -1 unless value is one quoted string.
 */
static ssize_t unquote(const char *value, char *dst, size_t size)
{
	size_t i = 1, n = 0;

	while (value[i] && value[i] != '"') {
		if (value[i] == '\\' && value[i + 1])
			i++;
		if (dst && n < size - 1)
			dst[n] = value[i];
		n++;
		i++;
	}
	if (value[i] != '"' || value[i + 1])
		return -1;
	if (dst)
		dst[n < size - 1 ? n : size - 1] = '\0';
	return n;
}

static int convert_string(const char *name, const char *value, enum kconfig_type want,
			  char *dst, size_t size)
{
	ssize_t n;

	if (want != KCONFIG_STR) {
		pr_warn("kconfig '%s': string value for an extern of type %s\n", name,
			type_name(want));
		return -EINVAL;
	}
	if (unquote(value, NULL, 0) < 0) {
		pr_warn("kconfig '%s': %.60s is not one quoted string\n", name, value);
		return -EINVAL;
	}
	n = unquote(value, dst, size);
	if ((size_t)n >= size)
		pr_warn("kconfig '%s': %zd-byte string truncated to %zu bytes\n", name, n,
			size - 1);
	return 0;
}

static int convert_number(const char *name, const char *value, enum kconfig_type want,
			  void *dst, size_t size)
{
	unsigned long long u, umax;
	long long s, smax;
	char *end;

	/* a char array may be any size: its bounds mean nothing to a number */
	if (want != KCONFIG_INT && want != KCONFIG_UINT && want != KCONFIG_CHAR) {
		pr_warn("kconfig '%s': number %.60s for an extern of type %s\n", name, value,
			type_name(want));
		return -EINVAL;
	}
	umax = size == 8 ? ULLONG_MAX : (1ULL << (size * 8)) - 1;
	smax = (long long)(umax >> 1);
	errno = 0;
	if (want == KCONFIG_INT && value[0] == '-') {
		s = strtoll(value, &end, 0);
		if (end == value || *end)
			goto bad;
		if (errno == ERANGE || s < -smax - 1)
			goto range;
		u = s;
	} else {
		if (value[0] == '-' || value[0] == '+')
			goto range;
		u = strtoull(value, &end, 0);
		if (end == value || *end)
			goto bad;
		if (errno == ERANGE || u > (want == KCONFIG_INT ? (unsigned long long)smax : umax))
			goto range;
	}
	store_uint(dst, size, u);
	return 0;
bad:
	pr_warn("kconfig '%s': value '%.60s' is not y, n, m, a number or a \"string\"\n",
		name, value);
	return -EINVAL;
range:
	pr_warn("kconfig '%s': %.60s does not fit %zu bytes (%s)\n", name, value, size,
		type_name(want));
	return -ERANGE;
}

/* Whether size is what an extern of kind want can have. */
static bool size_fits(enum kconfig_type want, size_t size)
{
	switch (want) {
	case KCONFIG_BOOL:
	case KCONFIG_CHAR:
		return size == 1;
	case KCONFIG_TRISTATE:
		return size == 4;
	case KCONFIG_STR:
		return size >= 1;
	case KCONFIG_INT:
	case KCONFIG_UINT:
		return size == 1 || size == 2 || size == 4 || size == 8;
	}
	return false;
}

int kconfig_convert(const char *name, const char *value, enum kconfig_type want,
		    void *dst, size_t size)
{
	if (!size_fits(want, size)) {
		pr_warn("kconfig '%s': an extern of type %s cannot be %zu bytes\n", name,
			type_name(want), size);
		return -EINVAL;
	}
	if ((value[0] == 'y' || value[0] == 'n' || value[0] == 'm') && !value[1])
		return convert_tristate(name, value[0], want, dst);
	if (value[0] == '"')
		return convert_string(name, value, want, dst, size);
	return convert_number(name, value, want, dst, size);
}

int kconfig_value(const struct kconfig *kc, const char *name, enum kconfig_type want,
		  void *dst, size_t size)
{
	const char *value = kconfig_get(kc, name);

	if (!value)
		return -ENOENT;
	return kconfig_convert(name, value, want, dst, size);
}

static __u32 version_code(unsigned int a, unsigned int b, unsigned int c)
{
	if (a > 255 || b > 255)
		return 0;
	return (a << 16) + (b << 8) + (c > 255 ? 255 : c);
}

__u32 kconfig_version_code(const char *release, const char *version, const char *signature)
{
	unsigned int a, b, c = 0;
	const char *debian;

	if (signature && sscanf(signature, "%*s %*s %u.%u.%u", &a, &b, &c) == 3)
		return version_code(a, b, c);
	debian = version ? strstr(version, "Debian ") : NULL;
	if (debian && sscanf(debian, "Debian %u.%u.%u", &a, &b, &c) == 3)
		return version_code(a, b, c);
	c = 0;	/* a release may stop at the minor version */
	if (release && sscanf(release, "%u.%u.%u", &a, &b, &c) >= 2)
		return version_code(a, b, c);
	return 0;
}

__u32 kconfig_kernel_version(void)
{
	char sig[256] = "";
	struct utsname u;
	FILE *f;

	if (uname(&u))
		return 0;
	f = fopen("/proc/version_signature", "re");
	if (f) {
		if (!fgets(sig, sizeof(sig), f))
			sig[0] = '\0';
		fclose(f);
	}
	return kconfig_version_code(u.release, u.version, sig[0] ? sig : NULL);
}
