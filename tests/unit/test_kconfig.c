// SPDX-License-Identifier: BSD-2-Clause
/*
 * Unit tests of core/kconfig.c: .config parsing from memory and files
 * (plain and gzip), the conversion of values to every kind of __kconfig
 * extern, and LINUX_KERNEL_VERSION from uname-like strings.
 *
 *   test_kconfig            the TAP tests
 *   test_kconfig --dump     NAME=value of every option of the running
 *                           kernel's config, sorted (bpf_headers.bats
 *                           compares it with zcat /proc/config.gz)
 *   test_kconfig --version  LINUX_KERNEL_VERSION of the running kernel
 */
#include <errno.h>
#include <stdint.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "unit.h"
#include "kconfig.h"

#define KV(a, b, c) (((a) << 16) + ((b) << 8) + (c))

static const char synthetic[] =
	"#\n"
	"# Automatically generated file; DO NOT EDIT.\n"
	"#\n"
	"CONFIG_YES=y\n"
	"CONFIG_MOD=m\n"
	"CONFIG_NO=n\n"
	"# CONFIG_UNSET is not set\n"
	"CONFIG_STR=\"hello world\"\n"
	"CONFIG_ESC=\"a\\\"b\\\\c\"\n"
	"CONFIG_EMPTY_STR=\"\"\n"
	"CONFIG_DEC=1000\n"
	"CONFIG_HEX=0x1f\n"
	"CONFIG_NEG=-5\n"
	"CONFIG_BIG=18446744073709551615\n"
	"  CONFIG_INDENTED=y\t \r\n"
	"\n"
	"NOT_CONFIG=y\n"
	"CONFIG_DUP=1\n"
	"CONFIG_DUP=2\n"
	"CONFIG_LAST=y";		/* no final newline */

static struct kconfig *parse(const char *text)
{
	struct kconfig *kc = kconfig_new();

	if (kc && kconfig_add_text(kc, text, strlen(text))) {
		kconfig_free(kc);
		return NULL;
	}
	return kc;
}

static bool str_is(const char *got, const char *want)
{
	return got && !strcmp(got, want);
}

static void test_parse(void)
{
	struct kconfig *kc = parse(synthetic);

	if (!CHECK(kc, "synthetic config parses"))
		return;
	CHECK(kconfig_count(kc) == 13, "13 distinct options (comments, NOT_CONFIG skipped): %zu",
	      kconfig_count(kc));
	CHECK(str_is(kconfig_get(kc, "CONFIG_YES"), "y"), "CONFIG_YES=y");
	CHECK(str_is(kconfig_get(kc, "CONFIG_MOD"), "m"), "CONFIG_MOD=m");
	CHECK(str_is(kconfig_get(kc, "CONFIG_STR"), "\"hello world\""), "string kept quoted");
	CHECK(str_is(kconfig_get(kc, "CONFIG_INDENTED"), "y"),
	      "leading and trailing blanks and CR stripped");
	CHECK(str_is(kconfig_get(kc, "CONFIG_DUP"), "2"), "a name defined twice: the last value");
	CHECK(str_is(kconfig_get(kc, "CONFIG_LAST"), "y"), "last line without newline");
	CHECK(!kconfig_get(kc, "CONFIG_UNSET"), "'is not set' comment is no definition");
	CHECK(!kconfig_get(kc, "NOT_CONFIG"), "lines without CONFIG_ prefix skipped");
	CHECK(!kconfig_get(kc, "CONFIG_YE"), "no prefix match");
	CHECK(!kconfig_get(kc, "CONFIG_YESS"), "no longer-name match");
	CHECK(str_is(kconfig_name_at(kc, 0), "CONFIG_BIG") &&
	      str_is(kconfig_name_at(kc, 12), "CONFIG_YES") && !kconfig_name_at(kc, 13),
	      "names listed in order");
	kconfig_free(kc);
}

static void test_override(void)
{
	struct kconfig *kc = parse("CONFIG_A=y\nCONFIG_B=\"x\"\n");
	const char extra[] = "CONFIG_A=n\nCONFIG_C=3\n";
	__u8 b = 9;

	if (!CHECK(kc, "base config parses"))
		return;
	CHECK(kconfig_add_text(kc, extra, strlen(extra)) == 0, "extra lines parse");
	CHECK(kconfig_count(kc) == 3, "3 options after override: %zu", kconfig_count(kc));
	CHECK(kconfig_value(kc, "CONFIG_A", KCONFIG_BOOL, &b, 1) == 0 && b == 0,
	      "later text overrides an earlier definition (y -> n)");
	CHECK(str_is(kconfig_get(kc, "CONFIG_B"), "\"x\""), "untouched option kept");
	CHECK(kconfig_add_text(kc, "CONFIG_D=1\nCONFIG_BAD\n", 22) == -EINVAL,
	      "CONFIG_ line without '=' is -EINVAL");
	CHECK(kconfig_add_text(kc, "CONFIG_=1\n", 10) == -EINVAL, "empty name is -EINVAL");
	CHECK(kconfig_add_text(kc, "CONFIG_E=1\0CONFIG_F=2\n", 22) == -EINVAL,
	      "NUL byte in the text is -EINVAL");
	CHECK(kconfig_count(kc) == 3 && !kconfig_get(kc, "CONFIG_D") &&
	      !kconfig_get(kc, "CONFIG_E"), "a rejected text adds nothing");
	CHECK(kconfig_add_text(kc, "", 0) == 0 && kconfig_count(kc) == 3,
	      "empty text adds nothing");
	kconfig_free(kc);
}

static void test_tristates(struct kconfig *kc)
{
	__u32 tri = 77;
	__u8 b = 77;
	char c = 0;

	CHECK(kconfig_value(kc, "CONFIG_YES", KCONFIG_BOOL, &b, 1) == 0 && b == 1,
	      "y as bool is 1");
	CHECK(kconfig_value(kc, "CONFIG_NO", KCONFIG_BOOL, &b, 1) == 0 && b == 0, "n as bool is 0");
	b = 77;
	CHECK(kconfig_value(kc, "CONFIG_MOD", KCONFIG_BOOL, &b, 1) == -EINVAL && b == 77,
	      "m as bool is -EINVAL, dst untouched");
	CHECK(kconfig_value(kc, "CONFIG_YES", KCONFIG_TRISTATE, &tri, 4) == 0 && tri == 1,
	      "y as tristate is TRI_YES");
	CHECK(kconfig_value(kc, "CONFIG_MOD", KCONFIG_TRISTATE, &tri, 4) == 0 && tri == 2,
	      "m as tristate is TRI_MODULE");
	CHECK(kconfig_value(kc, "CONFIG_NO", KCONFIG_TRISTATE, &tri, 4) == 0 && tri == 0,
	      "n as tristate is TRI_NO");
	CHECK(kconfig_value(kc, "CONFIG_MOD", KCONFIG_CHAR, &c, 1) == 0 && c == 'm',
	      "m as char is 'm'");
	CHECK(kconfig_value(kc, "CONFIG_YES", KCONFIG_UINT, &tri, 4) == -EINVAL,
	      "y as integer is -EINVAL");
	CHECK(kconfig_value(kc, "CONFIG_YES", KCONFIG_STR, &tri, 4) == -EINVAL,
	      "y as string is -EINVAL");
	CHECK(kconfig_value(kc, "CONFIG_YES", KCONFIG_TRISTATE, &tri, 1) == -EINVAL,
	      "tristate of 1 byte is -EINVAL");
	CHECK(kconfig_value(kc, "CONFIG_YES", KCONFIG_BOOL, &tri, 4) == -EINVAL,
	      "bool of 4 bytes is -EINVAL");
	CHECK(kconfig_value(kc, "CONFIG_UNSET", KCONFIG_BOOL, &b, 1) == -ENOENT,
	      "unset option is -ENOENT");
}

static void test_strings(struct kconfig *kc)
{
	char buf[32], small[6];

	memset(buf, 'X', sizeof(buf));
	CHECK(kconfig_value(kc, "CONFIG_STR", KCONFIG_STR, buf, sizeof(buf)) == 0 &&
	      !strcmp(buf, "hello world"), "string without quotes: '%s'", buf);
	CHECK(kconfig_value(kc, "CONFIG_ESC", KCONFIG_STR, buf, sizeof(buf)) == 0 &&
	      !strcmp(buf, "a\"b\\c"), "escapes undone: '%s'", buf);
	CHECK(kconfig_value(kc, "CONFIG_EMPTY_STR", KCONFIG_STR, buf, sizeof(buf)) == 0 &&
	      buf[0] == '\0', "empty string");
	CHECK(kconfig_value(kc, "CONFIG_STR", KCONFIG_STR, small, sizeof(small)) == 0 &&
	      !strcmp(small, "hello"), "truncated to the array, NUL-terminated: '%s'", small);
	CHECK(kconfig_value(kc, "CONFIG_STR", KCONFIG_UINT, buf, 4) == -EINVAL,
	      "string as integer is -EINVAL");
	CHECK(kconfig_convert("CONFIG_X", "\"open", KCONFIG_STR, buf, 8) == -EINVAL,
	      "unterminated string is -EINVAL");
	CHECK(kconfig_convert("CONFIG_X", "\"a\"b\"", KCONFIG_STR, buf, 8) == -EINVAL,
	      "text after the closing quote is -EINVAL");
	CHECK(kconfig_convert("CONFIG_X", "\"a\\\"", KCONFIG_STR, buf, 8) == -EINVAL,
	      "escaped closing quote is unterminated");
	CHECK(kconfig_convert("CONFIG_X", "\"x\"", KCONFIG_STR, buf, 0) == -EINVAL,
	      "zero-length array is -EINVAL");
}

static void test_numbers(struct kconfig *kc)
{
	__u64 u64 = 0;
	__u32 u32 = 0;
	__u16 u16 = 0;
	__s8 s8 = 0;
	__s64 s64 = 0;
	char c = 0;

	CHECK(kconfig_value(kc, "CONFIG_DEC", KCONFIG_UINT, &u32, 4) == 0 && u32 == 1000,
	      "decimal as u32");
	CHECK(kconfig_value(kc, "CONFIG_DEC", KCONFIG_UINT, &u16, 2) == 0 && u16 == 1000,
	      "decimal as u16");
	CHECK(kconfig_value(kc, "CONFIG_DEC", KCONFIG_INT, &s64, 8) == 0 && s64 == 1000,
	      "decimal as s64");
	CHECK(kconfig_value(kc, "CONFIG_HEX", KCONFIG_UINT, &u64, 8) == 0 && u64 == 0x1f,
	      "hex as u64");
	CHECK(kconfig_value(kc, "CONFIG_HEX", KCONFIG_CHAR, &c, 1) == 0 && c == 0x1f,
	      "number as char");
	CHECK(kconfig_value(kc, "CONFIG_NEG", KCONFIG_INT, &s8, 1) == 0 && s8 == -5,
	      "negative as s8");
	CHECK(kconfig_value(kc, "CONFIG_NEG", KCONFIG_INT, &s64, 8) == 0 && s64 == -5,
	      "negative as s64");
	CHECK(kconfig_value(kc, "CONFIG_NEG", KCONFIG_UINT, &u32, 4) == -ERANGE,
	      "negative as unsigned is -ERANGE");
	CHECK(kconfig_value(kc, "CONFIG_DEC", KCONFIG_INT, &s8, 1) == -ERANGE,
	      "1000 in s8 is -ERANGE");
	CHECK(kconfig_value(kc, "CONFIG_DEC", KCONFIG_UINT, &c, 1) == -ERANGE,
	      "1000 in u8 is -ERANGE");
	CHECK(kconfig_value(kc, "CONFIG_BIG", KCONFIG_UINT, &u64, 8) == 0 && u64 == UINT64_MAX,
	      "u64 max");
	CHECK(kconfig_value(kc, "CONFIG_BIG", KCONFIG_INT, &s64, 8) == -ERANGE,
	      "u64 max as s64 is -ERANGE");
	CHECK(kconfig_convert("CONFIG_X", "255", KCONFIG_UINT, &c, 1) == 0 && (__u8)c == 255,
	      "255 fits u8");
	CHECK(kconfig_convert("CONFIG_X", "-128", KCONFIG_INT, &s8, 1) == 0 && s8 == -128,
	      "-128 fits s8");
	CHECK(kconfig_convert("CONFIG_X", "-129", KCONFIG_INT, &s8, 1) == -ERANGE,
	      "-129 does not fit s8");
	CHECK(kconfig_convert("CONFIG_X", "99999999999999999999", KCONFIG_UINT, &u64, 8) == -ERANGE,
	      "overflowing u64 is -ERANGE");
	CHECK(kconfig_convert("CONFIG_X", "12abc", KCONFIG_UINT, &u64, 8) == -EINVAL,
	      "trailing garbage is -EINVAL");
	CHECK(kconfig_convert("CONFIG_X", "", KCONFIG_UINT, &u64, 8) == -EINVAL,
	      "empty value is -EINVAL");
	CHECK(kconfig_convert("CONFIG_X", "5", KCONFIG_BOOL, &c, 1) == -EINVAL,
	      "number as bool is -EINVAL");
	CHECK(kconfig_convert("CONFIG_X", "5", KCONFIG_STR, &u64, 8) == -EINVAL,
	      "number as string is -EINVAL");
	CHECK(kconfig_convert("CONFIG_X", "5", KCONFIG_UINT, &u64, 3) == -EINVAL,
	      "integer of 3 bytes is -EINVAL");
}

static void test_values(void)
{
	struct kconfig *kc = parse(synthetic);

	if (!CHECK(kc, "synthetic config parses"))
		return;
	test_tristates(kc);
	test_strings(kc);
	test_numbers(kc);
	kconfig_free(kc);
}

static void test_files(void)
{
	char dir[] = "/tmp/test_kconfig.XXXXXX", plain[64], gz[64];
	struct kconfig *kc = kconfig_new();
	gzFile g;
	FILE *f;

	if (!CHECK(kc && mkdtemp(dir), "temporary directory"))
		goto out;
	snprintf(plain, sizeof(plain), "%s/config", dir);
	snprintf(gz, sizeof(gz), "%s/config.gz", dir);
	f = fopen(plain, "w");
	g = gzopen(gz, "wb");
	if (!CHECK(f && g, "files created")) {
		if (f)
			fclose(f);
		if (g)
			gzclose(g);
		goto out_rm;
	}
	fputs("CONFIG_PLAIN=y\nCONFIG_SHARED=1\n", f);
	gzputs(g, "CONFIG_ZIPPED=m\nCONFIG_SHARED=2\n");
	fclose(f);
	gzclose(g);
	CHECK(kconfig_add_file(kc, plain) == 0, "plain file read");
	CHECK(kconfig_add_file(kc, gz) == 0, "gzip file read");
	CHECK(str_is(kconfig_get(kc, "CONFIG_PLAIN"), "y") &&
	      str_is(kconfig_get(kc, "CONFIG_ZIPPED"), "m") &&
	      str_is(kconfig_get(kc, "CONFIG_SHARED"), "2"), "both files' options, last file wins");
	CHECK(kconfig_add_file(kc, "/nonexistent/config") == -ENOENT, "missing file is -ENOENT");
	CHECK(kconfig_add_file(kc, dir) < 0, "a directory is an error");
	CHECK(kconfig_count(kc) == 3, "failed reads add nothing: %zu", kconfig_count(kc));
out_rm:
	unlink(plain);
	unlink(gz);
	rmdir(dir);
out:
	kconfig_free(kc);
}

static void test_versions(void)
{
	struct utsname u;
	unsigned int a = 0, b = 0, c = 0;

	CHECK(kconfig_version_code("6.18.44-fc-v669", "#1 SMP PREEMPT_DYNAMIC", NULL) ==
	      KV(6, 18, 44), "release x.y.z-suffix");
	CHECK(kconfig_version_code("5.4.0-12-generic", "#13-Ubuntu SMP",
				   "Ubuntu 5.4.0-12.15-generic 5.4.8\n") == KV(5, 4, 8),
	      "Ubuntu: the upstream version from /proc/version_signature");
	CHECK(kconfig_version_code("4.19.0-22-amd64", "#1 SMP Debian 4.19.260-1 (2022-09-29)",
				   NULL) == KV(4, 19, 255),
	      "Debian: the version from uname's version, sub-level saturated at 255");
	CHECK(kconfig_version_code("6.1.0-18-amd64", "#1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1",
				   NULL) == KV(6, 1, 76), "Debian 12 kernel");
	CHECK(kconfig_version_code("6.1.0", NULL, "garbage") == KV(6, 1, 0),
	      "unreadable signature falls back to the release");
	CHECK(kconfig_version_code("6.2", NULL, NULL) == KV(6, 2, 0), "release without sub-level");
	CHECK(kconfig_version_code("5.10.300", NULL, NULL) == KV(5, 10, 255),
	      "sub-level above 255 saturates");
	CHECK(kconfig_version_code("linux", NULL, NULL) == 0, "no version: 0");
	CHECK(kconfig_version_code("300.1.1", NULL, NULL) == 0, "major that does not fit: 0");
	if (CHECK(uname(&u) == 0, "uname")) {
		sscanf(u.release, "%u.%u.%u", &a, &b, &c);
		CHECK(access("/proc/version_signature", F_OK) == 0 ||
		      strstr(u.version, "Debian ") ||
		      kconfig_kernel_version() == (__u32)KV(a, b, c > 255 ? 255 : c),
		      "running kernel: %#x from release %s", kconfig_kernel_version(), u.release);
	}
}

/* Options of the real config, compared to a line scan of the same text. */
static void test_kernel(void)
{
	struct kconfig *kc = kconfig_new();
	size_t len = 0, n = 0, same = 0;
	char *text, *line, *eq, *save = NULL;
	__u32 tri;
	__u8 b;
	int err;

	err = kc ? kconfig_add_kernel(kc) : -ENOMEM;
	if (!CHECK(err == 0, "running kernel's config read: %d", err))
		goto out;
	CHECK(kconfig_count(kc) > 500, "%zu options", kconfig_count(kc));
	CHECK(kconfig_value(kc, "CONFIG_BPF", KCONFIG_BOOL, &b, 1) == 0 && b == 1,
	      "CONFIG_BPF=y (BPF runs here)");
	CHECK(kconfig_value(kc, "CONFIG_BPF_SYSCALL", KCONFIG_TRISTATE, &tri, 4) == 0 && tri == 1,
	      "CONFIG_BPF_SYSCALL is TRI_YES");
	text = gunzip_file("/proc/config.gz", &len);
	if (!text)
		goto out;	/* the config came from /boot: --dump is compared in bats */
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		eq = strchr(line, '=');
		if (strncmp(line, "CONFIG_", 7) || !eq)
			continue;
		*eq = '\0';
		n++;
		same += str_is(kconfig_get(kc, line), eq + 1);
	}
	CHECK(n > 500 && same == n, "all %zu lines of /proc/config.gz found: %zu", n, same);
	free(text);
out:
	kconfig_free(kc);
}

static int dump_kernel(void)
{
	struct kconfig *kc = kconfig_new();
	const char *name;
	size_t i;
	int err;

	err = kc ? kconfig_add_kernel(kc) : -ENOMEM;
	if (err) {
		fprintf(stderr, "kernel config: %s\n", strerror(-err));
		kconfig_free(kc);
		return 1;
	}
	for (i = 0; (name = kconfig_name_at(kc, i)); i++)
		printf("%s=%s\n", name, kconfig_get(kc, name));
	kconfig_free(kc);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "--dump"))
		return dump_kernel();
	if (argc > 1 && !strcmp(argv[1], "--version")) {
		printf("%u\n", kconfig_kernel_version());
		return 0;
	}
	test_parse();
	test_override();
	test_values();
	test_files();
	test_versions();
	test_kernel();
	return unit_done();
}
