/* analysis/stats/sumtext.h -- summary.txt: a run's figures as tables and findings for people */
#ifndef ANALYSIS_STATS_SUMTEXT_H
#define ANALYSIS_STATS_SUMTEXT_H

#include <stdio.h>

#include "analysis/rundir/runinfo.h"
#include "analysis/stats/stats.h"

/* The whole text, fit for an 80-column terminal. */
void sumtext_write(FILE *f, const struct runinfo *ri, const struct stats *st);

#endif
