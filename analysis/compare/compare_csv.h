/* analysis/compare/compare_csv.h -- compare.csv (one row per experiment) and runs.csv (one per run) */
#ifndef ANALYSIS_COMPARE_COMPARE_CSV_H
#define ANALYSIS_COMPARE_COMPARE_CSV_H

#include <stddef.h>

#include "analysis/compare/compare.h"

/*
 * DIR/compare.csv: settings (those its repeats differ in left empty),
 * then mean, sd, min and max of each figure (compare_figs[].key) across
 * repeats; DIR/runs.csv: each run's seed, settings, rates and figures.
 * Settings come from run.meta. Shares are fractions (0..1), 4 decimals.
 * 0, or -1 with err.
 */
int compare_csv_write(const struct compare *c, const char *dir, char *err,
    size_t errlen);

#endif
