// SPDX-License-Identifier: BSD-2-Clause
/*
 * The ELF object loader on hostile input: a BPF object compiled by clang
 * here (BTF-defined maps with slots, every global data section,
 * sub-programs, a callback, externs) is truncated at every length class,
 * has random bytes flipped, and has section headers and symbols bent.
 * bpf_object__open_mem() must fail cleanly or succeed; as root, some of
 * the opened objects are loaded too. Meant to run under ASan/UBSan
 * (make SANITIZE=1), which turn a crash or overflow into a failure.
 */
#include <elf.h>
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/libbpf.h>

#include "unit.h"

static const char source[] =
	"typedef unsigned int u32; typedef unsigned long long u64;\n"
	"#define SEC(n) __attribute__((section(n), used))\n"
	"char LICENSE[] SEC(\"license\") = \"GPL\";\n"
	"struct inner { int (*type)[2]; int (*max_entries)[1]; u32 *key; u32 *value; };\n"
	"struct inner in_a SEC(\".maps\");\n"
	"struct { int (*type)[12]; int (*max_entries)[2]; u32 *key;\n"
	"        struct inner *values[]; } outer SEC(\".maps\") = { .values = { &in_a } };\n"
	"struct { int (*type)[2]; int (*max_entries)[4]; u32 *key; u64 *value; }\n"
	"        counts SEC(\".maps\");\n"
	"u64 dval = 3; const volatile u64 rval = 4; u64 bval; u64 cval SEC(\".data.c\") = 5;\n"
	"extern u32 LINUX_KERNEL_VERSION __attribute__((section(\".kconfig\")));\n"
	"static long (*loop)(u32, void *, void *, u64) = (void *)181;\n"
	"static void *(*lookup)(void *, const void *) = (void *)1;\n"
	"static int cb(u32 i, void *c) { *(u64 *)c += i; return 0; }\n"
	"static __attribute__((noinline)) u64 sub(u64 a) { return a + rval; }\n"
	"__attribute__((noinline)) int gsub(int a) { return a * 2; }\n"
	"SEC(\"socket\") int p1(void *ctx) { u64 s = 0; u32 k = 0; u64 *v;\n"
	"  loop(3, cb, &s, 0); v = lookup(&counts, &k); if (v) *v += s;\n"
	"  bval = sub(dval) + cval + LINUX_KERNEL_VERSION; return gsub(1); }\n"
	"SEC(\"xdp\") int p2(void *ctx) { return sub(bval) ? 2 : 1; }\n";

/* Deterministic so a failure can be replayed. */
static __u64 rng_state = 0x9e3779b97f4a7c15ULL;

static __u64 rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static int quiet(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	(void)level;
	(void)fmt;
	(void)ap;
	return 0;
}

/* Compile the source above with clang into memory. */
static void *build_object(size_t *size)
{
	char dir[] = "/tmp/elf-fuzz-XXXXXX", src[64], obj[64], cmd[256];
	const char *clang = getenv("CLANG") ? getenv("CLANG") : "clang";
	FILE *f;
	void *buf = NULL;
	long n;

	if (!mkdtemp(dir))
		return NULL;
	snprintf(src, sizeof(src), "%s/f.c", dir);
	snprintf(obj, sizeof(obj), "%s/f.o", dir);
	f = fopen(src, "w");
	if (!f)
		goto out;
	fputs(source, f);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "%s -O2 -g -target bpf -c %s -o %s", clang, src, obj);
	if (system(cmd))
		goto out;
	f = fopen(obj, "rb");
	if (!f)
		goto out;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc(n);
	if (buf && fread(buf, 1, n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	*size = n;
	fclose(f);
out:
	unlink(src);
	unlink(obj);
	rmdir(dir);
	return buf;
}

static bool can_load;

/* Open (and sometimes load) one mutant; returns whether it opened. */
static bool try_object(const void *buf, size_t size, bool load)
{
	struct bpf_object *obj = bpf_object__open_mem(buf, size, NULL);

	if (!obj)
		return false;
	if (load && can_load)
		bpf_object__load(obj);
	bpf_object__close(obj);
	return true;
}

static void test_pristine(const void *elf, size_t size)
{
	struct bpf_object *obj = bpf_object__open_mem(elf, size, NULL);
	struct bpf_program *prog;
	struct bpf_map *map;
	int progs = 0, maps = 0;

	CHECK(obj, "the pristine object opens");
	if (!obj)
		return;
	bpf_object__for_each_program(prog, obj)
		progs++;
	bpf_object__for_each_map(map, obj)
		maps++;
	CHECK(progs == 2, "two entry programs (sub-programs hidden), got %d", progs);
	/* in_a, outer, counts, .data, .rodata, .bss, .data.c, .kconfig */
	CHECK(maps == 8, "eight maps, got %d", maps);
	if (can_load)
		CHECK(bpf_object__load(obj) == 0, "the pristine object loads");
	bpf_object__close(obj);
}

static void test_truncations(const unsigned char *elf, size_t size)
{
	size_t len, opened = 0, step = size > 4096 ? 7 : 1;

	for (len = 0; len < size; len += step)
		opened += try_object(elf, len, len % 97 == 0);
	CHECK(opened < size, "truncated objects ran without crashing (%zu opened)", opened);
}

static void test_flips(const unsigned char *elf, size_t size)
{
	unsigned char *m = malloc(size);
	int i, j, opened = 0;

	for (i = 0; m && i < 3000; i++) {
		memcpy(m, elf, size);
		for (j = 0; j < 1 + (int)(rng() % 8); j++)
			m[rng() % size] = rng();
		opened += try_object(m, size, i % 50 == 0);
	}
	free(m);
	CHECK(m, "3000 objects with random bytes ran without crashing (%d opened)", opened);
}

/* Bend one field of a section header or symbol to an extreme value. */
static void test_headers(const unsigned char *elf, size_t size)
{
	const Elf64_Ehdr *eh = (const void *)elf;
	static const __u64 values[] = { 0, 1, 7, 0xff, 0xffff, 0x7fffffff, 0xffffffff,
					0xffffffffffffffffULL };
	unsigned char *m = malloc(size);
	size_t s, f, v, runs = 0;

	if (!m || eh->e_shoff + (size_t)eh->e_shnum * sizeof(Elf64_Shdr) > size) {
		CHECK(false, "section header table within the object");
		free(m);
		return;
	}
	for (s = 1; s < eh->e_shnum; s++) {
		for (f = 0; f < sizeof(Elf64_Shdr) / 8; f++) {
			for (v = 0; v < sizeof(values) / sizeof(values[0]); v++) {
				Elf64_Shdr *sh;

				memcpy(m, elf, size);
				sh = (void *)(m + eh->e_shoff + s * sizeof(Elf64_Shdr));
				switch (f) {
				case 0: sh->sh_name = values[v]; sh->sh_type = values[v] >> 1; break;
				case 1: sh->sh_flags = values[v]; break;
				case 2: sh->sh_addr = values[v]; break;
				case 3: sh->sh_offset = values[v]; break;
				case 4: sh->sh_size = values[v]; break;
				case 5: sh->sh_link = values[v]; sh->sh_info = values[v] >> 3; break;
				case 6: sh->sh_addralign = values[v]; break;
				default: sh->sh_entsize = values[v]; break;
				}
				try_object(m, size, false);
				runs++;
			}
		}
	}
	free(m);
	CHECK(runs > 0, "%zu objects with bent section headers ran without crashing", runs);
}

/* Random symbol values, sizes and section indexes. */
static void test_symbols(const unsigned char *elf, size_t size)
{
	const Elf64_Ehdr *eh = (const void *)elf;
	const Elf64_Shdr *sh = (const void *)(elf + eh->e_shoff);
	unsigned char *m = malloc(size);
	size_t s, runs = 0;
	int i;

	for (s = 0; m && s < eh->e_shnum; s++) {
		size_t cnt;

		if (sh[s].sh_type != SHT_SYMTAB && sh[s].sh_type != SHT_REL)
			continue;
		cnt = sh[s].sh_size / sizeof(Elf64_Sym);
		if (sh[s].sh_type == SHT_REL)
			cnt = sh[s].sh_size / sizeof(Elf64_Rel);
		for (i = 0; cnt && i < 400; i++) {
			/* entries may sit at any file offset: edit through copies */
			unsigned char *at;
			uint64_t w;
			size_t off;

			memcpy(m, elf, size);
			if (sh[s].sh_type == SHT_SYMTAB) {
				Elf64_Sym sym;

				at = m + sh[s].sh_offset + rng() % cnt * sizeof(sym);
				memcpy(&sym, at, sizeof(sym));
				if (rng() & 2)
					sym.st_shndx = rng();
				memcpy(at, &sym, sizeof(sym));
				off = rng() & 1 ? offsetof(Elf64_Sym, st_value) :
				      offsetof(Elf64_Sym, st_size);
			} else {
				at = m + sh[s].sh_offset + rng() % cnt * sizeof(Elf64_Rel);
				off = rng() & 1 ? offsetof(Elf64_Rel, r_offset) :
				      offsetof(Elf64_Rel, r_info);
			}
			memcpy(&w, at + off, sizeof(w));
			w = rng() & 4 ? rng() : w ^ (1ULL << (rng() % 64));
			memcpy(at + off, &w, sizeof(w));
			try_object(m, size, i % 40 == 0);
			runs++;
		}
	}
	free(m);
	CHECK(runs > 0, "%zu objects with bent symbols and relocations ran without crashing", runs);
}

/* The header of the section called name, or NULL (the object is clang's: well formed). */
static Elf64_Shdr *section_named(unsigned char *elf, const char *name)
{
	const Elf64_Ehdr *eh = (const void *)elf;
	Elf64_Shdr *sh = (void *)(elf + eh->e_shoff);
	const char *strs = (const char *)elf + sh[eh->e_shstrndx].sh_offset;
	size_t i;

	for (i = 1; i < eh->e_shnum; i++)
		if (!strcmp(strs + sh[i].sh_name, name))
			return &sh[i];
	return NULL;
}

/*
 * Sizes the file claims beyond what it holds are refused before they are
 * allocated: a .bss of 3 GB (a map value may have 4 MiB), a slot of the
 * map-in-map's values far past the .maps section.
 */
static void test_claimed_sizes(const unsigned char *elf, size_t size)
{
	static const __u64 offs[] = { 0x7ffffff8, 0xfffffff8, 0x400000000ULL, 1ULL << 63 };
	unsigned char *m = malloc(size);
	Elf64_Shdr *sh;
	Elf64_Rel *rel;
	size_t i;

	if (!m)
		return;
	memcpy(m, elf, size);
	sh = section_named(m, ".bss");
	if (CHECK(sh && sh->sh_type == SHT_NOBITS, "the object has a .bss")) {
		sh->sh_size = 3ULL << 30;
		CHECK(!bpf_object__open_mem(m, size, NULL) && errno == E2BIG,
		      ".bss of 3 GB: E2BIG, got errno %d", errno);
	}
	for (i = 0; i < sizeof(offs) / sizeof(offs[0]); i++) {
		memcpy(m, elf, size);
		sh = section_named(m, ".rel.maps");
		if (!CHECK(sh && sh->sh_size >= sizeof(*rel), "the object has .maps relocations"))
			break;
		rel = (void *)(m + sh->sh_offset);
		rel->r_offset = offs[i];
		CHECK(!bpf_object__open_mem(m, size, NULL) && errno == EINVAL,
		      ".maps relocation at offset 0x%llx: EINVAL, got errno %d",
		      (unsigned long long)offs[i], errno);
	}
	free(m);
}

int main(void)
{
	unsigned char *elf;
	size_t size = 0;

	elf = build_object(&size);
	if (!CHECK(elf, "clang builds the test object")) {
		return unit_done();
	}
	can_load = geteuid() == 0;
	libbpf_set_print(quiet);
	test_pristine(elf, size);
	test_truncations(elf, size);
	test_flips(elf, size);
	test_headers(elf, size);
	test_symbols(elf, size);
	test_claimed_sizes(elf, size);
	CHECK(!bpf_object__open_mem(elf, 0, NULL) && errno == EINVAL, "empty buffer: EINVAL");
	CHECK(!bpf_object__open_mem(NULL, 10, NULL), "NULL buffer refused");
	free(elf);
	return unit_done();
}
