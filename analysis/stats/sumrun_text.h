/* analysis/stats/sumrun_text.h -- summary.txt, findings and plotvars.gp of a summary run: a person-sized text at any ring size */
#ifndef ANALYSIS_STATS_SUMRUN_TEXT_H
#define ANALYSIS_STATS_SUMRUN_TEXT_H

#include <stdio.h>

#include "analysis/rundir/runinfo.h"
#include "analysis/stats/sumrun.h"

/* The whole text: totals, the spread over the VMs, a table per VM of a
 * small ring, findings. */
void sumrun_text_write(FILE *f, const struct runinfo *ri,
    const struct sumrun *s);
/* The gnuplot variables the summary_*.gp scripts load. */
void sumrun_plotvars(FILE *f, const struct runinfo *ri,
    const struct sumrun *s);

#endif
