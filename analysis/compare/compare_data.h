/* analysis/compare/compare_data.h -- the data files and variables of the comparison plots */
#ifndef ANALYSIS_COMPARE_COMPARE_DATA_H
#define ANALYSIS_COMPARE_COMPARE_DATA_H

#include <stddef.h>

#include "analysis/compare/compare.h"

/*
 * Into dir: compare_drift.dat and compare_queue.dat (a block per
 * experiment: t, mean, min, max across repeats of the largest value among
 * the VMs), compare_jumps.dat (size, then each experiment's share of
 * ticks), compare_figs.dat and compare_runs.dat (figures per experiment
 * and per run) and comparevars.gp. 0, or -1 with err.
 */
int compare_data_write(const struct compare *c, const char *dir, char *err,
    size_t errlen);

/* Is any experiment of c a point of a sweep (compare_sweep.dat has rows)? */
int compare_has_sweep(const struct compare *c);
/* Is c->exps[i] the first point of its sweep in c (that names the sweep)? */
int compare_sweep_first(const struct compare *c, size_t i);
/* The point of sweep name after prev by value (prev NULL: the first), or NULL. */
const struct compare_exp *compare_sweep_next(const struct compare *c,
    const char *name, const struct compare_exp *prev);

#endif
