/* analysis/stats/series.h -- the gnuplot data files: sampled series, window, jump counts, fault markers */
#ifndef ANALYSIS_STATS_SERIES_H
#define ANALYSIS_STATS_SERIES_H

#include <stddef.h>

#include "analysis/rundir/runinfo.h"
#include "analysis/stats/stats.h"

struct series;

/*
 * Create clock.dat, drift.dat, queue.dat, messages.dat and events.dat in
 * dir, headers written, and point sink at them; NULL with err on failure.
 */
struct series *series_open(const char *dir, const struct runinfo *ri,
    struct stats_sink *sink, char *err, size_t errlen);
/* Close them all: 0, or -1 with "PATH: reason" if any write failed. */
int series_close(struct series *s, char *err, size_t errlen);
/*
 * DIR/faults.dat, the faults run.meta lists as plot markers, one per line:
 * "t_start t_end kind label", model seconds, kind kill, pause or slow, and
 * a short quoted label ("kill 2", "pause 1", "slow 0->1"); a kill ends
 * where it starts. Without faults, the header alone. 0, or -1 with err.
 */
int series_faults(const char *dir, const struct runinfo *ri, char *err,
    size_t errlen);
/* DIR/jumps.dat from the finished statistics: 0, or -1 with err. */
int series_jumps(const char *dir, const struct runinfo *ri,
    const struct stats *st, char *err, size_t errlen);
/*
 * DIR/causal.dat: the pairs of the window's ticks by the ring distance
 * between their VMs, a row per distance: "distance pairs ordered
 * concurrent ranked ranked_concurrent tied" (tied: concurrent, of equal
 * clocks); the header alone when there is no pair. 0, or -1 with err.
 */
int series_causal(const char *dir, const struct stats *st, char *err,
    size_t errlen);

#endif
