/* tests/fuzz/fuzz.h -- entry points shared by the libFuzzer harnesses and the regression test */
#ifndef TESTS_FUZZ_FUZZ_H
#define TESTS_FUZZ_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/*
 * Each fuzz_NAME runs one input through its module and aborts (through
 * FUZZ_ASSERT) when an invariant fails; it returns 0 and keeps nothing
 * between calls. Built with -DFUZZ_MAIN a harness file also defines
 * LLVMFuzzerTestOneInput; without it the file is included by
 * tests/check_fuzz_regress.c.
 */
int fuzz_wire(const uint8_t *data, size_t size);
int fuzz_logread(const uint8_t *data, size_t size);
int fuzz_meta(const uint8_t *data, size_t size);
int fuzz_expfile(const uint8_t *data, size_t size);
int fuzz_options(const uint8_t *data, size_t size);

#ifdef FUZZ_MAIN
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
#endif

/* Not assert(): it must hold under -DNDEBUG too, and say where it failed. */
#define FUZZ_ASSERT(c) do {						\
	if (!(c)) {							\
		fprintf(stderr, "%s:%d: invariant failed: %s\n",	\
		    __FILE__, __LINE__, #c);				\
		abort();						\
	}								\
} while (0)

/*
 * Write data to DIR/name in a fresh temporary directory; dir receives the
 * directory (at least 64 bytes). 0, or -1 with nothing left behind.
 */
static inline int
fuzz_tmpfile(char *dir, size_t dirlen, const char *name, char *path,
    size_t pathlen, const uint8_t *data, size_t size)
{
	const char *tmp = getenv("TMPDIR");
	FILE *f;

	snprintf(dir, dirlen, "%s/clockring-fuzz-XXXXXX",
	    tmp != NULL && *tmp != '\0' ? tmp : "/tmp");
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(path, pathlen, "%s/%s", dir, name);
	if ((f = fopen(path, "wb")) == NULL)
		goto fail;
	int bad = size > 0 && fwrite(data, 1, size, f) != size;
	if (fclose(f) != 0 || bad) {	/* close whether or not it was written */
		unlink(path);
		goto fail;
	}
	return 0;
fail:
	rmdir(dir);
	return -1;
}

static inline void
fuzz_tmpclean(const char *dir, const char *path)
{
	unlink(path);
	rmdir(dir);
}

#endif
