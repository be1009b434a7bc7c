/* analysis/stats/stats.h -- the statistics of a run, computed from its merged event stream */
#ifndef ANALYSIS_STATS_STATS_H
#define ANALYSIS_STATS_STATS_H

#include <stdint.h>

#include "analysis/causal/hb.h"
#include "analysis/rundir/logread.h"
#include "analysis/rundir/runinfo.h"
#include "analysis/stats/msgs.h"

/* Samples of the step functions: at t_k = k * end_s / STATS_GRID. */
#define STATS_GRID	2000

/*
 * Where the series go while the stream passes (analysis/stats/series.c writes
 * them to files): nothing of them is kept here, so memory stays flat.
 */
struct stats_sink {
	void *ctx;
	/* Sample k of STATS_GRID: every clock and queue after the events
	 * at or before t, and max, the highest clock of the VMs alive;
	 * dead[i] is 1 once VM i has died (its values mean nothing). */
	void (*sample)(void *ctx, double t, uint64_t max,
	    const uint64_t *clock, const uint64_t *queue,
	    const unsigned char *dead);
	/* Each tick inside the space-time window, ri->win_t0..win_t1, with
	 * the clock it set. */
	void (*tick)(void *ctx, double t, uint32_t vm, enum log_kind kind,
	    uint64_t lamport);
	msgs_fn *message;	/* each message once both ends are known */
};

/* The figures of one VM, final after stats_end. */
struct stats_vm {
	uint64_t rate;
	uint64_t ticks;		/* INTERNAL + SEND + RECV */
	uint64_t count[LOG_KINDS];	/* lines by enum log_kind */
	uint64_t msgs_out;	/* messages its SENDs carried, dropped aside */
	uint64_t to_next, to_prev, from_prev, from_next;	/* N = 2: all
				 * under next; from_*: RECV only */
	uint64_t final_clock;
	uint64_t jumps_over_1, jump_median, jump_p95, jump_max;
	double jump_mean;
	uint64_t drift_max, drift_final;
	double drift_mean;	/* time-weighted over [0, alive_until_s] */
	uint64_t queue_max;	/* of queue_len after each tick */
	double queue_mean;	/* time-weighted over [0, alive_until_s] */
	uint64_t delays;	/* RECVs matched to their SEND */
	double delay_mean_s, delay_max_s, delay_mean_ticks, delay_max_ticks;
	uint64_t lost_out;	/* its messages never logged by the receiver */
	uint64_t lost_in;	/* messages to it it never logged */
	uint64_t dropped_in;	/* messages to it its neighbours dropped */
	int died;		/* killed or signalled: dead after its last line */
	double alive_until_s;	/* its last line if it died, else the run's
				 * real end (end_s); its figures and series
				 * end there */
};

/* The ticks inside the space-time window: how crowded its lanes are. */
struct stats_window {
	uint64_t ticks;		/* of every VM */
	uint64_t busiest;	/* of the VM with the most */
	uint64_t max_lamport;	/* the highest clock one of them set */
};

struct stats;

struct stats *stats_new(const struct runinfo *ri, const struct stats_sink *sink);
/* VM vm's rate, where run.meta does not list it (a ring of more than
 * RUNMETA_MAX_VMS): before stats_finish. */
void stats_set_rate(struct stats *st, uint32_t vm, uint32_t rate);
/* VM vm's lines come soon: its figures into the cache ahead of them (a
 * driver that knows its next VMs, with a ring too big for the cache). */
void stats_prefetch(const struct stats *st, uint32_t vm);
/* Later, when they came in: the blocks they point to (jump counts, the
 * oldest unmatched message of each link). */
void stats_prefetch_blocks(const struct stats *st, uint32_t vm);
/* Take the next line of the merged stream, from VM vm's log: 0, or -1
 * with errno (ENOMEM; ERANGE: a clock jump beyond HIST_LIMIT; EOVERFLOW:
 * more than UINT32_MAX jumps of one size). */
int stats_add(struct stats *st, uint32_t vm, const struct log_event *ev);
/* The stream has ended: last samples, lost messages. */
void stats_end(struct stats *st);
/* After stats_end: VM vm's figures, made now from what is kept of it. */
void stats_figures(const struct stats *st, uint32_t vm, struct stats_vm *f);
/* stats_end, and every VM's figures kept for stats_vm: 0, or -1 (ENOMEM). */
int stats_finish(struct stats *st);
const struct stats_vm *stats_vm(const struct stats *st, uint32_t vm);
/* How many jumps of size s VM vm made, and the largest of any VM. */
uint64_t stats_jumps(const struct stats *st, uint32_t vm, uint64_t s);
uint64_t stats_max_jump(const struct stats *st);
/* Add VM vm's jumps of each size s to n[s] (n has stats_max_jump + 1). */
void stats_add_jumps(const struct stats *st, uint32_t vm, uint64_t *n);
const struct stats_window *stats_window(const struct stats *st);
/*
 * The pairs of the window's ticks that happened-before orders (over its
 * first HB_MAX_EVENTS ticks), after stats_finish; NULL if they could not
 * be counted, *why saying why.
 */
const struct hb *stats_hb(const struct stats *st, const char **why);
const struct msgs_link *stats_link(const struct stats *st, uint32_t src,
    int to_prev);
void stats_free(struct stats *st);

#endif
