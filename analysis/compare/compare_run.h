/* analysis/compare/compare_run.h -- one run of an experiment: its figures, series and jumps, from its analysis */
#ifndef ANALYSIS_COMPARE_COMPARE_RUN_H
#define ANALYSIS_COMPARE_COMPARE_RUN_H

#include <stddef.h>

#include "analysis/compare/compare.h"

/*
 * Read run directory dir (run.meta and analysis/summary.csv, drift.dat,
 * queue.dat, jumps.dat; of a summary run, log=summary, its vms.csv,
 * series.csv and jumps.csv instead) into run (run->repeat set by the caller), its
 * settings included, and add its series and jumps to e's; repeat 1 lays
 * down the model times. 0, or -1 with why: "PATH[:LINE]: reason".
 */
int compare_run_load(const char *dir, struct compare_exp *e,
    struct compare_run *run, char *why, size_t len);

#endif
