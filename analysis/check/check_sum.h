/* analysis/check/check_sum.h -- `clockring check` of a run without full logs (--log summary or off) */
#ifndef ANALYSIS_CHECK_CHECK_SUM_H
#define ANALYSIS_CHECK_CHECK_SUM_H

#include <stdio.h>

/*
 * Check what a summary or logless run lets one check: run.meta, and
 * vms.csv (its header vms_header: analyze's, which this layer does not
 * see), series.csv and jumps.csv each well formed and consistent with
 * the others. Says on out what it verified and what it could not without
 * full logs. The exit status as check_run's, or -1: a run with full logs
 * (or no run.meta it reads), for check_run's own rules.
 */
int check_sum_run(const char *run_dir, const char *vms_header, FILE *out,
    FILE *err);

#endif
