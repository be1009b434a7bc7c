/* analysis/series.h -- the gnuplot data files: sampled series, window, jump counts */
#ifndef ANALYSIS_SERIES_H
#define ANALYSIS_SERIES_H

#include <stddef.h>

#include "analysis/runinfo.h"
#include "analysis/stats.h"

struct series;

/*
 * Create clock.dat, drift.dat, queue.dat, messages.dat and events.dat in
 * dir, headers written, and point sink at them; NULL with err on failure.
 */
struct series *series_open(const char *dir, const struct runinfo *ri,
    struct stats_sink *sink, char *err, size_t errlen);
/* Close them all: 0, or -1 with "PATH: reason" if any write failed. */
int series_close(struct series *s, char *err, size_t errlen);
/* DIR/jumps.dat from the finished statistics: 0, or -1 with err. */
int series_jumps(const char *dir, const struct runinfo *ri,
    const struct stats *st, char *err, size_t errlen);

#endif
