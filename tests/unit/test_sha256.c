// SPDX-License-Identifier: BSD-2-Clause
/*
 * core/sha256.c against the FIPS 180-4 example digests and lengths around
 * the padding boundaries (55/56/63/64 bytes), whose digests come from
 * sha256sum (coreutils) of the same bytes.
 */
#include "unit.h"
#include "sha256.h"

static void hex(const uint8_t *d, char *out)
{
	int i;

	for (i = 0; i < SHA256_DIGEST_LEN; i++)
		sprintf(out + 2 * i, "%02x", d[i]);
}

static void check(const void *data, size_t len, const char *want, const char *what)
{
	uint8_t d[SHA256_DIGEST_LEN];
	char got[2 * SHA256_DIGEST_LEN + 1];

	sha256_digest(data, len, d);
	hex(d, got);
	CHECK(!strcmp(got, want), "%s: %s", what, got);
}

int main(void)
{
	char buf[200];

	check("", 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "empty");
	check("abc", 3, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "abc");
	check("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56,
	      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
	      "two blocks of padding");
	memset(buf, 'a', sizeof(buf));
	check(buf, 55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318",
	      "55 bytes: length fits the first block");
	check(buf, 63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34",
	      "63 bytes");
	check(buf, 64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb",
	      "64 bytes");
	check(buf, 200, "c2a908d98f5df987ade41b5fce213067efbcc21ef2240212a41e54b5e7c28ae5",
	      "200 bytes");
	return unit_done();
}
