// SPDX-License-Identifier: BSD-2-Clause
/*
 * A kernel .config text as kconfig_add_text() reads it (the running
 * kernel's config, or the kconfig lines of the open options); every
 * option found is then converted to each type a __kconfig extern may
 * have. The first three lines are also read as uname's release and
 * version and /proc/version_signature (kconfig_version_code()).
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "kconfig.h"

static volatile unsigned long sink;

static void convert_all(const struct kconfig *kc, const char *name)
{
	static const struct {
		enum kconfig_type type;
		size_t size;
	} wants[] = {
		{ KCONFIG_BOOL, 1 }, { KCONFIG_TRISTATE, 4 }, { KCONFIG_CHAR, 1 },
		{ KCONFIG_STR, 1 }, { KCONFIG_STR, 16 }, { KCONFIG_UINT, 1 }, { KCONFIG_UINT, 2 },
		{ KCONFIG_UINT, 4 }, { KCONFIG_UINT, 8 }, { KCONFIG_INT, 1 }, { KCONFIG_INT, 8 },
		{ KCONFIG_INT, 3 },
	};
	unsigned char dst[16];
	size_t i;

	for (i = 0; i < sizeof(wants) / sizeof(wants[0]); i++) {
		memset(dst, 0, sizeof(dst));
		if (!kconfig_value(kc, name, wants[i].type, dst, wants[i].size))
			sink += dst[0] + dst[wants[i].size - 1];
	}
}

/* Lines 1 to 3 of text as release, version and signature. */
static void version_code(const uint8_t *data, size_t size)
{
	char *text, *line[3] = { NULL };
	char *p, *nl;
	int i;

	text = malloc(size + 1);
	if (!text)
		return;
	memcpy(text, data, size);
	text[size] = '\0';
	for (i = 0, p = text; i < 3 && p; i++) {
		line[i] = p;
		nl = strchr(p, '\n');
		if (nl)
			*nl++ = '\0';
		p = nl;
	}
	sink += kconfig_version_code(line[0], line[1], line[2]);
	free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kconfig *kc;
	const char *name;
	size_t i;

	kc = kconfig_new();
	if (!kc)
		return 0;
	if (!kconfig_add_text(kc, (const char *)data, size)) {
		for (i = 0; i < kconfig_count(kc); i++) {
			name = kconfig_name_at(kc, i);
			sink += strlen(kconfig_get(kc, name));
			convert_all(kc, name);
		}
	}
	kconfig_free(kc);
	version_code(data, size);
	return 0;
}
