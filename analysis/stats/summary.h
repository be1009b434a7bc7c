/* analysis/stats/summary.h -- the per-VM table printed after a run */
#ifndef ANALYSIS_STATS_SUMMARY_H
#define ANALYSIS_STATS_SUMMARY_H

#include <stddef.h>
#include <stdio.h>

int summary_print(const char *run_dir, FILE *out, char *err, size_t errlen);

#endif
