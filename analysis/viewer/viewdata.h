/* analysis/viewer/viewdata.h -- the ticks of a run as the compact JSON the viewer's page reads */
#ifndef ANALYSIS_VIEWER_VIEWDATA_H
#define ANALYSIS_VIEWER_VIEWDATA_H

#include <stddef.h>
#include <stdio.h>

#include "analysis/causal/vclock.h"
#include "analysis/rundir/runinfo.h"

/* The most ticks, and vector entries (ticks times VMs), a page holds. */
#define VIEWDATA_MAX_TICKS	2000000
#define VIEWDATA_MAX_CELLS	32000000

/* What goes on the page: the ticks of model seconds [t0, t1] of a run. */
struct viewdata_src {
	const struct vclock_run *run;
	const struct runinfo *ri;
	const char *name;	/* the run's name, shown in the title */
	double t0, t1;
};

/* How many ticks of the run fall in [t0, t1]. */
size_t viewdata_count(const struct viewdata_src *s);
/*
 * The data as one JSON object onto out (docs/DESIGN.md, The space-time
 * page): 0, or -1 with err (out of memory). Write errors are the
 * caller's to find, on out.
 */
int viewdata_write(const struct viewdata_src *s, FILE *out, char *err,
    size_t errlen);

#endif
