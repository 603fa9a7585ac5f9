// SPDX-License-Identifier: BSD-2-Clause
/*
 * Keys and values given on the command line (see map_data.h).
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "keyword.h"
#include "map_data.h"
#include "map_info.h"
#include "object.h"
#include "report.h"

enum elem_word { W_KEY, W_VALUE, W_ANY, W_EXIST, W_NOEXIST };

static const struct keyword elem_words[] = {
	[W_KEY] = { "key" },
	[W_VALUE] = { "value" },
	[W_ANY] = { "any" },
	[W_EXIST] = { "exist" },
	[W_NOEXIST] = { "noexist" },
};

/* The bytes being parsed: where they go and how many there are. */
struct data_dest {
	const struct map_ref *m;
	const char *what;	/* "key" or "value" */
	__u8 *buf;
	__u32 size;		/* bytes the map expects */
	__u32 cnt;		/* bytes given so far (may pass size) */
};

/* arg is one of the element words, or a prefix of exactly one (as matched). */
static bool is_elem_word(const char *arg)
{
	size_t len = strlen(arg), i, hits = 0;

	for (i = 0; i < ARRAY_SIZE(elem_words); i++) {
		if (!strcmp(arg, elem_words[i].name))
			return true;
		hits += len && !strncmp(arg, elem_words[i].name, len);
	}
	return hits == 1;
}

static void put_byte(struct data_dest *d, unsigned int v)
{
	if (d->cnt < d->size)
		d->buf[d->cnt] = (__u8)v;
	d->cnt++;
}

/* A number of one byte: decimal, 0x hex or 0 octal. */
static bool put_number(struct data_dest *d, const char *arg)
{
	unsigned long v;
	char *end;

	if (!isdigit((unsigned char)arg[0]))
		return false;
	errno = 0;
	v = strtoul(arg, &end, 0);
	if (errno || *end || v > 0xff)
		return false;
	put_byte(d, v);
	return true;
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower((unsigned char)c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Hex digits: one byte for one or two, else two digits per byte. */
static bool put_hex(struct data_dest *d, const char *arg)
{
	size_t len, i;

	if (arg[0] == '0' && (arg[1] == 'x' || arg[1] == 'X'))
		arg += 2;
	len = strlen(arg);
	if (!len || (len > 2 && len % 2))
		return false;
	for (i = 0; i < len; i++)
		if (hex_digit(arg[i]) < 0)
			return false;
	if (len == 1) {
		put_byte(d, hex_digit(arg[0]));
		return true;
	}
	for (i = 0; i < len; i += 2)
		put_byte(d, hex_digit(arg[i]) << 4 | hex_digit(arg[i + 1]));
	return true;
}

/*
 * DATA at the head of argv, up to the next element word or the end;
 * returns the number of words used or -EINVAL, reported.
 */
static int parse_data(int argc, char **argv, struct data_dest *d)
{
	bool hex = argc && !strcmp(argv[0], "hex");
	int i;

	for (i = hex; i < argc; i++) {
		/* past the bytes the map takes, a word that is also a keyword is one */
		if (d->cnt >= d->size && is_elem_word(argv[i]))
			break;
		if (hex ? put_hex(d, argv[i]) : put_number(d, argv[i]))
			continue;
		if (is_elem_word(argv[i]))
			break;
		p_err("%s: can't parse '%s' as %s of the %s (%s)", d->m->desc, argv[i],
		      hex ? "hex bytes" : "a byte", d->what,
		      hex ? "pairs of hex digits" : "0 to 255, decimal or 0x-prefixed hex");
		return -EINVAL;
	}
	if (d->cnt != d->size) {
		p_err("%s: %s has %u byte%s, expected %u", d->m->desc, d->what, d->cnt,
		      d->cnt == 1 ? "" : "s", d->size);
		return -EINVAL;
	}
	return i;
}

/* "value MAP" or "value PROG": the fd of that object, as the kernel takes it. */
static int parse_value_object(const struct map_ref *m, int *argc, char ***argv,
			      struct map_elem *e)
{
	bool maps = map_is_map_of_maps(m->info.type);
	int fd;

	if (m->info.value_size != 4) {
		p_err("%s: values of %u bytes can't hold a %s", m->desc, m->info.value_size,
		      maps ? "map" : "program");
		return -EINVAL;
	}
	if (*argc < 2) {
		p_err("%s: the value is a %s: %s", m->desc, maps ? "map" : "program",
		      obj_selector_usage(maps ? OBJ_MAP : OBJ_PROG));
		return -EINVAL;
	}
	if (!maps && !strcmp((*argv)[0], "id"))
		p_warn("a program put into a program array by id stays there only while the "
		       "array is pinned or held open by someone else");
	fd = obj_select_one(maps ? OBJ_MAP : OBJ_PROG, argc, argv);
	if (fd < 0)
		return fd;
	e->value_fd = fd;
	memcpy(e->value, &(__u32){ (__u32)fd }, sizeof(__u32));
	return 0;
}

static void spread_per_cpu(const struct map_ref *m, struct map_elem *e, int ncpus)
{
	size_t stride = map_percpu_stride(&m->info);
	int i;

	if (!map_is_per_cpu(m->info.type))
		return;
	for (i = 1; i < ncpus; i++)
		memcpy(e->value + i * stride, e->value, m->info.value_size);
}

static int parse_part(const struct map_ref *m, int *argc, char ***argv, struct map_elem *e,
		      unsigned int part, int ncpus)
{
	const char *what = part == ELEM_KEY ? "key" : "value";
	__u32 size = part == ELEM_KEY ? m->info.key_size : m->info.value_size;
	struct data_dest d = { m, what, part == ELEM_KEY ? e->key : e->value, size, 0 };
	int n;

	if (!(e->allowed & part) || !size) {
		p_err("%s: this command takes no %s%s", m->desc, what,
		      size ? "" : " (the map has none)");
		return -EINVAL;
	}
	if (e->given & part) {
		p_err("%s: %s given twice", m->desc, what);
		return -EINVAL;
	}
	e->given |= part;
	(*argc)--, (*argv)++;
	if (part == ELEM_VALUE &&
	    (map_is_map_of_maps(m->info.type) || map_is_prog_array(m->info.type)))
		return parse_value_object(m, argc, argv, e);
	n = parse_data(*argc, *argv, &d);
	if (n < 0)
		return n;
	*argc -= n, *argv += n;
	if (part == ELEM_VALUE)
		spread_per_cpu(m, e, ncpus);
	return 0;
}

static int parse_flags(const struct map_ref *m, int *argc, char ***argv, struct map_elem *e,
		       int k)
{
	static const __u64 flags[] = { [W_ANY] = BPF_ANY, [W_EXIST] = BPF_EXIST,
				       [W_NOEXIST] = BPF_NOEXIST };

	if (!(e->allowed & ELEM_FLAGS)) {
		p_err("%s: '%s' applies to updates only", m->desc, (*argv)[0]);
		return -EINVAL;
	}
	if (e->given & ELEM_FLAGS) {
		p_err("%s: update flag given twice ('%s')", m->desc, (*argv)[0]);
		return -EINVAL;
	}
	e->given |= ELEM_FLAGS;
	e->flags = flags[k];
	(*argc)--, (*argv)++;
	return 0;
}

static int check_required(const struct map_ref *m, const struct map_elem *e)
{
	unsigned int missing = e->required & ~e->given;

	if (missing & ELEM_KEY && m->info.key_size) {
		p_err("%s: missing 'key DATA' (%u bytes)", m->desc, m->info.key_size);
		return -EINVAL;
	}
	if (missing & ELEM_VALUE && m->info.value_size) {
		p_err("%s: missing 'value VALUE' (%u bytes)", m->desc, m->info.value_size);
		return -EINVAL;
	}
	return 0;
}

static int alloc_buffers(const struct map_ref *m, struct map_elem *e, int *ncpus)
{
	const int *ids;

	*ncpus = 1;
	if (map_is_per_cpu(m->info.type)) {
		*ncpus = map_possible_cpus(&ids);
		if (*ncpus < 0)
			return *ncpus;
	}
	/* one spare byte: a map without keys or values still gets buffers */
	e->key = calloc(1, (size_t)m->info.key_size + 1);
	e->value = calloc(1, map_value_buf_size(&m->info, *ncpus) + 1);
	if (!e->key || !e->value) {
		p_err("%s: out of memory for a key and value", m->desc);
		return -ENOMEM;
	}
	return 0;
}

int map_elem_parse(const struct map_ref *m, int argc, char **argv, struct map_elem *e)
{
	int k, err, ncpus;

	e->value_fd = -1;
	e->given = 0;
	e->flags = BPF_ANY;
	err = alloc_buffers(m, e, &ncpus);
	while (!err && argc) {
		k = KEYWORD_MATCH(argv[0], elem_words, "map element word");
		if (k < 0)
			return k;
		if (k == W_KEY || k == W_VALUE)
			err = parse_part(m, &argc, &argv, e, k == W_KEY ? ELEM_KEY : ELEM_VALUE,
					 ncpus);
		else
			err = parse_flags(m, &argc, &argv, e, k);
	}
	return err ? err : check_required(m, e);
}

void map_elem_free(struct map_elem *e)
{
	if (e->value_fd >= 0)
		close(e->value_fd);
	e->value_fd = -1;
	free(e->key);
	free(e->value);
	e->key = e->value = NULL;
}
