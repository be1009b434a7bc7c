/* analysis/out/sha256.h -- SHA-256 (FIPS 180-4) of bytes and of files, as sha256sum prints it */
#ifndef ANALYSIS_OUT_SHA256_H
#define ANALYSIS_OUT_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_HEX	65	/* 64 lower-case hex digits and a NUL */

struct sha256 {
	uint32_t h[8];		/* the state */
	uint64_t len;		/* bytes taken so far */
	unsigned char block[64];	/* a block being filled */
	size_t fill;		/* bytes in block */
};

void sha256_init(struct sha256 *s);
void sha256_add(struct sha256 *s, const void *data, size_t len);
/* The digest in hex; s is used up. */
void sha256_hex(struct sha256 *s, char hex[SHA256_HEX]);
/* The digest of a file's bytes: 0, or -1 with errno. */
int sha256_file(const char *path, char hex[SHA256_HEX]);

#endif
