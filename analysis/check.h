/* analysis/check.h -- `clockring check RUN_DIR`: verify a run's invariants */
#ifndef ANALYSIS_CHECK_H
#define ANALYSIS_CHECK_H

#include <stdio.h>

/*
 * Check the run directory against docs/FORMAT.md. Violations and the
 * verdict (or, when all is well, a summary) go to out; a reason why the
 * directory cannot be checked at all goes to err as one line. Returns the
 * exit status: 0 every rule holds, 1 some rule is broken, 2 unusable input.
 */
int check_run(const char *run_dir, FILE *out, FILE *err);

#endif
