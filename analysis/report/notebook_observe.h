/* analysis/report/notebook_observe.h -- the report's observations: every sentence computed from the measured numbers */
#ifndef ANALYSIS_REPORT_NOTEBOOK_OBSERVE_H
#define ANALYSIS_REPORT_NOTEBOOK_OBSERVE_H

#include <stddef.h>

#include "analysis/compare/compare.h"

/* Observations, each allocated: a head to stress (or NULL), then the rest. */
struct notebook_text {
	char **head;
	char **line;
	size_t n;
};

/* The figures the effects are told in: jumps (share, mean), drift, queue. */
#define NOTEBOOK_NEFFECTS	4
extern const int notebook_effect_figs[NOTEBOOK_NEFFECTS];

/*
 * The observations, one per line: for each experiment what its change of
 * settings did against the reference (experiment 0) and whether the runs
 * settle it; which experiment ranked first and last; how the gap between
 * clock rates went with drift and queues. 0, or -1 out of memory.
 */
int notebook_observe(const struct compare *c, struct notebook_text *t);
void notebook_text_free(struct notebook_text *t);

/*
 * "clock rates 3-4 instead of 1-6 ticks/s": experiment i's settings
 * against the reference's, as their runs' run.meta files have them.
 */
void notebook_changes(const struct compare *c, size_t i, char *buf,
    size_t len);
/* "▼ 13.6% → 10.2% (−25%)": fig of experiment i against the reference. */
void notebook_effect(const struct compare *c, size_t i, int fig, char *buf,
    size_t len);

#endif
