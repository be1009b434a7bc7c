/* tests/fuzz/fuzz_meta.c -- fuzz vm/core/runmeta: any bytes as a run.meta, read, written back, read again */
#ifndef TESTS_FUZZ_FUZZ_META_C
#define TESTS_FUZZ_FUZZ_META_C

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tests/fuzz/fuzz.h"
#include "vm/core/runmeta.h"

/* Each problem the reader tells: a key it knows, a reason, a place. */
static void
fm_told(void *ctx, const struct runmeta_problem *p)
{
	FUZZ_ASSERT(p->key > RUNMETA_KEY_FORMAT && p->key < RUNMETA_KEYS);
	FUZZ_ASSERT(p->why != NULL && *p->why != '\0');
	FUZZ_ASSERT((p->line == 0) == (p->value == NULL));
	(*(int *)ctx)++;
}

/* What the struct holds is always within the format's bounds. */
static void
fm_check_struct(const struct runmeta *m)
{
	FUZZ_ASSERT(m->format == 1 || m->format == 2);
	FUZZ_ASSERT(m->vms == 0 || (m->vms >= 2 && m->vms <= RUNMETA_MAX_VMS));
	FUZZ_ASSERT(m->nfaults <= FAULT_MAX);
	FUZZ_ASSERT(m->status <= RUN_FAILED);
	FUZZ_ASSERT(m->failed_vm >= -1 && m->failed_vm < (int32_t)m->vms);
	FUZZ_ASSERT(memchr(m->version, '\0', sizeof m->version) != NULL);
	FUZZ_ASSERT(memchr(m->bind, '\0', sizeof m->bind) != NULL);
	FUZZ_ASSERT(memchr(m->error, '\0', sizeof m->error) != NULL);
	for (uint32_t i = 0; i < m->nfaults; i++)
		FUZZ_ASSERT(m->fault[i].vm < RUNMETA_MAX_VMS);
}

/* Read the len bytes of text (copied, NUL after): the reader's answer. */
static int
fm_read(const void *text, size_t len, struct runmeta *m, int *told)
{
	char err[512] = "";
	char *copy = malloc(len + 1);
	int rc;

	FUZZ_ASSERT(copy != NULL);
	memcpy(copy, text, len);
	copy[len] = '\0';
	*told = 0;
	rc = runmeta_read("run.meta", copy, len, m, NULL, fm_told, told, err,
	    sizeof err);
	free(copy);
	FUZZ_ASSERT(rc == -1 || rc == 0 || rc == 1);
	FUZZ_ASSERT((rc == 1) == (*told > 0));
	FUZZ_ASSERT(rc == 0 || strncmp(err, "run.meta", 8) == 0);
	return rc;
}

/*
 * A run.meta read whole writes a text that is a run.meta, and one that
 * reads back whole writes the same text again. (Numbers are written with
 * 15 significant digits: one typed with more may move, a fault's time
 * onto the end, so that it no longer fits the run.)
 */
static void
fm_round_trip(const struct runmeta *m)
{
	struct runmeta *back = malloc(sizeof *back);
	size_t len1, len2 = 0;
	char *t1, *t2 = NULL;
	int told;

	FUZZ_ASSERT(back != NULL);
	FUZZ_ASSERT((t1 = runmeta_format(m, &len1)) != NULL);
	int rc = fm_read(t1, len1, back, &told);
	FUZZ_ASSERT(rc != -1);
	if (rc == 0) {
		FUZZ_ASSERT((t2 = runmeta_format(back, &len2)) != NULL);
		FUZZ_ASSERT(len1 == len2 && memcmp(t1, t2, len1) == 0);
	}
	free(t1);
	free(t2);
	free(back);
}

int
fuzz_meta(const uint8_t *data, size_t size)
{
	struct runmeta *m = malloc(sizeof *m);
	int told;

	FUZZ_ASSERT(m != NULL);
	int rc = fm_read(data, size, m, &told);
	if (rc >= 0)
		fm_check_struct(m);
	if (rc == 0)
		fm_round_trip(m);
	free(m);
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
