/* tests/fuzz/fuzz_expfile.c -- fuzz analysis/rundir/expfile and sim/exprun: any bytes as an experiment file */
#ifndef TESTS_FUZZ_FUZZ_EXPFILE_C
#define TESTS_FUZZ_FUZZ_EXPFILE_C

#include <stdint.h>
#include <string.h>

#include "analysis/rundir/expfile.h"
#include "sim/exprun.h"
#include "tests/fuzz/fuzz.h"

#define FE_TERMINATED(a) (memchr((a), '\0', sizeof (a)) != NULL)

/* An accepted experiment: strings end inside their arrays, words in argbuf. */
static void
fe_check(const struct experiment *e)
{
	FUZZ_ASSERT(strcmp(e->name, "fuzz") == 0);
	FUZZ_ASSERT(FE_TERMINATED(e->title) && FE_TERMINATED(e->description));
	FUZZ_ASSERT(FE_TERMINATED(e->run) && FE_TERMINATED(e->argbuf));
	FUZZ_ASSERT(e->repeat >= 1 && e->repeat <= EXP_MAX_REPEAT);
	FUZZ_ASSERT(e->duration_s > 0);
	FUZZ_ASSERT(e->argc >= 0 && e->argc <= EXP_MAX_ARGS);
	FUZZ_ASSERT(e->nrun >= 0 && e->nrun <= e->argc);
	for (int i = 0; i < e->argc; i++) {
		const char *w = e->argv[i];
		FUZZ_ASSERT(w >= e->argbuf && w < e->argbuf + sizeof e->argbuf);
		FUZZ_ASSERT(memchr(w, '\0',
		    (size_t)(e->argbuf + sizeof e->argbuf - w)) != NULL);
	}
	for (uint32_t r = 0; r < e->repeat; r++)
		(void)expfile_seed(e, r);
}

int
fuzz_expfile(const uint8_t *data, size_t size)
{
	struct experiment *e = malloc(sizeof *e);
	char err[512];

	FUZZ_ASSERT(e != NULL);
	/* The parser takes a length, not a C string: no terminator is added. */
	int rc = expfile_parse("dir/fuzz.exp", (const char *)data, size, e, err,
	    sizeof err);
	if (rc == 0) {
		fe_check(e);
		/* The words, as the suite judges them before any run. */
		rc = exprun_check(e, "dir/fuzz.exp", err, sizeof err);
	}
	if (rc != 0)
		FUZZ_ASSERT(FE_TERMINATED(err) && *err != '\0');
	free(e);
	return 0;
}

#ifdef FUZZ_MAIN
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_expfile(data, size);
}
#endif

#endif
