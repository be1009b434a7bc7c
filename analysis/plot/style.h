/* analysis/plot/style.h -- what the plots' look depends on: VM colours, heat maps, tic steps, space-time labels */
#ifndef ANALYSIS_PLOT_STYLE_H
#define ANALYSIS_PLOT_STYLE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/* VMs with a colour of their own; a larger ring gets heat maps. */
#define STYLE_COLOURS	16

/* VM i's colour, 0xRRGGBB, for i < STYLE_COLOURS. */
extern const uint32_t style_palette[STYLE_COLOURS];

/* Are drift and queue drawn as heat maps (a row per VM) for n VMs? */
bool style_heat(uint32_t nvms);

/*
 * The tic step of an axis of whole numbers from 0 to top: 1, 2 or 5
 * times a power of ten, never below 1, the smallest that needs at most
 * most steps (most >= 1; a top beyond 10^19 gets 10^19).
 */
uint64_t style_tic_step(uint64_t top, unsigned most);

/*
 * The space-time diagram's Lamport labels, as the window allows them.
 * Offsets are in lanes, down from a lane's middle (negative: above).
 */
struct style_labels {
	unsigned rows;		/* event labels: 0 none, 1 above each mark,
				 * 2 above and below in turn */
	bool messages;		/* each message's on its arrow too */
	double event_dy;	/* an event label's offset above its lane */
	double message_dy;	/* a message label's, below the upper lane
				 * of the last pair its arrow crosses */
	uint64_t limit;		/* events one lane may hold in the window
				 * for its labels to fit (0: lanes too thin) */
	double fit_s;		/* a window this long (model s) would fit */
};

/*
 * The labels for nvms lanes whose busiest holds busiest events in a
 * window win_s model seconds long, with clocks up to max_lamport.
 */
struct style_labels style_labels(uint32_t nvms, uint64_t busiest,
    uint64_t max_lamport, double win_s);

/* What style_write needs to know of a run. */
struct style_run {
	uint32_t nvms;
	uint64_t clock_top, drift_top, queue_top;	/* highest values */
	uint64_t busiest, max_lamport;	/* of the space-time window */
	double win_t0, win_t1;
};

/* The gnuplot variables of the look, for plotvars.gp. */
void style_write(FILE *f, const struct style_run *r);

#endif
