// SPDX-License-Identifier: BSD-2-Clause
/*
 * Parsing numbers from the command line: strict, no sign, no blanks, no
 * trailing garbage, no silent wrap-around.
 */
#include <ctype.h>
#include <stdbool.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "number.h"
#include "report.h"

int parse_u32(const char *arg, const char *what, __u32 *val)
{
	bool hex = arg[0] == '0' && (arg[1] == 'x' || arg[1] == 'X');
	const char *digits = hex ? arg + 2 : arg;
	unsigned long long v;
	char *end;

	if (!isdigit((unsigned char)digits[0]) && !(hex && isxdigit((unsigned char)digits[0]))) {
		p_err("can't parse '%s' as %s", arg, what);
		return -EINVAL;
	}
	errno = 0;
	v = strtoull(digits, &end, hex ? 16 : 10);
	if (*end) {
		p_err("can't parse '%s' as %s", arg, what);
		return -EINVAL;
	}
	if (errno == ERANGE || v > 0xffffffffULL) {
		p_err("can't parse '%s' as %s: larger than %u", arg, what, 0xffffffffU);
		return -ERANGE;
	}
	*val = (__u32)v;
	return 0;
}
