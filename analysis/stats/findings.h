/* analysis/stats/findings.h -- a few one-line observations computed from a run's figures */
#ifndef ANALYSIS_STATS_FINDINGS_H
#define ANALYSIS_STATS_FINDINGS_H

#include <stdio.h>

#include "analysis/rundir/runinfo.h"
#include "analysis/stats/stats.h"

/* Which VM drifted, led, jumped, queued and waited most, as sentences. */
void findings_write(FILE *f, const struct runinfo *ri, const struct stats *st);

/* One finding as "- text", its words wrapped under the first at 78. */
__attribute__((format(printf, 2, 3))) void findings_say(FILE *f,
    const char *fmt, ...);

#endif
