/* analysis/rundir/meta.h -- a run's run.meta read from its directory (the format: vm/core/runmeta) */
#ifndef ANALYSIS_RUNDIR_META_H
#define ANALYSIS_RUNDIR_META_H

#include <stddef.h>

#include "vm/core/runmeta.h"

/*
 * Read DIR/run.meta into m. 0, or -1 with "PATH[:LINE]: reason" in err:
 * it cannot be read, is no run.meta this clockring reads, or a key is
 * missing or bad (the first one is said).
 */
int meta_load(const char *dir, struct runmeta *m, char *err, size_t errlen);

/*
 * The same for a caller that judges each key itself (check) or shows
 * what is wrong (the suite): every missing or bad key is told to fn and
 * leaves its field at its default; seen (or NULL) gets where each key
 * was. Returns 0 all good, 1 some key missing or bad, -1 with err when
 * the file cannot be read or is no run.meta at all.
 */
int meta_read(const char *dir, struct runmeta *m, struct runmeta_seen *seen,
    runmeta_problem_fn *fn, void *ctx, char *err, size_t errlen);

#endif
