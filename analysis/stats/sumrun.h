/* analysis/stats/sumrun.h -- a summary run's files (vms.csv, series.csv, jumps.csv) read into the figures analyze shows */
#ifndef ANALYSIS_STATS_SUMRUN_H
#define ANALYSIS_STATS_SUMRUN_H

#include <stddef.h>
#include <stdint.h>

#include "analysis/rundir/runinfo.h"

/* The per-VM figures whose spread over the VMs summary.txt shows. */
enum sumrun_fig { SF_RATE, SF_TICKS, SF_CLOCK, SF_JUMP_MAX, SF_DRIFT_MAX,
	SF_DRIFT_MEAN, SF_QUEUE_MAX, SF_QUEUE_MEAN, SF_DELAY, SF_N };

struct sumrun_figinfo {
	const char *col;	/* its vms.csv column */
	const char *label;	/* for people */
	int decimals;		/* 0: a whole number */
};
extern const struct sumrun_figinfo sumrun_figs[SF_N];

/* A figure over the VMs: nearest-rank percentiles, and who is at the ends. */
struct sumrun_dist {
	double min, p50, p99, max;
	uint32_t vm_min, vm_max;	/* the lowest id of each */
};

/* Rings up to this many VMs keep a table row per VM in summary.txt. */
#define SUMRUN_TABLE_MAX	16
#define SUMRUN_COLS	35	/* of vms.csv */

/* vms.csv columns the per-VM table shows. */
enum { SUMRUN_VM, SUMRUN_RATE, SUMRUN_TICKS, SUMRUN_INTERNAL, SUMRUN_SEND,
	SUMRUN_RECV, SUMRUN_PENDING, SUMRUN_MSGS_OUT, SUMRUN_CLOCK = 12,
	SUMRUN_OVER1, SUMRUN_JUMP_MAX = 17, SUMRUN_DRIFT_MAX,
	SUMRUN_DRIFT_MEAN, SUMRUN_QUEUE_MAX = 21, SUMRUN_QUEUE_MEAN,
	SUMRUN_DELAY = 25, SUMRUN_LOST_OUT = 29, SUMRUN_DIED = 32 };

struct sumrun {
	uint32_t nvms;
	double row[SUMRUN_TABLE_MAX][SUMRUN_COLS];	/* vms.csv, if it fits */
	double end_s;		/* series.csv's last t */
	struct sumrun_dist dist[SF_N];
	uint64_t ticks, internal, send, recv, pending, msgs_out, over1;
	uint64_t lost, died;
	uint64_t pending_vm;	/* the VM with the most pending messages */
	uint64_t pending_most;	/* how many */
	uint64_t jumps, jump_sizes;	/* jumps.csv: count, summed sizes */
	uint64_t jump_max;		/* its largest size */
	double drift_peak, drift_peak_t;	/* series.csv: highest drift_max */
	double queue_peak, queue_peak_t;	/* and queue_max, and when */
};

/*
 * Read RUN/vms.csv (streamed, once per figure: memory is one array of
 * nvms doubles), series.csv and jumps.csv into s: 0, or -1 with
 * "PATH[:LINE]: reason" in err.
 */
int sumrun_load(struct sumrun *s, const struct runinfo *ri, char *err,
    size_t errlen);
/* The pct-th percentile of n values (n > 0) by hist_rank's rule; v is
 * reordered on the way. */
double sumrun_rank(double *v, size_t n, unsigned pct);
/* The column headers of vms.csv, without a newline. */
extern const char sumrun_vms_header[];

#endif
