/* tests/checkrun.h -- run `clockring check` in a test and look at what it said */
#ifndef TESTS_CHECKRUN_H
#define TESTS_CHECKRUN_H

#include <stdio.h>
#include <string.h>

#include <check.h>

#include "analysis/check/check.h"

/* Run check_run on dir; the caller frees *out and *err. */
static inline int
run_check(const char *dir, char **out, char **err)
{
	size_t outlen, errlen;
	FILE *fout = open_memstream(out, &outlen);
	FILE *ferr = open_memstream(err, &errlen);
	int rc;

	ck_assert_ptr_nonnull(fout);
	ck_assert_ptr_nonnull(ferr);
	rc = check_run(dir, fout, ferr);
	ck_assert_int_eq(fclose(fout), 0);
	ck_assert_int_eq(fclose(ferr), 0);
	return rc;
}

/* out must hold "DIR/" want, e.g. "vm0.csv:5: clock-step: ". */
static inline void
assert_names(const char *out, const char *dir, const char *want)
{
	char full[512];

	snprintf(full, sizeof full, "%s/%s", dir, want);
	ck_assert_msg(strstr(out, full) != NULL, "'%s' not in output:\n%s", full,
	    out);
}

#endif
