/* tests/fuzz/fuzz_meta.c -- fuzz analysis/meta: any bytes as a run.meta, then every typed getter */
#ifndef TESTS_FUZZ_FUZZ_META_C
#define TESTS_FUZZ_FUZZ_META_C

#include <stdint.h>
#include <string.h>

#include "analysis/meta.h"
#include "tests/fuzz/fuzz.h"

/* The keys sim/runmeta.c writes, and one that is never there. */
static const char *const fm_keys[] = {
	"format", "version", "run_id", "seed", "vms", "duration_s", "speed",
	"draw_max", "rate_min", "rate_max", "vm0.rate", "bind", "vm0.port",
	"start_wall_ns", "end_wall_ns", "vm0.exit", "status", "error",
	"failed_vm", "", "no.such.key",
};

static void
fm_check_key(const struct meta *m, const char *key)
{
	char err[256];
	const char *s = NULL;
	uint64_t u;
	double d;
	const char *raw = meta_get(m, key);

	FUZZ_ASSERT((raw != NULL) == (meta_line(m, key) > 0));
	int rc = meta_str(m, key, &s, err, sizeof err);
	FUZZ_ASSERT(rc == (raw != NULL ? 0 : -1));
	if (rc == 0)
		FUZZ_ASSERT(s == raw);
	if (meta_u64(m, key, &u, err, sizeof err) == 0)
		FUZZ_ASSERT(raw != NULL);
	if (meta_double(m, key, &d, err, sizeof err) == 0)
		FUZZ_ASSERT(raw != NULL);
}

int
fuzz_meta(const uint8_t *data, size_t size)
{
	char dir[4096], path[4200], err[512], key[64];
	const uint8_t *eq = memchr(data, '=', size);

	if (fuzz_tmpfile(dir, sizeof dir, "run.meta", path, sizeof path, data,
	    size) == -1)
		return 0;
	struct meta *m = meta_load(dir, err, sizeof err);
	if (m != NULL) {
		for (size_t i = 0; i < sizeof fm_keys / sizeof fm_keys[0]; i++)
			fm_check_key(m, fm_keys[i]);
		/* The first key of the input, whatever it is. */
		size_t n = eq != NULL ? (size_t)(eq - data) : 0;
		if (n < sizeof key && memchr(data, '\n', n) == NULL) {
			memcpy(key, data, n);
			key[n] = '\0';
			fm_check_key(m, key);
			if (n > 0 && strlen(key) == n)
				FUZZ_ASSERT(meta_line(m, key) == 1);
		}
		meta_free(m);
	} else {
		FUZZ_ASSERT(memchr(err, '\0', sizeof err) != NULL && *err != '\0');
	}
	fuzz_tmpclean(dir, path);
	return 0;
}

#ifdef FUZZ_MAIN
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_meta(data, size);
}
#endif

#endif
