/* analysis/causal/hb.h -- how many pairs of events happened-before orders, and how many concurrent ones Lamport order still ranks */
#ifndef ANALYSIS_CAUSAL_HB_H
#define ANALYSIS_CAUSAL_HB_H

#include <stddef.h>
#include <stdint.h>

#include "analysis/causal/vclock.h"
#include "vm/core/logline.h"

/*
 * The most ticks, and ticks times VMs (vector entries), the figures are
 * counted over: every pair of them, exactly. A window that holds more is
 * counted over its first ticks only, and says so (struct hb.cut).
 */
#define HB_MAX_EVENTS	100000
#define HB_MAX_CELLS	(4u << 20)	/* 16 MiB of vectors */

/* Pairs of distinct events {a, b}. */
struct hb_tally {
	uint64_t pairs;		/* all of them */
	uint64_t ordered;	/* a -> b or b -> a: the others are concurrent */
	uint64_t ranked;	/* L(a) != L(b): Lamport order puts one first */
	uint64_t ranked_concurrent;	/* ranked, yet concurrent */
};

/* The figures of a run's ticks over a span of model time. */
struct hb {
	uint32_t n;		/* VMs */
	uint64_t events;	/* ticks counted */
	double t0, t1;		/* the span they come from, model seconds */
	int cut;		/* 1: the window went on past t1 (too many) */
	struct hb_tally all;
	struct hb_tally *dist;	/* n / 2 + 1: by the ring distance between
				 * the VMs of a and b (0: the same VM) */
	struct hb_tally *vm;	/* n: by the lower-numbered VM of the two;
				 * they sum to all */
	uint64_t *ticks;	/* n: each VM's ticks counted */
};

/*
 * Count every pair of r's events: O(events * VMs * log events), since
 * along each VM's ticks an entry of the vector never falls. 0, or -1
 * (ENOMEM). h->t0, t1, cut are left as they were.
 */
int hb_count(const struct vclock_run *r, struct hb *h);
void hb_free(struct hb *h);

/* The ring distance between VMs i and j of n. */
uint32_t hb_distance(uint32_t n, uint32_t i, uint32_t j);

/* A span's ticks, given in the merged stream's order, to be counted. */
struct hb_window;

/* For a ring of n VMs, from model time t0; NULL when out of memory. */
struct hb_window *hb_window_new(uint32_t n, double t0);
/*
 * A tick of VM ev->vm at model time t (passed over once the window is
 * full, which marks it cut): 0, or -1 (ENOMEM).
 */
int hb_window_add(struct hb_window *w, double t, const struct log_event *ev);
/*
 * The window ended at t1 (where the stream stopped feeding it): count
 * its pairs into h, and free w either way. 0, or -1 with err.
 */
int hb_window_end(struct hb_window *w, double t1, struct hb *h, char *err,
    size_t errlen);
void hb_window_free(struct hb_window *w);

#endif
